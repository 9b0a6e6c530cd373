//! Organisations, their place in each other, and the funds they manage.

use serde::{Deserialize, Serialize};

use crate::date::{PartialDate, Period};
use crate::id::{FundId, OrganisationId, OrganisationIdentifier, SourceId};

/// What kind of body an organisation is.
///
/// # Example
///
/// ```
/// use partnerships::model::OrganisationKind;
///
/// assert_eq!(OrganisationKind::DirectorateGeneral.to_string(), "directorate-general");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum OrganisationKind {
    /// A union of states with powers of its own, such as the European Union.
    SupranationalUnion,
    /// An organisation of states, such as IOM.
    IntergovernmentalOrganisation,
    /// An institution of a union, such as the European Commission.
    Institution,
    /// A service or agency, such as the European External Action Service.
    ServiceOrAgency,
    /// A directorate-general of an institution, such as DG ECHO.
    DirectorateGeneral,
    /// A national government or ministry.
    Government,
    /// A partner country as a party.
    PartnerCountry,
    /// A group of states, such as the EU member states.
    StateGroup,
    /// A non-governmental organisation.
    Ngo,
    /// Anything else.
    Other,
}

impl std::fmt::Display for OrganisationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OrganisationKind::SupranationalUnion => "supranational union",
            OrganisationKind::IntergovernmentalOrganisation => "intergovernmental organisation",
            OrganisationKind::Institution => "institution",
            OrganisationKind::ServiceOrAgency => "service or agency",
            OrganisationKind::DirectorateGeneral => "directorate-general",
            OrganisationKind::Government => "government",
            OrganisationKind::PartnerCountry => "partner country",
            OrganisationKind::StateGroup => "group of states",
            OrganisationKind::Ngo => "NGO",
            OrganisationKind::Other => "organisation",
        })
    }
}

/// An organisation's place inside another, for the period it held.
///
/// The EU is not a tree: the Commission's directorates-general are part of the Commission, the
/// EEAS is a service of the Union but not of the Commission. Each link says which.
///
/// # Example
///
/// ```
/// use partnerships::id::OrganisationId;
/// use partnerships::model::ParentLink;
///
/// let link = ParentLink::new(OrganisationId::new("european-commission")?);
/// assert!(link.period.is_none()); // held for as long as the dataset knows
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ParentLink {
    /// The organisation this one is part of.
    pub parent: OrganisationId,
    /// When the link held; `None` when not known to have changed.
    #[serde(default)]
    pub period: Option<Period>,
}

impl ParentLink {
    /// A link to `parent` with no known period.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationId;
    /// use partnerships::model::ParentLink;
    ///
    /// let mut link = ParentLink::new(OrganisationId::new("eu")?);
    /// link.period = Some("2011/..".parse()?);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(parent: OrganisationId) -> ParentLink {
        ParentLink {
            parent,
            period: None,
        }
    }
}

/// An organisation that took over from this one (DG DEVCO became DG INTPA).
///
/// # Example
///
/// ```
/// use partnerships::id::OrganisationId;
/// use partnerships::model::Succession;
///
/// let s = Succession::new(OrganisationId::new("dg-intpa")?);
/// assert!(s.date.is_none());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Succession {
    /// The successor.
    pub successor: OrganisationId,
    /// When it took over, if known.
    #[serde(default)]
    pub date: Option<PartialDate>,
}

impl Succession {
    /// A succession by `successor` on an unknown date.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationId;
    /// use partnerships::model::Succession;
    ///
    /// assert_eq!(Succession::new(OrganisationId::new("dg-intpa")?).successor.as_str(), "dg-intpa");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(successor: OrganisationId) -> Succession {
        Succession {
            successor,
            date: None,
        }
    }
}

/// A body that acts: a union, an intergovernmental organisation, an institution, a service, a
/// directorate-general, a government, a partner country.
///
/// Plain data: every combination of fields is a valid organisation on its own; what involves
/// other records (parents exist, no parent cycles) is checked by
/// [`Dataset::validate`](crate::Dataset::validate).
///
/// # Example
///
/// ```
/// use partnerships::id::{OrganisationId, OrganisationIdentifier};
/// use partnerships::model::OrganisationKind;
/// use partnerships::Organisation;
///
/// let mut iom = Organisation::new(
///     OrganisationId::new("iom")?,
///     OrganisationKind::IntergovernmentalOrganisation,
///     "International Organization for Migration",
/// );
/// iom.acronym = Some("IOM".to_owned());
/// iom.identifiers.push(OrganisationIdentifier::iati("XM-DAC-47066")?);
/// assert_eq!(iom.short_name(), "IOM");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Organisation {
    /// The organisation's identifier in its dataset.
    pub id: OrganisationId,
    /// What kind of body it is.
    pub kind: OrganisationKind,
    /// Its name.
    pub name: String,
    /// Its acronym or short name ("IOM", "DG ECHO").
    #[serde(default)]
    pub acronym: Option<String>,
    /// Other names it is known by (in other languages, older names).
    #[serde(default)]
    pub other_names: Vec<String>,
    /// Its identifiers in outside schemes.
    #[serde(default)]
    pub identifiers: Vec<OrganisationIdentifier>,
    /// The organisations it is part of.
    #[serde(default)]
    pub parents: Vec<ParentLink>,
    /// Who took over from it.
    #[serde(default)]
    pub succeeded_by: Option<Succession>,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Organisation {
    /// An organisation with its identifier, kind and name.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationId;
    /// use partnerships::model::OrganisationKind;
    /// use partnerships::Organisation;
    ///
    /// let eu = Organisation::new(OrganisationId::new("eu")?, OrganisationKind::SupranationalUnion, "European Union");
    /// assert!(eu.parents.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(
        id: OrganisationId,
        kind: OrganisationKind,
        name: impl Into<String>,
    ) -> Organisation {
        Organisation {
            id,
            kind,
            name: name.into(),
            acronym: None,
            other_names: Vec::new(),
            identifiers: Vec::new(),
            parents: Vec::new(),
            succeeded_by: None,
            sources: Vec::new(),
        }
    }

    /// The acronym where there is one, else the name.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OrganisationId;
    /// use partnerships::model::OrganisationKind;
    /// use partnerships::Organisation;
    ///
    /// let eu = Organisation::new(OrganisationId::new("eu")?, OrganisationKind::SupranationalUnion, "European Union");
    /// assert_eq!(eu.short_name(), "European Union");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn short_name(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.name)
    }

    /// The organisation's IATI organisation identifier, if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{OrganisationId, OrganisationIdentifier};
    /// use partnerships::model::OrganisationKind;
    /// use partnerships::Organisation;
    ///
    /// let mut iom = Organisation::new(OrganisationId::new("iom")?, OrganisationKind::IntergovernmentalOrganisation, "IOM");
    /// iom.identifiers.push(OrganisationIdentifier::iati("XM-DAC-47066")?);
    /// assert_eq!(iom.iati_identifier(), Some("XM-DAC-47066"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn iati_identifier(&self) -> Option<&str> {
        self.identifiers
            .iter()
            .find(|id| id.is_iati())
            .map(OrganisationIdentifier::value)
    }
}

/// A money-holding vehicle that is not an organisation, such as the EU Emergency Trust Fund for
/// Africa, managed by an organisation.
///
/// # Example
///
/// ```
/// use partnerships::id::{FundId, OrganisationId};
/// use partnerships::model::Fund;
///
/// let mut fund = Fund::new(FundId::new("eutf-africa")?, "EU Emergency Trust Fund for Africa");
/// fund.managed_by = Some(OrganisationId::new("european-commission")?);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Fund {
    /// The fund's identifier in its dataset.
    pub id: FundId,
    /// Its name.
    pub name: String,
    /// Its acronym ("EUTF for Africa").
    #[serde(default)]
    pub acronym: Option<String>,
    /// The organisation that manages it.
    #[serde(default)]
    pub managed_by: Option<OrganisationId>,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Fund {
    /// A fund with its identifier and name.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::FundId;
    /// use partnerships::model::Fund;
    ///
    /// let fund = Fund::new(FundId::new("eutf-africa")?, "EU Emergency Trust Fund for Africa");
    /// assert!(fund.managed_by.is_none());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(id: FundId, name: impl Into<String>) -> Fund {
        Fund {
            id,
            name: name.into(),
            acronym: None,
            managed_by: None,
            sources: Vec::new(),
        }
    }
}
