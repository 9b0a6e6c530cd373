//! Officials, the posts they hold, and their appointments.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::Period;
use crate::id::{AppointmentId, OfficialId, OrganisationId, PostId, SourceId};

/// A named person who holds or held posts.
///
/// # Example
///
/// ```
/// use partnerships::id::OfficialId;
/// use partnerships::Official;
///
/// let dg = Official::new(OfficialId::new("antonio-vitorino")?, "António Vitorino");
/// assert_eq!(dg.name, "António Vitorino");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Official {
    /// The official's identifier in its dataset.
    pub id: OfficialId,
    /// The name as the person writes it, diacritics included.
    pub name: String,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Official {
    /// An official with a name.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::OfficialId;
    /// use partnerships::Official;
    ///
    /// assert!(Official::new(OfficialId::new("x")?, "Laura Thompson").sources.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(id: OfficialId, name: impl Into<String>) -> Official {
        Official {
            id,
            name: name.into(),
            sources: Vec::new(),
        }
    }
}

/// A position that exists whoever holds it: "Director-General" of DG ECHO.
///
/// # Example
///
/// ```
/// use partnerships::id::{OrganisationId, PostId};
/// use partnerships::Post;
///
/// let post = Post::new(PostId::new("dg-echo-dg")?, OrganisationId::new("dg-echo")?, "Director-General");
/// assert_eq!(post.title, "Director-General");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Post {
    /// The post's identifier in its dataset.
    pub id: PostId,
    /// The organisation the post belongs to.
    pub organisation: OrganisationId,
    /// The title, without the organisation ("Deputy Director-General").
    pub title: String,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Post {
    /// A post of `organisation` with a title.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{OrganisationId, PostId};
    /// use partnerships::Post;
    ///
    /// let post = Post::new(PostId::new("iom-ddg")?, OrganisationId::new("iom")?, "Deputy Director General");
    /// assert_eq!(post.organisation.as_str(), "iom");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(id: PostId, organisation: OrganisationId, title: impl Into<String>) -> Post {
        Post {
            id,
            organisation,
            title: title.into(),
            sources: Vec::new(),
        }
    }
}

/// A source's word that an official held a post on a day, whatever the tenure.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::id::SourceId;
/// use partnerships::model::Attestation;
///
/// let seen = Attestation { date: NaiveDate::from_ymd_opt(2020, 10, 13).unwrap(), source: SourceId::new("seed")? };
/// assert_eq!(seen.date.to_string(), "2020-10-13");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Attestation {
    /// The day the source shows the official in the post.
    pub date: NaiveDate,
    /// The source.
    pub source: SourceId,
}

/// An official holding a post over a period, possibly acting or as deputy.
///
/// The tenure's ends may be unknown or partial. A source that only shows the official in the
/// post on a day (a meeting report) is an [`Attestation`]: the appointment then holds on that day
/// even with no known tenure.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::id::{AppointmentId, OfficialId, PostId, SourceId};
/// use partnerships::model::Attestation;
/// use partnerships::Appointment;
///
/// let mut acting = Appointment::new(
///     AppointmentId::new("popowski-near")?,
///     OfficialId::new("maciej-popowski")?,
///     PostId::new("dg-near-dg")?,
/// );
/// acting.acting = true;
/// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
/// acting.attested.push(Attestation { date: day, source: SourceId::new("seed")? });
/// assert!(acting.holds_on(day));
/// assert!(!acting.holds_on(NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Appointment {
    /// The appointment's identifier in its dataset.
    pub id: AppointmentId,
    /// Who holds the post.
    pub official: OfficialId,
    /// Which post.
    pub post: PostId,
    /// The tenure, where known.
    #[serde(default)]
    pub tenure: Option<Period>,
    /// Whether the official holds the post in an acting capacity.
    #[serde(default)]
    pub acting: bool,
    /// Whether the official is the post's deputy, where the post's title does not say so.
    #[serde(default)]
    pub deputy: bool,
    /// Days on which sources show the official in the post.
    #[serde(default)]
    pub attested: Vec<Attestation>,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Appointment {
    /// An appointment of `official` to `post` with nothing else known.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{AppointmentId, OfficialId, PostId};
    /// use partnerships::Appointment;
    ///
    /// let a = Appointment::new(AppointmentId::new("a")?, OfficialId::new("o")?, PostId::new("p")?);
    /// assert!(!a.acting && a.tenure.is_none());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(id: AppointmentId, official: OfficialId, post: PostId) -> Appointment {
        Appointment {
            id,
            official,
            post,
            tenure: None,
            acting: false,
            deputy: false,
            attested: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// Whether the official certainly held the post on `date`: a source attests that day, or
    /// the tenure certainly covers it (an open start or end counts as covering).
    ///
    /// With neither a tenure nor an attestation nothing is certain, and the answer is `false`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::id::{AppointmentId, OfficialId, PostId};
    /// use partnerships::Appointment;
    ///
    /// let mut a = Appointment::new(AppointmentId::new("a")?, OfficialId::new("o")?, PostId::new("p")?);
    /// a.tenure = Some("2018-10/..".parse()?);
    /// assert!(a.holds_on(NaiveDate::from_ymd_opt(2020, 10, 13).unwrap()));
    /// assert!(!a.holds_on(NaiveDate::from_ymd_opt(2018, 10, 13).unwrap())); // not certain
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.attested.iter().any(|a| a.date == date)
            || self.tenure.is_some_and(|t| t.certainly_contains(date))
    }

    /// Whether the official may have held the post on `date` (the tenure's partial ends allow
    /// it), for answers that must not miss anyone.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::id::{AppointmentId, OfficialId, PostId};
    /// use partnerships::Appointment;
    ///
    /// let mut a = Appointment::new(AppointmentId::new("a")?, OfficialId::new("o")?, PostId::new("p")?);
    /// a.tenure = Some("2018-10/..".parse()?);
    /// assert!(a.may_hold_on(NaiveDate::from_ymd_opt(2018, 10, 13).unwrap()));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn may_hold_on(&self, date: NaiveDate) -> bool {
        self.holds_on(date) || self.tenure.is_some_and(|t| t.may_contain(date))
    }
}
