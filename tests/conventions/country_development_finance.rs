//! The Country Development Finance convention (`iatiflattener`): the stamp closest to the value
//! date, ties to the earlier, the table's ends beyond it.

use partnerships::analysis::convention::{Convention, Fallback, Rates, Reason, Valuer};
use partnerships::Currency;

use super::{day, money, value};

const CDF: Convention = Convention::CountryDevelopmentFinance;

#[test]
fn the_closest_month_end_is_taken_and_a_tie_goes_to_the_earlier() {
    // 15 April 2020 is 15 days from both 31 March and 30 April: March's rate.
    let tie = value(CDF, Currency::USD, "EUR 1000.00", "2020-04-15");
    assert_eq!(tie.stamp, Some(day("2020-03-31")));
    assert_eq!(tie.conversion.converted, money("USD 1106.11"));
    let after = value(CDF, Currency::USD, "EUR 1000.00", "2020-04-16");
    assert_eq!(after.stamp, Some(day("2020-04-30")));
    assert_eq!(after.conversion.converted, money("USD 1086.30"));
    assert_eq!((tie.fallback, after.fallback), (None, None));
}

#[test]
fn dates_beyond_the_table_take_its_first_or_last_rate_and_say_so() {
    let late = value(CDF, Currency::USD, "EUR 1000.00", "2026-01-01");
    assert_eq!(late.stamp, Some(day("2025-04-30")));
    assert_eq!(late.conversion.converted, money("USD 1105.00"));
    assert_eq!(
        late.fallback,
        Some(Fallback::AfterSeries {
            last: day("2025-04-30")
        })
    );
    let early = value(CDF, Currency::USD, "EUR 1000.00", "1990-01-01");
    assert_eq!(early.stamp, Some(day("1998-10-31")));
    assert_eq!(early.conversion.converted, money("USD 1182.12"));
    assert_eq!(
        early.fallback,
        Some(Fallback::BeforeSeries {
            first: day("1998-10-31")
        })
    );
}

#[test]
fn a_value_without_a_value_date_or_a_currency_outside_the_table_is_not_converted() {
    let rates = Rates::shipped();
    let mut valuer = Valuer::new(&rates, CDF, Currency::USD).unwrap();
    let undated = valuer.value(money("EUR 5.00"), None, Some(day("2020-01-01")));
    assert_eq!(undated.unwrap_err().reason(), Reason::NoValueDate);
    let afghani = valuer.value(money("AFN 5.00"), Some(day("2020-01-01")), None);
    assert_eq!(afghani.unwrap_err().reason(), Reason::NoRate);
}

#[cfg(feature = "csv")]
#[test]
fn a_loaded_feed_per_dollar_is_used_as_written() {
    use partnerships::formats::rates::read_per_usd;

    let file = std::fs::File::open(crate::data("fx/imf-monthly-per-usd-from-xdr.csv")).unwrap();
    let feed = read_per_usd(file, "per-usd.csv").unwrap();
    let rates = Rates::shipped().with_series(feed).unwrap();
    let mut valuer = Valuer::new(&rates, CDF, Currency::USD).unwrap();
    // 0.9171320902532515 euros per dollar, stamped 31 May 2020.
    let usd = valuer
        .value(money("EUR 32720.00"), Some(day("2020-05-31")), None)
        .unwrap();
    assert_eq!(usd.conversion.converted, money("USD 35676.43"));
    assert_eq!(usd.stamp, Some(day("2020-05-31")));
    let rate = usd.conversion.rate.unwrap();
    assert!(rate.route()[0].source.contains("per-usd.csv"));
    let mut to_eur = Valuer::new(&rates, CDF, Currency::EUR).unwrap();
    let eur = to_eur
        .value(money("USD 1000.00"), Some(day("2020-05-31")), None)
        .unwrap();
    assert_eq!(eur.conversion.converted, money("EUR 917.13"));
}

#[test]
fn a_value_in_dollars_reports_the_targets_stamp_and_fallback() {
    let eur = value(CDF, Currency::EUR, "USD 1000.00", "2020-04-16");
    assert_eq!(eur.stamp, Some(day("2020-04-30")));
    let late = value(CDF, Currency::EUR, "USD 1000.00", "2026-01-01");
    assert_eq!(
        (late.stamp, late.fallback),
        (
            Some(day("2025-04-30")),
            Some(Fallback::AfterSeries {
                last: day("2025-04-30")
            })
        )
    );
}
