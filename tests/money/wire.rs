//! Serde forms: amounts are strings, currencies codes, and reading goes through validation.

use partnerships::money::{ExchangeRate, RateKind};
use partnerships::{Currency, Money, MoneyBag, PartialDate};

use super::{day, m};

#[test]
fn money_is_an_object_with_a_string_amount() {
    let json = serde_json::to_string(&m("EUR 1880000000.00")).unwrap();
    assert_eq!(json, r#"{"amount":"1880000000.00","currency":"EUR"}"#);
    let back: Money = serde_json::from_str(&json).unwrap();
    assert_eq!(back.to_string(), "EUR 1880000000.00");
}

#[test]
fn a_number_for_an_amount_is_refused_with_advice() {
    let err = serde_json::from_str::<Money>(r#"{"amount":1.5,"currency":"EUR"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "found the number 1.5 where a decimal string such as \"1880000000.00\" is expected: write it as a string, in quotes at line 1 column 13"
    );
    let err = serde_json::from_str::<Money>(r#"{"amount":15,"currency":"EUR"}"#).unwrap_err();
    assert!(err.to_string().starts_with("found the number 15 where"));
}

#[test]
fn money_json_is_strict() {
    for (json, message) in [
        (r#"{"amount":"1.00","currency":"eur"}"#, "unknown currency code \"eur\" (codes are upper case: did you mean \"EUR\"?) at line 1 column 33"),
        (r#"{"amount":"1.00"}"#, "missing field `currency` at line 1 column 17"),
        (r#"{"amount":"1.00","currency":"EUR","note":"x"}"#, "unknown field `note`, expected `amount` or `currency` at line 1 column 40"),
        (r#"{"amount":"1e400","currency":"EUR"}"#, "invalid amount \"1e400\": expected digits with an optional leading '-' and decimal point, as in \"-1234.50\" at line 1 column 17"),
        (r#"{"amount":"1234567890123456789012345678901234567890","currency":"EUR"}"#, "invalid amount \"1234567890123456789012345678901234567890\": a decimal holds at most 28 decimal places and magnitudes below 7.9e28 at line 1 column 52"),
    ] {
        let err = serde_json::from_str::<Money>(json).unwrap_err();
        assert_eq!(err.to_string(), message, "{json}");
    }
}

#[test]
fn currency_and_dates_are_strings() {
    assert_eq!(serde_json::to_string(&Currency::EUR).unwrap(), r#""EUR""#);
    assert_eq!(
        serde_json::from_str::<Currency>(r#""JPY""#).unwrap(),
        Currency::JPY
    );
    assert!(serde_json::from_str::<Currency>("978").is_err());
    let july: PartialDate = serde_json::from_str(r#""2012-07""#).unwrap();
    assert_eq!(serde_json::to_string(&july).unwrap(), r#""2012-07""#);
}

#[test]
fn rates_and_bags_round_trip_with_decimal_strings() {
    let rate = ExchangeRate::new(
        Currency::USD,
        Currency::EUR,
        "0.8498".parse().unwrap(),
        day(2020, 10, 1),
        RateKind::MonthlyAverage,
        "FRED",
    )
    .unwrap();
    let json = serde_json::to_string(&rate).unwrap();
    assert_eq!(
        json,
        r#"{"base":"USD","quote":"EUR","rate":"0.8498","date":"2020-10-01","kind":"monthly-average","source":"FRED","route":[]}"#
    );
    assert_eq!(serde_json::from_str::<ExchangeRate>(&json).unwrap(), rate);
    let inverted = rate.invert().unwrap();
    let json = serde_json::to_string(&inverted).unwrap();
    assert!(json.contains(r#""route":[{"base":"USD","quote":"EUR","rate":"0.8498""#));
    assert_eq!(
        serde_json::from_str::<ExchangeRate>(&json).unwrap(),
        inverted
    );
    let bad = r#"{"base":"USD","quote":"EUR","rate":"-1","date":"2020-10-01","kind":"spot","source":"x"}"#;
    assert!(serde_json::from_str::<ExchangeRate>(bad)
        .unwrap_err()
        .to_string()
        .starts_with("invalid exchange rate USD/EUR on 2020-10-01: the rate must be positive"));

    let mut bag = MoneyBag::new();
    bag.add(m("USD 3.00")).unwrap();
    bag.add(m("EUR 5.00")).unwrap();
    let json = serde_json::to_string(&bag).unwrap();
    assert_eq!(json, r#"{"EUR":"5.00","USD":"3.00"}"#);
    assert_eq!(serde_json::from_str::<MoneyBag>(&json).unwrap(), bag);
    let twice = serde_json::from_str::<MoneyBag>(r#"{"EUR":"5.00","EUR":"1.00"}"#).unwrap_err();
    assert_eq!(
        twice.to_string(),
        "currency EUR appears twice in a money bag at line 1 column 27"
    );
}
