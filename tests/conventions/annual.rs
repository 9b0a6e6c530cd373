//! The annual-average convention: the IMF's annual rates per US dollar, the value date's year.

use partnerships::analysis::convention::{Convention, Rates, Reason, Valuer};
use partnerships::Currency;

use super::{day, money, value};

#[test]
fn a_value_takes_its_years_average_through_the_dollar() {
    // 2020's euro-area average: 0.875506396987998 euros per dollar.
    let usd = value(
        Convention::AnnualAverage,
        Currency::USD,
        "EUR 1000.00",
        "2020-03-02",
    );
    assert_eq!(usd.conversion.converted, money("USD 1142.20"));
    let eur = value(
        Convention::AnnualAverage,
        Currency::EUR,
        "USD 1000.00",
        "2020-12-31",
    );
    assert_eq!(eur.conversion.converted, money("EUR 875.51"));
    let rate = eur.conversion.rate.unwrap();
    assert_eq!(rate.date(), day("2020-01-01"));
    assert_eq!(rate.route().len(), 0, "one published rate, not derived");
    // Two currencies other than the dollar: two published rates, each of the year.
    let gbp = value(
        Convention::AnnualAverage,
        Currency::GBP,
        "EUR 1000.00",
        "2020-07-01",
    );
    let route = gbp.conversion.rate.unwrap().route().to_vec();
    assert_eq!(route.len(), 2);
    assert!(route.iter().all(|step| step.date == day("2020-01-01")));
}

#[test]
fn a_year_without_a_rate_is_reported_not_turned_into_zero() {
    let rates = Rates::shipped();
    let mut valuer = Valuer::new(&rates, Convention::AnnualAverage, Currency::USD).unwrap();
    let refused = valuer
        .value(money("EUR 1000.00"), Some(day("1930-06-30")), None)
        .unwrap_err();
    assert_eq!(refused.reason(), Reason::NoRate);
    assert!(
        refused.to_string().contains("no EUR/USD rate for 1930"),
        "{refused}"
    );
}
