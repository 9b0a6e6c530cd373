//! Generated datasets survive write -> read unchanged, in JSON and in a compact binary format.

use chrono::NaiveDate;
use partnerships::formats::{from_json, to_json};
use partnerships::{dataset::*, date::*, figure::*, id::*, model::*, money::*, validate::*};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Identifiers from a small pool, so that references sometimes resolve, sometimes dangle, and
/// identifiers sometimes repeat: reading must keep all of it.
fn id_text() -> impl Strategy<Value = String> {
    "[a-e][0-9]?".prop_map(String::from)
}

pub(crate) fn text() -> impl Strategy<Value = String> {
    "\\PC{0,12}"
}

pub(crate) fn date() -> impl Strategy<Value = PartialDate> {
    (1990_i32..2030, 1_u32..=12, 1_u32..=28, 0_u8..3).prop_map(|(y, m, d, p)| match p {
        0 => PartialDate::from_year(y).unwrap(),
        1 => PartialDate::from_year_month(y, m).unwrap(),
        _ => PartialDate::from_date(NaiveDate::from_ymd_opt(y, m, d).unwrap()).unwrap(),
    })
}

pub(crate) fn period() -> impl Strategy<Value = Period> {
    (option::of(date()), option::of(date()))
        .prop_filter_map("ordered", |(a, b)| Period::new(a, b).ok())
}

fn money() -> impl Strategy<Value = Money> {
    (
        any::<i64>(),
        0_u32..6,
        prop::sample::select(vec![
            Currency::EUR,
            Currency::USD,
            Currency::JPY,
            Currency::XAU,
        ]),
    )
        .prop_map(|(m, s, c)| Money::new(Decimal::new(m, s), c))
}

fn organisation() -> impl Strategy<Value = Organisation> {
    (
        id_text(),
        text(),
        option::of(text()),
        vec(id_text(), 0..3),
        option::of(period()),
        any::<bool>(),
    )
        .prop_map(|(id, name, acronym, parents, period, iati)| {
            let mut o = Organisation::new(
                OrganisationId::new(id).unwrap(),
                OrganisationKind::DirectorateGeneral,
                name,
            );
            o.acronym = acronym;
            o.parents = parents
                .into_iter()
                .map(|p| {
                    let mut link = ParentLink::new(OrganisationId::new(p).unwrap());
                    link.period = period;
                    link
                })
                .collect();
            if iati {
                o.identifiers
                    .push(OrganisationIdentifier::iati("XM-DAC-47066").unwrap());
            }
            o
        })
}

fn appointment() -> impl Strategy<Value = Appointment> {
    (
        id_text(),
        id_text(),
        id_text(),
        option::of(period()),
        any::<bool>(),
    )
        .prop_map(|(id, official, post, tenure, acting)| {
            let mut a = Appointment::new(
                AppointmentId::new(id).unwrap(),
                OfficialId::new(official).unwrap(),
                PostId::new(post).unwrap(),
            );
            a.tenure = tenure;
            a.acting = acting;
            a
        })
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        id_text(),
        id_text(),
        date(),
        option::of(1_u32..20),
        vec((id_text(), id_text(), option::of(id_text())), 0..4),
        vec(text(), 0..3),
    )
        .prop_map(|(id, framework, date, ordinal, people, topics)| {
            let mut m = Meeting::builder(
                MeetingId::new(id).unwrap(),
                FrameworkId::new(framework).unwrap(),
                date,
            )
            .mode(MeetingMode::Hybrid)
            .build();
            m.ordinal = ordinal;
            m.topics = topics;
            for (official, represents, post) in people {
                let mut p = Participant::new(
                    OfficialId::new(official).unwrap(),
                    OrganisationId::new(represents).unwrap(),
                );
                p.post = post.map(|p| PostId::new(p).unwrap());
                m.participants.push(p);
            }
            m
        })
}

fn programme() -> impl Strategy<Value = Programme> {
    (
        id_text(),
        text(),
        option::of(money()),
        option::of(date()),
        vec(prop::sample::select(vec!["NE", "SN", "GM"]), 0..3),
    )
        .prop_map(|(id, name, budget, launched, countries)| {
            let mut b = Programme::builder(ProgrammeId::new(id).unwrap(), name)
                .funder(Funder::Fund(FundId::new("eutf").unwrap()));
            if let Some(m) = budget {
                b = b.budget(Budget::Exact(m));
            }
            if let Some(d) = launched {
                b = b.launched(d);
            }
            for c in countries {
                b = b.country(c.parse().unwrap());
            }
            b.build()
        })
}

fn figure() -> impl Strategy<Value = Figure> {
    (
        id_text(),
        any::<i64>(),
        0_u8..4,
        option::of(period()),
        option::of(date()),
        option::of(money()),
    )
        .prop_map(|(id, n, comparator, period, as_of, money)| {
            let (quantity, unit) = match (money, comparator) {
                (Some(m), _) => (Quantity::about(m), Unit::Money),
                (None, 0) => (Quantity::exactly(Decimal::from(n)), Unit::People),
                (None, 1) => (Quantity::more_than(Decimal::from(n)), Unit::Countries),
                (None, 2) => (
                    Quantity::between(Decimal::from(n.min(0)), Decimal::from(n.max(0))).unwrap(),
                    Unit::Projects,
                ),
                (None, _) => (
                    Quantity::at_most(Decimal::new(n, 3)),
                    Unit::Other("tonnes".to_owned()),
                ),
            };
            let mut b = Figure::builder(FigureId::new(id).unwrap(), quantity, unit)
                .counts("counted things");
            if let Some(p) = period {
                b = b.period(p);
            }
            if let Some(d) = as_of {
                b = b.as_of(d);
            }
            b.build().unwrap()
        })
}

pub(crate) fn dataset() -> impl Strategy<Value = Dataset> {
    (
        vec(organisation(), 0..5),
        vec(appointment(), 0..4),
        vec(meeting(), 0..3),
        vec(programme(), 0..3),
        vec(figure(), 0..5),
        vec((id_text(), text()), 0..3),
    )
        .prop_map(
            |(organisations, appointments, meetings, programmes, figures, sources)| {
                // Read through JSON so that repeated identifiers are kept, as a reader keeps them.
                let mut value = serde_json::json!({"format": "partnerships/1"});
                value["organisations"] = serde_json::to_value(organisations).unwrap();
                value["appointments"] = serde_json::to_value(appointments).unwrap();
                value["meetings"] = serde_json::to_value(meetings).unwrap();
                value["programmes"] = serde_json::to_value(programmes).unwrap();
                value["figures"] = serde_json::to_value(figures).unwrap();
                let sources: Vec<Source> = sources
                    .into_iter()
                    .map(|(id, title)| Source::new(SourceId::new(id).unwrap(), title))
                    .collect();
                value["sources"] = serde_json::to_value(sources).unwrap();
                serde_json::from_value(value).unwrap()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_write_then_read_gives_the_same_dataset(data in dataset()) {
        let text = to_json(&data);
        let back = from_json(&text).unwrap();
        prop_assert_eq!(&back, &data);
        prop_assert_eq!(to_json(&back), text);
        prop_assert_eq!(back.validate(), data.validate());
    }

    #[test]
    fn binary_write_then_read_gives_the_same_dataset(data in dataset()) {
        let bytes = postcard::to_allocvec(&data).unwrap();
        let back: Dataset = postcard::from_bytes(&bytes).unwrap();
        prop_assert_eq!(back, data);
    }

    #[test]
    fn a_dataset_graph_joins_only_its_own_nodes_and_draws_every_one(data in dataset()) {
        use partnerships::analysis::graph::of_dataset;
        use partnerships::formats::graph::{to_dot, to_mermaid};
        let graph = of_dataset(&data, None);
        let ids: std::collections::HashSet<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
        prop_assert_eq!(ids.len(), graph.nodes.len());
        for edge in &graph.edges {
            prop_assert!(ids.contains(edge.from.as_str()) && ids.contains(edge.to.as_str()));
        }
        let mermaid = to_mermaid(&graph);
        prop_assert_eq!(mermaid.lines().count(), 1 + graph.nodes.len() + graph.edges.len());
        let dot = to_dot(&graph);
        prop_assert_eq!(dot.matches(" -> ").count(), graph.edges.len());
        // Every label is one quoted DOT string: its quotes are all escaped.
        for line in dot.lines().filter(|l| l.contains("label=")) {
            let unescaped = line.replace("\\\\", "").replace("\\\"", "");
            prop_assert_eq!(unescaped.matches('"').count() % 2, 0, "{}", line);
        }
    }

    #[test]
    fn repeated_identifiers_are_always_reported(data in dataset()) {
        let report = data.validate();
        let mut seen = std::collections::HashSet::new();
        let repeats = data.organisations().iter().filter(|o| !seen.insert(o.id.clone())).count();
        let reported = report.problems().iter().filter(|p| p.rule == Rule::DuplicateId && p.path.starts_with("organisations")).count();
        prop_assert_eq!(reported, repeats);
    }
}
