//! Meetings held under a framework, and who took part as what.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::id::{FrameworkId, MeetingId, OfficialId, OrganisationId, PostId, SourceId};

/// How a meeting was held.
///
/// # Example
///
/// ```
/// use partnerships::model::MeetingMode;
///
/// assert_eq!(MeetingMode::Virtual.to_string(), "virtual");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum MeetingMode {
    /// Everyone in one place.
    InPerson,
    /// Everyone remote.
    Virtual,
    /// Some in the room, some remote.
    Hybrid,
}

impl std::fmt::Display for MeetingMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            MeetingMode::InPerson => "in person",
            MeetingMode::Virtual => "virtual",
            MeetingMode::Hybrid => "hybrid",
        })
    }
}

/// What a participant was at a meeting beyond taking part.
///
/// # Example
///
/// ```
/// use partnerships::model::Capacity;
///
/// assert_eq!(Capacity::Host.to_string(), "host");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Capacity {
    /// Hosted the meeting.
    Host,
    /// Chaired it.
    Chair,
    /// Co-chaired it.
    CoChair,
    /// Took part.
    Participant,
}

impl std::fmt::Display for Capacity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Capacity::Host => "host",
            Capacity::Chair => "chair",
            Capacity::CoChair => "co-chair",
            Capacity::Participant => "participant",
        })
    }
}

/// An official at a meeting: the post held that day and the organisation represented.
///
/// The organisation represented may differ from the post's: the EEAS's Deputy Secretary-General
/// hosted the seventh meeting on behalf of the European Union.
///
/// # Example
///
/// ```
/// use partnerships::id::{OfficialId, OrganisationId, PostId};
/// use partnerships::model::{Capacity, Participant};
///
/// let mut host = Participant::new(OfficialId::new("stefano-sannino")?, OrganisationId::new("eu")?);
/// host.post = Some(PostId::new("eeas-dsg-economic")?);
/// host.capacity = Capacity::Host;
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Participant {
    /// Who.
    pub official: OfficialId,
    /// The post held on the meeting's date.
    #[serde(default)]
    pub post: Option<PostId>,
    /// The organisation the official represented or acted for.
    pub represents: OrganisationId,
    /// As what the official took part.
    #[serde(default = "participant")]
    pub capacity: Capacity,
}

fn participant() -> Capacity {
    Capacity::Participant
}

impl Participant {
    /// An official representing an organisation, as a plain participant with no post given.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{OfficialId, OrganisationId};
    /// use partnerships::model::{Capacity, Participant};
    ///
    /// let p = Participant::new(OfficialId::new("laura-thompson")?, OrganisationId::new("iom")?);
    /// assert_eq!(p.capacity, Capacity::Participant);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn new(official: OfficialId, represents: OrganisationId) -> Participant {
        Participant {
            official,
            post: None,
            represents,
            capacity: Capacity::Participant,
        }
    }
}

/// A document a meeting discussed, with its own date: the New Pact on Migration and Asylum,
/// proposed by the Commission on 23 September 2020.
///
/// # Example
///
/// ```
/// use partnerships::id::OrganisationId;
/// use partnerships::model::DocumentRef;
///
/// let mut pact = DocumentRef::new("New Pact on Migration and Asylum");
/// pact.date = Some("2020-09-23".parse()?);
/// pact.event = Some("proposed".to_owned());
/// pact.by = Some(OrganisationId::new("european-commission")?);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DocumentRef {
    /// The document's title.
    pub title: String,
    /// The date of the event below.
    #[serde(default)]
    pub date: Option<PartialDate>,
    /// What happened to it on that date ("proposed", "adopted").
    #[serde(default)]
    pub event: Option<String>,
    /// Who did it.
    #[serde(default)]
    pub by: Option<OrganisationId>,
}

impl DocumentRef {
    /// A document known by its title.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::model::DocumentRef;
    ///
    /// assert!(DocumentRef::new("Pact").date.is_none());
    /// ```
    #[must_use]
    pub fn new(title: impl Into<String>) -> DocumentRef {
        DocumentRef {
            title: title.into(),
            date: None,
            event: None,
            by: None,
        }
    }
}

/// A meeting held under a framework.
///
/// The ordinal ("the seventh") is kept as stated; [`Dataset::meeting_series`](crate::Dataset::meeting_series)
/// derives ordinals where none is stated and reports gaps. The host is a participant whose
/// capacity is [`Capacity::Host`]; the organisation they act for is the one they represent.
/// Build one with [`Meeting::builder`].
///
/// # Example
///
/// ```
/// use partnerships::id::{FrameworkId, MeetingId};
/// use partnerships::model::MeetingMode;
/// use partnerships::Meeting;
///
/// let meeting = Meeting::builder(MeetingId::new("eu-iom-7")?, FrameworkId::new("eu-iom-scf")?, "2020-10-13".parse()?)
///     .ordinal(7)
///     .mode(MeetingMode::Virtual)
///     .topic("developments in migration policy")
///     .build();
/// assert_eq!(meeting.ordinal, Some(7));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Meeting {
    /// The meeting's identifier in its dataset.
    pub id: MeetingId,
    /// The framework it was held under.
    pub framework: FrameworkId,
    /// Its place in the framework's series as stated by a source (7 for "the seventh").
    #[serde(default)]
    pub ordinal: Option<u32>,
    /// When it was held.
    pub date: PartialDate,
    /// How it was held.
    #[serde(default)]
    pub mode: Option<MeetingMode>,
    /// Who took part, as what, for whom.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// What was discussed.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Documents referred to.
    #[serde(default)]
    pub documents: Vec<DocumentRef>,
    /// The sources that give these facts.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Meeting {
    /// Starts a meeting of `framework` on `date`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{FrameworkId, MeetingId};
    /// use partnerships::Meeting;
    ///
    /// let m = Meeting::builder(MeetingId::new("m")?, FrameworkId::new("f")?, "2020-10-13".parse()?).build();
    /// assert!(m.participants.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn builder(id: MeetingId, framework: FrameworkId, date: PartialDate) -> MeetingBuilder {
        MeetingBuilder {
            meeting: Meeting {
                id,
                framework,
                ordinal: None,
                date,
                mode: None,
                participants: Vec::new(),
                topics: Vec::new(),
                documents: Vec::new(),
                sources: Vec::new(),
            },
        }
    }

    /// The participants hosting the meeting.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{FrameworkId, MeetingId, OfficialId, OrganisationId};
    /// use partnerships::model::{Capacity, Participant};
    /// use partnerships::Meeting;
    ///
    /// let mut host = Participant::new(OfficialId::new("h")?, OrganisationId::new("eu")?);
    /// host.capacity = Capacity::Host;
    /// let m = Meeting::builder(MeetingId::new("m")?, FrameworkId::new("f")?, "2020".parse()?).participant(host).build();
    /// assert_eq!(m.hosts().count(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn hosts(&self) -> impl Iterator<Item = &Participant> {
        self.participants
            .iter()
            .filter(|p| p.capacity == Capacity::Host)
    }
}

/// Builds a [`Meeting`]; see [`Meeting::builder`].
///
/// # Example
///
/// ```
/// use partnerships::id::{FrameworkId, MeetingId, OfficialId, OrganisationId};
/// use partnerships::model::Participant;
/// use partnerships::Meeting;
///
/// let m = Meeting::builder(MeetingId::new("m")?, FrameworkId::new("f")?, "2020-10-13".parse()?)
///     .host(OfficialId::new("h")?, None, OrganisationId::new("eu")?)
///     .participant(Participant::new(OfficialId::new("p")?, OrganisationId::new("iom")?))
///     .build();
/// assert_eq!(m.participants.len(), 2);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until build() is called"]
pub struct MeetingBuilder {
    meeting: Meeting,
}

impl MeetingBuilder {
    /// The ordinal a source states ("the seventh" is 7).
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let m = Meeting::builder(MeetingId::new("m7")?, FrameworkId::new("scf")?, "2020-10-13".parse()?)
    ///     .ordinal(7)
    ///     .build();
    /// assert_eq!(m.ordinal, Some(7));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn ordinal(mut self, ordinal: u32) -> MeetingBuilder {
        self.meeting.ordinal = Some(ordinal);
        self
    }

    /// How the meeting was held.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let m = Meeting::builder(MeetingId::new("m7")?, FrameworkId::new("scf")?, "2020-10-13".parse()?)
    ///     .mode(MeetingMode::Virtual)
    ///     .build();
    /// assert_eq!(m.mode, Some(MeetingMode::Virtual));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn mode(mut self, mode: MeetingMode) -> MeetingBuilder {
        self.meeting.mode = Some(mode);
        self
    }

    /// Adds the host: an official, the post held, and the organisation acted for.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let m = Meeting::builder(MeetingId::new("m7")?, FrameworkId::new("scf")?, "2020-10-13".parse()?)
    ///     .host(OfficialId::new("stefano-sannino")?, Some(PostId::new("eeas-dsg")?), OrganisationId::new("eu")?)
    ///     .build();
    /// assert_eq!(m.hosts().next().map(|h| h.represents.as_str()), Some("eu"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn host(
        mut self,
        official: OfficialId,
        post: Option<PostId>,
        on_behalf_of: OrganisationId,
    ) -> MeetingBuilder {
        let mut host = Participant::new(official, on_behalf_of);
        host.post = post;
        host.capacity = Capacity::Host;
        self.meeting.participants.push(host);
        self
    }

    /// Adds a participant.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let m = Meeting::builder(MeetingId::new("m7")?, FrameworkId::new("scf")?, "2020-10-13".parse()?)
    ///     .participant(Participant::new(OfficialId::new("laura-thompson")?, OrganisationId::new("iom")?))
    ///     .build();
    /// assert_eq!(m.participants.len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn participant(mut self, participant: Participant) -> MeetingBuilder {
        self.meeting.participants.push(participant);
        self
    }

    /// Adds an agenda topic.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let m = Meeting::builder(MeetingId::new("m7")?, FrameworkId::new("scf")?, "2020-10-13".parse()?)
    ///     .topic("the way forward")
    ///     .build();
    /// assert_eq!(m.topics, ["the way forward"]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn topic(mut self, topic: impl Into<String>) -> MeetingBuilder {
        self.meeting.topics.push(topic.into());
        self
    }

    /// Adds a document referred to.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let m = Meeting::builder(MeetingId::new("m7")?, FrameworkId::new("scf")?, "2020-10-13".parse()?)
    ///     .document(DocumentRef::new("New Pact on Migration and Asylum"))
    ///     .build();
    /// assert_eq!(m.documents.len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn document(mut self, document: DocumentRef) -> MeetingBuilder {
        self.meeting.documents.push(document);
        self
    }

    /// Adds a source.
    ///
    /// # Example
    ///
    /// ```
    /// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
    /// let m = Meeting::builder(MeetingId::new("m7")?, FrameworkId::new("scf")?, "2020-10-13".parse()?)
    ///     .source(SourceId::new("seed")?)
    ///     .build();
    /// assert_eq!(m.sources.len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn source(mut self, source: SourceId) -> MeetingBuilder {
        self.meeting.sources.push(source);
        self
    }

    /// The meeting. Its fields are public, so the builder checks nothing: the rules that tie
    /// them together (ordinals count from 1, an official takes part once, a participant held
    /// the post given) are [validation](crate::validate)'s, over the whole dataset.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{FrameworkId, MeetingId, OfficialId, OrganisationId};
    /// use partnerships::model::Participant;
    /// use partnerships::validate::Rule;
    /// use partnerships::{Dataset, Meeting};
    ///
    /// let p = Participant::new(OfficialId::new("o")?, OrganisationId::new("eu")?);
    /// let twice = Meeting::builder(MeetingId::new("m")?, FrameworkId::new("f")?, "2020".parse()?)
    ///     .participant(p.clone())
    ///     .participant(p)
    ///     .build();
    /// let mut data = Dataset::new();
    /// data.insert_meeting(twice)?;
    /// assert!(data.validate().problems().iter().any(|p| p.rule == Rule::ParticipantTwice));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn build(self) -> Meeting {
        self.meeting
    }
}
