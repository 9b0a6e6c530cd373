//! The documents facts come from.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::id::SourceId;

/// A document that facts come from.
///
/// # Example
///
/// ```
/// use partnerships::id::SourceId;
/// use partnerships::Source;
///
/// let mut source = Source::new(SourceId::new("intpa-2020-10-13")?, "Seventh EU-IOM strategic meeting");
/// source.publisher = Some("Directorate-General for International Partnerships".to_owned());
/// source.published = Some("2020-10-13".parse()?);
/// assert_eq!(source.published.unwrap().to_string(), "2020-10-13");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// The source's identifier in its dataset.
    pub id: SourceId,
    /// The title as published.
    pub title: String,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// When it was published.
    #[serde(default)]
    pub published: Option<PartialDate>,
    /// Where it can be found (a URL).
    #[serde(default)]
    pub url: Option<String>,
    /// Where in it the facts are (a section, page or paragraph).
    #[serde(default)]
    pub locator: Option<String>,
}

impl Source {
    /// A source with a title and nothing else known yet.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::SourceId;
    /// use partnerships::Source;
    ///
    /// let source = Source::new(SourceId::new("seed")?, "News announcement");
    /// assert!(source.publisher.is_none());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(id: SourceId, title: impl Into<String>) -> Source {
        Source {
            id,
            title: title.into(),
            publisher: None,
            published: None,
            url: None,
            locator: None,
        }
    }
}
