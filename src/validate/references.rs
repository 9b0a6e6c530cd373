//! The rule that every reference resolves.

use super::{Report, Rule};
use crate::dataset::{Collection, Dataset};
use crate::figure::{Derivation, Subject};
use crate::id::{
    FigureId, FrameworkId, FundId, OfficialId, OrganisationId, OutcomeId, PortfolioId, PostId,
    ProgrammeId, SourceId,
};
use crate::model::{Budget, Funder};

/// A record's place, `meetings[3]`, formatted only when a problem needs it.
#[derive(Clone, Copy)]
pub(super) struct At(pub(super) &'static str, pub(super) usize);

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// An identifier a record can refer to, and how to tell whether the dataset has it.
trait Target: AsRef<str> {
    const KIND: &'static str;
    fn exists(&self, data: &Dataset) -> bool;
}

macro_rules! targets {
    ($($id:ty => $field:ident, $kind:literal;)*) => {$(
        impl Target for $id {
            const KIND: &'static str = $kind;
            fn exists(&self, data: &Dataset) -> bool {
                data.$field.contains(self)
            }
        }
    )*};
}

targets! {
    SourceId => sources, "source";
    OrganisationId => organisations, "organisation";
    FundId => funds, "fund";
    OfficialId => officials, "official";
    PostId => posts, "post";
    FrameworkId => frameworks, "framework";
    ProgrammeId => programmes, "programme";
    OutcomeId => outcomes, "outcome metric";
    PortfolioId => portfolios, "portfolio";
    FigureId => figures, "figure";
}

/// Reports references that do not resolve.
struct Refs<'a> {
    data: &'a Dataset,
    report: &'a mut Report,
}

impl Refs<'_> {
    /// Reports `id` at `path` unless the dataset has it; `owner` names the referring record.
    fn to<T: Target>(&mut self, id: &T, path: impl FnOnce() -> String, owner: &dyn Fn() -> String) {
        if !id.exists(self.data) {
            self.report.push(
                Rule::DanglingReference,
                path(),
                format!(
                    "{} refers to {} {:?}, which is not in the dataset",
                    owner(),
                    T::KIND,
                    id.as_ref()
                ),
            );
        }
    }

    /// Each of `ids`, at `at.field[j]`.
    fn each<T: Target>(&mut self, ids: &[T], at: At, field: &str, owner: &dyn Fn() -> String) {
        for (j, id) in ids.iter().enumerate() {
            self.to(id, || format!("{at}.{field}[{j}]"), owner);
        }
    }
}

/// The records of a collection with a reference that does not resolve, found from the
/// references resolved on insertion; only these are looked at again, to say which reference
/// fails and where.
fn failing<K, T>(collection: &Collection<K, T>) -> impl Iterator<Item = (usize, &T)> {
    collection
        .links
        .with_missing()
        .into_iter()
        .filter_map(|i| collection.items.get(i).map(|record| (i, record)))
}

/// `dangling-reference`: every identifier a record refers to is in the dataset.
#[allow(clippy::too_many_lines)] // one block per kind of record, in dataset order
pub(super) fn dangling_reference(data: &Dataset, report: &mut Report) {
    let mut r = Refs { data, report };
    for (i, org) in failing(&data.organisations) {
        let at = At("organisations", i);
        let owner = || format!("organisation {:?}", org.id.as_str());
        for (j, link) in org.parents.iter().enumerate() {
            r.to(&link.parent, || format!("{at}.parents[{j}].parent"), &owner);
        }
        if let Some(succession) = &org.succeeded_by {
            r.to(
                &succession.successor,
                || format!("{at}.succeeded_by.successor"),
                &owner,
            );
        }
        r.each(&org.sources, at, "sources", &owner);
    }
    for (i, fund) in failing(&data.funds) {
        let at = At("funds", i);
        let owner = || format!("fund {:?}", fund.id.as_str());
        if let Some(manager) = &fund.managed_by {
            r.to(manager, || format!("{at}.managed_by"), &owner);
        }
        r.each(&fund.sources, at, "sources", &owner);
    }
    for (i, official) in failing(&data.officials) {
        let owner = || format!("official {:?}", official.id.as_str());
        r.each(&official.sources, At("officials", i), "sources", &owner);
    }
    for (i, post) in failing(&data.posts) {
        let at = At("posts", i);
        let owner = || format!("post {:?}", post.id.as_str());
        r.to(&post.organisation, || format!("{at}.organisation"), &owner);
        r.each(&post.sources, at, "sources", &owner);
    }
    for (i, a) in failing(&data.appointments) {
        let at = At("appointments", i);
        let owner = || format!("appointment {:?}", a.id.as_str());
        r.to(&a.official, || format!("{at}.official"), &owner);
        r.to(&a.post, || format!("{at}.post"), &owner);
        for (j, attestation) in a.attested.iter().enumerate() {
            r.to(
                &attestation.source,
                || format!("{at}.attested[{j}].source"),
                &owner,
            );
        }
        r.each(&a.sources, at, "sources", &owner);
    }
    for (i, framework) in failing(&data.frameworks) {
        let at = At("frameworks", i);
        let owner = || format!("framework {:?}", framework.id.as_str());
        r.each(&framework.parties, at, "parties", &owner);
        if let Some(source) = &framework.established_by {
            r.to(source, || format!("{at}.established_by"), &owner);
        }
        r.each(&framework.sources, at, "sources", &owner);
    }
    for (i, meeting) in failing(&data.meetings) {
        let at = At("meetings", i);
        let owner = || format!("meeting {:?}", meeting.id.as_str());
        r.to(&meeting.framework, || format!("{at}.framework"), &owner);
        for (j, p) in meeting.participants.iter().enumerate() {
            r.to(
                &p.official,
                || format!("{at}.participants[{j}].official"),
                &owner,
            );
            if let Some(post) = &p.post {
                r.to(post, || format!("{at}.participants[{j}].post"), &owner);
            }
            r.to(
                &p.represents,
                || format!("{at}.participants[{j}].represents"),
                &owner,
            );
        }
        for (j, document) in meeting.documents.iter().enumerate() {
            if let Some(by) = &document.by {
                r.to(by, || format!("{at}.documents[{j}].by"), &owner);
            }
        }
        r.each(&meeting.sources, at, "sources", &owner);
    }
    for (i, programme) in failing(&data.programmes) {
        let at = At("programmes", i);
        let owner = || format!("programme {:?}", programme.id.as_str());
        if let Some(framework) = &programme.framework {
            r.to(framework, || format!("{at}.framework"), &owner);
        }
        for (j, funder) in programme.funders.iter().enumerate() {
            let path = || format!("{at}.funders[{j}]");
            match funder {
                Funder::Organisation(id) => r.to(id, path, &owner),
                Funder::Fund(id) => r.to(id, path, &owner),
            }
        }
        r.each(&programme.implementers, at, "implementers", &owner);
        if let Some(Budget::Figure(figure)) = &programme.budget {
            r.to(figure, || format!("{at}.budget"), &owner);
        }
        r.each(&programme.outcomes, at, "outcomes", &owner);
        r.each(&programme.sources, at, "sources", &owner);
    }
    for (i, metric) in failing(&data.outcomes) {
        let at = At("outcomes", i);
        let owner = || format!("outcome metric {:?}", metric.id.as_str());
        r.to(&metric.programme, || format!("{at}.programme"), &owner);
        for (name, figure) in [
            ("baseline", &metric.baseline),
            ("target", &metric.target),
            ("actual", &metric.actual),
        ] {
            if let Some(figure) = figure {
                r.to(figure, || format!("{at}.{name}"), &owner);
            }
        }
        r.each(&metric.sources, at, "sources", &owner);
    }
    for (i, portfolio) in failing(&data.portfolios) {
        let at = At("portfolios", i);
        let owner = || format!("portfolio {:?}", portfolio.id.as_str());
        r.each(&portfolio.parties, at, "parties", &owner);
        r.to(
            &portfolio.project_count,
            || format!("{at}.project_count"),
            &owner,
        );
        r.to(
            &portfolio.total_value,
            || format!("{at}.total_value"),
            &owner,
        );
        if let Some(average) = &portfolio.average_value {
            r.to(average, || format!("{at}.average_value"), &owner);
        }
        r.each(&portfolio.sources, at, "sources", &owner);
    }
    for (i, figure) in failing(&data.figures) {
        let at = At("figures", i);
        let owner = || format!("figure {:?}", figure.id().as_str());
        for (j, subject) in figure.subjects().iter().enumerate() {
            let path = || format!("{at}.subjects[{j}]");
            match subject {
                Subject::Organisation(id) => r.to(id, path, &owner),
                Subject::Framework(id) => r.to(id, path, &owner),
                Subject::Programme(id) => r.to(id, path, &owner),
                Subject::Portfolio(id) => r.to(id, path, &owner),
            }
        }
        if let Derivation::Derived { inputs, .. } = figure.derivation() {
            r.each(inputs, at, "derivation.inputs", &owner);
        }
        r.each(figure.sources(), at, "sources", &owner);
    }
}
