//! The dataset reader, validator, writer and briefing on any bytes: no panic, and whatever reads
//! writes back to the same dataset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::formats::{briefing, from_json, to_json};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(dataset) = from_json(text) else { return };
    let report = dataset.validate();
    let _ = report.to_string();
    let written = to_json(&dataset);
    let back = from_json(&written).expect("written datasets read back");
    assert_eq!(back, dataset);
    assert_eq!(to_json(&back), written);
    let _ = briefing(&dataset);
});
