mod allocation;
mod arithmetic;
mod bag;
mod currency;
mod props;
mod rates;
mod rounding;
mod wire;

use partnerships::Money;

/// Parses a money literal of a test.
pub(crate) fn m(text: &str) -> Money {
    text.parse().unwrap()
}

/// The texts of several amounts.
pub(crate) fn texts(amounts: &[Money]) -> Vec<String> {
    amounts.iter().map(ToString::to_string).collect()
}

pub(crate) fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
