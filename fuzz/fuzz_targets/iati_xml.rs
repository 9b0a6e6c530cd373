//! The IATI reader on any bytes, with small limits so that the limits are hit too: no panic,
//! every record and the report reachable, and an error ends the file for good.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::formats::iati::{IatiReader, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_depth: 16, max_text_bytes: 512, max_record_bytes: 4096, ..Limits::default() };
    let Ok(reader) = IatiReader::with_limits(data, limits) else { return };
    let mut reader = reader.with_codelist_checks(true);
    loop {
        match reader.next_record() {
            Ok(Some(record)) => {
                let _ = format!("{record:?}");
            }
            Ok(None) => break,
            Err(error) => {
                let _ = error.to_string();
                assert!(reader.next_record().map(|r| r.is_none()).unwrap_or(false));
                break;
            }
        }
    }
    let report = reader.into_report();
    let _ = report.to_string();
    for diagnostic in &report.diagnostics {
        assert!(diagnostic.line >= 1 && diagnostic.column >= 1, "{diagnostic}");
    }
});
