//! The rate-table CSV loader on any bytes: no panic, and a table that reads writes back to an
//! equal table.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::money::RateTable;
use partnerships::Currency;

fuzz_target!(|data: &[u8]| {
    let Ok(table) = partnerships::formats::rates::from_csv(data, "fuzz.csv", Some(Currency::USD)) else { return };
    let mut out = Vec::new();
    partnerships::formats::rates::write_csv(&table, &mut out).expect("writing to memory");
    let back = partnerships::formats::rates::from_csv(out.as_slice(), "written.csv", Some(Currency::USD)).expect("written tables read back");
    assert_eq!(back, table);
});
