//! The container of a partnership's records, with unique identifiers, lookups and queries.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

use foldhash::fast::RandomState;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Inner};
use crate::figure::{Figure, Source};
use crate::id::{
    AppointmentId, FigureId, FrameworkId, FundId, MeetingId, OfficialId, OrganisationId, OutcomeId,
    PortfolioId, PostId, ProgrammeId, SourceId,
};
use crate::model::{
    Appointment, Framework, Fund, Meeting, Official, Organisation, OutcomeMetric, Portfolio, Post,
    Programme,
};

mod links;
mod query;

pub(crate) use links::{
    position, Grouped, Links, MeetingLinks, OutcomeLinks, PortfolioLinks, ProgrammeLinks, Target,
    MISSING,
};
use links::{Refers, ABSENT, LAST_POSITION, TARGETS};

pub(crate) use query::{AppointmentIndex, Numbering};
pub use query::{Involvement, MeetingSeries, SeriesEntry};

/// Records of one kind, in insertion order, with an index from identifier to the first record
/// that has it, and each record's references resolved to positions.
#[derive(Debug, Clone)]
pub(crate) struct Collection<K, T> {
    pub(crate) items: Vec<T>,
    pub(crate) index: HashMap<K, usize, RandomState>,
    /// Positions of records whose identifier an earlier record has (only readers make them),
    /// in increasing order.
    pub(crate) repeated: Vec<usize>,
    pub(crate) links: Links,
}

impl<K, T> Default for Collection<K, T> {
    fn default() -> Self {
        Collection {
            items: Vec::new(),
            index: HashMap::default(),
            repeated: Vec::new(),
            links: Links::default(),
        }
    }
}

impl<K: Eq + Hash + Borrow<str>, T> Collection<K, T> {
    pub(crate) fn get(&self, id: &K) -> Option<&T> {
        self.index.get::<K>(id).and_then(|&i| self.items.get(i))
    }

    pub(crate) fn contains(&self, id: &K) -> bool {
        self.index.contains_key::<K>(id)
    }

    /// The position of the first record with identifier `id`, as a reference resolves to it.
    fn position(&self, id: &str) -> u32 {
        self.index
            .get::<str>(id)
            .and_then(|&i| u32::try_from(i).ok())
            .unwrap_or(MISSING)
    }

    /// The position references to record `i`'s identifier resolve to: `i` itself unless an
    /// earlier record has the identifier.
    pub(crate) fn first_of(&self, i: usize, id: &K) -> usize {
        if self.repeated.binary_search(&i).is_ok() {
            self.index.get::<K>(id).copied().unwrap_or(i)
        } else {
            i
        }
    }
}

/// References waiting for a record with the identifier they name, by kind of target.
type Pending = [HashMap<Box<str>, Vec<(Kind, usize)>, RandomState>; TARGETS];

/// The format version this library reads and writes.
///
/// # Example
///
/// ```
/// let json = serde_json::to_value(&partnerships::Dataset::new())?;
/// assert_eq!(json["format"], partnerships::dataset::DATASET_FORMAT);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub const DATASET_FORMAT: &str = "partnerships/1";

/// All the records of a partnership dataset: sources, organisations, funds, officials, posts,
/// appointments, frameworks, meetings, programmes, outcome metrics, portfolios and figures.
///
/// Inserting a record refuses an identifier its kind already has. References between records
/// (a post's organisation, a participant's post) may name records not inserted yet, so records
/// can be added in any order; [`Dataset::validate`] checks them all at once, with every other
/// rule. Records do not change once inserted, so the dataset resolves each reference to the
/// position of the record it names as soon as both are in, and validation reads those positions
/// instead of looking identifiers up: its time per record stays flat as datasets grow.
///
/// A dataset holds at most 4,294,967,293 records of each kind; inserting past that is [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded).
///
/// In serde formats a dataset is one object: a `format` field (`"partnerships/1"`) and an array
/// per kind of record. Reading keeps records whose identifier repeats, so that validation can
/// report them with their paths.
///
/// # Example
///
/// ```
/// use partnerships::id::OrganisationId;
/// use partnerships::model::OrganisationKind;
/// use partnerships::{Dataset, ErrorKind, Organisation};
///
/// let mut data = Dataset::new();
/// let iom = Organisation::new(OrganisationId::new("iom")?, OrganisationKind::IntergovernmentalOrganisation, "International Organization for Migration");
/// data.insert_organisation(iom.clone())?;
/// assert_eq!(data.insert_organisation(iom).unwrap_err().kind(), ErrorKind::DuplicateId);
/// assert_eq!(data.organisation(&OrganisationId::new("iom")?).map(|o| o.name.as_str()), Some("International Organization for Migration"));
/// assert_eq!(data.len(), 1);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "DatasetRepr", into = "DatasetRepr")]
pub struct Dataset {
    pub(crate) sources: Collection<SourceId, Source>,
    pub(crate) organisations: Collection<OrganisationId, Organisation>,
    pub(crate) funds: Collection<FundId, Fund>,
    pub(crate) officials: Collection<OfficialId, Official>,
    pub(crate) posts: Collection<PostId, Post>,
    pub(crate) appointments: Collection<AppointmentId, Appointment>,
    pub(crate) frameworks: Collection<FrameworkId, Framework>,
    pub(crate) meetings: Collection<MeetingId, Meeting>,
    pub(crate) programmes: Collection<ProgrammeId, Programme>,
    pub(crate) outcomes: Collection<OutcomeId, OutcomeMetric>,
    pub(crate) portfolios: Collection<PortfolioId, Portfolio>,
    pub(crate) figures: Collection<FigureId, Figure>,
    /// References to identifiers not yet in the dataset, each patched when its record arrives.
    pending: Pending,
    /// The references of the record being inserted, kept to save an allocation per record.
    scratch: Vec<u32>,
}

/// Everything that lists the kinds of record: insertion and look-up, the serde shape, and the
/// repeated identifiers that validation reports. One list, so that a new kind cannot be left out
/// of any of them.
macro_rules! records {
    ($(
        $field:ident: $record:ty, $id:ty, $tag:ident, $target:expr, $kind:literal,
        $insert:ident, $get:ident, $all:ident, |$r:ident| $key:expr;
    )*) => {
        /// A kind of record, naming the collection whose references wait in [`Pending`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Kind {
            $($tag,)*
        }

        /// Two datasets are equal when their records are: indexes and links follow from them.
        impl PartialEq for Dataset {
            fn eq(&self, other: &Dataset) -> bool {
                true $(&& self.$field.items == other.$field.items)*
            }
        }

        impl Dataset {
            fn links_mut(&mut self, kind: Kind) -> &mut Links {
                match kind {
                    $(Kind::$tag => &mut self.$field.links,)*
                }
            }

            /// The position of the first record of kind `target` with identifier `id`, or
            /// [`MISSING`].
            fn position(&self, target: Target, id: &str) -> u32 {
                match target {
                    Target::Source => self.sources.position(id),
                    Target::Organisation => self.organisations.position(id),
                    Target::Fund => self.funds.position(id),
                    Target::Official => self.officials.position(id),
                    Target::Post => self.posts.position(id),
                    Target::Framework => self.frameworks.position(id),
                    Target::Programme => self.programmes.position(id),
                    Target::Outcome => self.outcomes.position(id),
                    Target::Portfolio => self.portfolios.position(id),
                    Target::Figure => self.figures.position(id),
                }
            }

            $(
                #[doc = concat!("Adds a record of kind ", $kind, ".")]
                ///
                /// # Errors
                ///
                #[doc = concat!("[`ErrorKind::DuplicateId`](crate::ErrorKind::DuplicateId) when the dataset already holds a ", $kind, " with that identifier;")]
                #[doc = concat!("[`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded) when it holds as many of them as it can.")]
                ///
                /// # Example
                ///
                /// ```
                /// let mut data = partnerships::Dataset::new();
                #[doc = concat!("assert!(data.", stringify!($all), "().is_empty());")]
                /// ```
                pub fn $insert(&mut self, record: $record) -> Result<(), Error> {
                    let $r = &record;
                    if self.$field.contains($key) {
                        let id = ($key).to_string();
                        return Err(Error::new(Inner::DuplicateId { kind: $kind, id }));
                    }
                    let id = ($key).clone();
                    self.add(Kind::$tag, $target, $kind, |d| &mut d.$field, id, record)
                }

                #[doc = concat!("The ", $kind, " with identifier `id`.")]
                ///
                /// # Example
                ///
                /// ```
                #[doc = concat!("let id: partnerships::id::", stringify!($id), " = \"x\".parse()?;")]
                #[doc = concat!("assert!(partnerships::Dataset::new().", stringify!($get), "(&id).is_none());")]
                /// # Ok::<(), partnerships::Error>(())
                /// ```
                #[must_use]
                pub fn $get(&self, id: &$id) -> Option<&$record> {
                    self.$field.get(id)
                }

                #[doc = concat!("Every ", $kind, ", in insertion order.")]
                ///
                /// # Example
                ///
                /// ```
                #[doc = concat!("assert!(partnerships::Dataset::new().", stringify!($all), "().is_empty());")]
                /// ```
                #[must_use]
                pub fn $all(&self) -> &[$record] {
                    &self.$field.items
                }
            )*

            /// How many records the dataset holds, of every kind.
            ///
            /// # Example
            ///
            /// ```
            /// assert_eq!(partnerships::Dataset::new().len(), 0);
            /// ```
            #[must_use]
            pub fn len(&self) -> usize {
                0_usize $(.saturating_add(self.$field.items.len()))*
            }
        }
        /// The serde shape of a dataset: a format version and an array per kind of record.
        #[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields, rename = "Dataset")]
        struct DatasetRepr {
            format: String,
            $(
                #[serde(default)]
                $field: Vec<$record>,
            )*
        }

        impl TryFrom<DatasetRepr> for Dataset {
            type Error = Error;

            fn try_from(repr: DatasetRepr) -> Result<Dataset, Error> {
                check_format_name(&repr.format)?;
                let mut data = Dataset::new();
                $(
                    for $r in repr.$field {
                        let id = ($key).clone();
                        data.add(Kind::$tag, $target, $kind, |d| &mut d.$field, id, $r)?;
                    }
                )*
                Ok(data)
            }
        }

        impl From<Dataset> for DatasetRepr {
            fn from(data: Dataset) -> DatasetRepr {
                DatasetRepr {
                    format: DATASET_FORMAT.to_owned(),
                    $($field: data.$field.items,)*
                }
            }
        }


        /// A record whose identifier an earlier record of its kind already has.
        pub(crate) struct RepeatedId {
            pub(crate) collection: &'static str,
            pub(crate) kind: &'static str,
            pub(crate) index: usize,
            pub(crate) id: String,
            pub(crate) first: usize,
        }

        impl Dataset {
            /// Every record kept although its identifier repeats (only readers keep them).
            pub(crate) fn repeated_ids(&self) -> Vec<RepeatedId> {
                let mut out = Vec::new();
                $(
                    for &index in &self.$field.repeated {
                        if let Some($r) = self.$field.items.get(index) {
                            let id = $key;
                            out.push(RepeatedId {
                                collection: stringify!($field),
                                kind: $kind,
                                index,
                                id: id.to_string(),
                                first: self.$field.index.get(id).copied().unwrap_or(0),
                            });
                        }
                    }
                )*
                out
            }
        }

    };
}

records! {
    sources: Source, SourceId, Sources, Some(Target::Source), "source", insert_source, source, sources, |r| &r.id;
    organisations: Organisation, OrganisationId, Organisations, Some(Target::Organisation), "organisation", insert_organisation, organisation, organisations, |r| &r.id;
    funds: Fund, FundId, Funds, Some(Target::Fund), "fund", insert_fund, fund, funds, |r| &r.id;
    officials: Official, OfficialId, Officials, Some(Target::Official), "official", insert_official, official, officials, |r| &r.id;
    posts: Post, PostId, Posts, Some(Target::Post), "post", insert_post, post, posts, |r| &r.id;
    appointments: Appointment, AppointmentId, Appointments, None, "appointment", insert_appointment, appointment, appointments, |r| &r.id;
    frameworks: Framework, FrameworkId, Frameworks, Some(Target::Framework), "framework", insert_framework, framework, frameworks, |r| &r.id;
    meetings: Meeting, MeetingId, Meetings, None, "meeting", insert_meeting, meeting, meetings, |r| &r.id;
    programmes: Programme, ProgrammeId, Programmes, Some(Target::Programme), "programme", insert_programme, programme, programmes, |r| &r.id;
    outcomes: OutcomeMetric, OutcomeId, Outcomes, Some(Target::Outcome), "outcome metric", insert_outcome, outcome, outcomes, |r| &r.id;
    portfolios: Portfolio, PortfolioId, Portfolios, Some(Target::Portfolio), "portfolio", insert_portfolio, portfolio, portfolios, |r| &r.id;
    figures: Figure, FigureId, Figures, Some(Target::Figure), "figure", insert_figure, figure, figures, |r| r.id();
}

impl Dataset {
    /// Adds `record` with identifier `id` to the collection `field` selects, resolving its
    /// references and those of earlier records that wait for it. A repeated identifier is kept
    /// (readers leave it to validation); the index keeps the first record that has it.
    fn add<K, T>(
        &mut self,
        tag: Kind,
        target: Option<Target>,
        kind: &'static str,
        field: fn(&mut Dataset) -> &mut Collection<K, T>,
        id: K,
        record: T,
    ) -> Result<(), Error>
    where
        K: Eq + Hash + Borrow<str>,
        T: Refers,
    {
        let mut slots = std::mem::take(&mut self.scratch);
        slots.clear();
        let mut misses: Vec<(usize, Target, Box<str>)> = Vec::new();
        let this = &*self;
        record.refers(&mut |target, id| {
            let position = id.map_or(ABSENT, |id| this.position(target, id));
            if let (MISSING, Some(id)) = (position, id) {
                misses.push((slots.len(), target, id.into()));
            }
            slots.push(position);
        });
        let collection = field(self);
        let position = collection.items.len();
        let base = collection.links.next_slot();
        let Some(stored) = u32::try_from(position).ok().filter(|&p| p <= LAST_POSITION) else {
            self.scratch = slots;
            return Err(Error::new(Inner::Capacity { kind }));
        };
        collection.links.push(&slots);
        self.scratch = slots;
        for (offset, target, name) in misses {
            if let Some(waiting) = self.pending.get_mut(target.slot()) {
                let slot = base.saturating_add(offset);
                waiting.entry(name).or_default().push((tag, slot));
            }
        }
        // A record's references to itself wait like any other, so they are settled too.
        let first = !field(self).index.contains_key::<K>(&id);
        let waiting = target
            .filter(|_| first)
            .and_then(|t| self.pending.get_mut(t.slot()))
            .filter(|pending| !pending.is_empty())
            .and_then(|pending| pending.remove(id.borrow()));
        let collection = field(self);
        if first {
            collection.index.insert(id, position);
        } else {
            collection.repeated.push(position);
        }
        collection.items.push(record);
        for (owner, slot) in waiting.unwrap_or_default() {
            self.links_mut(owner).set(slot, stored);
        }
        Ok(())
    }

    /// An empty dataset.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::Dataset::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Dataset {
        Dataset::default()
    }

    /// Whether the dataset holds no record.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::Dataset::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Accepts the format this library reads and explains any other: a newer version, or a foreign
/// format.
pub(crate) fn check_format_name(format: &str) -> Result<(), Error> {
    if format == DATASET_FORMAT {
        return Ok(());
    }
    let version = format
        .strip_prefix("partnerships/")
        .and_then(|v| v.parse::<u32>().ok());
    let message = match version {
        Some(v) if v > 1 => format!(
            "the file is in format {format}, newer than this library reads ({DATASET_FORMAT}): use a newer version of the library"
        ),
        _ => format!(
            "the file is in format {:?}, which this library does not read: expected {DATASET_FORMAT:?}",
            format.chars().take(40).collect::<String>()
        ),
    };
    Err(Error::new(Inner::UnsupportedFormat { message }))
}
