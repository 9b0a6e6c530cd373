//! The IATI reader on any bytes, with small limits so that the limits are hit too: no panic,
//! every record and the report reachable, and an error ends the file for good. Every activity
//! read is written and read again: the writer does not panic, its output is well formed, and
//! identifier, titles, transactions (type, amount, value date) and results survive. (Exact
//! equality of whole activities is tested on schema-valid files, where nothing the schema does
//! not know is in the input.) Every activity is also flattened into rows, which add up to each
//! transaction's and budget's value, and the file's activities are linked with each other and
//! with a copy of themselves under another publisher: every link joins two activities read, and the
//! de-duplicated total and what was counted twice make the naive total.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::analysis::convention::{Convention, Rates, Valuer};
use partnerships::analysis::flat::Flattener;
use partnerships::analysis::links::{Direction, Linker};
use partnerships::Currency;
use partnerships::formats::iati::{Activity, IatiReader, Limits, Record, write_activities};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_depth: 16, max_text_bytes: 512, max_record_bytes: 4096, ..Limits::default() };
    let Ok(reader) = IatiReader::with_limits(data, limits) else { return };
    let mut reader = reader.with_codelist_checks(true);
    let mut activities = Vec::new();
    loop {
        match reader.next_record() {
            Ok(Some(record)) => {
                let _ = format!("{record:?}");
                if let Record::Activity(activity) = record {
                    round_trip(&activity);
                    flatten(&activity);
                    activities.push(*activity);
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
    link(&activities);
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

fn link(activities: &[Activity]) {
    let mut linker = Linker::new();
    for activity in activities {
        linker.add(activity);
        // The same activity published by another organisation that names the first.
        let mut other = activity.clone();
        other.identifier.insert_str(0, "XX-COPY-");
        if let Some(reporter) = other.reporting_org.as_mut() {
            reporter.org.reference = Some("XX-COPY".to_owned());
        }
        linker.add(&other);
    }
    let rates = Rates::default();
    let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).expect("euros have minor units");
    let links = linker.link(&mut valuer);
    let identifiers: std::collections::HashSet<String> = activities
        .iter()
        .flat_map(|a| [a.identifier.trim().to_owned(), format!("XX-COPY-{}", a.identifier).trim().to_owned()])
        .collect();
    for link in &links.links {
        assert!(identifiers.contains(&link.funder_activity) && identifiers.contains(&link.implementer_activity));
        assert!(link.score <= 100);
    }
    let _ = serde_json::to_string(&links).expect("links serialise");
    for link in &links.links {
        let funding = linker.funding(&links, &link.funder, &link.implementer, &mut valuer);
        let totals = &funding.totals;
        if let Ok(sum) = totals.deduplicated.checked_add(totals.counted_twice) {
            assert_eq!(sum.amount(), totals.naive.amount(), "de-duplicated and counted twice make the naive total");
        }
        let _ = linker.trace(&links, &link.funder, Direction::Downstream, 4);
    }
}
