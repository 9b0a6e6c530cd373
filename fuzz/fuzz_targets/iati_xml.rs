//! The IATI reader on any bytes, with small limits so that the limits are hit too: no panic,
//! every record and the report reachable, and an error ends the file for good. Every activity
//! read is written and read again: the writer does not panic, its output is well formed, and
//! identifier, titles, transactions (type, amount, value date) and results survive. (Exact
//! equality of whole activities is tested on schema-valid files, where nothing the schema does
//! not know is in the input.) Every activity is also flattened into rows, which add up to each
//! transaction's and budget's value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::analysis::convention::Rates;
use partnerships::analysis::flat::Flattener;
use partnerships::formats::iati::{Activity, IatiReader, Limits, Record, write_activities};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_depth: 16, max_text_bytes: 512, max_record_bytes: 4096, ..Limits::default() };
    let Ok(reader) = IatiReader::with_limits(data, limits) else { return };
    let mut reader = reader.with_codelist_checks(true);
    loop {
        match reader.next_record() {
            Ok(Some(record)) => {
                let _ = format!("{record:?}");
                if let Record::Activity(activity) = record {
                    round_trip(&activity);
                    flatten(&activity);
                }
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

fn round_trip(activity: &Activity) {
    let written = write_activities([activity], Vec::new()).expect("writing to memory succeeds");
    let mut reader = IatiReader::new(&written[..]).expect("written files start well");
    let again = reader.next_activity().expect("written files are well formed").expect("one activity");
    assert_eq!(again.identifier, activity.identifier);
    assert_eq!(again.title, activity.title);
    let money = |a: &Activity| -> Vec<_> {
        a.transactions.iter().map(|t| (t.kind.clone(), t.value.as_ref().map(|v| (v.money, v.value_date, v.text.clone())))).collect()
    };
    assert_eq!(money(&again), money(activity));
    assert_eq!(again.results, activity.results);
}

fn flatten(activity: &Activity) {
    let rates = Rates::default();
    let mut flattener = Flattener::new(&rates).expect("dollars and euros have minor units");
    for item in flattener.activity(activity).items {
        let sum: rust_decimal::Decimal = item.rows.iter().map(|r| r.value.amount()).sum();
        assert_eq!(sum, item.value.amount(), "{item:?}");
    }
}
