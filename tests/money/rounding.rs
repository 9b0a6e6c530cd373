use partnerships::money::{RoundTo, RoundingMode};
use partnerships::ErrorKind;

use super::m;

#[test]
fn each_mode_rounds_as_documented() {
    use RoundingMode::*;
    // value, then HalfEven, HalfUp, HalfDown, TowardZero, AwayFromZero, Floor, Ceiling at 2 places
    let table = [
        (
            "EUR 2.345",
            ["2.34", "2.35", "2.34", "2.34", "2.35", "2.34", "2.35"],
        ),
        (
            "EUR 2.355",
            ["2.36", "2.36", "2.35", "2.35", "2.36", "2.35", "2.36"],
        ),
        (
            "EUR -2.345",
            [
                "-2.34", "-2.35", "-2.34", "-2.34", "-2.35", "-2.35", "-2.34",
            ],
        ),
        (
            "EUR 2.3451",
            ["2.35", "2.35", "2.35", "2.34", "2.35", "2.34", "2.35"],
        ),
        (
            "EUR 2.3449",
            ["2.34", "2.34", "2.34", "2.34", "2.35", "2.34", "2.35"],
        ),
        (
            "EUR 2.34",
            ["2.34", "2.34", "2.34", "2.34", "2.34", "2.34", "2.34"],
        ),
    ];
    let modes = [
        HalfEven,
        HalfUp,
        HalfDown,
        TowardZero,
        AwayFromZero,
        Floor,
        Ceiling,
    ];
    for (value, expected) in table {
        for (mode, want) in modes.iter().zip(expected) {
            let got = m(value).round(*mode, RoundTo::MinorUnits).unwrap();
            assert_eq!(got.to_string(), format!("EUR {want}"), "{value} {mode:?}");
        }
    }
}

#[test]
fn minor_units_follow_the_currency() {
    let half_even = RoundingMode::HalfEven;
    assert_eq!(
        m("JPY 1234.5")
            .round(half_even, RoundTo::MinorUnits)
            .unwrap()
            .to_string(),
        "JPY 1234"
    );
    assert_eq!(
        m("JPY 1235.5")
            .round(half_even, RoundTo::MinorUnits)
            .unwrap()
            .to_string(),
        "JPY 1236"
    );
    assert_eq!(
        m("BHD 1.23456")
            .round(half_even, RoundTo::MinorUnits)
            .unwrap()
            .to_string(),
        "BHD 1.235"
    );
    assert_eq!(
        m("CLF 1.234567")
            .round(half_even, RoundTo::MinorUnits)
            .unwrap()
            .to_string(),
        "CLF 1.2346"
    );
    assert_eq!(
        m("EUR 5")
            .round(half_even, RoundTo::MinorUnits)
            .unwrap()
            .to_string(),
        "EUR 5.00"
    );
}

#[test]
fn significant_figures_round_whole_digits_too() {
    let up = RoundingMode::HalfUp;
    assert_eq!(
        m("EUR 1880000000.00")
            .round(up, RoundTo::SignificantFigures(2))
            .unwrap()
            .amount()
            .normalize()
            .to_string(),
        "1900000000"
    );
    assert_eq!(
        m("EUR 0.0012345")
            .round(up, RoundTo::SignificantFigures(3))
            .unwrap()
            .to_string(),
        "EUR 0.00123"
    );
    assert_eq!(
        m("EUR 0")
            .round(up, RoundTo::SignificantFigures(3))
            .unwrap()
            .to_string(),
        "EUR 0"
    );
}

#[test]
fn invalid_targets_are_errors_with_their_reason() {
    let err = m("XAU 1.5")
        .round(RoundingMode::HalfEven, RoundTo::MinorUnits)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MinorUnits);
    assert_eq!(err.to_string(), "XAU has no minor units");
    let err = m("EUR 1")
        .round(RoundingMode::HalfEven, RoundTo::Scale(29))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        err.to_string(),
        "cannot round to 29 decimal places: a decimal holds at most 28"
    );
    let err = m("EUR 1")
        .round(RoundingMode::HalfEven, RoundTo::SignificantFigures(0))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot round to 0 significant figures: expected 1 to 28"
    );
}

#[test]
fn rounding_gold_to_a_scale_works_without_minor_units() {
    assert_eq!(
        m("XAU 1.23456")
            .round(RoundingMode::HalfEven, RoundTo::Scale(3))
            .unwrap()
            .to_string(),
        "XAU 1.235"
    );
}
