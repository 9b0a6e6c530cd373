//! Results of programmes, and portfolios of many projects.

use serde::{Deserialize, Serialize};

use crate::date::Period;
use crate::id::{FigureId, OrganisationId, OutcomeId, PortfolioId, ProgrammeId, SourceId};

/// A level of the results chain, as in IATI and the OECD DAC.
///
/// # Example
///
/// ```
/// use partnerships::model::ResultLevel;
///
/// assert_eq!(ResultLevel::Outcome.to_string(), "outcome");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ResultLevel {
    /// What the work produced directly (people assisted).
    Output,
    /// The change it brought (people reintegrated).
    Outcome,
    /// The lasting effect.
    Impact,
}

impl std::fmt::Display for ResultLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ResultLevel::Output => "output",
            ResultLevel::Outcome => "outcome",
            ResultLevel::Impact => "impact",
        })
    }
}

/// A result a programme reports, with its baseline, target and actual as figures.
///
/// # Example
///
/// ```
/// use partnerships::id::{FigureId, OutcomeId, ProgrammeId};
/// use partnerships::model::{OutcomeMetric, ResultLevel};
///
/// let mut returns = OutcomeMetric::new(
///     OutcomeId::new("ji-returns")?,
///     ProgrammeId::new("joint-initiative")?,
///     ResultLevel::Output,
///     "migrants protected and assisted in returning home",
/// );
/// returns.actual = Some(FigureId::new("ji-returns-actual")?);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OutcomeMetric {
    /// The metric's identifier in its dataset.
    pub id: OutcomeId,
    /// The programme it is a result of.
    pub programme: ProgrammeId,
    /// Its level in the results chain.
    pub level: ResultLevel,
    /// What it measures.
    pub description: String,
    /// The value before the programme.
    #[serde(default)]
    pub baseline: Option<FigureId>,
    /// The value aimed at.
    #[serde(default)]
    pub target: Option<FigureId>,
    /// The value reached.
    #[serde(default)]
    pub actual: Option<FigureId>,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl OutcomeMetric {
    /// A result of `programme` with no values yet.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{OutcomeId, ProgrammeId};
    /// use partnerships::model::{OutcomeMetric, ResultLevel};
    ///
    /// let m = OutcomeMetric::new(OutcomeId::new("m")?, ProgrammeId::new("p")?, ResultLevel::Outcome, "x");
    /// assert!(m.actual.is_none());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(
        id: OutcomeId,
        programme: ProgrammeId,
        level: ResultLevel,
        description: impl Into<String>,
    ) -> OutcomeMetric {
        OutcomeMetric {
            id,
            programme,
            level,
            description: description.into(),
            baseline: None,
            target: None,
            actual: None,
            sources: Vec::new(),
        }
    }

    /// The figures of the metric that are set: baseline, target, actual.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{FigureId, OutcomeId, ProgrammeId};
    /// use partnerships::model::{OutcomeMetric, ResultLevel};
    ///
    /// let mut m = OutcomeMetric::new(OutcomeId::new("m")?, ProgrammeId::new("p")?, ResultLevel::Outcome, "x");
    /// m.actual = Some(FigureId::new("f")?);
    /// assert_eq!(m.figures().count(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn figures(&self) -> impl Iterator<Item = &FigureId> {
        [&self.baseline, &self.target, &self.actual]
            .into_iter()
            .filter_map(Option::as_ref)
    }
}

/// An aggregate claim over many projects: "535 projects, approximately EUR 1.88 billion,
/// 2015–2019, the Commission and IOM".
///
/// The count and the value are figures; the average per project, when the dataset has it, is a
/// derived figure (see [`Figure::per`](crate::Figure::per)).
///
/// # Example
///
/// ```
/// use partnerships::id::{FigureId, OrganisationId, PortfolioId};
/// use partnerships::model::Portfolio;
///
/// let mut p = Portfolio::new(PortfolioId::new("ec-iom-2015-2019")?, FigureId::new("count")?, FigureId::new("value")?);
/// p.parties = vec![OrganisationId::new("european-commission")?, OrganisationId::new("iom")?];
/// p.period = Some("2015/2019".parse()?);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Portfolio {
    /// The portfolio's identifier in its dataset.
    pub id: PortfolioId,
    /// Who worked together.
    #[serde(default)]
    pub parties: Vec<OrganisationId>,
    /// When.
    #[serde(default)]
    pub period: Option<Period>,
    /// How many projects.
    pub project_count: FigureId,
    /// What they were worth.
    pub total_value: FigureId,
    /// The average value per project, derived from the two.
    #[serde(default)]
    pub average_value: Option<FigureId>,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Portfolio {
    /// A portfolio with its count and value figures.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{FigureId, PortfolioId};
    /// use partnerships::model::Portfolio;
    ///
    /// let p = Portfolio::new(PortfolioId::new("p")?, FigureId::new("c")?, FigureId::new("v")?);
    /// assert!(p.average_value.is_none());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(id: PortfolioId, project_count: FigureId, total_value: FigureId) -> Portfolio {
        Portfolio {
            id,
            parties: Vec::new(),
            period: None,
            project_count,
            total_value,
            average_value: None,
            sources: Vec::new(),
        }
    }
}
