//! References between records, resolved to record positions as the records are inserted.
//!
//! A record never changes once the dataset holds it, so neither does the position its
//! references resolve to. Each collection keeps, beside its records, one compact array of those
//! positions; validation reads it instead of hashing identifiers, so that its time per record
//! stays the same however large the dataset grows.
//!
//! Each kind of record lists its references as named groups in a fixed order (`links!`); an
//! optional reference that is not made keeps its place as [`ABSENT`], and a typed view per kind
//! ([`MeetingLinks`], ...) finds each group by name, so that a rule asks for a meeting's
//! `participant_posts` rather than counting offsets. A reference to an identifier not (yet) in
//! the dataset is [`MISSING`] until a record with that identifier arrives.

use super::Dataset;
use crate::figure::{Derivation, Figure, Source, Subject};
use crate::model::{
    Appointment, Budget, Framework, Fund, Funder, Meeting, Official, Organisation, OutcomeMetric,
    Portfolio, Post, Programme,
};

/// A reference to an identifier the dataset does not hold.
pub(crate) const MISSING: u32 = u32::MAX;
/// An optional reference the record does not make.
pub(crate) const ABSENT: u32 = u32::MAX - 1;
/// The position a resolved reference names: none when it is absent or missing.
pub(crate) fn position(slot: u32) -> Option<usize> {
    (slot != MISSING && slot != ABSENT).then_some(slot as usize)
}

/// The highest position a record can have: the two values above are taken.
pub(crate) const LAST_POSITION: u32 = u32::MAX - 2;

/// The kinds of record a reference can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Source,
    Organisation,
    Fund,
    Official,
    Post,
    Framework,
    Programme,
    Outcome,
    Portfolio,
    Figure,
}

/// How many kinds of [`Target`] there are.
pub(crate) const TARGETS: usize = 10;

impl Target {
    pub(crate) fn slot(self) -> usize {
        self as usize
    }
}

/// Rows grouped by record, in record order: record `i`'s rows end at `ends[i]`.
#[derive(Debug, Clone)]
pub(crate) struct Grouped<T> {
    ends: Vec<usize>,
    rows: Vec<T>,
}

impl<T> Default for Grouped<T> {
    fn default() -> Self {
        Grouped {
            ends: Vec::new(),
            rows: Vec::new(),
        }
    }
}

impl<T> Grouped<T> {
    /// Rows already grouped: `ends` increasing, the last no further than `rows` go.
    pub(crate) fn from_parts(ends: Vec<usize>, rows: Vec<T>) -> Grouped<T> {
        Grouped { ends, rows }
    }

    /// The rows of record `i`; none past the last record.
    pub(crate) fn of(&self, i: usize) -> &[T] {
        let start = match i.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.rows.get(start..end).unwrap_or_default()
    }

    /// Appends the next record's rows.
    pub(crate) fn push(&mut self, rows: &[T])
    where
        T: Clone,
    {
        self.rows.extend_from_slice(rows);
        self.ends.push(self.rows.len());
    }
}

/// The resolved references of every record of one kind, in insertion order, each record's in
/// its [`Refers`] order.
pub(crate) type Links = Grouped<u32>;

impl Links {
    /// Where the next record's first reference will be.
    pub(crate) fn next_slot(&self) -> usize {
        self.rows.len()
    }

    pub(crate) fn set(&mut self, slot: usize, position: u32) {
        if let Some(s) = self.rows.get_mut(slot) {
            *s = position;
        }
    }

    /// The records, in order, that have at least one reference that does not resolve.
    pub(crate) fn with_missing(&self) -> Vec<usize> {
        let mut records = Vec::new();
        let mut from = 0;
        while let Some(found) = self
            .rows
            .get(from..)
            .and_then(|rest| rest.iter().position(|&s| s == MISSING))
        {
            let slot = from.saturating_add(found);
            let record = self.ends.partition_point(|&end| end <= slot);
            records.push(record);
            // Past this record's references: one report per record.
            from = self.ends.get(record).map_or(self.rows.len(), |&end| end);
        }
        records
    }
}

/// A record's references, each with the kind of record it names.
pub(crate) trait Refers {
    /// Calls `to` with each reference in the record's fixed order: `None` for an optional
    /// reference that is not made.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>));
}

/// Each identifier of a list, as a reference that is made.
fn each<T: AsRef<str>>(ids: &[T]) -> impl Iterator<Item = Option<&str>> {
    ids.iter().map(|id| Some(id.as_ref()))
}

/// One optional reference.
fn one(id: Option<&str>) -> std::iter::Once<Option<&str>> {
    std::iter::once(id)
}

/// The length of a record's last group of references: every slot left.
const REST: usize = usize::MAX;

/// The position of `name` among `names`, at compile time: a group's accessor finds its place
/// once, as a constant.
// Evaluated by the compiler: an index out of range or an overflow does not compile.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn position_of(names: &[&str], name: &str) -> usize {
    let mut at = 0;
    while at < names.len() {
        let candidate = names[at].as_bytes();
        let wanted = name.as_bytes();
        if candidate.len() == wanted.len() {
            let mut i = 0;
            while i < wanted.len() && candidate[i] == wanted[i] {
                i += 1; // below `wanted.len()`
            }
            if i == wanted.len() {
                return at;
            }
        }
        at += 1;
    }
    names.len()
}

/// The accessor of one group of a view: a single slot for `one`, the group's slots for `many`.
macro_rules! link_accessor {
    (one, $group:ident, $doc:expr) => {
        #[doc = $doc]
        #[inline]
        pub(crate) fn $group(&self) -> u32 {
            const AT: usize = position_of(&GROUPS, stringify!($group));
            self.group(AT).first().copied().unwrap_or(ABSENT)
        }
    };
    (many, $group:ident, $doc:expr) => {
        #[doc = $doc]
        #[inline]
        pub(crate) fn $group(&self) -> &'a [u32] {
            const AT: usize = position_of(&GROUPS, stringify!($group));
            self.group(AT)
        }
    };
}

/// Each kind of record's references, as named groups in a fixed order. From one list come the
/// order in which the dataset resolves a record's references ([`Refers`]) and a typed view that
/// finds each group by name ([`MeetingLinks::participant_posts`], ...), so that the two cannot
/// drift apart. Each group says its length from the record's list lengths ([`REST`]: up to the
/// end), so that a view finds a group from the lengths of the groups before it, without reading
/// the record's identifiers; the group's place is a constant of its accessor.
macro_rules! links {
    ($(
        $record:ident => $view:ident in $module:ident {
            $( $group:ident: $arity:ident $target:ident [$len:expr] = |$r:ident| $refs:expr; )*
        }
    )*) => {$(
        impl Refers for $record {
            fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
                $({
                    let $r = self;
                    for id in $refs {
                        to(Target::$target, id);
                    }
                })*
            }
        }

        pub(crate) use $module::$view;

        mod $module {
            use super::*;

            /// The names of the groups, in order.
            const GROUPS: [&str; [$(stringify!($group)),*].len()] = [$(stringify!($group)),*];

            #[doc = concat!("The resolved references of a [`", stringify!($record), "`], by group.")]
            // Every group has an accessor, whether or not a rule reads it today.
            #[allow(dead_code)]
            #[derive(Clone, Copy)]
            pub(crate) struct $view<'a> {
                record: &'a $record,
                slots: &'a [u32],
            }

            #[allow(dead_code)]
            impl<'a> $view<'a> {
                pub(crate) fn new(record: &'a $record, slots: &'a [u32]) -> $view<'a> {
                    $view { record, slots }
                }

                /// The slots of the group at `at`: those after every group before it. With
                /// `at` a constant, only the lengths of the groups before it are computed.
                #[inline]
                fn group(&self, at: usize) -> &'a [u32] {
                    let mut start = 0_usize;
                    let mut k = 0_usize;
                    $({
                        // A group of fixed length does not read the record.
                        #[allow(unused_variables)]
                        let $r = self.record;
                        let end = start.saturating_add($len).min(self.slots.len());
                        if k == at {
                            return self.slots.get(start..end).unwrap_or_default();
                        }
                        start = end;
                        k = k.saturating_add(1);
                    })*
                    let _ = (start, k);
                    &[]
                }

                $(link_accessor!(
                    $arity,
                    $group,
                    concat!("The `", stringify!($group), "` references (", stringify!($target), ").")
                );)*
            }
        }
    )*};
}

impl Refers for Source {
    /// None.
    fn refers(&self, _: &mut dyn FnMut(Target, Option<&str>)) {}
}

links! {
    Organisation => OrganisationLinks in organisation_links_view {
        parents: many Organisation [o.parents.len()] = |o| o.parents.iter().map(|l| Some(l.parent.as_str()));
        successor: one Organisation [1] = |o| one(o.succeeded_by.as_ref().map(|s| s.successor.as_str()));
        sources: many Source [REST] = |o| each(&o.sources);
    }
    Fund => FundLinks in fund_links_view {
        managed_by: one Organisation [1] = |f| one(f.managed_by.as_ref().map(AsRef::as_ref));
        sources: many Source [REST] = |f| each(&f.sources);
    }
    Official => OfficialLinks in official_links_view {
        sources: many Source [REST] = |o| each(&o.sources);
    }
    Post => PostLinks in post_links_view {
        organisation: one Organisation [1] = |p| one(Some(p.organisation.as_str()));
        sources: many Source [REST] = |p| each(&p.sources);
    }
    Appointment => AppointmentLinks in appointment_links_view {
        official: one Official [1] = |a| one(Some(a.official.as_str()));
        post: one Post [1] = |a| one(Some(a.post.as_str()));
        attestations: many Source [a.attested.len()] = |a| a.attested.iter().map(|x| Some(x.source.as_str()));
        sources: many Source [REST] = |a| each(&a.sources);
    }
    Framework => FrameworkLinks in framework_links_view {
        parties: many Organisation [f.parties.len()] = |f| each(&f.parties);
        established_by: one Source [1] = |f| one(f.established_by.as_ref().map(AsRef::as_ref));
        sources: many Source [REST] = |f| each(&f.sources);
    }
    Meeting => MeetingLinks in meeting_links_view {
        framework: one Framework [1] = |m| one(Some(m.framework.as_str()));
        participant_officials: many Official [m.participants.len()] = |m| m.participants.iter().map(|p| Some(p.official.as_str()));
        participant_posts: many Post [m.participants.len()] = |m| m.participants.iter().map(|p| p.post.as_ref().map(AsRef::as_ref));
        participant_represents: many Organisation [m.participants.len()] = |m| m.participants.iter().map(|p| Some(p.represents.as_str()));
        document_authors: many Organisation [m.documents.len()] = |m| m.documents.iter().map(|d| d.by.as_ref().map(AsRef::as_ref));
        sources: many Source [m.sources.len()] = |m| each(&m.sources);
        // Again, the organisations the hosts represent, so that the rule about hosts finds
        // them without reading every participant.
        hosts: many Organisation [REST] = |m| m.hosts().map(|p| Some(p.represents.as_str()));
    }
    Programme => ProgrammeLinks in programme_links_view {
        budget_figure: one Figure [1] = |p| one(match &p.budget {
            Some(Budget::Figure(id)) => Some(id.as_str()),
            _ => None,
        });
        framework: one Framework [1] = |p| one(p.framework.as_ref().map(AsRef::as_ref));
        outcomes: many Outcome [p.outcomes.len()] = |p| each(&p.outcomes);
        implementers: many Organisation [p.implementers.len()] = |p| each(&p.implementers);
        sources: many Source [p.sources.len()] = |p| each(&p.sources);
        funder_organisations: many Organisation [funder_organisations(p)] = |p| p.funders.iter().filter_map(|f| match f {
            Funder::Organisation(id) => Some(Some(id.as_str())),
            Funder::Fund(_) => None,
        });
        funder_funds: many Fund [REST] = |p| p.funders.iter().filter_map(|f| match f {
            Funder::Fund(id) => Some(Some(id.as_str())),
            Funder::Organisation(_) => None,
        });
    }
    OutcomeMetric => OutcomeLinks in outcome_links_view {
        programme: one Programme [1] = |m| one(Some(m.programme.as_str()));
        baseline: one Figure [1] = |m| one(m.baseline.as_ref().map(AsRef::as_ref));
        target: one Figure [1] = |m| one(m.target.as_ref().map(AsRef::as_ref));
        actual: one Figure [1] = |m| one(m.actual.as_ref().map(AsRef::as_ref));
        sources: many Source [m.sources.len()] = |m| each(&m.sources);
    }
    Portfolio => PortfolioLinks in portfolio_links_view {
        project_count: one Figure [1] = |p| one(Some(p.project_count.as_str()));
        total_value: one Figure [1] = |p| one(Some(p.total_value.as_str()));
        average_value: one Figure [1] = |p| one(p.average_value.as_ref().map(AsRef::as_ref));
        parties: many Organisation [p.parties.len()] = |p| each(&p.parties);
        sources: many Source [REST] = |p| each(&p.sources);
    }
    Figure => FigureLinks in figure_links_view {
        inputs: many Figure [derivation_inputs(f).len()] = |f| derivation_inputs(f).iter().map(|id| Some(id.as_str()));
        sources: many Source [f.sources().len()] = |f| each(f.sources());
        subject_organisations: many Organisation [subjects(f, Target::Organisation)] = |f| f.subjects().iter().filter_map(|s| match s {
            Subject::Organisation(id) => Some(Some(id.as_str())),
            _ => None,
        });
        subject_frameworks: many Framework [subjects(f, Target::Framework)] = |f| f.subjects().iter().filter_map(|s| match s {
            Subject::Framework(id) => Some(Some(id.as_str())),
            _ => None,
        });
        subject_programmes: many Programme [subjects(f, Target::Programme)] = |f| f.subjects().iter().filter_map(|s| match s {
            Subject::Programme(id) => Some(Some(id.as_str())),
            _ => None,
        });
        subject_portfolios: many Portfolio [REST] = |f| f.subjects().iter().filter_map(|s| match s {
            Subject::Portfolio(id) => Some(Some(id.as_str())),
            _ => None,
        });
    }
}

/// How many of a programme's funders are organisations (the others are funds).
fn funder_organisations(programme: &Programme) -> usize {
    programme
        .funders
        .iter()
        .filter(|f| matches!(f, Funder::Organisation(_)))
        .count()
}

/// The figures a figure is derived from.
fn derivation_inputs(figure: &Figure) -> &[crate::id::FigureId] {
    match figure.derivation() {
        Derivation::Derived { inputs, .. } => inputs,
        Derivation::Stated => &[],
    }
}

/// How many of a figure's subjects are records of kind `target`.
fn subjects(figure: &Figure, target: Target) -> usize {
    figure
        .subjects()
        .iter()
        .filter(|s| {
            let kind = match s {
                Subject::Organisation(_) => Target::Organisation,
                Subject::Framework(_) => Target::Framework,
                Subject::Programme(_) => Target::Programme,
                Subject::Portfolio(_) => Target::Portfolio,
            };
            kind == target
        })
        .count()
}

/// The dataset's view of record `i` of each kind's references.
macro_rules! views {
    ($($method:ident: $field:ident => $view:ident;)*) => {
        #[allow(dead_code)]
        impl Dataset {$(
            #[doc = concat!("The references of `", stringify!($field), "[i]`, by group.")]
            pub(crate) fn $method(&self, i: usize) -> Option<$view<'_>> {
                let record = self.$field.items.get(i)?;
                Some($view::new(record, self.$field.links.of(i)))
            }
        )*}
    };
}

views! {
    organisation_links: organisations => OrganisationLinks;
    fund_links: funds => FundLinks;
    official_links: officials => OfficialLinks;
    post_links: posts => PostLinks;
    appointment_links: appointments => AppointmentLinks;
    framework_links: frameworks => FrameworkLinks;
    meeting_links: meetings => MeetingLinks;
    programme_links: programmes => ProgrammeLinks;
    outcome_links: outcomes => OutcomeLinks;
    portfolio_links: portfolios => PortfolioLinks;
    figure_links: figures => FigureLinks;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn links(records: &[&[u32]]) -> Links {
        let mut links = Links::default();
        for slots in records {
            links.push(slots);
        }
        links
    }

    #[test]
    fn each_record_keeps_its_own_references() {
        let l = links(&[&[0, 1], &[], &[MISSING, ABSENT, 2]]);
        assert_eq!(l.of(0), [0, 1]);
        assert!(l.of(1).is_empty());
        assert_eq!(l.of(2), [MISSING, ABSENT, 2]);
        assert!(l.of(3).is_empty(), "past the end is empty, not a panic");
        assert_eq!(l.next_slot(), 5);
    }

    #[test]
    fn records_with_missing_references_are_found_once_each() {
        let mut l = links(&[&[MISSING, MISSING], &[1], &[], &[ABSENT, MISSING]]);
        assert_eq!(l.with_missing(), [0, 3]);
        l.set(4, 7);
        assert_eq!(l.with_missing(), [0]);
        l.set(0, 1);
        l.set(1, 1);
        assert!(l.with_missing().is_empty());
        l.set(99, 1);
        assert_eq!(
            l.rows,
            [1, 1, 1, ABSENT, 7],
            "a slot past the end is ignored"
        );
    }
}
