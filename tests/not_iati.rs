//! Files that are not what they claim: not XML, not IATI, broken roots, blank and repeated
//! identifiers. Each says what it is, with a stable code, line and column.

use partnerships::formats::iati::read::{repeated_identifiers, FileOutcome};
use partnerships::formats::iati::{DiagnosticKind, IatiReader, ImportReport};

/// Reads every record of `bytes`, and the report with each diagnostic as text.
fn read(bytes: &[u8]) -> (usize, ImportReport, Vec<String>) {
    let mut reader = IatiReader::new(bytes).unwrap();
    let mut records = 0;
    while reader.next_record().unwrap().is_some() {
        records += 1;
    }
    let report = reader.into_report();
    let shown = report.diagnostics.iter().map(ToString::to_string).collect();
    (records, report, shown)
}

fn only(bytes: &[u8], outcome: FileOutcome, diagnostic: &str) {
    let (records, report, shown) = read(bytes);
    assert_eq!(records, 0);
    assert_eq!(report.outcome(), outcome);
    assert_eq!(shown, [diagnostic]);
    assert_eq!(report.error_count(), 1);
}

#[test]
fn text_that_is_not_xml_says_so() {
    only(
        b"This is not XML",
        FileOutcome::NotXml,
        "line 1, column 1, error: not-xml: the file is text, not XML: it has no element",
    );
    // UTF-16, with its byte-order mark, decoded and found to be text.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("hello".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    only(
        &utf16,
        FileOutcome::NotXml,
        "line 1, column 1, error: not-xml: the file is text, not XML: it has no element",
    );
}

#[test]
fn a_file_with_no_root_element_says_so() {
    let message = "error: no-root: the file has no root element: it is empty, or holds only whitespace or comments";
    only(
        b"",
        FileOutcome::NoRoot,
        &format!("line 1, column 1, {message}"),
    );
    only(
        b"\xEF\xBB\xBF  \n <!-- nothing -->",
        FileOutcome::NoRoot,
        &format!("line 2, column 18, {message}"),
    );
}

#[test]
fn a_root_that_is_not_iati_is_named() {
    only(
        b"<tag><level1>Test</level1></tag>",
        FileOutcome::NotIati,
        "line 1, column 1, tag: error: not-iati: the root element is <tag>, not <iati-activities> or <iati-organisations>, and no IATI record is in it",
    );
    only(
        b"<!DOCTYPE html>\n<html><head><title>Not found</title></head><body><p>404</p></body></html>",
        FileOutcome::NotIati,
        "line 2, column 1, html: error: not-iati: the root element is <html>, not <iati-activities> or <iati-organisations>, and no IATI record is in it",
    );
}

#[test]
fn an_iati_root_nested_in_another_is_an_error_and_its_records_are_read() {
    let xml = b"<iati-organisations>\n  <iati-organisations version=\"2.03\"><iati-organisation><organisation-identifier>XM-DAC-47066</organisation-identifier></iati-organisation></iati-organisations>\n</iati-organisations>";
    let (records, report, shown) = read(xml);
    assert_eq!((records, report.organisations), (1, 1));
    assert_eq!(report.outcome(), FileOutcome::Read);
    assert_eq!(
        shown,
        ["line 2, column 3, iati-organisations/iati-organisations: error: nested-root: <iati-organisations> inside <iati-organisations>: a root nested in another; its records are read as the file's"]
    );
}

#[test]
fn blank_repeated_and_padded_identifiers_are_named_with_their_places() {
    let xml = b"<iati-activities version=\"2.03\">
<iati-activity><iati-identifier>XM-1</iati-identifier></iati-activity>
<iati-activity><iati-identifier>  </iati-identifier></iati-activity>
<iati-activity><iati-identifier>
  XM-1 </iati-identifier></iati-activity>
<iati-activity/>
</iati-activities>";
    let (records, report, shown) = read(xml);
    assert_eq!(records, 4);
    assert_eq!(
        shown,
        [
            "line 3, column 1, iati-activity/@iati-identifier: error: blank-identifier: no iati-identifier, or an empty one: the record cannot be told from others",
            "line 4, column 1, activity XM-1, iati-activity/@iati-identifier: warning: identifier-whitespace: spaces or line breaks around \"XM-1\": read and compared trimmed",
            "line 6, column 1, iati-activity/@iati-identifier: error: blank-identifier: no iati-identifier, or an empty one: the record cannot be told from others",
            "line 2, column 1, activity XM-1, iati-identifier: error: repeated-identifier: XM-1 identifies record 1 (line 2), record 3 (line 4)",
        ]
    );
    assert_eq!(
        report.diagnostic_counts[&DiagnosticKind::BlankIdentifier],
        2
    );
    assert_eq!(report.outcome(), FileOutcome::Read);
}

#[test]
fn an_iati_root_without_records_is_empty_not_an_error() {
    let (records, report, shown) = read(b"<iati-activities version=\"2.03\"/>");
    assert_eq!((records, report.outcome()), (0, FileOutcome::Empty));
    assert!(shown.is_empty());
    assert_eq!(FileOutcome::Empty.to_string(), "no activities");
}

#[test]
fn the_real_files_hold_no_blank_or_repeated_identifier_and_share_the_ones_listed() {
    let mut files: Vec<_> = std::fs::read_dir(crate::data("iati/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut seen = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let mut reader = IatiReader::new(bytes.as_slice()).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        while let Some(activity) = reader.next_activity().unwrap() {
            seen.push((name.clone(), activity.identifier));
        }
        let report = reader.into_report();
        assert_eq!(report.outcome(), FileOutcome::Read, "{name}");
        assert_eq!(report.error_count(), 0, "{name}: {:#?}", report.diagnostics);
    }
    let repeated = repeated_identifiers(seen.iter().map(|(f, id)| (f.as_str(), id.as_str())));
    let shown: Vec<String> = repeated
        .iter()
        .map(|(id, files)| format!("{id}: {}", files.join(", ")))
        .collect();
    assert_eq!(
        shown,
        pinned_repeats(),
        "identifiers in more than one real file"
    );
}

/// The identifiers the real files share between them: none (checked by hand with
/// `partnerships iati --json`, `repeated_across_files`: each activity is in one file only).
fn pinned_repeats() -> Vec<String> {
    Vec::new()
}
