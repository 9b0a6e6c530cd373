//! The shipped tables against the files they were generated from, and the loaders.

use partnerships::data::{IMF_SDR_MONTHLY, IMF_USD_ANNUAL};
use partnerships::money::{Frequency, Quotation, RateSeries};
use partnerships::Currency;

#[cfg(feature = "csv")]
use crate::data;

/// Every value of every currency of `series`, in order.
fn all_points(series: &RateSeries) -> Vec<(Currency, String, String)> {
    series
        .currencies()
        .flat_map(|c| {
            series
                .points(c)
                .map(move |(period, value)| (c, period.to_string(), value.to_string()))
        })
        .collect()
}

#[test]
fn the_shipped_tables_say_what_they_hold() {
    assert_eq!(IMF_SDR_MONTHLY.reference(), Currency::XDR);
    assert_eq!(IMF_SDR_MONTHLY.quotation(), Quotation::ReferencePerUnit);
    assert_eq!(IMF_SDR_MONTHLY.frequency(), Frequency::Monthly);
    assert_eq!(
        (IMF_SDR_MONTHLY.currencies().count(), IMF_SDR_MONTHLY.len()),
        (65, 17_519)
    );
    assert!(IMF_SDR_MONTHLY.left_out().is_empty());
    assert_eq!(IMF_USD_ANNUAL.reference(), Currency::USD);
    assert_eq!(IMF_USD_ANNUAL.quotation(), Quotation::UnitsPerReference);
    assert_eq!(IMF_USD_ANNUAL.frequency(), Frequency::Annual);
    assert!(IMF_USD_ANNUAL.currencies().count() > 160);
    // The dollar is the reference: no row coded USD (Haiti's gourdes among them) is a value.
    assert!(IMF_USD_ANNUAL.currencies().all(|c| c != Currency::USD));
}

#[cfg(feature = "csv")]
#[test]
fn the_shipped_sdr_table_is_the_file_it_came_from() {
    let file = std::fs::File::open(data("fx/imf-xdr-monthly-iaticloud.csv")).unwrap();
    let read = partnerships::formats::rates::read_sdr_monthly(file, "iaticloud.csv").unwrap();
    assert_eq!(all_points(&read), all_points(&IMF_SDR_MONTHLY));
}

#[cfg(feature = "csv")]
#[test]
fn the_shipped_annual_table_is_the_file_it_came_from_one_country_per_currency() {
    let file = std::fs::File::open(data("fx/imf_exchangerates_A_ENDA_USD.csv")).unwrap();
    let read = partnerships::formats::rates::read_per_usd(file, "ENDA.csv").unwrap();
    assert_eq!(all_points(&read), all_points(&IMF_USD_ANNUAL));
    assert_eq!(read.left_out(), IMF_USD_ANNUAL.left_out());
    // The euro is the euro area's (0.8755064 in 2020), not Kosovo's (0.8775).
    let year = |y| {
        partnerships::money::RatePeriod::containing(Frequency::Annual, crate::conventions::day(y))
    };
    assert_eq!(
        IMF_USD_ANNUAL
            .value(Currency::EUR, year("2020-06-30"))
            .map(|v| v.normalize().to_string()),
        Some("0.875506396987998".to_owned())
    );
}

#[cfg(feature = "csv")]
#[test]
fn a_feed_per_us_dollar_is_read_as_a_monthly_series_and_extends_the_rates() {
    use partnerships::analysis::convention::Rates;
    use partnerships::formats::rates::{read_any, RateFile};

    let file = std::fs::File::open(data("fx/imf-monthly-per-usd-from-xdr.csv")).unwrap();
    let RateFile::Series(series) = read_any(file, "per-usd.csv").unwrap() else {
        panic!("a series")
    };
    assert_eq!(
        (series.reference(), series.frequency(), series.len()),
        (Currency::USD, Frequency::Monthly, 17_143)
    );
    let rates = Rates::shipped().with_series(series).unwrap();
    assert_eq!(rates.usd_monthly().map(RateSeries::len), Some(17_143));
    // A newer SDR month extends the shipped table, which keeps the rest.
    let newer = "year,month,currency,xdr_per_unit\n2025,5,EUR,0.8\n";
    let RateFile::Series(newer) = read_any(newer.as_bytes(), "newer.csv").unwrap() else {
        panic!("a series")
    };
    let rates = rates.with_series(newer).unwrap();
    assert_eq!(rates.sdr_monthly().len(), 17_520);
    assert_eq!(IMF_SDR_MONTHLY.len(), 17_519);
}

#[cfg(feature = "csv")]
#[test]
fn rate_files_with_wrong_values_name_their_line() {
    use partnerships::formats::rates::{read_per_usd, read_sdr_monthly};

    let bad_month = "year,month,currency,xdr_per_unit\n2020,5,EUR,0.8\n2020,13,EUR,0.8\n";
    let err = read_sdr_monthly(bad_month.as_bytes(), "sdr.csv").unwrap_err();
    assert!(err.to_string().starts_with("sdr.csv line 3:"), "{err}");
    let negative = "year,month,currency,xdr_per_unit\n2020,5,EUR,-0.8\n";
    assert!(read_sdr_monthly(negative.as_bytes(), "sdr.csv").is_err());
    let mixed =
        "Date,Rate,Currency,Frequency,Source\n2020-01-31,0.9,EUR,M,IMF\n2020-12-31,0.9,EUR,A,IMF\n";
    let err = read_per_usd(mixed.as_bytes(), "mixed.csv").unwrap_err();
    assert!(err.to_string().starts_with("mixed.csv line 3:"), "{err}");
    let shared = "Date,Rate,Currency,Frequency,Source,Country code,Country\n\
                  2020-12-31,1.45,AUD,A,IMF,KI,Kiribati\n2020-12-31,1.45,AUD,A,IMF,NR,Nauru\n";
    assert!(read_per_usd(shared.as_bytes(), "shared.csv").is_err());
}
