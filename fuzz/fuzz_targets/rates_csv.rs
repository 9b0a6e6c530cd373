//! The rate-file readers on any bytes: no panic; a table that reads writes back to an equal
//! table; a series that reads converts between any two of its currencies without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::Currency;

fuzz_target!(|data: &[u8]| {
    if let Ok(partnerships::formats::rates::RateFile::Series(series)) =
        partnerships::formats::rates::read_any(data, "fuzz.csv")
    {
        let currencies: Vec<Currency> = series.currencies().collect();
        for (from, to) in currencies.iter().zip(currencies.iter().rev()) {
            for (period, _) in series.points(*from) {
                if let Some(rate) = series.rate(*from, *to, period) {
                    let _ = series.exchange_rate(&rate);
                }
                if let Some(day) = period.last_day() {
                    let _ = series.nearest_rate(*from, *to, day);
                }
            }
        }
    }
    let Ok(table) = partnerships::formats::rates::from_csv(data, "fuzz.csv", Some(Currency::USD)) else { return };
    let mut out = Vec::new();
    partnerships::formats::rates::write_csv(&table, &mut out).expect("writing to memory");
    let back = partnerships::formats::rates::from_csv(out.as_slice(), "written.csv", Some(Currency::USD)).expect("written tables read back");
    assert_eq!(back, table);
});
