//! The questions users ask of a dataset.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::RangeInclusive;

use chrono::NaiveDate;
use foldhash::fast::RandomState;

use super::Dataset;
use crate::error::Error;
use crate::figure::{Figure, Subject};
use crate::id::{FigureId, FrameworkId, OfficialId, OrganisationId, PortfolioId, PostId};
use crate::model::{Appointment, Funder, Meeting, Organisation};

/// One meeting of a framework's series, with its ordinal.
///
/// # Example
///
/// ```
/// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
/// let mut data = Dataset::new();
/// let scf = FrameworkId::new("scf")?;
/// data.insert_meeting(Meeting::builder(MeetingId::new("m")?, scf.clone(), "2020-10-13".parse()?).build())?;
/// let entry = data.meeting_series(&scf).entries[0];
/// assert_eq!((entry.ordinal, entry.stated), (1, false));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesEntry<'a> {
    /// The meeting.
    pub meeting: &'a Meeting,
    /// Its place in the series: stated by a source, or derived from the meeting before it.
    pub ordinal: u32,
    /// Whether a source stated the ordinal.
    pub stated: bool,
}

/// A framework's meetings in order, and the ordinals no recorded meeting has.
///
/// # Example
///
/// ```
/// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
/// let data = Dataset::new();
/// let series = data.meeting_series(&FrameworkId::new("scf")?);
/// assert!(series.entries.is_empty() && series.gaps.is_empty());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSeries<'a> {
    /// The meetings by date.
    pub entries: Vec<SeriesEntry<'a>>,
    /// Ordinals before or between the recorded meetings that no meeting of the dataset has:
    /// `1..=6` when only "the seventh" is recorded.
    pub gaps: Vec<RangeInclusive<u32>>,
}

/// A party of a framework and its sub-organisations that took part in the framework's meetings
/// or programmes.
///
/// # Example
///
/// ```
/// # use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*, *};
/// # use chrono::NaiveDate;
/// let mut data = Dataset::new();
/// data.insert_organisation(Organisation::new(OrganisationId::new("eu")?, OrganisationKind::SupranationalUnion, "EU"))?;
/// let mut f = Framework::new(FrameworkId::new("scf")?, "SCF");
/// f.parties.push(OrganisationId::new("eu")?);
/// data.insert_framework(f)?;
/// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
/// let involved = data.involved_in(&FrameworkId::new("scf")?, day);
/// assert_eq!(involved[0].party.id.as_str(), "eu");
/// assert!(involved[0].members.is_empty()); // no meeting or programme recorded
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Involvement<'a> {
    /// The party.
    pub party: &'a Organisation,
    /// The organisations that took part for it (the party itself included when it did), in the
    /// order first seen.
    pub members: Vec<&'a Organisation>,
}

impl Dataset {
    /// The appointments by which someone certainly held `post` on `date` (see
    /// [`Appointment::holds_on`]).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::id::{AppointmentId, OfficialId, PostId};
    /// use partnerships::{Appointment, Dataset};
    ///
    /// let mut data = Dataset::new();
    /// let mut a = Appointment::new(AppointmentId::new("a")?, OfficialId::new("antonio-vitorino")?, PostId::new("iom-dg")?);
    /// a.tenure = Some("2018-10/..".parse()?);
    /// data.insert_appointment(a)?;
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// let holders = data.holders_of(&PostId::new("iom-dg")?, day);
    /// assert_eq!(holders[0].official.as_str(), "antonio-vitorino");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn holders_of(&self, post: &PostId, date: NaiveDate) -> Vec<&Appointment> {
        self.appointments()
            .iter()
            .filter(|a| &a.post == post && a.holds_on(date))
            .collect()
    }

    /// The appointments by which `official` certainly held a post on `date`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::id::{AppointmentId, OfficialId, PostId};
    /// use partnerships::{Appointment, Dataset};
    ///
    /// let mut data = Dataset::new();
    /// let mut a = Appointment::new(AppointmentId::new("a")?, OfficialId::new("o")?, PostId::new("p")?);
    /// a.tenure = Some("2019/2021".parse()?);
    /// data.insert_appointment(a)?;
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// assert_eq!(data.posts_held_by(&OfficialId::new("o")?, day).len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn posts_held_by(&self, official: &OfficialId, date: NaiveDate) -> Vec<&Appointment> {
        self.appointments()
            .iter()
            .filter(|a| &a.official == official && a.holds_on(date))
            .collect()
    }

    /// The post's title as the appointment holds it: "Acting Director-General", "Deputy
    /// Director-General" (the post's title, after "Acting" and "Deputy" where the appointment
    /// says so). `None` when the post is not in the dataset.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{AppointmentId, OfficialId, OrganisationId, PostId};
    /// use partnerships::{Appointment, Dataset, Post};
    ///
    /// let mut data = Dataset::new();
    /// data.insert_post(Post::new(PostId::new("dg-near-dg")?, OrganisationId::new("dg-near")?, "Director-General"))?;
    /// let mut a = Appointment::new(AppointmentId::new("a")?, OfficialId::new("maciej-popowski")?, PostId::new("dg-near-dg")?);
    /// a.acting = true;
    /// assert_eq!(data.role_of(&a).as_deref(), Some("Acting Director-General"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn role_of(&self, appointment: &Appointment) -> Option<String> {
        let post = self.post(&appointment.post)?;
        let mut title = String::new();
        if appointment.acting {
            title.push_str("Acting ");
        }
        if appointment.deputy {
            title.push_str("Deputy ");
        }
        title.push_str(&post.title);
        Some(title)
    }

    /// The title of an appointment as it is printed at a meeting: "Acting Director-General,
    /// DG NEAR" (the post's title, "Acting" or "Deputy" where the appointment says so, and the
    /// organisation's short name). `None` when the post is not in the dataset.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{AppointmentId, OfficialId, OrganisationId, PostId};
    /// use partnerships::model::OrganisationKind;
    /// use partnerships::{Appointment, Dataset, Organisation, Post};
    ///
    /// let mut data = Dataset::new();
    /// let mut near = Organisation::new(OrganisationId::new("dg-near")?, OrganisationKind::DirectorateGeneral, "Directorate-General for European Neighbourhood Policy and Enlargement Negotiations");
    /// near.acronym = Some("DG NEAR".to_owned());
    /// data.insert_organisation(near)?;
    /// data.insert_post(Post::new(PostId::new("dg-near-dg")?, OrganisationId::new("dg-near")?, "Director-General"))?;
    /// let mut a = Appointment::new(AppointmentId::new("a")?, OfficialId::new("maciej-popowski")?, PostId::new("dg-near-dg")?);
    /// a.acting = true;
    /// assert_eq!(data.title_of(&a).as_deref(), Some("Acting Director-General, DG NEAR"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn title_of(&self, appointment: &Appointment) -> Option<String> {
        let post = self.post(&appointment.post)?;
        let mut title = self.role_of(appointment)?;
        if let Some(organisation) = self.organisation(&post.organisation) {
            title.push_str(", ");
            title.push_str(organisation.short_name());
        }
        Some(title)
    }

    /// The meetings of `framework` by date, each with its ordinal (stated, or one more than the
    /// meeting before), and the gaps: ordinals that no recorded meeting has.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{FrameworkId, MeetingId};
    /// use partnerships::{Dataset, Meeting};
    ///
    /// let mut data = Dataset::new();
    /// let scf = FrameworkId::new("scf")?;
    /// data.insert_meeting(Meeting::builder(MeetingId::new("m7")?, scf.clone(), "2020-10-13".parse()?).ordinal(7).build())?;
    /// data.insert_meeting(Meeting::builder(MeetingId::new("m8")?, scf.clone(), "2021-11".parse()?).build())?;
    /// let series = data.meeting_series(&scf);
    /// let ordinals: Vec<u32> = series.entries.iter().map(|e| e.ordinal).collect();
    /// assert_eq!(ordinals, [7, 8]);
    /// assert_eq!(series.gaps, [1..=6]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn meeting_series(&self, framework: &FrameworkId) -> MeetingSeries<'_> {
        let mut meetings: Vec<&Meeting> = self
            .meetings()
            .iter()
            .filter(|m| &m.framework == framework)
            .collect();
        meetings.sort_by_key(|m| (m.date.sort_key(), m.ordinal));
        series_of(&meetings)
    }

    /// The organisation behind a funder: itself, or the manager of the fund.
    pub(crate) fn funder_organisation<'a>(
        &'a self,
        funder: &'a Funder,
    ) -> Option<&'a OrganisationId> {
        match funder {
            Funder::Organisation(id) => Some(id),
            Funder::Fund(id) => self.fund(id).and_then(|f| f.managed_by.as_ref()),
        }
    }

    /// The figures about `subject`: those that name it, and for a programme also the baseline,
    /// target and actual figures of its outcome metrics; in dataset order, each once.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::{Subject, Unit};
    /// use partnerships::id::{FigureId, ProgrammeId};
    /// use partnerships::{Dataset, Figure, Quantity};
    /// use rust_decimal::Decimal;
    ///
    /// let mut data = Dataset::new();
    /// let ji = Subject::Programme(ProgrammeId::new("ji")?);
    /// data.insert_figure(Figure::builder(FigureId::new("f")?, Quantity::exactly(Decimal::from(97_000)), Unit::People).about(ji.clone()).build()?)?;
    /// assert_eq!(data.figures_about(&ji).len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn figures_about(&self, subject: &Subject) -> Vec<&Figure> {
        let mut wanted: HashSet<&FigureId> = HashSet::new();
        if let Subject::Programme(programme) = subject {
            for metric in self.outcomes().iter().filter(|m| &m.programme == programme) {
                wanted.extend(metric.figures());
            }
        }
        self.figures()
            .iter()
            .filter(|f| f.subjects().contains(subject) || wanted.contains(f.id()))
            .collect()
    }

    /// The organisations `organisation` was part of on `date`, nearest first, through parent
    /// links whose period may include the date (links without a period always count).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::id::OrganisationId;
    /// use partnerships::model::{OrganisationKind, ParentLink};
    /// use partnerships::{Dataset, Organisation};
    ///
    /// let mut data = Dataset::new();
    /// let id = |s: &str| OrganisationId::new(s);
    /// data.insert_organisation(Organisation::new(id("eu")?, OrganisationKind::SupranationalUnion, "European Union"))?;
    /// let mut ec = Organisation::new(id("ec")?, OrganisationKind::Institution, "European Commission");
    /// ec.parents.push(ParentLink::new(id("eu")?));
    /// data.insert_organisation(ec)?;
    /// let mut echo = Organisation::new(id("dg-echo")?, OrganisationKind::DirectorateGeneral, "DG ECHO");
    /// echo.parents.push(ParentLink::new(id("ec")?));
    /// data.insert_organisation(echo)?;
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// let chain: Vec<&str> = data.ancestors(&id("dg-echo")?, day).iter().map(|o| o.id.as_str()).collect();
    /// assert_eq!(chain, ["ec", "eu"]);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn ancestors(&self, organisation: &OrganisationId, date: NaiveDate) -> Vec<&Organisation> {
        let Some(&start) = self.organisations.index.get(organisation) else {
            return Vec::new();
        };
        let mut seen: HashSet<usize> = HashSet::from([start]);
        let mut queue: VecDeque<usize> = VecDeque::from([start]);
        let mut out = Vec::new();
        while let Some(current) = queue.pop_front() {
            for parent in self.parents_on(current, date) {
                if seen.insert(parent) {
                    out.extend(self.organisations().get(parent));
                    queue.push_back(parent);
                }
            }
        }
        out
    }

    /// The positions of organisation `i`'s parents, in the order of its parent links
    /// ([`MISSING`](super::MISSING) where a parent is not in the dataset).
    pub(crate) fn parent_slots(&self, i: usize) -> &[u32] {
        self.organisation_links(i)
            .map_or(&[], |links| links.parents())
    }

    /// The positions of the parents organisation `i` may have had on `date`: through links
    /// whose period may include it (links without a period always count).
    pub(crate) fn parents_on(&self, i: usize, date: NaiveDate) -> impl Iterator<Item = usize> + '_ {
        let links = self
            .organisations()
            .get(i)
            .map_or(&[][..], |o| o.parents.as_slice());
        links
            .iter()
            .zip(self.parent_slots(i))
            .filter(move |(link, _)| link.period.is_none_or(|p| p.may_contain(date)))
            .filter_map(|(_, &slot)| super::position(slot))
    }

    /// Whether `organisation` is `party` or part of it on `date`.
    pub(crate) fn belongs_to(
        &self,
        organisation: &OrganisationId,
        party: &OrganisationId,
        date: NaiveDate,
    ) -> bool {
        organisation == party
            || self
                .ancestors(organisation, date)
                .iter()
                .any(|a| &a.id == party)
    }

    /// The parties of `framework` and the organisations that took part for each in the
    /// framework's meetings (whom participants represented, and the organisations of their posts)
    /// and programmes (funders and implementers), matched to a party through the parent chain as
    /// of `date`: DG ECHO counts for the EU through the Commission.
    ///
    /// # Example
    ///
    /// See the crate's seed-case test; in short, for the EU–IOM framework on 13 October 2020 the
    /// EU's members include the EEAS and four directorates-general.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::id::FrameworkId;
    /// use partnerships::Dataset;
    ///
    /// let data = Dataset::new();
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// assert!(data.involved_in(&FrameworkId::new("none")?, day).is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn involved_in(&self, framework: &FrameworkId, date: NaiveDate) -> Vec<Involvement<'_>> {
        let Some(framework_record) = self.framework(framework) else {
            return Vec::new();
        };
        let mut taking_part: Vec<&OrganisationId> = Vec::new();
        for meeting in self.meetings().iter().filter(|m| &m.framework == framework) {
            for participant in &meeting.participants {
                taking_part.push(&participant.represents);
                let post_org = participant.post.as_ref().and_then(|p| self.post(p));
                taking_part.extend(post_org.map(|p| &p.organisation));
            }
        }
        for programme in self
            .programmes()
            .iter()
            .filter(|p| p.framework.as_ref() == Some(framework))
        {
            taking_part.extend(
                programme
                    .funders
                    .iter()
                    .filter_map(|f| self.funder_organisation(f)),
            );
            taking_part.extend(programme.implementers.iter());
        }
        framework_record
            .parties
            .iter()
            .filter_map(|party| self.organisation(party))
            .map(|party| {
                let mut members: Vec<&Organisation> = Vec::new();
                for id in &taking_part {
                    if self.belongs_to(id, &party.id, date) && !members.iter().any(|m| &m.id == *id)
                    {
                        members.extend(self.organisation(id));
                    }
                }
                Involvement { party, members }
            })
            .collect()
    }

    /// The portfolio's average value per project, derived from its value and count figures with
    /// [`Figure::per`]: "about" whenever an input is.
    ///
    /// # Errors
    ///
    /// When the portfolio or one of its figures is not in the dataset, or the division fails.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::figure::Unit;
    /// use partnerships::id::{FigureId, PortfolioId};
    /// use partnerships::model::Portfolio;
    /// use partnerships::{Dataset, Figure, Money, Quantity};
    /// use rust_decimal::Decimal;
    ///
    /// let mut data = Dataset::new();
    /// data.insert_figure(Figure::builder(FigureId::new("count")?, Quantity::exactly(Decimal::from(535)), Unit::Projects).build()?)?;
    /// data.insert_figure(Figure::builder(FigureId::new("value")?, Quantity::about("EUR 1880000000.00".parse::<Money>()?), Unit::Money).build()?)?;
    /// data.insert_portfolio(Portfolio::new(PortfolioId::new("p")?, FigureId::new("count")?, FigureId::new("value")?))?;
    /// let average = data.portfolio_average(&PortfolioId::new("p")?, FigureId::new("average")?)?;
    /// assert_eq!(average.to_string(), "about EUR 3.51 million per project");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn portfolio_average(
        &self,
        portfolio: &PortfolioId,
        id: FigureId,
    ) -> Result<Figure, Error> {
        let missing = |what: &str| {
            Error::invalid_input(format_args!(
                "portfolio {portfolio}: {what} is not in the dataset"
            ))
        };
        let record = self
            .portfolio(portfolio)
            .ok_or_else(|| missing("the portfolio"))?;
        let value = self
            .figure(&record.total_value)
            .ok_or_else(|| missing("the total value figure"))?;
        let count = self
            .figure(&record.project_count)
            .ok_or_else(|| missing("the project count figure"))?;
        value.per(count, id, "per project")
    }
}

/// The appointments of a dataset by (official, post), built once for passes that ask for many
/// pairs (validation, briefings) instead of scanning every appointment per question.
pub(crate) struct AppointmentIndex<'a> {
    by_holder: HashMap<(&'a OfficialId, &'a PostId), Vec<&'a Appointment>, RandomState>,
}

impl<'a> AppointmentIndex<'a> {
    pub(crate) fn new(data: &'a Dataset) -> AppointmentIndex<'a> {
        let mut by_holder =
            HashMap::with_capacity_and_hasher(data.appointments().len(), RandomState::default());
        for a in data.appointments() {
            by_holder
                .entry((&a.official, &a.post))
                .or_insert_with(Vec::new)
                .push(a);
        }
        AppointmentIndex { by_holder }
    }

    /// The appointments of `official` to `post`, in dataset order.
    pub(crate) fn get(&self, official: &'a OfficialId, post: &'a PostId) -> &[&'a Appointment] {
        self.by_holder
            .get(&(official, post))
            .map_or(&[][..], Vec::as_slice)
    }
}

/// Ordinals and gaps for meetings already in date order.
pub(crate) fn series_of<'a>(meetings: &[&'a Meeting]) -> MeetingSeries<'a> {
    let mut entries = Vec::with_capacity(meetings.len());
    let mut gaps = Vec::new();
    let mut numbering = Numbering::default();
    for meeting in meetings {
        let (ordinal, gap) = numbering.next(meeting.ordinal);
        gaps.extend(gap);
        entries.push(SeriesEntry {
            meeting,
            ordinal,
            stated: meeting.ordinal.is_some(),
        });
    }
    MeetingSeries { entries, gaps }
}

/// Numbers meetings in date order: a stated ordinal stands, a missing one follows the highest
/// so far.
#[derive(Default)]
pub(crate) struct Numbering {
    highest: u32,
}

impl Numbering {
    /// The next meeting's ordinal, and the ordinals it skips, if any.
    pub(crate) fn next(&mut self, stated: Option<u32>) -> (u32, Option<RangeInclusive<u32>>) {
        let following = self.highest.saturating_add(1);
        let ordinal = stated.unwrap_or(following);
        let gap = (ordinal > following).then(|| following..=ordinal.saturating_sub(1));
        self.highest = self.highest.max(ordinal);
        (ordinal, gap)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::id::MeetingId;

    fn meeting(id: &str, date: &str, ordinal: Option<u32>) -> Meeting {
        let mut b = Meeting::builder(
            MeetingId::new(id).unwrap(),
            FrameworkId::new("f").unwrap(),
            date.parse().unwrap(),
        );
        if let Some(o) = ordinal {
            b = b.ordinal(o);
        }
        b.build()
    }

    #[test]
    fn series_fills_unstated_ordinals_and_reports_gaps_between() {
        let ms = [
            meeting("a", "2014", Some(2)),
            meeting("b", "2015", None),
            meeting("c", "2018", Some(6)),
            meeting("d", "2019", None),
        ];
        let refs: Vec<&Meeting> = ms.iter().collect();
        let series = series_of(&refs);
        let ordinals: Vec<(u32, bool)> = series
            .entries
            .iter()
            .map(|e| (e.ordinal, e.stated))
            .collect();
        assert_eq!(ordinals, [(2, true), (3, false), (6, true), (7, false)]);
        assert_eq!(series.gaps, [1..=1, 4..=5]);
    }
}
