//! The rate-table CSV loader on any bytes: no panic, and a table that reads writes back to an
//! equal table.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::{Currency, RateTable};

fuzz_target!(|data: &[u8]| {
    let Ok(table) = RateTable::from_csv_reader(data, "fuzz.csv", Some(Currency::USD)) else { return };
    let mut out = Vec::new();
    table.write_csv(&mut out).expect("writing to memory");
    let back = RateTable::from_csv_reader(out.as_slice(), "written.csv", Some(Currency::USD)).expect("written tables read back");
    assert_eq!(back, table);
});
