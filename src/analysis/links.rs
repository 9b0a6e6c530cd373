//! Funding links across publishers: which activity of a funder and which of an implementer are
//! the same funded action, with the evidence and a grade; the chains money takes through
//! intermediaries; totals that count a flow seen from both ends once; and the portfolio behind a
//! claim about a partnership.
//!
//! The same grant is usually published twice: by the funder (DG ECHO's activity naming IOM as
//! implementer) and by the implementer (IOM's activity with an incoming commitment from DG ECHO).
//! The identifiers meant to tie the two are often missing or wrong, so a [`Linker`] uses two
//! kinds of evidence:
//!
//! - **explicit**: an identifier one activity cites (`provider-activity-id`,
//!   `receiver-activity-id`, `participating-org/@activity-id`, `other-identifier`,
//!   `related-activity`) that is the other's, as written or after normalisation
//!   ([`IdMatch`]). A citation that finds nothing, finds the citing activity itself, finds
//!   several, names an organisation rather than an activity, or finds another publisher's
//!   activity than the organisation it names is reported as [`Broken`], with its
//!   [`BrokenReason`].
//! - **inferred**: the funder names the implementer, the implementer names the funder, their
//!   recipient countries and periods overlap, their titles are alike and their amounts agree
//!   within a tolerance after each is converted at its own value date under the valuer's
//!   convention. Each [`Signal`] is checked and kept as [`Finding`] whether it held, failed or
//!   could not be checked; held signals add points ([`Link::score`], out of 100): each
//!   naming 15, countries 10, periods 5 (15 when they start and end on the same days), title
//!   25 (60% of telling words shared), amounts 20 (within 15% of the larger).
//!
//! # Grades
//!
//! | grade | when |
//! |---|---|
//! | [`Grade::Explicit`] | an identifier ties the two |
//! | [`Grade::Strong`] | inferred, score ≥ 75 |
//! | [`Grade::Weak`] | inferred, score from the threshold (55 by default) to 74 |
//! | [`Grade::Related`] | the funder's side is a parent: a funding decision or plan that holds many grants (its own publisher cites it as provider or parent), linked one to many |
//!
//! An inferred link also needs the title or the amount to hold (two organisations working in
//! one country at one time is not one grant), no country or period signal to fail, neither
//! side to name another known organisation in the other's role and not the other, and to be
//! the best candidate on both sides: an implementer's activity links to the one activity of a
//! funder that fits it best, and the other way round; two that fit alike link neither.
//!
//! Nothing links on a shared serial number: a cited code is matched within the publisher the
//! citation names, and by its ending only in the forms [`IdMatch::Suffix`] allows.
//!
//! # Example
//!
//! ```
//! # #[cfg(feature = "iati")] {
//! use partnerships::analysis::convention::{Convention, Rates, Valuer};
//! use partnerships::analysis::links::{Grade, Linker};
//! use partnerships::formats::iati::IatiReader;
//! use partnerships::Currency;
//!
//! let funder = r#"<iati-activity><iati-identifier>XI-IATI-EC_ECHO-2020/91038</iati-identifier>
//!   <reporting-org ref="XI-IATI-EC_ECHO"/><title><narrative>Response to COVID-19 in Mauritania</narrative></title>
//!   <participating-org role="4" ref="XM-DAC-47066"/>
//!   <activity-date type="2" iso-date="2020-06-15"/><activity-date type="3" iso-date="2021-03-14"/>
//!   <recipient-country code="MR"/></iati-activity>"#;
//! let implementer = r#"<iati-activity><iati-identifier>XM-DAC-47066-DP.2215</iati-identifier>
//!   <reporting-org ref="XM-DAC-47066"/><title><narrative>Response to COVID-19 in Mauritania</narrative></title>
//!   <participating-org role="1" ref="XI-IATI-EC_ECHO" activity-id="XI-IATI-EC_ECHO-D3383699"/>
//!   <activity-date type="2" iso-date="2020-06-15"/><activity-date type="3" iso-date="2021-03-14"/>
//!   <recipient-country code="MR"/></iati-activity>"#;
//! let mut linker = Linker::new();
//! for xml in [funder, implementer] {
//!     linker.add(&IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity"));
//! }
//! let rates = Rates::default();
//! let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::EUR)?;
//! let links = linker.link(&mut valuer);
//! assert_eq!(links.links.len(), 1);
//! assert_eq!(links.links[0].grade, Grade::Strong);
//! assert_eq!(links.links[0].score, 80); // both name each other, country, same dates, title
//! assert_eq!(links.broken[0].reason.code(), "not-found");
//! # }
//! # Ok::<(), partnerships::Error>(())
//! ```

mod chains;
mod funding;
mod ids;
mod profile;
mod signals;

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::convention::Valuer;
use crate::analysis::partners::Partners;
use crate::formats::iati::code::{OrganisationRole, RelatedActivityType, TransactionType};
use crate::formats::iati::records::{Activity, OrgRef};
use crate::id::is_iati_shaped;
use crate::money::Money;

pub use chains::{Direction, Path, Trace};
pub use funding::{Action, Comparison, CountedFrom, Funding, FundingTotals, PortfolioCheck};
pub use ids::IdMatch;

use ids::{Found, IdIndex};
use profile::{Named, Profile};

/// The grade of a link.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::Grade;
///
/// assert_eq!(Grade::Strong.to_string(), "strong");
/// assert!(Grade::Explicit < Grade::Weak);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Grade {
    /// An identifier ties the two activities.
    Explicit,
    /// Inferred, with a score of 75 or more.
    Strong,
    /// Inferred, with a score from the threshold to 74.
    Weak,
    /// The funder's activity is a parent (a funding decision or plan holding many grants).
    Related,
}

impl Grade {
    /// The grade's name: `explicit`, `strong`, `weak`, `related`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(partnerships::analysis::links::Grade::Related.name(), "related");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Grade::Explicit => "explicit",
            Grade::Strong => "strong",
            Grade::Weak => "weak",
            Grade::Related => "related",
        }
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a piece of evidence is about.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::Signal;
///
/// assert_eq!(Signal::FunderNamesImplementer.to_string(), "funder-names-implementer");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Signal {
    /// An identifier one cites is the other's.
    Identifier,
    /// The funder's activity names the implementer.
    FunderNamesImplementer,
    /// The implementer's activity names the funder.
    ImplementerNamesFunder,
    /// Recipient countries.
    Countries,
    /// Activity periods.
    Period,
    /// Titles.
    Title,
    /// Amounts, each converted at its own value date.
    Amount,
    /// The funder's activity is a parent of many grants.
    Parent,
}

impl std::fmt::Display for Signal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Signal::Identifier => "identifier",
            Signal::FunderNamesImplementer => "funder-names-implementer",
            Signal::ImplementerNamesFunder => "implementer-names-funder",
            Signal::Countries => "countries",
            Signal::Period => "period",
            Signal::Title => "title",
            Signal::Amount => "amount",
            Signal::Parent => "parent",
        })
    }
}

/// Whether a signal held.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::Check;
///
/// assert_eq!(Check::Missing.to_string(), "missing");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Check {
    /// It held.
    Held,
    /// It was checked and did not hold.
    Failed,
    /// It could not be checked: one side does not publish what it needs.
    Missing,
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::Held => "held",
            Check::Failed => "failed",
            Check::Missing => "missing",
        })
    }
}

/// One signal, whether it held, and what was found.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::{Check, Finding, Signal};
///
/// let e = Finding::new(Signal::Countries, Check::Held, "both in MR".to_owned());
/// assert_eq!(e.to_string(), "countries held: both in MR");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The signal.
    pub signal: Signal,
    /// Whether it held.
    pub check: Check,
    /// What was found, in words with the figures.
    pub detail: String,
}

impl Finding {
    /// A piece of evidence.
    ///
    /// # Example
    ///
    /// See [`Finding`].
    #[must_use]
    pub fn new(signal: Signal, check: Check, detail: String) -> Finding {
        Finding {
            signal,
            check,
            detail,
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.signal, self.check, self.detail)
    }
}

/// One side's figure for a flow: the values of one transaction type between the two, and their
/// sum in one currency, each converted at its own value date.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::Amount;
/// use partnerships::formats::iati::code::TransactionType;
///
/// let amount = Amount { flow: TransactionType::OUTGOING_COMMITMENT, original: vec!["EUR 200000".parse()?], converted: Some("EUR 200000".parse()?), not_converted: vec![] };
/// assert_eq!(amount.to_string(), "EUR 200,000 (2: Outgoing Commitment)");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amount {
    /// The transaction type summed.
    pub flow: TransactionType,
    /// The values as published.
    pub original: Vec<Money>,
    /// Their sum in the valuer's currency; `None` when any could not be converted.
    pub converted: Option<Money>,
    /// Why values could not be converted.
    pub not_converted: Vec<String>,
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let flow = self.flow.name().unwrap_or("unlisted type");
        match self.converted {
            Some(m) => write!(f, "{} ({}: {flow})", m.grouped(), self.flow.as_str()),
            None => write!(f, "not converted ({}: {flow})", self.flow.as_str()),
        }
    }
}

/// A funding link between an activity of a funder and one of an implementer.
///
/// # Example
///
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The funder's activity.
    pub funder_activity: String,
    /// The implementer's activity.
    pub implementer_activity: String,
    /// The funder: the funder's activity's reporting organisation.
    pub funder: String,
    /// The implementer: the implementer's activity's reporting organisation.
    pub implementer: String,
    /// The grade.
    pub grade: Grade,
    /// Points of the inferred signals that held, out of 100.
    pub score: u8,
    /// Every signal checked, held, failed or missing.
    pub evidence: Vec<Finding>,
    /// The funder's commitments to the implementer, else its disbursements.
    pub funder_amount: Option<Amount>,
    /// The implementer's incoming commitments from the funder, else its incoming funds.
    pub implementer_amount: Option<Amount>,
    #[serde(skip)]
    pub(crate) ends: (usize, usize),
}

/// Where an identifier was cited.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::CitedBy;
///
/// assert_eq!(CitedBy::ProviderActivity.to_string(), "provider-org/@provider-activity-id");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CitedBy {
    /// A transaction's `provider-org/@provider-activity-id`.
    ProviderActivity,
    /// A transaction's `receiver-org/@receiver-activity-id`.
    ReceiverActivity,
    /// `participating-org/@activity-id`, with the organisation's role.
    ParticipatingOrg(Option<OrganisationRole>),
    /// `other-identifier/@ref`.
    OtherIdentifier,
    /// `related-activity/@ref`, with its type.
    Related(RelatedActivityType),
}

impl std::fmt::Display for CitedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CitedBy::ProviderActivity => f.write_str("provider-org/@provider-activity-id"),
            CitedBy::ReceiverActivity => f.write_str("receiver-org/@receiver-activity-id"),
            CitedBy::ParticipatingOrg(Some(role)) => {
                write!(f, "participating-org[@role={}]/@activity-id", role.as_str())
            }
            CitedBy::ParticipatingOrg(None) => f.write_str("participating-org/@activity-id"),
            CitedBy::OtherIdentifier => f.write_str("other-identifier/@ref"),
            CitedBy::Related(kind) => write!(f, "related-activity[@type={}]/@ref", kind.as_str()),
        }
    }
}

impl Serialize for CitedBy {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why an explicit citation links nothing, in the manner of the traceability errors IATI.cloud
/// reported until 2023.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::BrokenReason;
///
/// assert_eq!(BrokenReason::SelfReference.code(), "self-reference");
/// assert_eq!(BrokenReason::NotFound.to_string(), "identifier not found");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BrokenReason {
    /// No activity has the identifier, in any form.
    NotFound,
    /// It is the citing activity's own identifier, where another publisher's is meant.
    SelfReference,
    /// Several activities match it equally well.
    Ambiguous,
    /// It is an organisation's identifier, not an activity's.
    OrganisationIdentifier,
    /// It is an activity of another publisher than the organisation the citation names.
    OtherPublisher,
}

impl BrokenReason {
    /// The reason's stable code: `not-found`, `self-reference`, `ambiguous`,
    /// `organisation-identifier`, `other-publisher`.
    ///
    /// # Example
    ///
    /// See [`BrokenReason`].
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            BrokenReason::NotFound => "not-found",
            BrokenReason::SelfReference => "self-reference",
            BrokenReason::Ambiguous => "ambiguous",
            BrokenReason::OrganisationIdentifier => "organisation-identifier",
            BrokenReason::OtherPublisher => "other-publisher",
        }
    }
}

impl std::fmt::Display for BrokenReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BrokenReason::NotFound => "identifier not found",
            BrokenReason::SelfReference => "points to the citing activity itself",
            BrokenReason::Ambiguous => "several activities match",
            BrokenReason::OrganisationIdentifier => {
                "an organisation's identifier, not an activity's"
            }
            BrokenReason::OtherPublisher => "an activity of another publisher than the one named",
        })
    }
}

/// An explicit citation across publishers that links nothing.
///
/// # Example
///
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broken {
    /// The citing activity.
    pub citing_activity: String,
    /// Its publisher.
    pub citing_publisher: String,
    /// The identifier cited, as written.
    pub cited: String,
    /// Where.
    pub field: CitedBy,
    /// The organisation the citing element names, if any.
    pub cited_organisation: Option<String>,
    /// Why it links nothing.
    pub reason: BrokenReason,
    /// The activities it matched (ambiguous, another publisher's, itself), with how.
    pub candidates: Vec<String>,
    #[serde(skip)]
    pub(crate) citing: usize,
}

/// Every link among the activities a [`Linker`] was given, and every broken citation.
///
/// # Example
///
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Links {
    /// The links, funder's activity then implementer's in the order they were added.
    pub links: Vec<Link>,
    /// Citations of another publisher's activity that link nothing.
    pub broken: Vec<Broken>,
    /// Citations within one publisher (a grant citing the plan it comes from), which link no
    /// two publishers: how many found their activity, and how many did not.
    pub internal: InternalCitations,
    /// Activities that would have been compared with more than [`MAX_COMPARED`] activities of
    /// the organisations they name in their countries: not compared, so that a hostile or
    /// degenerate corpus cannot make linking quadratic. Their explicit links stand.
    pub crowded: Vec<String>,
}

/// The most activities one activity is compared with for inferred links (10,000): far more
/// than any publisher has in one country in the field's data.
pub const MAX_COMPARED: usize = 10_000;

/// Citations of a publisher's own activities.
///
/// # Example
///
/// ```
/// let internal = partnerships::analysis::links::InternalCitations::default();
/// assert_eq!(internal.found + internal.not_found, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct InternalCitations {
    /// Found their activity.
    pub found: u64,
    /// Did not.
    pub not_found: u64,
}

/// What a [`Linker`] accepts as a link.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::LinkOptions;
/// use rust_decimal::Decimal;
///
/// let options = LinkOptions::default();
/// assert_eq!((options.threshold, options.title_similarity), (55, 60));
/// assert_eq!(options.tolerance, Decimal::new(15, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkOptions {
    /// The least score of an inferred link, out of 100 (55).
    pub threshold: u8,
    /// The share of title words in common, in percent, for titles to count as alike (60).
    pub title_similarity: u8,
    /// How far apart, as a share of the larger, two amounts may be and agree (0.15): grants
    /// are published in different currencies at different dates.
    pub tolerance: Decimal,
}

impl Default for LinkOptions {
    fn default() -> LinkOptions {
        LinkOptions {
            threshold: 55,
            title_similarity: 60,
            tolerance: Decimal::new(15, 2),
        }
    }
}

/// The score from which an inferred link is strong.
const STRONG: u8 = 75;

/// Finds funding links among activities of many publishers.
///
/// Activities are added one at a time ([`add`](Self::add)), each kept as the little linking
/// needs, so that a corpus streams through; [`link`](Self::link) then finds the links in time
/// that grows as n log n with the number of activities, comparing only activities whose
/// publishers name each other.
///
/// # Example
///
/// See [the module](self).
#[derive(Debug, Clone, Default)]
pub struct Linker {
    profiles: Vec<Profile>,
    partners: Partners,
    options: LinkOptions,
}

/// A pair of activities by position: funder's, implementer's.
type Pair = (usize, usize);

/// What explicit citations give.
#[derive(Default)]
struct Explicit {
    /// Pairs an identifier ties, with the evidence.
    links: Vec<(Pair, Finding)>,
    broken: Vec<Broken>,
    internal: InternalCitations,
    /// Activities their own publisher cites as a provider or parent.
    parents: HashSet<usize>,
}

impl Linker {
    /// A linker that recognises organisations with [`Partners::new`], with the default options.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::analysis::links::Linker::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Linker {
        Linker::with_partners(Partners::new())
    }

    /// A linker that recognises organisations with `partners` (which may know a dataset's
    /// hierarchy, see [`Partners::learn_hierarchy`]).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::links::Linker;
    /// use partnerships::analysis::partners::Partners;
    ///
    /// let mut partners = Partners::new();
    /// partners.learn_hierarchy(&partnerships::data::eu_iom_2020());
    /// assert_eq!(Linker::with_partners(partners).len(), 0);
    /// ```
    #[must_use]
    pub fn with_partners(partners: Partners) -> Linker {
        Linker {
            profiles: Vec::new(),
            partners,
            options: LinkOptions::default(),
        }
    }

    /// The linker with other options.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::links::{LinkOptions, Linker};
    ///
    /// let strict = Linker::new().with_options(LinkOptions { threshold: 75, ..LinkOptions::default() });
    /// assert_eq!(strict.options().threshold, 75);
    /// ```
    #[must_use]
    pub fn with_options(mut self, options: LinkOptions) -> Linker {
        self.options = options;
        self
    }

    /// The options.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(partnerships::analysis::links::Linker::new().options().threshold, 55);
    /// ```
    #[must_use]
    pub fn options(&self) -> LinkOptions {
        self.options
    }

    /// Adds an activity, and learns the names its organisations carry beside an identifier.
    ///
    /// # Example
    ///
    /// See [the module](self).
    pub fn add(&mut self, activity: &Activity) {
        self.partners.learn(activity);
        self.profiles.push(Profile::of(activity));
    }

    /// How many activities were added.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(partnerships::analysis::links::Linker::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    /// Whether no activity was added.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::analysis::links::Linker::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    /// The identifier of an organisation as named, if it can be told.
    fn resolve(&self, org: &OrgRef) -> Option<String> {
        self.partners.identify(org).map(|(id, _)| id.to_owned())
    }

    /// Whether two organisation identifiers are one organisation, or one part of the other.
    pub(crate) fn same_org(&self, a: &str, b: &str) -> bool {
        a == b || self.partners.is_part_of(a, b) || self.partners.is_part_of(b, a)
    }

    /// Whether `org` names the organisation `wanted`.
    fn is_org(&self, org: &OrgRef, wanted: &str) -> bool {
        self.resolve(org)
            .is_some_and(|id| self.same_org(&id, wanted))
    }

    /// The activity's publisher, if it names one.
    fn publisher(&self, index: usize) -> Option<&str> {
        self.profiles.get(index).and_then(|p| p.reporter.as_deref())
    }

    /// Whether two activities have one publisher (or one's publisher is part of the other's).
    fn same_publisher(&self, a: usize, b: usize) -> bool {
        match (self.publisher(a), self.publisher(b)) {
            (Some(x), Some(y)) => self.same_org(x, y),
            _ => false,
        }
    }

    /// Finds every link and broken citation among the activities added. Amounts are put in the
    /// valuer's currency under its convention.
    ///
    /// # Example
    ///
    /// See [the module](self).
    pub fn link(&self, valuer: &mut Valuer<'_>) -> Links {
        let mut index = IdIndex::default();
        for (i, p) in self.profiles.iter().enumerate() {
            index.insert(i, &p.identifier, p.reporter.as_deref());
        }
        let Explicit {
            links: explicit,
            broken,
            internal,
            parents,
        } = self.explicit(&index);
        let mut links = Vec::new();
        let mut linked: HashSet<Pair> = HashSet::new();
        for (pair, evidence) in explicit {
            if linked.insert(pair) {
                if let Some(link) = self.score(pair, Some(evidence), &parents, valuer) {
                    links.push(link);
                }
            }
        }
        let (candidates, crowded) = self.candidates();
        let mut inferred: Vec<Link> = candidates
            .into_iter()
            .filter(|pair| !linked.contains(pair))
            .filter_map(|pair| self.score(pair, None, &parents, valuer))
            .collect();
        Linker::keep_best(&mut inferred, &links);
        links.extend(inferred);
        links.sort_by_key(|link| link.ends);
        Links {
            links,
            broken,
            internal,
            crowded,
        }
    }

    /// Links by identifier, broken citations, internal citations, and the activities their own
    /// publisher cites as a provider or parent.
    fn explicit(&self, index: &IdIndex) -> Explicit {
        let mut found = Explicit::default();
        // Every organisation identifier the files use, to tell one cited as an activity.
        let organisations: HashSet<String> = self
            .profiles
            .iter()
            .flat_map(|p| {
                p.reporter
                    .iter()
                    .chain(p.mentions.iter().filter_map(|m| m.org.reference.as_ref()))
                    .chain(p.citations.iter().filter_map(|c| c.org.as_ref()))
            })
            .map(|o| ids::canonical(o))
            .collect();
        for q in 0..self.profiles.len() {
            let citations = self.profiles.get(q).map_or(&[][..], |p| &p.citations[..]);
            for citation in citations {
                self.cite(index, &organisations, q, citation, &mut found);
            }
        }
        found
    }

    /// Whether the citation of activity `q` is about its publisher's own activities: it names
    /// the publisher or the organisation whose identifier starts the activity's, or it names
    /// none and the code carries no other organisation's prefix.
    fn about_own(&self, q: usize, citation: &profile::Citation) -> bool {
        let Some(profile) = self.profiles.get(q) else {
            return false;
        };
        let own = profile.reporter.as_deref().unwrap_or_default();
        if let Some(org) = citation.org.as_deref().filter(|o| is_iati_shaped(o)) {
            (!own.is_empty() && self.same_org(org, own))
                || ids::squashed(&profile.identifier).starts_with(&ids::squashed(org))
        } else {
            let own_prefix = ids::canonical(own);
            !ids::looks_prefixed(&citation.cited)
                || (!own_prefix.is_empty()
                    && ids::canonical(&citation.cited).starts_with(&own_prefix))
        }
    }

    /// Follows one citation of activity `q`.
    fn cite(
        &self,
        index: &IdIndex,
        organisations: &HashSet<String>,
        q: usize,
        citation: &profile::Citation,
        out: &mut Explicit,
    ) {
        let Some(profile) = self.profiles.get(q) else {
            return;
        };
        let identifier = |i: usize| self.profiles.get(i).map_or("", |p| p.identifier.as_str());
        let named_org = citation.org.as_deref().filter(|o| is_iati_shaped(o));
        let owned = |h: usize| match (named_org, self.publisher(h)) {
            (Some(o), Some(p)) => self.same_org(o, p),
            (Some(_), None) => false,
            (None, _) => true,
        };
        let found = index.find(&citation.cited, owned, identifier);
        let internal = &mut out.internal;
        if self.about_own(q, citation) {
            match found {
                Found::One(h, _) => {
                    internal.found = internal.found.saturating_add(1);
                    let upstream = matches!(citation.by, CitedBy::ProviderActivity)
                        || citation.by == CitedBy::Related(RelatedActivityType::PARENT);
                    if h != q && upstream && self.same_publisher(h, q) {
                        out.parents.insert(h);
                    }
                }
                _ => internal.not_found = internal.not_found.saturating_add(1),
            }
            return;
        }
        let shown = |h: usize, how: IdMatch| format!("{} ({how})", identifier(h));
        let (reason, candidates) = match found {
            // A bare code that is the citing activity's own, prefix or ending aside.
            Found::One(h, IdMatch::Prefix | IdMatch::Suffix)
                if h == q && citation.org.is_none() =>
            {
                internal.found = internal.found.saturating_add(1);
                return;
            }
            Found::One(h, how) if identifier(h) == profile.identifier => {
                (BrokenReason::SelfReference, vec![shown(h, how)])
            }
            Found::One(h, _) if self.same_publisher(h, q) => {
                internal.found = internal.found.saturating_add(1);
                return;
            }
            Found::One(h, how) => {
                let pair = self.direction(citation, q, h);
                let detail = format!(
                    "{} cites {} in {}, {how}",
                    profile.identifier, citation.cited, citation.by
                );
                out.links
                    .push((pair, Finding::new(Signal::Identifier, Check::Held, detail)));
                if citation.by == CitedBy::Related(RelatedActivityType::PARENT) {
                    out.parents.insert(h);
                }
                return;
            }
            Found::Many(hits, how) => (
                BrokenReason::Ambiguous,
                hits.iter().map(|&h| shown(h, how)).collect(),
            ),
            Found::Nothing if organisations.contains(&ids::canonical(&citation.cited)) => {
                (BrokenReason::OrganisationIdentifier, Vec::new())
            }
            Found::Nothing => match index.find(&citation.cited, |_| true, identifier) {
                Found::One(h, how) if h == q => (BrokenReason::SelfReference, vec![shown(h, how)]),
                Found::One(h, how) => (
                    BrokenReason::OtherPublisher,
                    vec![format!(
                        "{} of {} ({how})",
                        identifier(h),
                        self.publisher(h).unwrap_or("no publisher")
                    )],
                ),
                _ => (BrokenReason::NotFound, Vec::new()),
            },
        };
        out.broken.push(Broken {
            citing_activity: profile.identifier.clone(),
            citing_publisher: profile.reporter.clone().unwrap_or_default(),
            cited: citation.cited.clone(),
            field: citation.by.clone(),
            cited_organisation: citation.org.clone(),
            reason,
            candidates,
            citing: q,
        });
    }

    /// Which of the citing activity `q` and the cited `h` is the funder's.
    fn direction(&self, citation: &profile::Citation, q: usize, h: usize) -> Pair {
        let upstream = match &citation.by {
            CitedBy::ReceiverActivity => Some(false),
            CitedBy::ParticipatingOrg(Some(role)) if *role == OrganisationRole::IMPLEMENTING => {
                Some(false)
            }
            CitedBy::ProviderActivity | CitedBy::ParticipatingOrg(Some(_)) => Some(true),
            CitedBy::Related(kind) if *kind == RelatedActivityType::PARENT => Some(true),
            CitedBy::Related(kind) if *kind == RelatedActivityType::CHILD => Some(false),
            _ => None,
        };
        let upstream = upstream.unwrap_or_else(|| {
            // Otherwise the one the other names as its funder is upstream.
            let names_funder = |a: usize, b: usize| match (self.profiles.get(a), self.publisher(b))
            {
                (Some(p), Some(publisher)) => {
                    signals::names(p, Named::Funder, &|o| self.is_org(o, publisher)).is_some()
                }
                _ => false,
            };
            !names_funder(h, q) || names_funder(q, h)
        });
        if upstream {
            (h, q)
        } else {
            (q, h)
        }
    }

    /// Pairs of activities whose publishers name each other's organisations: a funder's
    /// activity naming an implementer, with the implementer's activities, and the other way
    /// round; those in disjoint countries are left out at once.
    fn candidates(&self) -> (Vec<Pair>, Vec<String>) {
        // Activities by publisher (and each organisation it is part of), and by publisher and
        // country, so that an activity in a country meets only those in that country or in
        // none: the work grows with the activities, not with their pairs.
        let mut by_publisher: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_country: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        let mut countryless: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in self.profiles.iter().enumerate() {
            if let Some(reporter) = p.reporter.as_deref() {
                for publisher in std::iter::once(reporter).chain(self.partners.ancestors(reporter))
                {
                    by_publisher.entry(publisher).or_default().push(i);
                    if p.countries.is_empty() {
                        countryless.entry(publisher).or_default().push(i);
                    }
                    for country in &p.countries {
                        by_country.entry((publisher, country)).or_default().push(i);
                    }
                }
            }
        }
        let mut pairs = HashSet::new();
        let mut crowded = Vec::new();
        for (i, p) in self.profiles.iter().enumerate() {
            let Some(reporter) = p.reporter.as_deref() else {
                continue;
            };
            let mut named: Vec<(String, Named)> = p
                .mentions
                .iter()
                .filter(|m| m.named != Named::Other)
                .filter_map(|m| Some((self.resolve(&m.org)?, m.named)))
                .filter(|(id, _)| !self.same_org(id, reporter))
                .collect();
            named
                .sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| (a.1 as u8).cmp(&(b.1 as u8))));
            named.dedup();
            for (org, role) in named {
                let org = org.as_str();
                let met: Vec<&Vec<usize>> = if p.countries.is_empty() {
                    by_publisher.get(org).into_iter().collect()
                } else {
                    p.countries
                        .iter()
                        .filter_map(|c| by_country.get(&(org, c.as_str())))
                        .chain(countryless.get(org))
                        .collect()
                };
                let count = met
                    .iter()
                    .map(|m| m.len())
                    .fold(0usize, usize::saturating_add);
                if count > MAX_COMPARED {
                    crowded.push(p.identifier.clone());
                    continue;
                }
                for &j in met.into_iter().flatten() {
                    if self.same_publisher(i, j) {
                        continue;
                    }
                    pairs.insert(if role == Named::Implementer {
                        (i, j)
                    } else {
                        (j, i)
                    });
                }
            }
        }
        let mut pairs: Vec<Pair> = pairs.into_iter().collect();
        pairs.sort_unstable();
        crowded.dedup();
        (pairs, crowded)
    }

    /// Whether each side names the other in its role, as evidence; true when a side names
    /// another organisation it can be told by in the role and not this one, which says the two
    /// are different grants.
    fn naming(&self, funder: &Profile, implementer: &Profile, evidence: &mut Vec<Finding>) -> bool {
        let (Some(funder_org), Some(implementer_org)) =
            (funder.reporter.as_deref(), implementer.reporter.as_deref())
        else {
            return false;
        };
        let mut conflict = false;
        for (side, named, signal, who, whom) in [
            (
                funder,
                Named::Implementer,
                Signal::FunderNamesImplementer,
                funder_org,
                implementer_org,
            ),
            (
                implementer,
                Named::Funder,
                Signal::ImplementerNamesFunder,
                implementer_org,
                funder_org,
            ),
        ] {
            let is_whom = |o: &OrgRef| self.is_org(o, whom);
            evidence.push(if let Some(how) = signals::names(side, named, &is_whom) {
                Finding::new(signal, Check::Held, format!("{who} names {whom} {how}"))
            } else {
                conflict |= side.mentions.iter().any(|m| {
                    m.named == named && self.resolve(&m.org).is_some() && !is_whom(&m.org)
                });
                Finding::new(signal, Check::Failed, format!("{who} does not name {whom}"))
            });
        }
        conflict
    }

    /// One side's figure in activity `p` for money between it and `other`: for the funder
    /// (`named` is [`Named::Implementer`]) its commitments, else its disbursements, to the
    /// implementer; for the implementer its incoming commitments, else its incoming funds, from
    /// the funder. A flow that names no other party counts where the activity names `other` in
    /// that role.
    fn side_amount(
        &self,
        p: &Profile,
        named: Named,
        other: &str,
        valuer: &mut Valuer<'_>,
    ) -> Option<Amount> {
        let is_other = |o: &OrgRef| self.is_org(o, other);
        let named_there = signals::names(p, named, &is_other).is_some();
        let kinds = if named == Named::Implementer {
            [
                TransactionType::OUTGOING_COMMITMENT,
                TransactionType::DISBURSEMENT,
            ]
        } else {
            [
                TransactionType::INCOMING_COMMITMENT,
                TransactionType::INCOMING_FUNDS,
            ]
        };
        let (kind, flows) = signals::side_flows(p, kinds, named_there, &is_other)?;
        Some(signals::amount(kind, &flows, valuer))
    }

    /// The link between the funder's activity and the implementer's, with every signal, if it
    /// is one: explicit, or inferred and at the threshold.
    fn score(
        &self,
        (f, i): Pair,
        identifier: Option<Finding>,
        parents: &HashSet<usize>,
        valuer: &mut Valuer<'_>,
    ) -> Option<Link> {
        let (funder, implementer) = (self.profiles.get(f)?, self.profiles.get(i)?);
        let (funder_org, implementer_org) =
            (funder.reporter.clone()?, implementer.reporter.clone()?);
        let mut evidence = Vec::new();
        let explicit = identifier.is_some();
        evidence.extend(identifier);
        let conflict = self.naming(funder, implementer, &mut evidence);
        evidence.push(signals::countries(funder, implementer));
        evidence.push(signals::period(funder, implementer));
        evidence.push(signals::title(
            funder,
            implementer,
            self.options.title_similarity,
        ));
        let funder_amount = self.side_amount(funder, Named::Implementer, &implementer_org, valuer);
        let implementer_amount = self.side_amount(implementer, Named::Funder, &funder_org, valuer);
        evidence.push(signals::amounts(
            funder_amount.as_ref(),
            implementer_amount.as_ref(),
            self.options.tolerance,
        ));
        let check = |signal: Signal| {
            evidence
                .iter()
                .find(|e| e.signal == signal)
                .map(|e| e.check)
        };
        let same_dates = evidence.iter().any(signals::same_dates);
        let score = signals::WEIGHTS
            .iter()
            .filter(|(signal, _)| check(*signal) == Some(Check::Held))
            .fold(0u8, |sum, (_, points)| sum.saturating_add(*points))
            .saturating_add(if same_dates { signals::SAME_DATES } else { 0 });
        let parent = parents.contains(&f);
        let countries = check(Signal::Countries);
        let period = check(Signal::Period);
        let title = check(Signal::Title);
        let amount = check(Signal::Amount);
        if parent {
            evidence.push(Finding::new(
                Signal::Parent,
                Check::Held,
                format!(
                    "{} is cited by {funder_org}'s own activities as their provider or parent",
                    funder.identifier
                ),
            ));
        }
        if !explicit {
            let vetoed = conflict
                || countries == Some(Check::Failed)
                || period == Some(Check::Failed)
                || (title != Some(Check::Held) && amount != Some(Check::Held));
            if vetoed || score < self.options.threshold {
                return None;
            }
        }
        let grade = if parent {
            Grade::Related
        } else if explicit {
            Grade::Explicit
        } else if score >= STRONG {
            Grade::Strong
        } else {
            Grade::Weak
        };
        Some(Link {
            funder_activity: funder.identifier.clone(),
            implementer_activity: implementer.identifier.clone(),
            funder: funder_org,
            implementer: implementer_org,
            grade,
            score,
            evidence,
            funder_amount,
            implementer_amount,
            ends: (f, i),
        })
    }

    /// Keeps the inferred links that are the unique best on both sides: for an implementer's
    /// activity, the best-scoring of each funder's activities, and for a funder's activity the
    /// best of each implementer's (a parent may have many); none where two score alike, since
    /// the evidence cannot tell them apart, and none where an explicit link already ties the
    /// activity to that publisher.
    fn keep_best(inferred: &mut Vec<Link>, explicit: &[Link]) {
        let mut tied: HashSet<(usize, &str)> = HashSet::new();
        for link in explicit {
            tied.insert((link.ends.1, link.funder.as_str()));
            tied.insert((link.ends.0, link.implementer.as_str()));
        }
        // The best score on each side and how many links have it.
        let mut for_implementer: HashMap<(usize, &str), (u8, u32)> = HashMap::new();
        let mut for_funder: HashMap<(usize, &str), (u8, u32)> = HashMap::new();
        let best = |entry: &mut (u8, u32), score: u8| {
            if score > entry.0 {
                *entry = (score, 1);
            } else if score == entry.0 {
                entry.1 = entry.1.saturating_add(1);
            }
        };
        for link in inferred.iter() {
            best(
                for_implementer
                    .entry((link.ends.1, link.funder.as_str()))
                    .or_default(),
                link.score,
            );
            best(
                for_funder
                    .entry((link.ends.0, link.implementer.as_str()))
                    .or_default(),
                link.score,
            );
        }
        let keep: Vec<bool> = inferred
            .iter()
            .map(|link| {
                let implementer_side = (link.ends.1, link.funder.as_str());
                let funder_side = (link.ends.0, link.implementer.as_str());
                let related = link.grade == Grade::Related;
                !tied.contains(&implementer_side)
                    && (related || !tied.contains(&funder_side))
                    && for_implementer.get(&implementer_side) == Some(&(link.score, 1))
                    && (related || for_funder.get(&funder_side) == Some(&(link.score, 1)))
            })
            .collect();
        let mut keep = keep.into_iter();
        inferred.retain(|_| keep.next().unwrap_or(false));
    }
}
