//! Funding links across publishers on the real files, against pairs checked by hand.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::BufReader;

use partnerships::analysis::convention::{Convention, Rates, Valuer};
use partnerships::analysis::links::{
    BrokenReason, Check, Comparison, Direction, Grade, Linker, Links, Signal,
};
use partnerships::analysis::partners::Partners;
use partnerships::figure::FigureValue;
use partnerships::formats::graph::{to_dot, to_mermaid};
use partnerships::formats::iati::{Activity, IatiReader};
use partnerships::{Currency, Money};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::{data, one_activity};

/// Every activity of the 13 real files.
fn real_activities() -> Vec<Activity> {
    let mut paths: Vec<_> = std::fs::read_dir(data("iati/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut activities = Vec::new();
    for path in paths {
        let mut reader = IatiReader::new(BufReader::new(File::open(path).unwrap())).unwrap();
        while let Some(activity) = reader.next_activity().unwrap() {
            activities.push(activity);
        }
    }
    activities
}

fn linker_of(activities: &[Activity]) -> Linker {
    let mut linker = Linker::new();
    for a in activities {
        linker.add(a);
    }
    linker
}

fn real() -> (Linker, Links) {
    let linker = linker_of(&real_activities());
    let rates = Rates::shipped();
    let links =
        linker.link(&mut Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap());
    (linker, links)
}

#[test]
fn hand_checked_pairs() {
    let (_, links) = real();
    let found: BTreeSet<(String, String, String)> = links
        .links
        .iter()
        .map(|l| {
            (
                l.funder_activity.clone(),
                l.implementer_activity.clone(),
                l.grade.to_string(),
            )
        })
        .collect();
    let mut reader = csv::Reader::from_path(data("links/pairs.csv")).unwrap();
    let mut expected = BTreeSet::new();
    let mut refused = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let (funder, implementer, grade) = (&row[0], &row[1], &row[2]);
        if grade == "none" {
            refused += 1;
            assert!(
                !links
                    .links
                    .iter()
                    .any(|l| l.funder_activity == funder && l.implementer_activity == implementer),
                "{funder} and {implementer} are not the same funded action: {}",
                &row[3]
            );
        } else {
            expected.insert((funder.to_owned(), implementer.to_owned(), grade.to_owned()));
        }
    }
    assert_eq!(
        found, expected,
        "the links are exactly the hand-checked ones"
    );
    assert_eq!((expected.len(), refused), (7, 7));
}

#[test]
fn the_echo_iom_grant_is_linked_strong_with_its_evidence_and_its_broken_citation() {
    let (_, links) = real();
    let link = links
        .links
        .iter()
        .find(|l| l.implementer_activity == "XM-DAC-47066-DP.2215")
        .unwrap();
    assert_eq!(
        link.funder_activity,
        "XI-IATI-EC_ECHO-ECHO/-WF/BUD/2020/91038"
    );
    assert_eq!((link.grade, link.score), (Grade::Strong, 100));
    let evidence: Vec<String> = link.evidence.iter().map(ToString::to_string).collect();
    assert_eq!(
        evidence,
        [
            "funder-names-implementer held: XI-IATI-EC_ECHO names XM-DAC-47066 as implementing organisation",
            "implementer-names-funder held: XM-DAC-47066 names XI-IATI-EC_ECHO as funding organisation",
            "countries held: both in MR",
            "period held: both 2020-06-15 to 2021-03-14",
            "title held: 100% of words shared",
            "amount held: EUR 200,000.00 against EUR 209,319.94: 4.5% apart, tolerance 15%",
        ]
    );
    let funder = link.funder_amount.as_ref().unwrap();
    assert_eq!(funder.original, ["EUR 200000".parse::<Money>().unwrap()]);
    let implementer = link.implementer_amount.as_ref().unwrap();
    assert_eq!(
        implementer.original,
        ["USD 235577.89".parse::<Money>().unwrap()]
    );
    let broken: Vec<_> = links
        .broken
        .iter()
        .filter(|b| b.citing_activity == "XM-DAC-47066-DP.2215")
        .map(|b| (b.cited.as_str(), b.field.to_string(), b.reason))
        .collect();
    assert_eq!(
        broken,
        [
            (
                "XI-IATI-EC_ECHO-D3383699",
                "participating-org[@role=1]/@activity-id".to_owned(),
                BrokenReason::NotFound
            ),
            (
                "XI-IATI-EC_ECHO-D3383699",
                "provider-org/@provider-activity-id".to_owned(),
                BrokenReason::NotFound
            ),
        ]
    );
}

#[test]
fn broken_citations_say_why() {
    let (_, links) = real();
    let reason = |activity: &str, cited: &str| {
        links
            .broken
            .iter()
            .find(|b| b.citing_activity == activity && b.cited == cited)
            .map(|b| (b.reason, b.candidates.clone()))
    };
    assert_eq!(
        reason("XM-DAC-47066-CS.1101", "XM-DAC-41121-ICSP 2020 418-329"),
        Some((
            BrokenReason::OtherPublisher,
            vec!["XI-IATI-EC_FPI-2020/418-329 of XI-IATI-EC_FPI (one ends the other)".to_owned()]
        ))
    );
    assert_eq!(
        reason("XM-DAC-47066-CS.1073", "XM-DAC-41310").map(|r| r.0),
        Some(BrokenReason::OrganisationIdentifier)
    );
    let mut by_reason = std::collections::BTreeMap::new();
    for b in &links.broken {
        *by_reason.entry(b.reason.code()).or_insert(0) += 1;
    }
    assert_eq!(
        by_reason.into_iter().collect::<Vec<_>>(),
        [
            ("not-found", 475),
            ("organisation-identifier", 100),
            ("other-publisher", 2),
            ("self-reference", 91)
        ]
    );
    assert!(links.internal.found > 5000);
}

#[test]
fn a_shared_serial_number_links_nothing() {
    let funder = one_activity(
        r#"<iati-activity><iati-identifier>XI-IATI-EC_ECHO-ECHO/-WF/BUD/2020/91019</iati-identifier>
        <reporting-org ref="XI-IATI-EC_ECHO"/><participating-org role="4" ref="XM-DAC-47066"/>
        <recipient-country code="ML"/></iati-activity>"#,
    );
    let implementer = one_activity(
        r#"<iati-activity><iati-identifier>XM-DAC-47066-DP.2081</iati-identifier>
        <reporting-org ref="XM-DAC-47066"/>
        <participating-org role="1" ref="XI-IATI-EC_ECHO" activity-id="XI-IATI-EC_ECHO-ECHO/-AF/BUD/2019/91019"/>
        <recipient-country code="SS"/></iati-activity>"#,
    );
    let linker = linker_of(&[funder, implementer]);
    let rates = Rates::default();
    let links =
        linker.link(&mut Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap());
    assert!(links.links.is_empty());
    assert_eq!(links.broken[0].reason, BrokenReason::NotFound);
}

#[test]
fn a_parent_cited_by_its_own_grants_is_linked_as_related() {
    let plan = one_activity(
        r#"<iati-activity><iati-identifier>XI-IATI-EC_ECHO-HIP/2020/91000</iati-identifier>
        <reporting-org ref="XI-IATI-EC_ECHO"/></iati-activity>"#,
    );
    let grant = one_activity(
        r#"<iati-activity><iati-identifier>XI-IATI-EC_ECHO-2020/91038</iati-identifier>
        <reporting-org ref="XI-IATI-EC_ECHO"/>
        <transaction><transaction-type code="1"/><provider-org ref="XI-IATI-EC_ECHO" provider-activity-id="XI-IATI-EC_ECHO-HIP/2020/91000"/></transaction>
        </iati-activity>"#,
    );
    let iom = one_activity(
        r#"<iati-activity><iati-identifier>XM-DAC-47066-1</iati-identifier>
        <reporting-org ref="XM-DAC-47066"/>
        <participating-org role="1" ref="XI-IATI-EC_ECHO" activity-id="XI-IATI-EC_ECHO-HIP/2020/91000"/>
        </iati-activity>"#,
    );
    let linker = linker_of(&[plan, grant, iom]);
    let rates = Rates::default();
    let links =
        linker.link(&mut Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap());
    assert_eq!(links.links.len(), 1);
    assert_eq!(links.links[0].grade, Grade::Related);
    assert!(links.links[0]
        .evidence
        .iter()
        .any(|e| e.signal == Signal::Parent && e.check == Check::Held));
    assert_eq!(links.internal.found, 1);
}

#[test]
fn commission_and_iom_totals_count_each_action_once() {
    let (linker, links) = real();
    let rates = Rates::shipped();
    let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap();
    let funding = linker.funding(&links, "XI-IATI-EC", "XM-DAC-47066", &mut valuer);
    assert_eq!(funding.links.len(), 5);
    let totals = &funding.totals;
    assert_eq!(
        totals.naive.checked_sub(totals.counted_twice).unwrap(),
        totals.deduplicated
    );
    assert_eq!(totals.deduplicated_actions, 4);
    assert_eq!(
        [totals.naive, totals.deduplicated, totals.counted_twice].map(|m| m.to_string()),
        ["EUR 114584991.79", "EUR 98845462.75", "EUR 15739529.04"]
    );
    let dp2215 = funding
        .actions
        .iter()
        .find(|a| a.implementer_activities == ["XM-DAC-47066-DP.2215"])
        .unwrap();
    assert_eq!(
        dp2215.funder_activities,
        ["XI-IATI-EC_ECHO-ECHO/-WF/BUD/2020/91038"]
    );
    assert_eq!(dp2215.value.unwrap().to_string(), "EUR 200000.00");

    // The seed's claim, in its period, with the figures it states.
    let seed = partnerships::data::eu_iom_2020();
    let portfolio = &seed.portfolios()[0];
    let check = funding.portfolio("found", portfolio.period).unwrap();
    let count = check.compare(
        seed.figure(&portfolio.project_count).unwrap(),
        Decimal::new(10, 2),
    );
    let value = check.compare(
        seed.figure(&portfolio.total_value).unwrap(),
        Decimal::new(10, 2),
    );
    assert!(!count.consistent && !value.consistent);
    assert_eq!(value.stated, "about EUR 1.88 billion");
    assert_eq!(value.tolerance, Decimal::new(10, 2));
    assert_eq!(
        check.inputs.len() + check.without_value,
        check.actions.len()
    );
    assert!(!check.value.derivation().is_stated());
}

#[test]
fn comparisons_respect_comparators() {
    let seed = partnerships::data::eu_iom_2020();
    let more = seed.figure(&"ji-returns".parse().unwrap()).unwrap();
    let found = |n: i64| FigureValue::Number(Decimal::from(n));
    assert!(Comparison::of(more, found(84_001), Decimal::ZERO).consistent);
    assert!(!Comparison::of(more, found(84_000), Decimal::ZERO).consistent);
    let projects = seed.figure(&"ec-iom-projects".parse().unwrap()).unwrap();
    assert!(Comparison::of(projects, found(535), Decimal::ZERO).consistent);
    assert!(!Comparison::of(projects, found(534), Decimal::ZERO).consistent);
    let value = seed.figure(&"ec-iom-value".parse().unwrap()).unwrap();
    let usd = FigureValue::Money("USD 1880000000".parse().unwrap());
    assert!(
        !Comparison::of(value, usd, Decimal::ONE).consistent,
        "another currency"
    );
}

#[test]
fn traces_walk_chains_with_guards() {
    let files = [
        r#"<iati-activity><iati-identifier>XI-IATI-EC_FPI-1</iati-identifier><reporting-org ref="XI-IATI-EC_FPI"/>
           <transaction><transaction-type code="2"/><receiver-org ref="XM-DAC-41121" receiver-activity-id="XM-DAC-41121-A"/></transaction></iati-activity>"#,
        r#"<iati-activity><iati-identifier>XM-DAC-41121-A</iati-identifier><reporting-org ref="XM-DAC-41121"/>
           <transaction><transaction-type code="2"/><receiver-org ref="XM-DAC-47066" receiver-activity-id="XM-DAC-47066-B"/></transaction></iati-activity>"#,
        // IOM passes money back to UNHCR's activity: a cycle.
        r#"<iati-activity><iati-identifier>XM-DAC-47066-B</iati-identifier><reporting-org ref="XM-DAC-47066"/>
           <transaction><transaction-type code="2"/><receiver-org ref="XM-DAC-41121" receiver-activity-id="XM-DAC-41121-A"/></transaction></iati-activity>"#,
    ];
    let activities: Vec<Activity> = files.iter().map(|x| one_activity(x)).collect();
    let linker = linker_of(&activities);
    let rates = Rates::default();
    let links =
        linker.link(&mut Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap());
    let down = linker.trace(&links, "XI-IATI-EC_FPI", Direction::Downstream, 10);
    assert_eq!(down.paths.len(), 1);
    assert_eq!(
        down.paths[0].publishers,
        ["XI-IATI-EC_FPI", "XM-DAC-41121", "XM-DAC-47066"]
    );
    assert_eq!((down.cycles, down.cut_at_depth), (1, 0));
    assert_eq!(down.intermediaries, ["XM-DAC-41121"]);
    let short = linker.trace(&links, "XI-IATI-EC_FPI", Direction::Downstream, 1);
    assert_eq!(
        (short.paths[0].activities.len(), short.cut_at_depth),
        (2, 1)
    );
    let up = linker.trace(&links, "XM-DAC-47066", Direction::Upstream, 10);
    assert_eq!(
        up.paths[0].activities,
        ["XM-DAC-47066-B", "XM-DAC-41121-A", "XI-IATI-EC_FPI-1"]
    );
}

#[test]
fn graphs_draw_every_link() {
    let (linker, links) = real();
    let all: Vec<_> = links.links.iter().collect();
    let graph = linker.graph(&all);
    let flows = graph.edges.iter().filter(|e| e.grade.is_some()).count();
    assert_eq!(flows, links.links.len());
    let dot = to_dot(&graph);
    assert!(dot.starts_with("digraph links {") && dot.ends_with("}\n"));
    assert_eq!(dot.matches(" -> ").count(), graph.edges.len());
    let mermaid = to_mermaid(&graph);
    assert_eq!(mermaid.matches("-->|").count(), flows);
    // Long titles are cut to 60 characters, with an ellipsis.
    assert!(
        mermaid.contains("Strengthening the preparation and response of vulnerable com…"),
        "{mermaid}"
    );
}

/// A small activity of `publisher` naming `other` as funder or implementer, in `country`.
fn activity(
    id: usize,
    publisher: &str,
    other: &str,
    funder: bool,
    country: &str,
    amount: u32,
) -> Activity {
    let (role, kind, side) = if funder {
        ("4", "2", "receiver")
    } else {
        ("1", "11", "provider")
    };
    one_activity(&format!(
        r#"<iati-activity><iati-identifier>{publisher}-{id}</iati-identifier><reporting-org ref="{publisher}"/>
        <title><narrative>Support to migrants in {country} number {id}</narrative></title>
        <participating-org role="{role}" ref="{other}"/><recipient-country code="{country}"/>
        <activity-date type="2" iso-date="2020-01-01"/><activity-date type="3" iso-date="2020-12-31"/>
        <transaction><transaction-type code="{kind}"/><value currency="EUR" value-date="2020-01-01">{amount}</value><{side}-org ref="{other}"/></transaction>
        </iati-activity>"#
    ))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn links_do_not_depend_on_the_order_of_activities_and_totals_add_up(
        specs in prop::collection::vec((0usize..2, prop::sample::select(vec!["MR", "ML", "SN"]), 1u32..1_000_000), 1..12),
        seed in any::<u64>(),
    ) {
        let mut activities = Vec::new();
        for (k, (side, country, amount)) in specs.iter().enumerate() {
            activities.push(if *side == 0 {
                activity(k, "XI-IATI-EC_ECHO", "XM-DAC-47066", true, country, *amount)
            } else {
                activity(k, "XM-DAC-47066", "XI-IATI-EC_ECHO", false, country, *amount)
            });
        }
        let rates = Rates::default();
        let set = |activities: &[Activity]| {
            let linker = linker_of(activities);
            let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap();
            let links = linker.link(&mut valuer);
            let funding = linker.funding(&links, "XI-IATI-EC_ECHO", "XM-DAC-47066", &mut valuer);
            let pairs: BTreeSet<(String, String, u8)> = links.links.iter()
                .map(|l| (l.funder_activity.clone(), l.implementer_activity.clone(), l.score)).collect();
            let members: usize = funding.actions.iter()
                .map(|a| a.funder_activities.len() + a.implementer_activities.len()).sum();
            (pairs, funding.totals, members, funding.actions.len())
        };
        let (pairs, totals, members, actions) = set(&activities);
        let mut shuffled = activities.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let (again, totals_again, _, _) = set(&shuffled);
        prop_assert_eq!(&pairs, &again);
        prop_assert_eq!(&totals.deduplicated, &totals_again.deduplicated);
        prop_assert_eq!(totals.naive.checked_sub(totals.counted_twice).unwrap(), totals.deduplicated);
        prop_assert!(totals.deduplicated.amount() <= totals.naive.amount());
        // Every activity names the other side, so each is in exactly one action, and each link
        // (one to one at most) joins two of them.
        prop_assert_eq!(members, specs.len());
        prop_assert_eq!(actions, specs.len() - pairs.len());
    }
}

#[test]
fn a_linker_learns_names_from_a_dataset() {
    let mut partners = Partners::new();
    partners.learn_hierarchy(&partnerships::data::eu_iom_2020());
    let funder = one_activity(
        r#"<iati-activity><iati-identifier>XI-IATI-EC_NEAR-1</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR"/>
        <title><narrative>Migrant protection in Libya</narrative></title><recipient-country code="LY"/>
        <participating-org role="4"><narrative>International Organization for Migration</narrative></participating-org></iati-activity>"#,
    );
    let implementer = one_activity(
        r#"<iati-activity><iati-identifier>XM-DAC-47066-1</iati-identifier><reporting-org ref="XM-DAC-47066"/>
        <title><narrative>Migrant Protection in Libya</narrative></title><recipient-country code="LY"/>
        <participating-org role="1" ref="XI-IATI-EC"/></iati-activity>"#,
    );
    let mut linker = Linker::with_partners(partners);
    linker.add(&funder);
    linker.add(&implementer);
    let rates = Rates::default();
    let links =
        linker.link(&mut Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap());
    assert_eq!(
        links.links.len(),
        1,
        "IOM by name, the Commission as the parent of DG NEAR"
    );
    assert_eq!(links.links[0].score, 65);
}

#[test]
fn an_activity_with_too_many_to_compare_is_named_not_compared() {
    use partnerships::analysis::links::MAX_COMPARED;
    use partnerships::formats::iati::code::{Code, OrganisationRole};
    use partnerships::formats::iati::records::{Coded, OrgRef, ParticipatingOrg, ReportingOrg};

    let reporting = |r: &str| {
        Some(ReportingOrg {
            org: OrgRef {
                reference: Some(r.to_owned()),
                ..OrgRef::default()
            },
            ..ReportingOrg::default()
        })
    };
    let in_mauritania = vec![Coded {
        code: Code::new("MR"),
        ..Coded::default()
    }];
    let mut funder = Activity {
        identifier: "XI-IATI-EC_ECHO-1".to_owned(),
        reporting_org: reporting("XI-IATI-EC_ECHO"),
        recipient_countries: in_mauritania.clone(),
        ..Activity::default()
    };
    funder.participating_orgs.push(ParticipatingOrg {
        role: Some(OrganisationRole::IMPLEMENTING),
        org: OrgRef {
            reference: Some("XM-DAC-47066".to_owned()),
            ..OrgRef::default()
        },
        ..ParticipatingOrg::default()
    });
    let mut linker = Linker::new();
    linker.add(&funder);
    for k in 0..=MAX_COMPARED {
        linker.add(&Activity {
            identifier: format!("XM-DAC-47066-{k}"),
            reporting_org: reporting("XM-DAC-47066"),
            recipient_countries: in_mauritania.clone(),
            ..Activity::default()
        });
    }
    let rates = Rates::default();
    let links =
        linker.link(&mut Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap());
    assert_eq!(links.crowded, ["XI-IATI-EC_ECHO-1"]);
    assert!(links.links.is_empty());
}
