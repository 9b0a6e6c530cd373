//! Hostile input: each file under `tests/hostile/` gives the error written beside it, cut files
//! fail cleanly at every length, and nothing panics.

use std::path::Path;

use partnerships::data;
use partnerships::formats::{from_json, from_json_reader};

fn hostile_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

#[test]
fn each_hostile_file_gives_its_error() {
    let mut checked = 0;
    for entry in std::fs::read_dir(hostile_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let expected = std::fs::read_to_string(path.with_extension("error")).unwrap();
        let started = std::time::Instant::now();
        let err = from_json_reader(std::fs::File::open(&path).unwrap()).unwrap_err();
        assert_eq!(format!("{err}\n"), expected, "{}", path.display());
        assert!(
            started.elapsed().as_secs() < 10,
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
        checked += 1;
    }
    assert!(checked >= 8);
}

#[test]
fn a_dataset_cut_at_any_byte_fails_cleanly() {
    let text = data::EU_IOM_2020_JSON;
    for end in (0..text.len()).filter(|&end| text.is_char_boundary(end)) {
        let cut = &text[..end];
        // A cut that still ends in a whole document (only whitespace was removed) reads.
        if cut.trim_end() == text.trim_end() {
            continue;
        }
        assert!(from_json(cut).is_err(), "a cut at byte {end} read");
    }
}

#[cfg(feature = "csv")]
#[test]
fn a_rate_table_cut_at_any_byte_reads_what_is_whole_or_fails_cleanly() {
    let text = "base,quote,rate,date,kind,source\nUSD,EUR,0.8498,2020-10-01,monthly-average,\"FRED, Euro\"\nUSD,JPY,105.2095,2020-10-01,monthly-average,FRED\n";
    for end in 0..text.len() {
        // A cut row may still be a valid row (a shorter rate, a shorter source): either way, no panic.
        let _ = partnerships::formats::rates::from_csv(
            &text.as_bytes()[..end],
            "cut.csv",
            Some(partnerships::Currency::USD),
        );
    }
    let table = partnerships::formats::rates::from_csv(text.as_bytes(), "whole.csv", None).unwrap();
    assert_eq!(table.len(), 2);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let with_bom = format!("\u{feff}{}", data::EU_IOM_2020_JSON);
    assert_eq!(from_json(&with_bom).unwrap(), data::eu_iom_2020());
}
