//! The container of a partnership's records, with unique identifiers, lookups and queries.

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

mod query;

pub(crate) use query::{series_of, AppointmentIndex};
pub use query::{Involvement, MeetingSeries, Role, SeriesEntry};

/// Records of one kind, in insertion order, with an index from identifier to the first record
/// that has it.
#[derive(Debug, Clone)]
pub(crate) struct Collection<K, T> {
    pub(crate) items: Vec<T>,
    pub(crate) index: HashMap<K, usize, RandomState>,
    /// Positions of records whose identifier an earlier record has (only `push` makes them).
    pub(crate) repeated: Vec<usize>,
}

/// Two collections are equal when their records are: the index follows from them.
impl<K, T: PartialEq> PartialEq for Collection<K, T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<K, T> Default for Collection<K, T> {
    fn default() -> Self {
        Collection {
            items: Vec::new(),
            index: HashMap::default(),
            repeated: Vec::new(),
        }
    }
}

impl<K: Eq + Hash + Clone, T> Collection<K, T> {
    fn insert(
        &mut self,
        id: &K,
        item: T,
        kind: &'static str,
        shown: impl FnOnce() -> String,
    ) -> Result<(), Error> {
        if self.index.contains_key(id) {
            return Err(Error::new(Inner::DuplicateId { kind, id: shown() }));
        }
        self.index.insert(id.clone(), self.items.len());
        self.items.push(item);
        Ok(())
    }

    /// Adds a record even when its identifier is taken (readers keep every record and let
    /// validation report the duplicate); the index keeps the first.
    pub(crate) fn push(&mut self, id: &K, item: T) {
        let position = self.items.len();
        if *self.index.entry(id.clone()).or_insert(position) != position {
            self.repeated.push(position);
        }
        self.items.push(item);
    }

    pub(crate) fn get(&self, id: &K) -> Option<&T> {
        self.index.get(id).and_then(|&i| self.items.get(i))
    }

    pub(crate) fn contains(&self, id: &K) -> bool {
        self.index.contains_key(id)
    }
}

/// The format version this library reads and writes.
///
/// # Example
///
/// ```
/// let json = serde_json::to_value(&partnerships::Dataset::new())?;
/// assert_eq!(json["format"], partnerships::DATASET_FORMAT);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub const DATASET_FORMAT: &str = "partnerships/1";

/// All the records of a partnership dataset: sources, organisations, funds, officials, posts,
/// appointments, frameworks, meetings, programmes, outcome metrics, portfolios and figures.
///
/// Inserting a record refuses an identifier its kind already has. References between records
/// (a post's organisation, a participant's post) are not checked on insertion, so records can
/// be added in any order; [`Dataset::validate`] checks them all at once, with every other rule.
///
/// In serde formats a dataset is one object: a `format` field (`"partnerships/1"`) and an array
/// per kind of record. Reading keeps records whose identifier repeats, so that validation can
/// report them with their paths.
///
/// # Example
///
/// ```
/// use partnerships::{Dataset, ErrorKind, Organisation, OrganisationId, OrganisationKind};
///
/// let mut data = Dataset::new();
/// let iom = Organisation::new(OrganisationId::new("iom")?, OrganisationKind::IntergovernmentalOrganisation, "International Organization for Migration");
/// data.insert_organisation(iom.clone())?;
/// assert_eq!(data.insert_organisation(iom).unwrap_err().kind(), ErrorKind::DuplicateId);
/// assert_eq!(data.organisation(&OrganisationId::new("iom")?).map(|o| o.name.as_str()), Some("International Organization for Migration"));
/// assert_eq!(data.len(), 1);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
}

/// Everything that lists the kinds of record: insertion and look-up, the serde shape, and the
/// repeated identifiers that validation reports. One list, so that a new kind cannot be left out
/// of any of them.
macro_rules! records {
    ($(
        $field:ident: $record:ty, $id:ty, $kind:literal,
        $insert:ident, $get:ident, $all:ident, |$r:ident| $key:expr;
    )*) => {
        impl Dataset {
            $(
                #[doc = concat!("Adds a record of kind ", $kind, ".")]
                ///
                /// # Errors
                ///
                #[doc = concat!("[`ErrorKind::DuplicateId`](crate::ErrorKind::DuplicateId) when the dataset already holds a ", $kind, " with that identifier.")]
                ///
                /// # Example
                ///
                /// ```
                /// let mut data = partnerships::Dataset::new();
                #[doc = concat!("assert!(data.", stringify!($all), "().is_empty());")]
                /// ```
                pub fn $insert(&mut self, record: $record) -> Result<(), Error> {
                    let $r = &record;
                    let id = ($key).clone();
                    self.$field.insert(&id, record, $kind, || id.to_string())
                }

                #[doc = concat!("The ", $kind, " with identifier `id`.")]
                ///
                /// # Example
                ///
                /// ```
                #[doc = concat!("let id: partnerships::", stringify!($id), " = \"x\".parse()?;")]
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
                        data.$field.push(&id, $r);
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
    sources: Source, SourceId, "source", insert_source, source, sources, |r| &r.id;
    organisations: Organisation, OrganisationId, "organisation", insert_organisation, organisation, organisations, |r| &r.id;
    funds: Fund, FundId, "fund", insert_fund, fund, funds, |r| &r.id;
    officials: Official, OfficialId, "official", insert_official, official, officials, |r| &r.id;
    posts: Post, PostId, "post", insert_post, post, posts, |r| &r.id;
    appointments: Appointment, AppointmentId, "appointment", insert_appointment, appointment, appointments, |r| &r.id;
    frameworks: Framework, FrameworkId, "framework", insert_framework, framework, frameworks, |r| &r.id;
    meetings: Meeting, MeetingId, "meeting", insert_meeting, meeting, meetings, |r| &r.id;
    programmes: Programme, ProgrammeId, "programme", insert_programme, programme, programmes, |r| &r.id;
    outcomes: OutcomeMetric, OutcomeId, "outcome metric", insert_outcome, outcome, outcomes, |r| &r.id;
    portfolios: Portfolio, PortfolioId, "portfolio", insert_portfolio, portfolio, portfolios, |r| &r.id;
    figures: Figure, FigureId, "figure", insert_figure, figure, figures, |r| r.id();
}

impl Dataset {
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
