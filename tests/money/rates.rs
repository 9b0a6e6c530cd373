use partnerships::money::{
    DatePolicy, ExchangeRate, RateKind, RateTable, RoundTo, Rounding, RoundingMode,
};
use partnerships::{Currency, ErrorKind, Money};
use rust_decimal::Decimal;

use super::{day, m};
use crate::data;

const MONTH: DatePolicy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };

fn rate(base: Currency, quote: Currency, r: &str, date: chrono::NaiveDate) -> ExchangeRate {
    ExchangeRate::new(
        base,
        quote,
        r.parse().unwrap(),
        date,
        RateKind::MonthlyAverage,
        "test",
    )
    .unwrap()
}

fn usd_eur(r: &str, date: chrono::NaiveDate) -> ExchangeRate {
    rate(Currency::USD, Currency::EUR, r, date)
}

fn cents() -> Rounding {
    Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits)
}

/// The published rates of the FRED H.10 file `file` for the named series: each value is units of
/// the currency per US dollar.
fn fred_rates(file: &str, series: &[(&str, Currency)], kind: RateKind) -> Vec<ExchangeRate> {
    let mut reader = csv::Reader::from_path(data(file)).unwrap();
    let mut rates = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let Some((name, quote)) = series.iter().find(|(name, _)| *name == &row[1]) else {
            continue;
        };
        let date: chrono::NaiveDate = row[0].parse().unwrap();
        let value: Decimal = row[2].parse().unwrap();
        let source = format!("Federal Reserve H.10, {name}");
        rates.push(ExchangeRate::new(Currency::USD, *quote, value, date, kind, source).unwrap());
    }
    rates
}

/// Five FRED monthly series as a table that routes through the dollar.
fn fred_table() -> RateTable {
    let series = [
        ("Euro", Currency::EUR),
        ("United Kingdom", Currency::GBP),
        ("Japan", Currency::JPY),
        ("South Korea", Currency::KRW),
        ("Switzerland", Currency::CHF),
    ];
    let mut table = RateTable::with_pivot(Currency::USD);
    for rate in fred_rates("fx/fred-monthly.csv", &series, RateKind::MonthlyAverage) {
        table.insert(rate).unwrap();
    }
    table
}

#[test]
fn fred_converts_a_million_dollars_to_euros_on_the_meeting_day() {
    let table = fred_table();
    let usd_eur = table
        .rate(Currency::USD, Currency::EUR, day(2020, 10, 13), MONTH)
        .unwrap();
    assert_eq!(usd_eur.rate(), Decimal::new(8498, 4));
    assert_eq!(usd_eur.date(), day(2020, 10, 1));
    assert_eq!(usd_eur.source(), "Federal Reserve H.10, Euro");
    let euros = usd_eur.convert(&m("USD 1000000.00")).unwrap();
    assert_eq!(euros.to_string(), "EUR 849800.000000");
    let rounded = usd_eur
        .convert_rounded(&m("USD 1000000.00"), cents())
        .unwrap();
    assert_eq!(rounded.to_string(), "EUR 849800.00");
}

#[test]
fn fred_cross_rates_route_through_the_dollar() {
    let table = fred_table();
    let gbp_eur = table
        .rate(Currency::GBP, Currency::EUR, day(2020, 10, 13), MONTH)
        .unwrap();
    let route: Vec<_> = gbp_eur
        .route()
        .iter()
        .map(|s| (s.base.code(), s.quote.code(), s.inverted))
        .collect();
    assert_eq!(route, [("USD", "GBP", true), ("USD", "EUR", false)]);
    // 0.8498 / 0.7704 = 1.10306...
    assert!(gbp_eur.rate().to_string().starts_with("1.1030633437175493"));
    let euros = gbp_eur.convert_rounded(&m("GBP 1000.00"), cents()).unwrap();
    assert_eq!(euros.to_string(), "EUR 1103.06");
}

#[cfg(feature = "csv")]
#[test]
fn the_shipped_example_rates_agree_with_the_fred_series() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data/usd-monthly-2015-2026.csv");
    let shipped = partnerships::formats::rates::from_csv(
        std::fs::File::open(path).unwrap(),
        "usd-monthly",
        Some(Currency::USD),
    )
    .unwrap();
    let fred = fred_table();
    for (quote, date) in [
        (Currency::EUR, day(2020, 10, 13)),
        (Currency::JPY, day(2016, 2, 29)),
        (Currency::KRW, day(2026, 6, 30)),
    ] {
        let a = shipped.rate(Currency::USD, quote, date, MONTH).unwrap();
        let b = fred.rate(Currency::USD, quote, date, MONTH).unwrap();
        assert_eq!((a.rate(), a.date()), (b.rate(), b.date()));
    }
}

#[test]
fn date_policies_are_explicit() {
    let mut table = RateTable::new();
    table.insert(usd_eur("0.8498", day(2020, 10, 1))).unwrap();
    table.insert(usd_eur("0.8600", day(2020, 11, 1))).unwrap();
    let exact = table
        .rate(
            Currency::USD,
            Currency::EUR,
            day(2020, 10, 1),
            DatePolicy::Exact,
        )
        .unwrap();
    assert_eq!(exact.rate().to_string(), "0.8498");
    let err = table
        .rate(
            Currency::USD,
            Currency::EUR,
            day(2020, 10, 13),
            DatePolicy::Exact,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateNotFound);
    assert_eq!(
        err.to_string(),
        "no USD/EUR rate on 2020-10-13 (directly or inverted)"
    );
    let latest = table
        .rate(Currency::USD, Currency::EUR, day(2020, 10, 31), MONTH)
        .unwrap();
    assert_eq!(latest.rate().to_string(), "0.8498");
    let stale = table
        .rate(Currency::USD, Currency::EUR, day(2020, 12, 3), MONTH)
        .unwrap_err();
    assert_eq!(
        stale.to_string(),
        "no USD/EUR rate on or before (at most 31 days earlier) 2020-12-03 (directly or inverted)"
    );
    let before = table
        .rate(Currency::USD, Currency::EUR, day(2020, 9, 30), MONTH)
        .unwrap_err();
    assert_eq!(before.kind(), ErrorKind::RateNotFound);
}

#[test]
fn rates_that_cannot_exist_cannot_be_built() {
    let d = day(2020, 10, 13);
    let zero = ExchangeRate::new(
        Currency::USD,
        Currency::EUR,
        Decimal::ZERO,
        d,
        RateKind::Spot,
        "x",
    )
    .unwrap_err();
    assert_eq!(zero.kind(), ErrorKind::InvalidRate);
    assert_eq!(
        zero.to_string(),
        "invalid exchange rate USD/EUR on 2020-10-13: the rate must be positive, not 0"
    );
    let same = ExchangeRate::new(
        Currency::EUR,
        Currency::EUR,
        Decimal::ONE,
        d,
        RateKind::Spot,
        "x",
    )
    .unwrap_err();
    assert_eq!(
        same.to_string(),
        "invalid exchange rate EUR/EUR on 2020-10-13: base and quote are the same currency"
    );
    let negative = ExchangeRate::new(
        Currency::USD,
        Currency::EUR,
        Decimal::NEGATIVE_ONE,
        d,
        RateKind::Spot,
        "x",
    );
    assert!(negative.is_err());
}

#[test]
fn conversion_requires_the_base_currency() {
    let r = usd_eur("0.8498", day(2020, 10, 1));
    let err = r.convert(&m("EUR 1.00")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CurrencyMismatch);
    assert_eq!(
        err.to_string(),
        "cannot convert EUR 1.00 with a USD/EUR rate: the currencies differ"
    );
    assert!(r.convert_rounded(&m("EUR 1.00"), cents()).is_err());
}

#[test]
fn inversion_and_composition_keep_their_route() {
    let usd_eur = usd_eur("0.8", day(2020, 10, 1));
    let eur_usd = usd_eur.invert().unwrap();
    assert_eq!(eur_usd.rate().to_string(), "1.25");
    assert_eq!(eur_usd.route().len(), 1);
    assert!(eur_usd.route()[0].inverted);
    let back = eur_usd.invert().unwrap();
    assert_eq!(back.rate(), usd_eur.rate());
    assert!(!back.route()[0].inverted);

    let usd_gbp = rate(Currency::USD, Currency::GBP, "0.5", day(2020, 9, 1));
    let eur_gbp = eur_usd.compose(&usd_gbp).unwrap();
    assert_eq!(
        (eur_gbp.base(), eur_gbp.quote()),
        (Currency::EUR, Currency::GBP)
    );
    assert_eq!(eur_gbp.rate().to_string(), "0.625");
    assert_eq!(eur_gbp.date(), day(2020, 9, 1));
    assert_eq!(eur_gbp.route().len(), 2);
    let err = usd_eur.compose(&usd_gbp).unwrap_err();
    assert_eq!(err.to_string(), "invalid exchange rate USD/EUR then USD/GBP: the second rate must start where the first ends");
    assert!(usd_eur.compose(&eur_usd).is_err());
}

#[test]
fn a_table_refuses_conflicting_and_derived_rates() {
    let mut table = RateTable::new();
    table.insert(usd_eur("0.8498", day(2020, 10, 1))).unwrap();
    table.insert(usd_eur("0.84980", day(2020, 10, 1))).unwrap();
    let err = table.insert(usd_eur("0.85", day(2020, 10, 1))).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid exchange rate USD/EUR on 2020-10-01: the table already holds 0.8498 for that date"
    );
    let derived = usd_eur("0.8", day(2020, 11, 1)).invert().unwrap();
    assert!(table.insert(derived).is_err());
    assert_eq!(table.len(), 1);
    let same = table
        .rate(Currency::USD, Currency::USD, day(2020, 10, 1), MONTH)
        .unwrap_err();
    assert_eq!(same.kind(), ErrorKind::InvalidRate);
}

#[cfg(feature = "csv")]
#[test]
fn csv_round_trips_and_reports_the_line_of_a_bad_row() {
    let text = "base,quote,rate,date,kind,source\nUSD,EUR,0.8498,2020-10-01,monthly-average,\"FRED, Euro\"\nUSD,JPY,105.2095,2020-10-01,monthly-average,FRED\n";
    let table = partnerships::formats::rates::from_csv(text.as_bytes(), "rates.csv", None).unwrap();
    assert_eq!(table.len(), 2);
    let mut out = Vec::new();
    partnerships::formats::rates::write_csv(&table, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), text);

    let cases = [
        ("base,quote,rate\n", "rates.csv line 1: invalid rate table header \"base,quote,rate\": expected base,quote,rate,date,kind,source"),
        ("base,quote,rate,date,kind,source\nUSD,EUR,0.8498\n", "rates.csv line 2: expected 6 fields, found 3"),
        ("base,quote,rate,date,kind,source\nUSD,EUR,0.8,2020-10-01,spot,x\nUSD,eur,0.8,2020-10-01,spot,x\n", "rates.csv line 3: unknown currency code \"eur\" (codes are upper case: did you mean \"EUR\"?)"),
        ("base,quote,rate,date,kind,source\nUSD,EUR,1e3,2020-10-01,spot,x\n", "rates.csv line 2: invalid amount \"1e3\": expected digits with an optional leading '-' and decimal point, as in \"-1234.50\""),
        ("base,quote,rate,date,kind,source\nUSD,EUR,0.8,2020-10,spot,x\n", "rates.csv line 2: invalid rate date \"2020-10\": expected a day, YYYY-MM-DD"),
        ("base,quote,rate,date,kind,source\nUSD,EUR,0.8,2020-10-01,daily,x\n", "rates.csv line 2: invalid rate kind \"daily\": expected spot, monthly-average, annual-average, fixed-legal or mixed"),
        ("", "rates.csv line 1: invalid rate table header \"\": expected base,quote,rate,date,kind,source"),
    ];
    for (text, message) in cases {
        let err =
            partnerships::formats::rates::from_csv(text.as_bytes(), "rates.csv", None).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    let invalid_utf8: &[u8] =
        b"base,quote,rate,date,kind,source\nUSD,EUR,0.8,2020-10-01,spot,\xff\n";
    let err = partnerships::formats::rates::from_csv(invalid_utf8, "rates.csv", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rates.csv line 2: the line is not valid UTF-8"
    );
}

#[test]
fn the_annual_fred_series_loads_as_annual_averages() {
    let mut table = RateTable::new();
    for rate in fred_rates(
        "fx/fred-annual.csv",
        &[("Euro", Currency::EUR)],
        RateKind::AnnualAverage,
    ) {
        table.insert(rate).unwrap();
    }
    let y2020 = table
        .rate(
            Currency::USD,
            Currency::EUR,
            day(2020, 10, 13),
            DatePolicy::LatestOnOrBefore { max_age_days: 366 },
        )
        .unwrap();
    assert_eq!(y2020.date(), day(2020, 1, 1));
    assert_eq!(y2020.kind(), RateKind::AnnualAverage);
    let money: Money = y2020.convert_rounded(&m("USD 100.00"), cents()).unwrap();
    assert_eq!(money.currency(), Currency::EUR);
}
