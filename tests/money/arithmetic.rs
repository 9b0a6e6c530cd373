use std::cmp::Ordering;

use partnerships::{Currency, ErrorKind, Money};
use rust_decimal::Decimal;

use super::m;

#[test]
fn display_keeps_the_scale_written() {
    assert_eq!(m("EUR 1880000000.00").to_string(), "EUR 1880000000.00");
    assert_eq!(m("EUR 5").to_string(), "EUR 5");
    assert_eq!(m("EUR -0.50").to_string(), "EUR -0.50");
    assert_eq!(m("EUR 5.0"), m("EUR 5.00"));
}

#[test]
fn parse_refuses_anything_but_code_space_amount() {
    for (text, message) in [
        (
            "EUR1.00",
            r#"invalid money "EUR1.00": expected a currency code, one space and an amount, as in "EUR 1880000000.00""#,
        ),
        (
            "EUR 1,00",
            r#"invalid amount "1,00": expected digits with an optional leading '-' and decimal point, as in "-1234.50""#,
        ),
        (
            "EUR  1.00",
            r#"invalid amount " 1.00": expected digits with an optional leading '-' and decimal point, as in "-1234.50""#,
        ),
        (
            "EUR 1e5",
            r#"invalid amount "1e5": expected digits with an optional leading '-' and decimal point, as in "-1234.50""#,
        ),
        (
            "EUR +1",
            r#"invalid amount "+1": expected digits with an optional leading '-' and decimal point, as in "-1234.50""#,
        ),
        (
            "EUR .5",
            r#"invalid amount ".5": expected digits with an optional leading '-' and decimal point, as in "-1234.50""#,
        ),
        (
            "EUR 1.",
            r#"invalid amount "1.": expected digits with an optional leading '-' and decimal point, as in "-1234.50""#,
        ),
        (
            "eur 1.00",
            r#"unknown currency code "eur" (codes are upper case: did you mean "EUR"?)"#,
        ),
        (
            "EUR 0.00000000000000000000000000001",
            r#"invalid amount "0.00000000000000000000000000001": a decimal holds at most 28 decimal places and magnitudes below 7.9e28"#,
        ),
        (
            "EUR 100000000000000000000000000000",
            r#"invalid amount "100000000000000000000000000000": a decimal holds at most 28 decimal places and magnitudes below 7.9e28"#,
        ),
    ] {
        let err = text.parse::<Money>().unwrap_err();
        assert_eq!(err.to_string(), message, "{text}");
    }
}

#[test]
fn add_and_sub_stay_in_one_currency() {
    assert_eq!(
        m("EUR 1.10").checked_add(m("EUR 2.205")).unwrap(),
        m("EUR 3.305")
    );
    assert_eq!(
        m("EUR 1.00")
            .checked_sub(m("EUR 2.50"))
            .unwrap()
            .to_string(),
        "EUR -1.50"
    );
    assert_eq!(
        m("EUR 1.00").checked_neg().unwrap().to_string(),
        "EUR -1.00"
    );
}

#[test]
fn mixing_currencies_is_an_error_that_names_both_amounts() {
    let add = m("EUR 1.00").checked_add(m("USD 5.00")).unwrap_err();
    assert_eq!(add.kind(), ErrorKind::CurrencyMismatch);
    assert_eq!(
        add.to_string(),
        "cannot add USD 5.00 to EUR 1.00: the currencies differ"
    );
    let sub = m("EUR 1.00").checked_sub(m("USD 5.00")).unwrap_err();
    assert_eq!(
        sub.to_string(),
        "cannot subtract USD 5.00 from EUR 1.00: the currencies differ"
    );
    let cmp = m("EUR 1.00").checked_cmp(&m("USD 5.00")).unwrap_err();
    assert_eq!(
        cmp.to_string(),
        "cannot compare EUR 1.00 with USD 5.00: the currencies differ"
    );
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let max = Money::new(Decimal::MAX, Currency::EUR);
    let err = max.checked_add(m("EUR 1")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Overflow);
    assert_eq!(
        err.to_string(),
        "overflow: EUR 79228162514264337593543950335 + EUR 1 does not fit in a decimal"
    );
    let min = Money::new(Decimal::MIN, Currency::EUR);
    assert_eq!(
        min.checked_sub(m("EUR 1")).unwrap_err().kind(),
        ErrorKind::Overflow
    );
    assert_eq!(
        max.checked_mul(Decimal::TWO).unwrap_err().kind(),
        ErrorKind::Overflow
    );
}

#[test]
fn multiplication_is_exact_or_says_it_cannot_be() {
    assert_eq!(
        m("EUR 10.00")
            .checked_mul(Decimal::new(15, 1))
            .unwrap()
            .to_string(),
        "EUR 15.000"
    );
    let third = Decimal::ONE / Decimal::from(3);
    let err = m("EUR 10.01").checked_mul(third).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PrecisionLoss);
    assert_eq!(
        err.to_string(),
        "precision loss: EUR 10.01 × 0.3333333333333333333333333333 needs more than 28 decimal places; round explicitly"
    );
    // Trailing zeros beyond 28 places are not a loss.
    let tiny = Decimal::new(10, 28);
    assert_eq!(
        m("EUR 0.5").checked_mul(tiny).unwrap().amount(),
        Decimal::new(5, 28)
    );
}

#[test]
fn rounded_multiplication_rounds_once() {
    use partnerships::money::{RoundTo, RoundingMode};
    // 0.125 × 1.0 at 2 places, half-even: 0.12 (a double rounding through 3 places would agree,
    // but 0.1249999... must not become 0.13).
    let x = m("EUR 0.1249999999999999999999999999");
    let r = x
        .checked_mul_rounded(
            Decimal::new(10, 1),
            RoundingMode::HalfUp,
            RoundTo::MinorUnits,
        )
        .unwrap();
    assert_eq!(r.to_string(), "EUR 0.12");
    let r = m("EUR 10.01")
        .checked_mul_rounded(
            Decimal::ONE / Decimal::from(3),
            RoundingMode::HalfEven,
            RoundTo::SignificantFigures(3),
        )
        .unwrap();
    assert_eq!(r.to_string(), "EUR 3.34");
}

#[test]
fn comparison_orders_amounts_of_one_currency() {
    assert_eq!(
        m("EUR 1.00").checked_cmp(&m("EUR 0.999")).unwrap(),
        Ordering::Greater
    );
    assert_eq!(
        m("EUR 1.0").checked_cmp(&m("EUR 1.00")).unwrap(),
        Ordering::Equal
    );
}

#[test]
fn sums_of_one_currency_start_at_zero() {
    assert_eq!(
        Money::try_sum(Currency::JPY, []).unwrap().to_string(),
        "JPY 0"
    );
    assert_eq!(
        Money::try_sum(Currency::EUR, [m("EUR 1"), m("EUR 2.50")]).unwrap(),
        m("EUR 3.50")
    );
    let err = Money::try_sum(Currency::EUR, [m("EUR 1"), m("USD 2")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot add USD 2 to EUR 1: the currencies differ"
    );
}

#[test]
fn minor_units_convert_both_ways() {
    assert_eq!(m("EUR 1.5").to_minor_units().unwrap(), 150);
    assert_eq!(m("EUR -1.50").to_minor_units().unwrap(), -150);
    assert_eq!(m("EUR 1.500").to_minor_units().unwrap(), 150);
    assert_eq!(m("BHD 1.005").to_minor_units().unwrap(), 1005);
    assert_eq!(m("CLF 1.0001").to_minor_units().unwrap(), 10001);
    assert_eq!(m("JPY 150").to_minor_units().unwrap(), 150);
    assert_eq!(
        m("EUR 1.005").to_minor_units().unwrap_err().to_string(),
        "EUR 1.005 is not a whole number of minor units (EUR has 2)"
    );
    assert_eq!(
        m("XAU 1").to_minor_units().unwrap_err().to_string(),
        "XAU has no minor units"
    );
    assert_eq!(
        Money::from_minor_units(-5, Currency::JPY)
            .unwrap()
            .to_string(),
        "JPY -5"
    );
    assert_eq!(
        Money::from_minor_units(i128::MAX, Currency::EUR)
            .unwrap_err()
            .kind(),
        ErrorKind::Overflow
    );
}

#[test]
fn human_forms_never_replace_the_exact_value() {
    let portfolio = m("EUR 1880000000.00");
    assert_eq!(portfolio.human(3).to_string(), "EUR 1.88 billion");
    assert_eq!(portfolio.grouped().to_string(), "EUR 1,880,000,000.00");
    assert_eq!(portfolio.to_string(), "EUR 1880000000.00");
    assert_eq!(
        m("EUR 1234567890123").human(2).to_string(),
        "EUR 1.2 trillion"
    );
    assert_eq!(m("EUR -2500000").human(3).to_string(), "EUR -2.5 million");
    assert_eq!(m("EUR 999.995").human(28).to_string(), "EUR 999.995");
    assert_eq!(m("EUR 999999").human(3).to_string(), "EUR 1 million");
    assert_eq!(m("EUR 0").human(3).to_string(), "EUR 0");
    assert_eq!(m("EUR 123").grouped().to_string(), "EUR 123");
    assert_eq!(m("EUR 123456").grouped().to_string(), "EUR 123,456");
    assert_eq!(m("EUR -1234.5").grouped().to_string(), "EUR -1,234.5");
}
