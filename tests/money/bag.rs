use partnerships::money::{
    DatePolicy, ExchangeRate, RateKind, RateTable, RoundTo, Rounding, RoundingMode,
};
use partnerships::{Currency, Error, ErrorKind, Money, MoneyBag};
use rust_decimal::Decimal;

use super::{day, m};

fn table() -> RateTable {
    let mut table = RateTable::with_pivot(Currency::USD);
    for (quote, r) in [
        (Currency::EUR, "0.8498"),
        (Currency::GBP, "0.7704"),
        (Currency::JPY, "105.2095"),
    ] {
        let rate = ExchangeRate::new(
            Currency::USD,
            quote,
            r.parse().unwrap(),
            day(2020, 10, 1),
            RateKind::MonthlyAverage,
            "FRED",
        )
        .unwrap();
        table.insert(rate).unwrap();
    }
    table
}

#[test]
fn a_bag_keeps_currencies_apart_in_code_order() {
    let bag: MoneyBag = [m("USD 3.00"), m("EUR 5.00"), m("EUR 1.50"), m("GBP 0.01")]
        .into_iter()
        .collect::<Result<_, Error>>()
        .unwrap();
    assert_eq!(bag.to_string(), "EUR 6.50 + GBP 0.01 + USD 3.00");
    assert_eq!(bag.len(), 3);
    assert_eq!(bag.get(Currency::EUR), Some(m("EUR 6.50")));
    assert_eq!(bag.get(Currency::JPY), None);
    assert_eq!(MoneyBag::new().to_string(), "0");
}

#[test]
fn an_overflowing_add_leaves_the_bag_unchanged() {
    let mut bag = MoneyBag::new();
    bag.add(Money::new(Decimal::MAX, Currency::EUR)).unwrap();
    let err = bag.add(m("EUR 1")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Overflow);
    assert_eq!(bag.get(Currency::EUR).unwrap().amount(), Decimal::MAX);
}

#[test]
fn a_valuation_lists_every_conversion_and_reproduces_its_total() {
    let bag: MoneyBag = [
        m("EUR 100.00"),
        m("USD 10.00"),
        m("GBP 10.00"),
        m("JPY 1000"),
    ]
    .into_iter()
    .collect::<Result<_, Error>>()
    .unwrap();
    let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    let v = bag
        .value_in(
            Currency::EUR,
            &table(),
            day(2020, 10, 13),
            DatePolicy::LatestOnOrBefore { max_age_days: 31 },
            cents,
        )
        .unwrap();
    let lines: Vec<String> = v
        .conversions
        .iter()
        .map(|c| {
            format!(
                "{} -> {} via {}",
                c.original,
                c.converted,
                c.rate
                    .as_ref()
                    .map_or("-".to_owned(), |r| r.route().len().to_string())
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "EUR 100.00 -> EUR 100.00 via -",
            "GBP 10.00 -> EUR 11.03 via 2",
            "JPY 1000 -> EUR 8.08 via 2",
            "USD 10.00 -> EUR 8.50 via 0"
        ]
    );
    assert_eq!(v.total.to_string(), "EUR 127.61");
    let sum = Money::try_sum(Currency::EUR, v.conversions.iter().map(|c| c.converted)).unwrap();
    assert_eq!(sum, v.total);
    assert_eq!(v.date, day(2020, 10, 13));
}

#[test]
fn a_missing_rate_names_the_pair_and_date() {
    let bag: MoneyBag = [m("CHF 1.00")]
        .into_iter()
        .collect::<Result<_, Error>>()
        .unwrap();
    let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    let err = bag
        .value_in(
            Currency::EUR,
            &table(),
            day(2020, 10, 13),
            DatePolicy::Exact,
            cents,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no CHF/EUR rate on 2020-10-13 (directly, inverted or through USD)"
    );
}
