//! Compact tables that validation builds once, each in one pass over one kind of record, so
//! that the rules which follow references read a few bytes per record they reach instead of
//! the whole record.
//!
//! Each table is indexed by record position, as references resolve (see `dataset::links`).

use chrono::NaiveDate;

use super::negative_money;
use crate::dataset::{position, Dataset, Grouped, MISSING};
use crate::date::{PartialDate, Period};

/// The scratch of a breadth-first walk up parent links, kept across walks: a visit mark per
/// organisation, stamped with the walk's number so that no walk has to clear it.
#[derive(Default)]
pub(super) struct Walk {
    marks: Vec<u32>,
    stamp: u32,
    queue: Vec<usize>,
}

impl Walk {
    /// Whether organisation `organisation` is `party` or part of it on `day`, through the parent
    /// links that may hold on that day.
    pub(super) fn reaches(
        &mut self,
        data: &Dataset,
        (organisation, party): (usize, usize),
        day: NaiveDate,
    ) -> bool {
        if organisation == party {
            return true;
        }
        self.start(data.organisations().len());
        self.visit(organisation);
        let mut next = 0;
        while let Some(&current) = self.queue.get(next) {
            next = next.saturating_add(1);
            for parent in data.parents_on(current, day) {
                if self.visit(parent) && parent == party {
                    return true;
                }
            }
        }
        false
    }

    fn start(&mut self, organisations: usize) {
        if self.marks.len() != organisations || self.stamp == u32::MAX {
            self.marks.clear();
            self.marks.resize(organisations, 0);
            self.stamp = 0;
        }
        self.stamp = self.stamp.saturating_add(1);
        self.queue.clear();
    }

    /// Queues `organisation` unless this walk has met it; whether it was new.
    fn visit(&mut self, organisation: usize) -> bool {
        match self.marks.get_mut(organisation) {
            Some(mark) if *mark != self.stamp => {
                *mark = self.stamp;
                self.queue.push(organisation);
                true
            }
            _ => false,
        }
    }
}

/// One appointment as the post-held rules need it.
#[derive(Clone, Copy)]
pub(super) struct Holding {
    /// The official's position, or [`MISSING`].
    pub(super) official: u32,
    /// The appointment's position.
    pub(super) appointment: usize,
    pub(super) tenure: Option<Period>,
    /// Whether a source attests the appointment on some date.
    pub(super) attested: bool,
}

/// The appointments of each post, in dataset order.
pub(super) struct Holders {
    by_post: Grouped<Holding>,
}

impl Holders {
    pub(super) fn new(data: &Dataset) -> Holders {
        let appointments = &data.appointments;
        let post_of = |i: usize| data.appointment_links(i).and_then(|l| position(l.post()));
        // A counting sort by post: count, turn counts into ends, then fill from the back.
        let posts = data.posts.items.len();
        let mut ends = vec![0_usize; posts];
        for i in 0..appointments.items.len() {
            if let Some(count) = post_of(i).and_then(|p| ends.get_mut(p)) {
                *count = count.saturating_add(1);
            }
        }
        let mut total = 0_usize;
        for end in &mut ends {
            total = total.saturating_add(*end);
            *end = total;
        }
        let empty = Holding {
            official: MISSING,
            appointment: 0,
            tenure: None,
            attested: false,
        };
        let mut rows = vec![empty; total];
        let mut next = ends.clone();
        for (i, a) in appointments.items.iter().enumerate().rev() {
            let Some(end) = post_of(i).and_then(|p| next.get_mut(p)) else {
                continue;
            };
            *end = end.saturating_sub(1);
            if let Some(row) = rows.get_mut(*end) {
                *row = Holding {
                    official: data.appointment_links(i).map_or(MISSING, |l| l.official()),
                    appointment: i,
                    tenure: a.tenure,
                    attested: !a.attested.is_empty(),
                };
            }
        }
        Holders {
            by_post: Grouped::from_parts(ends, rows),
        }
    }

    /// The appointments to post `post`.
    pub(super) fn of(&self, post: usize) -> &[Holding] {
        self.by_post.of(post)
    }
}

/// What the rules ask of a figure.
#[derive(Clone, Copy, Default)]
pub(super) struct FigureFacts {
    pub(super) as_of: Option<PartialDate>,
    pub(super) negative_money: bool,
    /// Whether the figure states its value exactly.
    pub(super) exact: bool,
    /// Whether the period the figure covers ends after its as-of date.
    pub(super) ends_after_as_of: bool,
}

/// The facts of every figure, by position.
pub(super) fn figure_facts(data: &Dataset) -> Vec<FigureFacts> {
    data.figures()
        .iter()
        .map(|figure| {
            let as_of = figure.as_of();
            let end = figure.period().and_then(|p| p.end());
            FigureFacts {
                as_of,
                negative_money: negative_money(figure),
                exact: figure.quantity().is_exact(),
                ends_after_as_of: end
                    .zip(as_of)
                    .is_some_and(|(end, as_of)| end.earliest() > as_of.latest()),
            }
        })
        .collect()
}
