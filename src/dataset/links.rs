//! References between records, resolved to record positions as the records are inserted.
//!
//! A record never changes once the dataset holds it, so neither does the position its
//! references resolve to. Each collection keeps, beside its records, one compact array of those
//! positions; validation reads it instead of hashing identifiers, so that its time per record
//! stays the same however large the dataset grows.
//!
//! Each kind of record lists its references in a fixed order ([`Refers`]); an optional
//! reference that is not made keeps its place as [`ABSENT`], so that a rule can find, say, a
//! meeting's participants at fixed offsets. A reference to an identifier not (yet) in the
//! dataset is [`MISSING`] until a record with that identifier arrives.

use crate::figure::{Derivation, Figure, Source, Subject};
use crate::model::{
    Appointment, Budget, Capacity, Framework, Fund, Funder, Meeting, Official, Organisation,
    OutcomeMetric, Portfolio, Post, Programme,
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

fn each<T: AsRef<str>>(ids: &[T], target: Target, to: &mut dyn FnMut(Target, Option<&str>)) {
    for id in ids {
        to(target, Some(id.as_ref()));
    }
}

impl Refers for Source {
    /// None.
    fn refers(&self, _: &mut dyn FnMut(Target, Option<&str>)) {}
}

impl Refers for Organisation {
    /// Each parent link's parent, the successor, the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        for link in &self.parents {
            to(Target::Organisation, Some(link.parent.as_str()));
        }
        let successor = self.succeeded_by.as_ref().map(|s| s.successor.as_str());
        to(Target::Organisation, successor);
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for Fund {
    /// The managing organisation, the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        to(
            Target::Organisation,
            self.managed_by.as_ref().map(AsRef::as_ref),
        );
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for Official {
    /// The sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for Post {
    /// The organisation, the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        to(Target::Organisation, Some(self.organisation.as_str()));
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for Appointment {
    /// The official, the post, each attestation's source, the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        to(Target::Official, Some(self.official.as_str()));
        to(Target::Post, Some(self.post.as_str()));
        for attestation in &self.attested {
            to(Target::Source, Some(attestation.source.as_str()));
        }
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for Framework {
    /// The parties, the establishing source, the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        each(&self.parties, Target::Organisation, to);
        to(
            Target::Source,
            self.established_by.as_ref().map(AsRef::as_ref),
        );
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for Meeting {
    /// The framework; each participant's official, post and organisation represented (three
    /// slots each, see [`participant_links`]); each document's author; the sources; and again,
    /// the organisation each host represents (see [`host_links`]), so that the rule about hosts
    /// finds them without reading every participant.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        to(Target::Framework, Some(self.framework.as_str()));
        for p in &self.participants {
            to(Target::Official, Some(p.official.as_str()));
            to(Target::Post, p.post.as_ref().map(AsRef::as_ref));
            to(Target::Organisation, Some(p.represents.as_str()));
        }
        for document in &self.documents {
            to(
                Target::Organisation,
                document.by.as_ref().map(AsRef::as_ref),
            );
        }
        each(&self.sources, Target::Source, to);
        for p in &self.participants {
            if p.capacity == Capacity::Host {
                to(Target::Organisation, Some(p.represents.as_str()));
            }
        }
    }
}

impl Refers for Programme {
    /// The budget's figure, the framework, the outcome metrics, the funders, the implementers,
    /// the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        let budget = match &self.budget {
            Some(Budget::Figure(id)) => Some(id.as_str()),
            _ => None,
        };
        to(Target::Figure, budget);
        to(
            Target::Framework,
            self.framework.as_ref().map(AsRef::as_ref),
        );
        each(&self.outcomes, Target::Outcome, to);
        for funder in &self.funders {
            match funder {
                Funder::Organisation(id) => to(Target::Organisation, Some(id.as_str())),
                Funder::Fund(id) => to(Target::Fund, Some(id.as_str())),
            }
        }
        each(&self.implementers, Target::Organisation, to);
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for OutcomeMetric {
    /// The programme, the baseline, the target, the actual, the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        to(Target::Programme, Some(self.programme.as_str()));
        for figure in [&self.baseline, &self.target, &self.actual] {
            to(Target::Figure, figure.as_ref().map(AsRef::as_ref));
        }
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for Portfolio {
    /// The project count, the total value, the average value, the parties, the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        to(Target::Figure, Some(self.project_count.as_str()));
        to(Target::Figure, Some(self.total_value.as_str()));
        to(
            Target::Figure,
            self.average_value.as_ref().map(AsRef::as_ref),
        );
        each(&self.parties, Target::Organisation, to);
        each(&self.sources, Target::Source, to);
    }
}

impl Refers for Figure {
    /// The subjects, the derivation's inputs, the sources.
    fn refers(&self, to: &mut dyn FnMut(Target, Option<&str>)) {
        for subject in self.subjects() {
            match subject {
                Subject::Organisation(id) => to(Target::Organisation, Some(id.as_str())),
                Subject::Framework(id) => to(Target::Framework, Some(id.as_str())),
                Subject::Programme(id) => to(Target::Programme, Some(id.as_str())),
                Subject::Portfolio(id) => to(Target::Portfolio, Some(id.as_str())),
            }
        }
        if let Derivation::Derived { inputs, .. } = self.derivation() {
            each(inputs, Target::Figure, to);
        }
        each(self.sources(), Target::Source, to);
    }
}

/// A meeting's participants' slots, `[official, post, represents]` each, in participant order.
pub(crate) fn participant_links(
    slots: &[u32],
    participants: usize,
) -> impl Iterator<Item = [u32; 3]> + '_ {
    let end = participants.saturating_mul(3).saturating_add(1);
    slots
        .get(1..end)
        .unwrap_or_default()
        .chunks_exact(3)
        .filter_map(|c| <[u32; 3]>::try_from(c).ok())
}

/// The organisations a meeting's hosts represent, in participant order.
pub(crate) fn host_links<'a>(slots: &'a [u32], meeting: &Meeting) -> &'a [u32] {
    let start = meeting
        .participants
        .len()
        .saturating_mul(3)
        .saturating_add(1)
        .saturating_add(meeting.documents.len())
        .saturating_add(meeting.sources.len());
    slots.get(start..).unwrap_or_default()
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
