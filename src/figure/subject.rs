//! What a figure is about, and whether it was stated or derived.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::id::{FigureId, FrameworkId, OrganisationId, PortfolioId, ProgrammeId};

/// Whether a source stated a figure or it was computed from others.
///
/// # Example
///
/// ```
/// use partnerships::figure::Derivation;
/// use partnerships::id::FigureId;
///
/// let derived = Derivation::Derived { inputs: vec![FigureId::new("total")?, FigureId::new("count")?], method: "quotient".to_owned() };
/// assert!(!derived.is_stated());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Derivation {
    /// Stated by its sources.
    #[default]
    Stated,
    /// Computed from other figures.
    Derived {
        /// The figures it was computed from.
        inputs: Vec<FigureId>,
        /// How, in words ("quotient").
        method: String,
    },
}

impl Derivation {
    /// Whether the figure was stated by a source.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::Derivation;
    ///
    /// assert!(Derivation::Stated.is_stated());
    /// ```
    #[must_use]
    pub fn is_stated(&self) -> bool {
        matches!(self, Derivation::Stated)
    }
}

/// What a figure is about.
///
/// # Example
///
/// ```
/// use partnerships::figure::Subject;
/// use partnerships::id::ProgrammeId;
///
/// let about = Subject::Programme(ProgrammeId::new("joint-initiative")?);
/// assert_eq!(about.to_string(), "programme joint-initiative");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Subject {
    /// An organisation, such as IOM's humanitarian assistance.
    Organisation(OrganisationId),
    /// A framework and its partnership.
    Framework(FrameworkId),
    /// A programme's results.
    Programme(ProgrammeId),
    /// A portfolio's count or value.
    Portfolio(PortfolioId),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Organisation(id) => write!(f, "organisation {id}"),
            Subject::Framework(id) => write!(f, "framework {id}"),
            Subject::Programme(id) => write!(f, "programme {id}"),
            Subject::Portfolio(id) => write!(f, "portfolio {id}"),
        }
    }
}
