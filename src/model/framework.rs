//! Cooperation frameworks between parties.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::id::{FrameworkId, OrganisationId, SourceId};

/// A cooperation agreement between parties, such as the EU–IOM Strategic Cooperation Framework
/// established in July 2012.
///
/// # Example
///
/// ```
/// use partnerships::id::{FrameworkId, OrganisationId};
/// use partnerships::Framework;
///
/// let mut scf = Framework::new(FrameworkId::new("eu-iom-scf")?, "EU-IOM Strategic Cooperation Framework");
/// scf.parties = vec![OrganisationId::new("eu")?, OrganisationId::new("iom")?];
/// scf.areas = ["migration", "development", "humanitarian response", "human rights"].map(String::from).to_vec();
/// scf.established = Some("2012-07".parse()?);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Framework {
    /// The framework's identifier in its dataset.
    pub id: FrameworkId,
    /// Its name.
    pub name: String,
    /// The parties that signed it.
    #[serde(default)]
    pub parties: Vec<OrganisationId>,
    /// The areas of cooperation it covers, as its sources name them.
    #[serde(default)]
    pub areas: Vec<String>,
    /// When it was established.
    #[serde(default)]
    pub established: Option<PartialDate>,
    /// The source that establishes it (the agreement itself, or a report of it).
    #[serde(default)]
    pub established_by: Option<SourceId>,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Framework {
    /// A framework with a name and nothing else known yet.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::FrameworkId;
    /// use partnerships::Framework;
    ///
    /// assert!(Framework::new(FrameworkId::new("f")?, "F").parties.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(id: FrameworkId, name: impl Into<String>) -> Framework {
        Framework {
            id,
            name: name.into(),
            parties: Vec::new(),
            areas: Vec::new(),
            established: None,
            established_by: None,
            sources: Vec::new(),
        }
    }
}
