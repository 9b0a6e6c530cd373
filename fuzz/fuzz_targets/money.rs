//! Money and currency parsing, and arithmetic on whatever parses: no panic, and text round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::money::{RoundTo, RoundingMode};
use partnerships::{Currency, Money};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Currency::from_code(text);
    let mut parts = text.splitn(2, '|');
    let (Some(a), b) = (parts.next(), parts.next()) else { return };
    let Ok(x) = a.parse::<Money>() else { return };
    let back: Money = x.to_string().parse().expect("Display output parses");
    assert_eq!(back, x);
    assert_eq!(back.to_string(), x.to_string());
    for mode in [RoundingMode::HalfEven, RoundingMode::HalfUp, RoundingMode::Floor, RoundingMode::Ceiling] {
        for to in [RoundTo::MinorUnits, RoundTo::Scale(0), RoundTo::Scale(28), RoundTo::SignificantFigures(3)] {
            let _ = x.round(mode, to);
        }
    }
    let _ = x.to_minor_units();
    let _ = x.split(7);
    let _ = x.allocate(&[3, 0, u64::MAX / 2]);
    let _ = x.human(3).to_string();
    let _ = x.grouped().to_string();
    if let Some(Ok(y)) = b.map(str::parse::<Money>) {
        let _ = x.checked_add(y);
        let _ = x.checked_sub(y);
        let _ = x.checked_cmp(&y);
        let _ = x.checked_mul(y.amount());
        let _ = x.checked_mul_rounded(y.amount(), RoundingMode::HalfEven, RoundTo::MinorUnits);
        let _ = x.checked_mul_rounded(y.amount(), RoundingMode::HalfUp, RoundTo::SignificantFigures(5));
    }
});
