//! Whole-dataset validation: every rule over every record, every problem reported at once.
//!
//! # Rules
//!
//! Each problem carries a [`Rule`] with a stable code, a [`Severity`], the path of the offending
//! value (`meetings[0].participants[3].post`) and a message.
//!
//! | code | severity | what it checks |
//! |---|---|---|
//! | `duplicate-id` | error | identifiers are unique within each kind of record |
//! | `dangling-reference` | error | every identifier a record refers to is in the dataset |
//! | `parent-cycle` | error | no organisation is, through its parent links, part of itself |
//! | `meeting-before-framework` | error | a meeting is not held before its framework was established |
//! | `ordinal-zero` | error | stated ordinals count from 1 |
//! | `ordinal-duplicate` | error | no two meetings of a framework state the same ordinal |
//! | `ordinal-order` | error | stated ordinals increase with the meetings' dates |
//! | `ordinal-gap` | note | ordinals before or between the recorded meetings that no meeting has ("meetings 1 to 6 are not recorded") |
//! | `participant-twice` | error | an official takes part in a meeting once |
//! | `post-not-held` | error | a participant's post was held by that official on the meeting's date (a tenure that certainly covers it, or a source that attests it) |
//! | `post-uncertain` | warning | the tenure may, but need not, cover the meeting's date |
//! | `host-not-party` | warning | a meeting's host acts for a party of the framework or a part of one |
//! | `outcome-programme` | error | an outcome metric a programme lists names that programme |
//! | `result-outside-programme` | error | a programme's results are dated inside the programme's life |
//! | `period-after-as-of` | error | a figure's period does not end after the date it was true on |
//! | `negative-money` | error | budgets and portfolio values are not negative |
//! | `average-not-about` | error | a portfolio's average per project is "about" when its count or value is not exact |

use std::fmt;

use crate::dataset::{position, Dataset};
use crate::figure::{Figure, FigureValue};

mod references;
mod rules;
mod tables;

/// How serious a problem is.
///
/// # Example
///
/// ```
/// use partnerships::validate::Severity;
///
/// assert!(Severity::Error > Severity::Warning);
/// assert_eq!(Severity::Note.to_string(), "note");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Note,
    /// Probably wrong, or not provable from the data.
    Warning,
    /// Wrong: the dataset contradicts itself.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! rules {
    ($($variant:ident => $code:literal, $severity:ident, $doc:literal;)*) => {
        /// A validation rule; see the [module docs](crate::validate) for what each checks.
        ///
        /// # Example
        ///
        /// ```
        /// use partnerships::validate::{Rule, Severity};
        ///
        /// assert_eq!(Rule::DanglingReference.code(), "dangling-reference");
        /// assert_eq!(Rule::OrdinalGap.severity(), Severity::Note);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $(#[doc = $doc] $variant,)*
        }

        impl Rule {
            /// The rule's stable code, such as `"post-not-held"`.
            ///
            /// # Example
            ///
            /// ```
            /// use partnerships::validate::Rule;
            ///
            /// assert_eq!(Rule::PostNotHeld.code(), "post-not-held");
            /// ```
            #[must_use]
            pub fn code(self) -> &'static str {
                match self {
                    $(Rule::$variant => $code,)*
                }
            }

            /// The severity of the rule's problems.
            ///
            /// # Example
            ///
            /// ```
            /// use partnerships::validate::{Rule, Severity};
            ///
            /// assert_eq!(Rule::PostUncertain.severity(), Severity::Warning);
            /// ```
            #[must_use]
            pub fn severity(self) -> Severity {
                match self {
                    $(Rule::$variant => Severity::$severity,)*
                }
            }

            /// Every rule, in the order of the module docs.
            ///
            /// # Example
            ///
            /// ```
            /// use partnerships::validate::Rule;
            ///
            /// assert!(Rule::all().contains(&Rule::ParentCycle));
            /// ```
            #[must_use]
            pub fn all() -> &'static [Rule] {
                &[$(Rule::$variant,)*]
            }
        }
    };
}

rules! {
    DuplicateId => "duplicate-id", Error, "Identifiers are unique within each kind of record.";
    DanglingReference => "dangling-reference", Error, "Every identifier a record refers to is in the dataset.";
    ParentCycle => "parent-cycle", Error, "No organisation is part of itself through its parent links.";
    MeetingBeforeFramework => "meeting-before-framework", Error, "A meeting is not held before its framework was established.";
    OrdinalZero => "ordinal-zero", Error, "Stated ordinals count from 1.";
    OrdinalDuplicate => "ordinal-duplicate", Error, "No two meetings of a framework state the same ordinal.";
    OrdinalOrder => "ordinal-order", Error, "Stated ordinals increase with the meetings' dates.";
    OrdinalGap => "ordinal-gap", Note, "Ordinals that no recorded meeting has.";
    ParticipantTwice => "participant-twice", Error, "An official takes part in a meeting once.";
    PostNotHeld => "post-not-held", Error, "A participant held the post given on the meeting's date.";
    PostUncertain => "post-uncertain", Warning, "A participant's tenure may, but need not, cover the meeting's date.";
    HostNotParty => "host-not-party", Warning, "A meeting's host acts for a party of the framework or a part of one.";
    OutcomeProgramme => "outcome-programme", Error, "An outcome metric a programme lists names that programme.";
    ResultOutsideProgramme => "result-outside-programme", Error, "A programme's results are dated inside its life.";
    PeriodAfterAsOf => "period-after-as-of", Error, "A figure's period does not end after the date it was true on.";
    NegativeMoney => "negative-money", Error, "Budgets and portfolio values are not negative.";
    AverageNotAbout => "average-not-about", Error, "A derived average is \"about\" when its inputs are not exact.";
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One problem found by [`Dataset::validate`].
///
/// # Example
///
/// See [`Report`].
///
/// # Example
///
/// ```
/// use partnerships::validate::{Problem, Rule};
///
/// let p = Problem { rule: Rule::DuplicateId, path: "posts[1].id".to_owned(), message: "post \"dg\" appears more than once".to_owned() };
/// assert_eq!(p.to_string(), "error posts[1].id: post \"dg\" appears more than once [duplicate-id]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// The rule broken.
    pub rule: Rule,
    /// Where: `meetings[0].participants[3].post`.
    pub path: String,
    /// What is wrong, naming the values involved.
    pub message: String,
}

impl Problem {
    /// The rule's severity.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::validate::{Problem, Rule, Severity};
    ///
    /// let p = Problem { rule: Rule::OrdinalGap, path: "meetings".to_owned(), message: String::new() };
    /// assert_eq!(p.severity(), Severity::Note);
    /// ```
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }
}

impl fmt::Display for Problem {
    /// `error meetings[0].participants[3].post: message [post-not-held]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {} [{}]",
            self.severity(),
            self.path,
            self.message,
            self.rule
        )
    }
}

/// Every problem of a dataset, in the order the rules found them.
///
/// # Example
///
/// ```
/// use partnerships::id::{OrganisationId, PostId};
/// use partnerships::validate::Rule;
/// use partnerships::{Dataset, Post};
///
/// let mut data = Dataset::new();
/// data.insert_post(Post::new(PostId::new("dg")?, OrganisationId::new("nowhere")?, "Director-General"))?;
/// let report = data.validate();
/// assert!(report.has_errors());
/// let problem = &report.problems()[0];
/// assert_eq!(problem.rule, Rule::DanglingReference);
/// assert_eq!(problem.path, "posts[0].organisation");
/// assert_eq!(problem.to_string(), r#"error posts[0].organisation: post "dg" refers to organisation "nowhere", which is not in the dataset [dangling-reference]"#);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    problems: Vec<Problem>,
}

impl Report {
    /// Every problem.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::Dataset::new().validate().problems().is_empty());
    /// ```
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems of one severity.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::validate::Severity;
    /// use partnerships::Dataset;
    ///
    /// assert_eq!(Dataset::new().validate().with_severity(Severity::Error).count(), 0);
    /// ```
    pub fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(move |p| p.severity() == severity)
    }

    /// Whether any problem is an error.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!partnerships::Dataset::new().validate().has_errors());
    /// ```
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity() == Severity::Error)
    }

    /// Whether there is no problem at all, not even a note.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::Dataset::new().validate().is_clean());
    /// ```
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    fn push(&mut self, rule: Rule, path: String, message: String) {
        self.problems.push(Problem {
            rule,
            path,
            message,
        });
    }
}

impl fmt::Display for Report {
    /// One problem a line; "no problems" when there are none.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.problems.is_empty() {
            return f.write_str("no problems");
        }
        for problem in &self.problems {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl Dataset {
    /// Checks every rule (see [`crate::validate`]) over every record and reports all problems.
    ///
    /// Time and memory grow linearly with the number of records.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::id::{FrameworkId, MeetingId};
    /// use partnerships::validate::Rule;
    /// use partnerships::{Dataset, Framework, Meeting};
    ///
    /// let mut data = Dataset::new();
    /// let scf = FrameworkId::new("scf")?;
    /// data.insert_framework(Framework::new(scf.clone(), "Strategic Cooperation Framework"))?;
    /// data.insert_meeting(Meeting::builder(MeetingId::new("m7")?, scf, "2020-10-13".parse()?).ordinal(7).build())?;
    /// let report = data.validate();
    /// assert!(!report.has_errors());
    /// assert_eq!(report.problems()[0].rule, Rule::OrdinalGap);
    /// assert_eq!(report.problems()[0].message, r#"meetings 1 to 6 of framework "scf" are not recorded"#);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn validate(&self) -> Report {
        let data = self;
        let mut report = Report::default();
        rules::duplicate_id(data, &mut report);
        references::dangling_reference(data, &mut report);
        rules::parent_cycle(data, &mut report);
        let holders = tables::Holders::new(data);
        let mut walk = tables::Walk::default();
        let mut all_series = rules::AllSeries::new(data);
        for (i, meeting) in data.meetings().iter().enumerate() {
            let Some(links) = data.meeting_links(i) else {
                continue;
            };
            all_series.push(i, meeting, position(links.framework()));
            rules::meeting_before_framework(data, i, meeting, links, &mut report);
            rules::ordinal_zero(i, meeting, &mut report);
            for j in 0..meeting.participants.len() {
                rules::participant_twice(i, j, meeting, links, &mut report);
                // The two post-held rules read one claim: who held the post given, and when.
                if let Some(claim) = rules::claim(data, &holders, j, meeting, links) {
                    rules::post_not_held(data, &claim, (i, j), meeting, &mut report);
                    rules::post_uncertain(data, &claim, (i, j), meeting, &mut report);
                }
            }
            rules::host_not_party(data, &mut walk, i, meeting, links, &mut report);
        }
        all_series.finish();
        let mut firsts = Vec::new();
        for series in all_series.iter() {
            rules::first_ordinals(&series, &mut firsts);
            rules::ordinal_duplicate(data, &series, &firsts, &mut report);
            rules::ordinal_order(data, &series, &firsts, &mut report);
            rules::ordinal_gap(&series, &mut report);
        }
        let figures = tables::figure_facts(data);
        let mut lives = Vec::with_capacity(data.programmes().len());
        for (i, programme) in data.programmes().iter().enumerate() {
            lives.push(programme.life());
            let Some(links) = data.programme_links(i) else {
                continue;
            };
            rules::outcome_programme(data, i, programme, links, &mut report);
            let budget = rules::Valued::Programme(i, programme, links);
            rules::negative_money(&figures, &budget, &mut report);
        }
        for (i, metric) in data.outcomes().iter().enumerate() {
            if let Some(links) = data.outcome_links(i) {
                let tables = (figures.as_slice(), lives.as_slice());
                rules::result_outside_programme(data, tables, i, (metric, links), &mut report);
            }
        }
        for i in 0..data.figures().len() {
            rules::period_after_as_of(data, &figures, i, &mut report);
        }
        for (i, portfolio) in data.portfolios().iter().enumerate() {
            let Some(links) = data.portfolio_links(i) else {
                continue;
            };
            let value = rules::Valued::Portfolio(i, portfolio, links);
            rules::negative_money(&figures, &value, &mut report);
            rules::average_not_about(&figures, i, (portfolio, links), &mut report);
        }
        report
    }
}

/// Whether a figure's value is negative money.
fn negative_money(figure: &Figure) -> bool {
    matches!(figure.quantity().value(), FigureValue::Money(m) if m.is_negative())
}
