use partnerships::{figure::*, id::*, money::*};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn id(s: &str) -> FigureId {
    FigureId::new(s).unwrap()
}

#[test]
fn figures_read_the_way_a_careful_writer_writes() {
    let cases = [
        (
            Quantity::more_than(Decimal::from(84_000)),
            Unit::People,
            "migrants returned",
            "more than 84,000 migrants returned",
        ),
        (
            Quantity::exactly(Decimal::from(97_000)),
            Unit::People,
            "",
            "97,000 people",
        ),
        (
            Quantity::exactly(Decimal::from(34)),
            Unit::Countries,
            "",
            "34 countries",
        ),
        (
            Quantity::at_least(Decimal::from(2_500_000)),
            Unit::People,
            "people",
            "at least 2.5 million people",
        ),
        (
            Quantity::at_most(Decimal::new(15, 1)),
            Unit::Other("tonnes".to_owned()),
            "",
            "at most 1.5 tonnes",
        ),
        (
            Quantity::less_than(Decimal::from(10)),
            Unit::Projects,
            "",
            "less than 10 projects",
        ),
        (
            Quantity::between(Decimal::from(10), Decimal::from(20)).unwrap(),
            Unit::Projects,
            "",
            "between 10 and 20 projects",
        ),
    ];
    for (quantity, unit, counts, text) in cases {
        let f = Figure::builder(id("f"), quantity, unit)
            .counts(counts)
            .build()
            .unwrap();
        assert_eq!(f.to_string(), text);
    }
    let m: Money = "EUR 1880000000.00".parse().unwrap();
    let f = Figure::builder(id("v"), Quantity::about(m), Unit::Money)
        .build()
        .unwrap();
    assert_eq!(f.to_string(), "about EUR 1.88 billion");
}

#[test]
fn bounds_follow_the_comparator() {
    let n = |v: i64| FigureValue::Number(Decimal::from(v));
    let q = Quantity::more_than(Decimal::from(84_000));
    assert_eq!(
        q.lower_bound(),
        Some(Bound {
            value: n(84_000),
            inclusive: false
        })
    );
    assert_eq!(q.upper_bound(), None);
    let q = Quantity::between(Decimal::from(1), Decimal::from(2)).unwrap();
    assert_eq!(
        q.lower_bound(),
        Some(Bound {
            value: n(1),
            inclusive: true
        })
    );
    assert_eq!(
        q.upper_bound(),
        Some(Bound {
            value: n(2),
            inclusive: true
        })
    );
    let q = Quantity::about(Decimal::from(5));
    assert_eq!((q.lower_bound(), q.upper_bound()), (None, None));
    let q = Quantity::exactly(Decimal::from(5));
    assert_eq!(q.lower_bound(), q.upper_bound());
}

#[test]
fn unit_and_value_must_agree() {
    let err = Figure::builder(id("f"), Quantity::exactly(Decimal::ONE), Unit::Money)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "figure f: a value of 1 cannot be counted in money"
    );
    let m: Money = "EUR 1.00".parse().unwrap();
    assert!(Figure::builder(id("f"), Quantity::exactly(m), Unit::People)
        .build()
        .is_err());
    assert!(Quantity::new(Comparator::Between, Decimal::ONE).is_err());
    let json = r#"{"id":"f","quantity":{"comparator":"exactly","value":{"number":"1"},"upper":{"number":"2"}},"unit":"people"}"#; // fields left out take their defaults
    assert!(serde_json::from_str::<Figure>(json).is_err());
}

#[test]
fn a_figure_round_trips_through_json() {
    let f = Figure::builder(
        id("ji-returns"),
        Quantity::more_than(Decimal::from(84_000)),
        Unit::People,
    )
    .counts("migrants")
    .period("2016-12/..".parse().unwrap())
    .as_of("2020-10-13".parse().unwrap())
    .about(Subject::Programme(ProgrammeId::new("ji").unwrap()))
    .source(SourceId::new("seed").unwrap())
    .build()
    .unwrap();
    let json = serde_json::to_string(&f).unwrap();
    assert_eq!(
        json,
        r#"{"id":"ji-returns","quantity":{"comparator":"more-than","value":{"number":"84000"},"upper":null},"unit":"people","counts":"migrants","period":"2016-12/..","as_of":"2020-10-13","derivation":"stated","subjects":[{"programme":"ji"}],"sources":["seed"]}"#
    );
    assert_eq!(serde_json::from_str::<Figure>(&json).unwrap(), f);
}

#[test]
fn division_is_exact_only_when_everything_is() {
    let count = Figure::builder(id("n"), Quantity::exactly(Decimal::from(4)), Unit::Projects)
        .build()
        .unwrap();
    let total = Figure::builder(
        id("t"),
        Quantity::exactly("EUR 10.00".parse::<Money>().unwrap()),
        Unit::Money,
    )
    .build()
    .unwrap();
    let avg = total.per(&count, id("a"), "per project").unwrap();
    assert_eq!(
        avg.quantity(),
        &Quantity::exactly("EUR 2.50".parse::<Money>().unwrap())
    );
    let three = Figure::builder(
        id("n3"),
        Quantity::exactly(Decimal::from(3)),
        Unit::Projects,
    )
    .build()
    .unwrap();
    let avg = total.per(&three, id("a"), "per project").unwrap();
    assert_eq!(
        avg.quantity(),
        &Quantity::about("EUR 3.33".parse::<Money>().unwrap())
    );
    let zero = Figure::builder(id("z"), Quantity::exactly(Decimal::ZERO), Unit::Projects)
        .build()
        .unwrap();
    assert_eq!(
        total.per(&zero, id("a"), "").unwrap_err().to_string(),
        "figure t cannot divide by figure z: a count must be a positive number"
    );
}

fn comparator() -> impl Strategy<Value = Comparator> {
    proptest::sample::select(vec![
        Comparator::Exactly,
        Comparator::MoreThan,
        Comparator::AtLeast,
        Comparator::About,
        Comparator::AtMost,
        Comparator::LessThan,
    ])
}

proptest! {
    #[test]
    fn a_derived_figure_is_never_falsely_exact(a in 0_i64..1_000_000_000, b in 1_i64..100_000, ca in comparator(), cb in comparator()) {
        let total = Figure::builder(id("t"), Quantity::new(ca, Decimal::from(a)).unwrap(), Unit::People).build().unwrap();
        let count = Figure::builder(id("n"), Quantity::new(cb, Decimal::from(b)).unwrap(), Unit::Projects).build().unwrap();
        let derived = total.per(&count, id("d"), "per project").unwrap();
        let exact_inputs = ca == Comparator::Exactly && cb == Comparator::Exactly;
        if derived.quantity().is_exact() {
            prop_assert!(exact_inputs);
            let FigureValue::Number(v) = *derived.quantity().value() else { panic!("a number") };
            prop_assert_eq!(v * Decimal::from(b), Decimal::from(a));
        } else {
            prop_assert_eq!(derived.quantity().comparator(), Comparator::About);
        }
        prop_assert!(!derived.derivation().is_stated());
    }
}

#[test]
fn a_rank_reads_as_words_not_as_a_number() {
    let rank = |q: Quantity| {
        Figure::builder(id("rank"), q, Unit::Rank)
            .counts("contributors to IOM's budget")
            .build()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        rank(Quantity::exactly(Decimal::ONE)),
        "the largest contributors to IOM's budget"
    );
    assert_eq!(
        rank(Quantity::exactly(Decimal::TWO)),
        "the second-largest contributors to IOM's budget"
    );
    assert_eq!(
        rank(Quantity::exactly(Decimal::new(30, 1))),
        "the third-largest contributors to IOM's budget"
    );
    assert_eq!(
        rank(Quantity::exactly(Decimal::from(7))),
        "the 7th-largest contributors to IOM's budget"
    );
    assert_eq!(
        rank(Quantity::at_most(Decimal::from(5))),
        "among the 5 largest contributors to IOM's budget"
    );
    assert_eq!(Unit::from("rank"), Unit::Rank);
    assert_eq!(Unit::Rank.to_string(), "rank");
}

#[test]
fn the_largest_contributors_are_the_eu_and_its_member_states_not_iom() {
    let seed = partnerships::data::eu_iom_2020();
    let figure = seed.figure(&id("eu-contributor-rank")).unwrap();
    assert_eq!(
        figure.to_string(),
        "the largest contributors to IOM's budget"
    );
    let subjects: Vec<String> = figure.subjects().iter().map(ToString::to_string).collect();
    assert_eq!(
        subjects,
        ["organisation eu", "organisation eu-member-states"]
    );
    let briefing = partnerships::formats::briefing(&seed);
    assert!(briefing.contains(
        "European Union and Member States of the European Union, together: the largest contributors to IOM's budget"
    ));
    assert!(!briefing.contains("rank"));
}
