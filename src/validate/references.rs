//! The rule that every reference resolves.

use super::{Report, Rule};
use crate::dataset::Dataset;
use crate::figure::Subject;
use crate::id::{FigureId, OrganisationId, SourceId};
use crate::model::{Budget, Funder};

/// A record's place, `meetings[3]`, formatted only when a problem needs it.
#[derive(Clone, Copy)]
pub(super) struct At(pub(super) &'static str, pub(super) usize);

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// Reports references that do not resolve.
struct Refs<'a> {
    data: &'a Dataset,
    report: &'a mut Report,
}

impl Refs<'_> {
    fn check(
        &mut self,
        found: bool,
        path: impl FnOnce() -> String,
        owner: &dyn Fn() -> String,
        kind: &str,
        id: &str,
    ) {
        if !found {
            self.report.push(
                Rule::DanglingReference,
                path(),
                format!(
                    "{} refers to {kind} {id:?}, which is not in the dataset",
                    owner()
                ),
            );
        }
    }

    fn sources(&mut self, sources: &[SourceId], at: At, owner: &dyn Fn() -> String) {
        for (j, source) in sources.iter().enumerate() {
            let found = self.data.sources.contains(source);
            self.check(
                found,
                || format!("{at}.sources[{j}]"),
                owner,
                "source",
                source.as_str(),
            );
        }
    }

    fn organisation(
        &mut self,
        id: &OrganisationId,
        path: impl FnOnce() -> String,
        owner: &dyn Fn() -> String,
    ) {
        let found = self.data.organisations.contains(id);
        self.check(found, path, owner, "organisation", id.as_str());
    }

    fn figure(&mut self, id: &FigureId, path: impl FnOnce() -> String, owner: &dyn Fn() -> String) {
        let found = self.data.figures.contains(id);
        self.check(found, path, owner, "figure", id.as_str());
    }
}

#[allow(clippy::too_many_lines)] // one block per kind of record, in dataset order
pub(super) fn references(data: &Dataset, report: &mut Report) {
    let mut r = Refs { data, report };
    for (i, org) in data.organisations().iter().enumerate() {
        let at = At("organisations", i);
        let owner = || format!("organisation {:?}", org.id.as_str());
        for (j, link) in org.parents.iter().enumerate() {
            r.organisation(&link.parent, || format!("{at}.parents[{j}].parent"), &owner);
        }
        if let Some(succession) = &org.succeeded_by {
            r.organisation(
                &succession.successor,
                || format!("{at}.succeeded_by.successor"),
                &owner,
            );
        }
        r.sources(&org.sources, at, &owner);
    }
    for (i, fund) in data.funds().iter().enumerate() {
        let at = At("funds", i);
        let owner = || format!("fund {:?}", fund.id.as_str());
        if let Some(manager) = &fund.managed_by {
            r.organisation(manager, || format!("{at}.managed_by"), &owner);
        }
        r.sources(&fund.sources, at, &owner);
    }
    for (i, official) in data.officials().iter().enumerate() {
        let owner = || format!("official {:?}", official.id.as_str());
        r.sources(&official.sources, At("officials", i), &owner);
    }
    for (i, post) in data.posts().iter().enumerate() {
        let at = At("posts", i);
        let owner = || format!("post {:?}", post.id.as_str());
        r.organisation(&post.organisation, || format!("{at}.organisation"), &owner);
        r.sources(&post.sources, at, &owner);
    }
    for (i, a) in data.appointments().iter().enumerate() {
        let at = At("appointments", i);
        let owner = || format!("appointment {:?}", a.id.as_str());
        let found = data.officials.contains(&a.official);
        r.check(
            found,
            || format!("{at}.official"),
            &owner,
            "official",
            a.official.as_str(),
        );
        let found = data.posts.contains(&a.post);
        r.check(
            found,
            || format!("{at}.post"),
            &owner,
            "post",
            a.post.as_str(),
        );
        for (j, attestation) in a.attested.iter().enumerate() {
            let found = data.sources.contains(&attestation.source);
            r.check(
                found,
                || format!("{at}.attested[{j}].source"),
                &owner,
                "source",
                attestation.source.as_str(),
            );
        }
        r.sources(&a.sources, at, &owner);
    }
    for (i, framework) in data.frameworks().iter().enumerate() {
        let at = At("frameworks", i);
        let owner = || format!("framework {:?}", framework.id.as_str());
        for (j, party) in framework.parties.iter().enumerate() {
            r.organisation(party, || format!("{at}.parties[{j}]"), &owner);
        }
        if let Some(source) = &framework.established_by {
            let found = data.sources.contains(source);
            r.check(
                found,
                || format!("{at}.established_by"),
                &owner,
                "source",
                source.as_str(),
            );
        }
        r.sources(&framework.sources, at, &owner);
    }
    for (i, meeting) in data.meetings().iter().enumerate() {
        let at = At("meetings", i);
        let owner = || format!("meeting {:?}", meeting.id.as_str());
        let found = data.frameworks.contains(&meeting.framework);
        r.check(
            found,
            || format!("{at}.framework"),
            &owner,
            "framework",
            meeting.framework.as_str(),
        );
        for (j, p) in meeting.participants.iter().enumerate() {
            let found = data.officials.contains(&p.official);
            r.check(
                found,
                || format!("{at}.participants[{j}].official"),
                &owner,
                "official",
                p.official.as_str(),
            );
            if let Some(post) = &p.post {
                let found = data.posts.contains(post);
                r.check(
                    found,
                    || format!("{at}.participants[{j}].post"),
                    &owner,
                    "post",
                    post.as_str(),
                );
            }
            r.organisation(
                &p.represents,
                || format!("{at}.participants[{j}].represents"),
                &owner,
            );
        }
        for (j, document) in meeting.documents.iter().enumerate() {
            if let Some(by) = &document.by {
                r.organisation(by, || format!("{at}.documents[{j}].by"), &owner);
            }
        }
        r.sources(&meeting.sources, at, &owner);
    }
    for (i, programme) in data.programmes().iter().enumerate() {
        let at = At("programmes", i);
        let owner = || format!("programme {:?}", programme.id.as_str());
        if let Some(framework) = &programme.framework {
            let found = data.frameworks.contains(framework);
            r.check(
                found,
                || format!("{at}.framework"),
                &owner,
                "framework",
                framework.as_str(),
            );
        }
        for (j, funder) in programme.funders.iter().enumerate() {
            match funder {
                Funder::Organisation(id) => {
                    r.organisation(id, || format!("{at}.funders[{j}]"), &owner);
                }
                Funder::Fund(id) => {
                    let found = data.funds.contains(id);
                    r.check(
                        found,
                        || format!("{at}.funders[{j}]"),
                        &owner,
                        "fund",
                        id.as_str(),
                    );
                }
            }
        }
        for (j, implementer) in programme.implementers.iter().enumerate() {
            r.organisation(implementer, || format!("{at}.implementers[{j}]"), &owner);
        }
        if let Some(Budget::Figure(figure)) = &programme.budget {
            r.figure(figure, || format!("{at}.budget"), &owner);
        }
        for (j, outcome) in programme.outcomes.iter().enumerate() {
            let found = data.outcomes.contains(outcome);
            r.check(
                found,
                || format!("{at}.outcomes[{j}]"),
                &owner,
                "outcome metric",
                outcome.as_str(),
            );
        }
        r.sources(&programme.sources, at, &owner);
    }
    for (i, metric) in data.outcomes().iter().enumerate() {
        let at = At("outcomes", i);
        let owner = || format!("outcome metric {:?}", metric.id.as_str());
        let found = data.programmes.contains(&metric.programme);
        r.check(
            found,
            || format!("{at}.programme"),
            &owner,
            "programme",
            metric.programme.as_str(),
        );
        for (name, figure) in [
            ("baseline", &metric.baseline),
            ("target", &metric.target),
            ("actual", &metric.actual),
        ] {
            if let Some(figure) = figure {
                r.figure(figure, || format!("{at}.{name}"), &owner);
            }
        }
        r.sources(&metric.sources, at, &owner);
    }
    for (i, portfolio) in data.portfolios().iter().enumerate() {
        let at = At("portfolios", i);
        let owner = || format!("portfolio {:?}", portfolio.id.as_str());
        for (j, party) in portfolio.parties.iter().enumerate() {
            r.organisation(party, || format!("{at}.parties[{j}]"), &owner);
        }
        r.figure(
            &portfolio.project_count,
            || format!("{at}.project_count"),
            &owner,
        );
        r.figure(
            &portfolio.total_value,
            || format!("{at}.total_value"),
            &owner,
        );
        if let Some(average) = &portfolio.average_value {
            r.figure(average, || format!("{at}.average_value"), &owner);
        }
        r.sources(&portfolio.sources, at, &owner);
    }
    for (i, figure) in data.figures().iter().enumerate() {
        let at = At("figures", i);
        let owner = || format!("figure {:?}", figure.id().as_str());
        for (j, subject) in figure.subjects().iter().enumerate() {
            let (found, kind, id) = match subject {
                Subject::Organisation(id) => {
                    (data.organisations.contains(id), "organisation", id.as_str())
                }
                Subject::Framework(id) => (data.frameworks.contains(id), "framework", id.as_str()),
                Subject::Programme(id) => (data.programmes.contains(id), "programme", id.as_str()),
                Subject::Portfolio(id) => (data.portfolios.contains(id), "portfolio", id.as_str()),
            };
            r.check(found, || format!("{at}.subjects[{j}]"), &owner, kind, id);
        }
        if let crate::figure::Derivation::Derived { inputs, .. } = figure.derivation() {
            for (j, input) in inputs.iter().enumerate() {
                r.figure(input, || format!("{at}.derivation.inputs[{j}]"), &owner);
            }
        }
        r.sources(figure.sources(), at, &owner);
    }
}
