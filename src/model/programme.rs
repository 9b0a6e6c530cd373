//! Programmes: funded work, who funds and implements it, where, and what it is worth.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::country_table::COUNTRIES;
use crate::date::{PartialDate, Period};
use crate::error::Error;
use crate::id::{FigureId, FrameworkId, FundId, OrganisationId, OutcomeId, ProgrammeId, SourceId};
use crate::money::Money;

/// A country as an ISO 3166-1 alpha-2 code, checked against the IATI Country codelist.
///
/// # Example
///
/// ```
/// use partnerships::model::CountryCode;
///
/// let niger: CountryCode = "NE".parse()?;
/// assert_eq!(niger.name(), "Niger (the)");
/// assert!("ne".parse::<CountryCode>().is_err());
/// assert!("XX".parse::<CountryCode>().is_err());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

/// Every code of the country table, in order.
#[cfg(feature = "schema")]
pub(crate) fn country_codes() -> impl Iterator<Item = &'static str> {
    COUNTRIES.iter().map(|(code, _, _)| *code)
}

impl CountryCode {
    /// The two-letter code.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::model::CountryCode;
    ///
    /// assert_eq!("GM".parse::<CountryCode>()?.as_str(), "GM");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    fn row(self) -> Option<&'static (&'static str, &'static str, bool)> {
        let code = self.as_str();
        COUNTRIES
            .binary_search_by(|(c, _, _)| (*c).cmp(code))
            .ok()
            .and_then(|index| COUNTRIES.get(index))
    }

    /// The country's English short name as the codelist gives it.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::model::CountryCode;
    ///
    /// assert_eq!("SN".parse::<CountryCode>()?.name(), "Senegal");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.row().map_or("", |(_, name, _)| name)
    }
}

impl FromStr for CountryCode {
    type Err = Error;

    fn from_str(text: &str) -> Result<CountryCode, Error> {
        let unknown = || {
            Error::parse(
                "country code",
                text,
                "expected an ISO 3166-1 alpha-2 code in upper case, such as \"NE\"",
            )
        };
        let bytes: [u8; 2] = text.as_bytes().try_into().map_err(|_| unknown())?;
        let code = CountryCode(bytes);
        code.row().map(|_| code).ok_or_else(unknown)
    }
}

impl TryFrom<String> for CountryCode {
    type Error = Error;

    fn try_from(text: String) -> Result<CountryCode, Error> {
        text.parse()
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> String {
        code.as_str().to_owned()
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who funds a programme: an organisation directly, or a fund.
///
/// # Example
///
/// ```
/// use partnerships::id::FundId;
/// use partnerships::model::Funder;
///
/// let eutf = Funder::Fund(FundId::new("eutf-africa")?);
/// assert_eq!(eutf.to_string(), "fund eutf-africa");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Funder {
    /// An organisation funds directly.
    Organisation(OrganisationId),
    /// A fund (managed by an organisation) funds.
    Fund(FundId),
}

impl fmt::Display for Funder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Funder::Organisation(id) => write!(f, "organisation {id}"),
            Funder::Fund(id) => write!(f, "fund {id}"),
        }
    }
}

/// Where a programme stands.
///
/// # Example
///
/// ```
/// use partnerships::model::ProgrammeStatus;
///
/// assert_eq!(ProgrammeStatus::Implementation.to_string(), "implementation");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProgrammeStatus {
    /// Being designed.
    Pipeline,
    /// Running.
    Implementation,
    /// Work done, accounts open.
    Finalisation,
    /// Closed.
    Closed,
    /// Cancelled.
    Cancelled,
    /// Suspended.
    Suspended,
}

impl fmt::Display for ProgrammeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProgrammeStatus::Pipeline => "pipeline",
            ProgrammeStatus::Implementation => "implementation",
            ProgrammeStatus::Finalisation => "finalisation",
            ProgrammeStatus::Closed => "closed",
            ProgrammeStatus::Cancelled => "cancelled",
            ProgrammeStatus::Suspended => "suspended",
        })
    }
}

/// A programme's budget: an exact amount, or a figure as a source reported it ("about ...").
///
/// # Example
///
/// ```
/// use partnerships::model::Budget;
/// use partnerships::Money;
///
/// let budget = Budget::Exact("EUR 1000000.00".parse::<Money>()?);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Budget {
    /// An exact amount.
    Exact(Money),
    /// A reported figure in the dataset.
    Figure(FigureId),
}

/// Funded work, such as the EU–IOM Joint Initiative for Migrant Protection and Reintegration.
///
/// Build one with [`Programme::builder`].
///
/// # Example
///
/// ```
/// use partnerships::id::{FundId, OrganisationId, ProgrammeId};
/// use partnerships::model::Funder;
/// use partnerships::Programme;
///
/// let ji = Programme::builder(ProgrammeId::new("joint-initiative")?, "EU-IOM Joint Initiative for Migrant Protection and Reintegration")
///     .launched("2016-12".parse()?)
///     .funder(Funder::Fund(FundId::new("eutf-africa")?))
///     .implementer(OrganisationId::new("iom")?)
///     .region("Africa")
///     .build();
/// assert_eq!(ji.launched.unwrap().to_string(), "2016-12");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Programme {
    /// The programme's identifier in its dataset.
    pub id: ProgrammeId,
    /// Its name.
    pub name: String,
    /// Its short name.
    #[serde(default)]
    pub acronym: Option<String>,
    /// The framework it runs under, if any.
    #[serde(default)]
    pub framework: Option<FrameworkId>,
    /// Who funds it.
    #[serde(default)]
    pub funders: Vec<Funder>,
    /// Who implements it.
    #[serde(default)]
    pub implementers: Vec<OrganisationId>,
    /// Partner countries.
    #[serde(default)]
    pub countries: Vec<CountryCode>,
    /// Regions, as named by the sources ("Africa").
    #[serde(default)]
    pub regions: Vec<String>,
    /// When it was launched.
    #[serde(default)]
    pub launched: Option<PartialDate>,
    /// When it ran (start to end), where known beyond the launch.
    #[serde(default)]
    pub period: Option<Period>,
    /// Where it stands.
    #[serde(default)]
    pub status: Option<ProgrammeStatus>,
    /// Its budget.
    #[serde(default)]
    pub budget: Option<Budget>,
    /// Its results.
    #[serde(default)]
    pub outcomes: Vec<OutcomeId>,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Programme {
    /// Starts a programme with its identifier and name.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::ProgrammeId;
    /// use partnerships::Programme;
    ///
    /// let p = Programme::builder(ProgrammeId::new("p")?, "P").build();
    /// assert!(p.funders.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn builder(id: ProgrammeId, name: impl Into<String>) -> ProgrammeBuilder {
        ProgrammeBuilder {
            programme: Programme {
                id,
                name: name.into(),
                acronym: None,
                framework: None,
                funders: Vec::new(),
                implementers: Vec::new(),
                countries: Vec::new(),
                regions: Vec::new(),
                launched: None,
                period: None,
                status: None,
                budget: None,
                outcomes: Vec::new(),
                sources: Vec::new(),
            },
        }
    }

    /// The programme's life: its period, or from its launch on when only that is known.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::ProgrammeId;
    /// use partnerships::Programme;
    ///
    /// let p = Programme::builder(ProgrammeId::new("p")?, "P").launched("2016-12".parse()?).build();
    /// assert_eq!(p.life().map(|l| l.to_string()), Some("2016-12/..".to_owned()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn life(&self) -> Option<Period> {
        self.period.or_else(|| self.launched.map(Period::since))
    }
}

/// Builds a [`Programme`]; see [`Programme::builder`]. Every combination of parts is a valid
/// programme, so `build` cannot fail.
///
/// # Example
///
/// ```
/// use partnerships::id::ProgrammeId;
/// use partnerships::model::{CountryCode, ProgrammeStatus};
/// use partnerships::Programme;
///
/// let p = Programme::builder(ProgrammeId::new("p")?, "P")
///     .country("NE".parse::<CountryCode>()?)
///     .status(ProgrammeStatus::Implementation)
///     .build();
/// assert_eq!(p.countries.len(), 1);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until build() is called"]
pub struct ProgrammeBuilder {
    programme: Programme,
}

impl ProgrammeBuilder {
    /// Its short name.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .acronym("JI")
    ///     .build();
    /// assert_eq!(p.acronym.as_deref(), Some("JI"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn acronym(mut self, acronym: impl Into<String>) -> ProgrammeBuilder {
        self.programme.acronym = Some(acronym.into());
        self
    }

    /// The framework it runs under.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .framework(FrameworkId::new("scf")?)
    ///     .build();
    /// assert!(p.framework.is_some());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn framework(mut self, framework: FrameworkId) -> ProgrammeBuilder {
        self.programme.framework = Some(framework);
        self
    }

    /// Adds a funder.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .funder(Funder::Fund(FundId::new("eutf-africa")?))
    ///     .build();
    /// assert_eq!(p.funders.len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn funder(mut self, funder: Funder) -> ProgrammeBuilder {
        self.programme.funders.push(funder);
        self
    }

    /// Adds an implementer.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .implementer(OrganisationId::new("iom")?)
    ///     .build();
    /// assert_eq!(p.implementers[0].as_str(), "iom");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn implementer(mut self, implementer: OrganisationId) -> ProgrammeBuilder {
        self.programme.implementers.push(implementer);
        self
    }

    /// Adds a partner country.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .country("NE".parse()?)
    ///     .build();
    /// assert_eq!(p.countries[0].as_str(), "NE");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn country(mut self, country: CountryCode) -> ProgrammeBuilder {
        self.programme.countries.push(country);
        self
    }

    /// Adds a region.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .region("Africa")
    ///     .build();
    /// assert_eq!(p.regions, ["Africa"]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn region(mut self, region: impl Into<String>) -> ProgrammeBuilder {
        self.programme.regions.push(region.into());
        self
    }

    /// When it was launched.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .launched("2016-12".parse()?)
    ///     .build();
    /// assert!(p.launched.is_some());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn launched(mut self, date: PartialDate) -> ProgrammeBuilder {
        self.programme.launched = Some(date);
        self
    }

    /// When it ran.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .period("2017/2021".parse()?)
    ///     .build();
    /// assert_eq!(p.life().map(|l| l.to_string()), Some("2017/2021".to_owned()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn period(mut self, period: Period) -> ProgrammeBuilder {
        self.programme.period = Some(period);
        self
    }

    /// Where it stands.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .status(ProgrammeStatus::Implementation)
    ///     .build();
    /// assert_eq!(p.status, Some(ProgrammeStatus::Implementation));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn status(mut self, status: ProgrammeStatus) -> ProgrammeBuilder {
        self.programme.status = Some(status);
        self
    }

    /// Its budget.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .budget(Budget::Exact("EUR 1000000.00".parse()?))
    ///     .build();
    /// assert!(p.budget.is_some());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn budget(mut self, budget: Budget) -> ProgrammeBuilder {
        self.programme.budget = Some(budget);
        self
    }

    /// Adds a result.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .outcome(OutcomeId::new("ji-returns")?)
    ///     .build();
    /// assert_eq!(p.outcomes.len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn outcome(mut self, outcome: OutcomeId) -> ProgrammeBuilder {
        self.programme.outcomes.push(outcome);
        self
    }

    /// Adds a source.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .source(SourceId::new("seed")?)
    ///     .build();
    /// assert_eq!(p.sources.len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn source(mut self, source: SourceId) -> ProgrammeBuilder {
        self.programme.sources.push(source);
        self
    }

    /// The programme.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let p = Programme::builder(ProgrammeId::new("ji")?, "Joint Initiative")
    ///     .build();
    /// assert_eq!(p.name, "Joint Initiative");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn build(self) -> Programme {
        self.programme
    }
}
