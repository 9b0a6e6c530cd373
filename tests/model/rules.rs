//! Each rule with a dataset that breaks it and the exact report it gives.

use partnerships::{dataset::*, figure::*, id::*, model::*, money::*, validate::*};
use rust_decimal::Decimal;

fn report(data: &Dataset) -> Vec<String> {
    data.validate()
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn org(id: &str) -> Organisation {
    Organisation::new(
        OrganisationId::new(id).unwrap(),
        OrganisationKind::Other,
        id,
    )
}

fn oid(id: &str) -> OrganisationId {
    OrganisationId::new(id).unwrap()
}

/// A framework of eu and iom established in July 2012, with both parties.
fn framework_data() -> Dataset {
    let mut data = Dataset::new();
    data.insert_organisation(org("eu")).unwrap();
    data.insert_organisation(org("iom")).unwrap();
    let mut f = Framework::new(FrameworkId::new("scf").unwrap(), "SCF");
    f.parties = vec![oid("eu"), oid("iom")];
    f.established = Some("2012-07".parse().unwrap());
    data.insert_framework(f).unwrap();
    data
}

fn meeting(id: &str, date: &str, ordinal: Option<u32>) -> MeetingBuilder {
    let b = Meeting::builder(
        MeetingId::new(id).unwrap(),
        FrameworkId::new("scf").unwrap(),
        date.parse().unwrap(),
    );
    match ordinal {
        Some(o) => b.ordinal(o),
        None => b,
    }
}

fn count(id: &str, n: i64, comparator: Comparator) -> Figure {
    Figure::builder(
        FigureId::new(id).unwrap(),
        Quantity::new(comparator, Decimal::from(n)).unwrap(),
        Unit::Projects,
    )
    .build()
    .unwrap()
}

fn money_figure(id: &str, money: &str, comparator: Comparator) -> Figure {
    let m: Money = money.parse().unwrap();
    Figure::builder(
        FigureId::new(id).unwrap(),
        Quantity::new(comparator, m).unwrap(),
        Unit::Money,
    )
    .build()
    .unwrap()
}

#[test]
fn every_rule_has_a_stable_code_and_is_documented() {
    let codes: Vec<&str> = Rule::all().iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), 17);
    let docs = include_str!("../../src/validate.rs");
    for code in codes {
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "{code} is not in the rules table"
        );
    }
}

#[test]
fn duplicate_id() {
    let json = r#"{"format":"partnerships/1","organisations":[
        {"id":"iom","kind":"intergovernmental-organisation","name":"IOM"},
        {"id":"eu","kind":"supranational-union","name":"EU"},
        {"id":"iom","kind":"other","name":"IOM again"}]}"#;
    let data: Dataset = serde_json::from_str(json).unwrap();
    assert_eq!(data.organisations().len(), 3);
    assert_eq!(data.organisation(&oid("iom")).unwrap().name, "IOM");
    assert_eq!(
        report(&data),
        [
            r#"error organisations[2].id: organisation "iom" appears more than once (first at organisations[0]) [duplicate-id]"#
        ]
    );
}

#[test]
fn dangling_reference() {
    let mut data = Dataset::new();
    let mut o = org("dg-echo");
    o.parents.push(ParentLink::new(oid("european-commission")));
    o.sources.push(SourceId::new("missing").unwrap());
    data.insert_organisation(o).unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error organisations[0].parents[0].parent: organisation "dg-echo" refers to organisation "european-commission", which is not in the dataset [dangling-reference]"#,
            r#"error organisations[0].sources[0]: organisation "dg-echo" refers to source "missing", which is not in the dataset [dangling-reference]"#,
        ]
    );
}

#[test]
fn dangling_references_are_found_in_every_kind_of_record() {
    let mut data = framework_data();
    let m = meeting("m", "2020-10-13", None)
        .participant({
            let mut p = Participant::new(OfficialId::new("nobody").unwrap(), oid("eu"));
            p.post = Some(PostId::new("no-post").unwrap());
            p
        })
        .build();
    data.insert_meeting(m).unwrap();
    data.insert_programme(
        Programme::builder(ProgrammeId::new("p").unwrap(), "P")
            .funder(Funder::Fund(FundId::new("no-fund").unwrap()))
            .build(),
    )
    .unwrap();
    let paths: Vec<String> = data
        .validate()
        .problems()
        .iter()
        .map(|p| p.path.clone())
        .collect();
    assert_eq!(
        paths,
        [
            "meetings[0].participants[0].official",
            "meetings[0].participants[0].post",
            "programmes[0].funders[0]"
        ]
    );
}

#[test]
fn parent_cycle() {
    let mut data = Dataset::new();
    let mut a = org("a");
    a.parents.push(ParentLink::new(oid("b")));
    let mut b = org("b");
    b.parents.push(ParentLink::new(oid("a")));
    data.insert_organisation(a).unwrap();
    data.insert_organisation(b).unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error organisations[1].parents[0].parent: organisation "a" is part of itself through "b" [parent-cycle]"#
        ]
    );
    // Queries stay finite on a cycle.
    assert_eq!(
        data.ancestors(
            &oid("a"),
            chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
        )
        .len(),
        1
    );
}

#[test]
fn meeting_before_framework() {
    let mut data = framework_data();
    data.insert_meeting(meeting("m", "2011", None).build())
        .unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error meetings[0].date: meeting "m" on 2011 is before framework "scf" was established (2012-07) [meeting-before-framework]"#
        ]
    );
    // A meeting in the month of establishment is not before it.
    let mut data = framework_data();
    data.insert_meeting(meeting("m", "2012-07-01", Some(1)).build())
        .unwrap();
    assert!(report(&data).is_empty());
}

#[test]
fn ordinal_duplicate_and_order() {
    let mut data = framework_data();
    data.insert_meeting(meeting("a", "2013", Some(1)).build())
        .unwrap();
    data.insert_meeting(meeting("b", "2014", Some(1)).build())
        .unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error meetings[1].ordinal: meetings[0] and meeting "b" both state ordinal 1 of framework "scf" [ordinal-duplicate]"#
        ]
    );

    let mut data = framework_data();
    data.insert_meeting(meeting("a", "2013", Some(3)).build())
        .unwrap();
    data.insert_meeting(meeting("b", "2014", Some(2)).build())
        .unwrap();
    let lines = report(&data);
    assert_eq!(
        lines[0],
        r#"error meetings[1].ordinal: meeting "b" (2014) states ordinal 2, below the 3 of an earlier meeting (2013) [ordinal-order]"#
    );
}

#[test]
fn ordinal_zero() {
    let mut data = framework_data();
    data.insert_meeting(meeting("m", "2013", Some(0)).build())
        .unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error meetings[0].ordinal: meeting "m" states ordinal 0; ordinals count from 1 [ordinal-zero]"#
        ]
    );
}

#[test]
fn ordinal_gap() {
    let mut data = framework_data();
    data.insert_meeting(meeting("a", "2013", Some(2)).build())
        .unwrap();
    data.insert_meeting(meeting("b", "2018", Some(5)).build())
        .unwrap();
    assert_eq!(
        report(&data),
        [
            r#"note frameworks[0]: meeting 1 of framework "scf" is not recorded [ordinal-gap]"#,
            r#"note frameworks[0]: meetings 3 to 4 of framework "scf" are not recorded [ordinal-gap]"#,
        ]
    );
    assert!(!data.validate().has_errors());
}

fn post_data(tenure: Option<&str>, attested: Option<&str>) -> Dataset {
    let mut data = framework_data();
    data.insert_official(Official::new(OfficialId::new("o").unwrap(), "Ó"))
        .unwrap();
    data.insert_post(Post::new(
        PostId::new("dg").unwrap(),
        oid("iom"),
        "Director General",
    ))
    .unwrap();
    if tenure.is_some() || attested.is_some() {
        let mut a = Appointment::new(
            AppointmentId::new("a").unwrap(),
            OfficialId::new("o").unwrap(),
            PostId::new("dg").unwrap(),
        );
        a.tenure = tenure.map(|t| t.parse().unwrap());
        if let Some(day) = attested {
            data.insert_source(Source::new(SourceId::new("s").unwrap(), "S"))
                .unwrap();
            a.attested.push(Attestation {
                date: day.parse().unwrap(),
                source: SourceId::new("s").unwrap(),
            });
        }
        data.insert_appointment(a).unwrap();
    }
    let mut p = Participant::new(OfficialId::new("o").unwrap(), oid("iom"));
    p.post = Some(PostId::new("dg").unwrap());
    data.insert_meeting(meeting("m", "2020-10-13", Some(1)).participant(p).build())
        .unwrap();
    data
}

#[test]
fn post_not_held() {
    assert_eq!(
        report(&post_data(None, None)),
        [
            r#"error meetings[0].participants[0].post: official "o" holds no appointment to post "dg" (Director General) in the dataset [post-not-held]"#
        ]
    );
    assert_eq!(
        report(&post_data(Some("2015/2019"), None)),
        [
            r#"error meetings[0].participants[0].post: official "o" did not hold post "dg" (Director General) on 2020-10-13 [post-not-held]"#
        ]
    );
    assert!(report(&post_data(Some("2018-10-01/.."), None)).is_empty());
    assert!(report(&post_data(None, Some("2020-10-13"))).is_empty());
}

#[test]
fn post_uncertain() {
    assert_eq!(
        report(&post_data(Some("2020-10/.."), None)),
        [
            r#"warning meetings[0].participants[0].post: official "o" may not have held post "dg" (Director General) on 2020-10-13: no tenure or source shows it for that date [post-uncertain]"#
        ]
    );
}

#[test]
fn participant_twice() {
    let mut data = framework_data();
    data.insert_official(Official::new(OfficialId::new("o").unwrap(), "O"))
        .unwrap();
    let json = serde_json::json!({
        "format": "partnerships/1",
        "meetings": [{"id": "m", "framework": "scf", "date": "2020", "ordinal": 1, "participants": [
            {"official": "o", "represents": "eu"}, {"official": "o", "represents": "iom"}]}]
    });
    let extra: Dataset = serde_json::from_value(json).unwrap();
    data.insert_meeting(extra.meetings()[0].clone()).unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error meetings[0].participants[1]: official "o" takes part in meeting "m" more than once [participant-twice]"#
        ]
    );
}

#[test]
fn host_not_party() {
    let mut data = framework_data();
    data.insert_organisation(org("un")).unwrap();
    data.insert_official(Official::new(OfficialId::new("h").unwrap(), "H"))
        .unwrap();
    data.insert_meeting(
        meeting("m", "2020", Some(1))
            .host(OfficialId::new("h").unwrap(), None, oid("un"))
            .build(),
    )
    .unwrap();
    assert_eq!(
        report(&data),
        [
            r#"warning meetings[0].participants[0].represents: the host of meeting "m" acts for "un", which is neither a party of framework "scf" nor part of one [host-not-party]"#
        ]
    );
}

#[test]
fn outcome_programme_and_result_outside_programme() {
    let mut data = Dataset::new();
    let p = ProgrammeId::new("p").unwrap();
    let q = ProgrammeId::new("q").unwrap();
    let early = Figure::builder(
        FigureId::new("early").unwrap(),
        Quantity::exactly(Decimal::TEN),
        Unit::People,
    )
    .as_of("2015".parse().unwrap())
    .build()
    .unwrap();
    data.insert_figure(early).unwrap();
    let mut metric = OutcomeMetric::new(
        OutcomeId::new("r").unwrap(),
        q.clone(),
        ResultLevel::Output,
        "r",
    );
    metric.actual = Some(FigureId::new("early").unwrap());
    data.insert_outcome(metric).unwrap();
    data.insert_programme(
        Programme::builder(p, "P")
            .outcome(OutcomeId::new("r").unwrap())
            .build(),
    )
    .unwrap();
    data.insert_programme(
        Programme::builder(q, "Q")
            .launched("2016-12".parse().unwrap())
            .build(),
    )
    .unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error programmes[0].outcomes[0]: programme "p" lists outcome metric "r", which belongs to programme "q" [outcome-programme]"#,
            r#"error outcomes[0].actual: figure "early" is dated 2015, outside the life of programme "q" (2016-12/..) [result-outside-programme]"#,
        ]
    );
}

#[test]
fn period_after_as_of() {
    let mut data = Dataset::new();
    let f = Figure::builder(
        FigureId::new("f").unwrap(),
        Quantity::exactly(Decimal::TEN),
        Unit::People,
    )
    .period("2015/2021".parse().unwrap())
    .as_of("2020-10-13".parse().unwrap())
    .build()
    .unwrap();
    data.insert_figure(f).unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error figures[0].period: figure "f" covers 2015/2021, which ends after the date it was true on (2020-10-13) [period-after-as-of]"#
        ]
    );
}

#[test]
fn negative_money() {
    let mut data = Dataset::new();
    data.insert_programme(
        Programme::builder(ProgrammeId::new("p").unwrap(), "P")
            .budget(Budget::Exact("EUR -1.00".parse().unwrap()))
            .build(),
    )
    .unwrap();
    data.insert_figure(count("n", 3, Comparator::Exactly))
        .unwrap();
    data.insert_figure(money_figure("v", "EUR -5.00", Comparator::Exactly))
        .unwrap();
    data.insert_portfolio(Portfolio::new(
        PortfolioId::new("pf").unwrap(),
        FigureId::new("n").unwrap(),
        FigureId::new("v").unwrap(),
    ))
    .unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error programmes[0].budget: programme "p" has a negative budget [negative-money]"#,
            r#"error portfolios[0].total_value: portfolio "pf" has a negative value [negative-money]"#,
        ]
    );
}

#[test]
fn average_not_about() {
    let mut data = Dataset::new();
    data.insert_figure(count("n", 535, Comparator::Exactly))
        .unwrap();
    data.insert_figure(money_figure("v", "EUR 1880000000.00", Comparator::About))
        .unwrap();
    data.insert_figure(money_figure("avg", "EUR 3514018.69", Comparator::Exactly))
        .unwrap();
    let mut p = Portfolio::new(
        PortfolioId::new("pf").unwrap(),
        FigureId::new("n").unwrap(),
        FigureId::new("v").unwrap(),
    );
    p.average_value = Some(FigureId::new("avg").unwrap());
    data.insert_portfolio(p).unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error portfolios[0].average_value: figure "avg" states an exact average, but the count or value it comes from is not exact [average-not-about]"#
        ]
    );
}

#[test]
fn problems_are_all_reported_at_once() {
    let mut data = post_data(Some("2015/2019"), None);
    data.insert_meeting(meeting("early", "2011", Some(1)).build())
        .unwrap();
    let rules: Vec<Rule> = data.validate().problems().iter().map(|p| p.rule).collect();
    assert_eq!(
        rules,
        [
            Rule::PostNotHeld,
            Rule::MeetingBeforeFramework,
            Rule::OrdinalDuplicate
        ]
    );
}

/// Every record of `data`, inserted kind by kind in `order` (indices into the twelve kinds, in
/// the order the dataset lists them), each kind's records in their own order.
fn reinserted(data: &Dataset, order: &[usize]) -> Dataset {
    let mut out = Dataset::new();
    for &kind in order {
        match kind {
            0 => data
                .sources()
                .iter()
                .for_each(|r| out.insert_source(r.clone()).unwrap()),
            1 => data
                .organisations()
                .iter()
                .for_each(|r| out.insert_organisation(r.clone()).unwrap()),
            2 => data
                .funds()
                .iter()
                .for_each(|r| out.insert_fund(r.clone()).unwrap()),
            3 => data
                .officials()
                .iter()
                .for_each(|r| out.insert_official(r.clone()).unwrap()),
            4 => data
                .posts()
                .iter()
                .for_each(|r| out.insert_post(r.clone()).unwrap()),
            5 => data
                .appointments()
                .iter()
                .for_each(|r| out.insert_appointment(r.clone()).unwrap()),
            6 => data
                .frameworks()
                .iter()
                .for_each(|r| out.insert_framework(r.clone()).unwrap()),
            7 => data
                .meetings()
                .iter()
                .for_each(|r| out.insert_meeting(r.clone()).unwrap()),
            8 => data
                .programmes()
                .iter()
                .for_each(|r| out.insert_programme(r.clone()).unwrap()),
            9 => data
                .outcomes()
                .iter()
                .for_each(|r| out.insert_outcome(r.clone()).unwrap()),
            10 => data
                .portfolios()
                .iter()
                .for_each(|r| out.insert_portfolio(r.clone()).unwrap()),
            _ => data
                .figures()
                .iter()
                .for_each(|r| out.insert_figure(r.clone()).unwrap()),
        }
    }
    out
}

use proptest::prelude::*;

proptest! {
    /// References resolve whether their records come before or after them: the seed dataset,
    /// its kinds inserted in any order, validates as it does in its own order.
    #[test]
    fn references_resolve_in_any_insertion_order(
        order in Just((0..12).collect::<Vec<usize>>()).prop_shuffle()
    ) {
        let seed = partnerships::data::eu_iom_2020();
        let shuffled = reinserted(&seed, &order);
        prop_assert_eq!(&shuffled, &seed);
        prop_assert_eq!(report(&shuffled), report(&seed));
    }
}

#[test]
fn references_resolve_when_their_record_comes_later() {
    let mut data = Dataset::new();
    data.insert_post(Post::new(PostId::new("dg").unwrap(), oid("iom"), "DG"))
        .unwrap();
    let mut a = org("iom");
    a.parents.push(ParentLink::new(oid("un")));
    data.insert_organisation(a).unwrap();
    assert_eq!(report(&data).len(), 1, "{:?}", report(&data));
    data.insert_organisation(org("un")).unwrap();
    assert!(report(&data).is_empty(), "{:?}", report(&data));
}

#[test]
fn an_organisation_that_is_its_own_parent_is_a_cycle() {
    let mut data = Dataset::new();
    let mut a = org("a");
    a.parents.push(ParentLink::new(oid("a")));
    data.insert_organisation(a).unwrap();
    assert_eq!(
        report(&data),
        [
            r#"error organisations[0].parents[0].parent: organisation "a" is part of itself through "a" [parent-cycle]"#
        ]
    );
}

/// Identifiers that no record has cannot be told apart by where their record is: the rules
/// compare their text instead.
#[test]
fn rules_compare_identifiers_that_do_not_resolve_by_their_text() {
    let mut data = framework_data();
    data.insert_post(Post::new(PostId::new("dg").unwrap(), oid("iom"), "DG"))
        .unwrap();
    let mut a = Appointment::new(
        AppointmentId::new("a").unwrap(),
        OfficialId::new("ghost").unwrap(),
        PostId::new("dg").unwrap(),
    );
    a.tenure = Some("2018/..".parse().unwrap());
    data.insert_appointment(a).unwrap();
    let mut framework = Framework::new(FrameworkId::new("other").unwrap(), "Other");
    framework.parties = vec![oid("elsewhere")];
    data.insert_framework(framework).unwrap();
    let with_post = |official: &str| {
        let mut p = Participant::new(OfficialId::new(official).unwrap(), oid("iom"));
        p.post = Some(PostId::new("dg").unwrap());
        p
    };
    let mut m = Meeting::builder(
        MeetingId::new("m").unwrap(),
        FrameworkId::new("other").unwrap(),
        "2020-10-13".parse().unwrap(),
    )
    .ordinal(1)
    .participant(with_post("ghost"))
    .participant(with_post("wraith"))
    .build();
    // The builder refuses an official twice; a dataset read from a file may hold one.
    m.participants.push(Participant::new(
        OfficialId::new("wraith").unwrap(),
        oid("iom"),
    ));
    let mut host = |official: &str, represents: &str| {
        let mut p = Participant::new(OfficialId::new(official).unwrap(), oid(represents));
        p.capacity = Capacity::Host;
        m.participants.push(p);
    };
    host("h", "elsewhere");
    host("h2", "nowhere");
    data.insert_meeting(m).unwrap();
    let problems: Vec<String> = report(&data)
        .into_iter()
        .filter(|p| !p.ends_with("[dangling-reference]"))
        .collect();
    assert_eq!(
        problems,
        [
            r#"error meetings[0].participants[1].post: official "wraith" holds no appointment to post "dg" (DG) in the dataset [post-not-held]"#,
            r#"error meetings[0].participants[2]: official "wraith" takes part in meeting "m" more than once [participant-twice]"#,
            r#"warning meetings[0].participants[4].represents: the host of meeting "m" acts for "nowhere", which is neither a party of framework "other" nor part of one [host-not-party]"#,
        ]
    );
}
