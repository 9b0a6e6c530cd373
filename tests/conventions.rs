//! Values in one currency under the field's conventions, with the IMF tables the crate ships.

mod annual;
mod country_development_finance;
#[cfg(feature = "iati")]
mod iati_cloud;
mod props;
mod series;

use chrono::NaiveDate;
use partnerships::analysis::convention::{Convention, Rates, Valued, Valuer};
use partnerships::{Currency, Money};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

/// `amount` valued in `target` under `convention` with the shipped rates, at `date`.
fn value(convention: Convention, target: Currency, amount: &str, date: &str) -> Valued {
    let rates = Rates::shipped();
    let mut valuer = Valuer::new(&rates, convention, target).unwrap();
    valuer.value(money(amount), Some(day(date)), None).unwrap()
}
