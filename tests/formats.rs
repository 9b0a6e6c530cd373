//! Outputs: the briefing of the embedded dataset is a golden file.

use partnerships::{data, formats::briefing};

#[test]
fn the_briefing_of_the_embedded_dataset_matches_its_golden_file() {
    let golden = include_str!("golden/briefing-eu-iom-2020.txt");
    assert_eq!(briefing(&data::eu_iom_2020()), golden);
}

#[test]
fn an_empty_dataset_briefs_as_valid() {
    assert_eq!(
        briefing(&partnerships::Dataset::new()),
        "Validation\n  no problems\n"
    );
}

use partnerships::formats::{from_json, to_json};
use partnerships::ErrorKind;

#[test]
fn export_gives_the_embedded_json_byte_for_byte() {
    assert_eq!(to_json(&data::eu_iom_2020()), data::EU_IOM_2020_JSON);
    assert_eq!(
        from_json(data::EU_IOM_2020_JSON).unwrap(),
        data::eu_iom_2020()
    );
}

#[test]
fn reading_is_strict_and_says_where() {
    let cases = [
        (
            "{\"format\": \"partnerships/1\",\n \"organisations\": [{\"id\": \"iom\", \"kind\": \"other\", \"name\": \"IOM\", \"colour\": \"blue\"}]}",
            "organisations[0].colour: unknown field `colour`, expected one of `id`, `kind`, `name`, `acronym`, `other_names`, `identifiers`, `parents`, `succeeded_by`, `sources` (line 2, column 73)",
        ),
        (
            "{\"format\": \"partnerships/1\", \"meetings\": [{\"id\": \"m\", \"framework\": \"f\", \"date\": 2020}]}",
            "meetings[0].date: found the number 2020 where an ISO 8601 date such as \"2012-07\" is expected: write it as a string, in quotes (line 1, column 84)",
        ),
        (
            "{\"format\": \"partnerships/1\", \"programmes\": [{\"id\": \"p\", \"name\": \"P\", \"budget\": {\"exact\": {\"amount\": \"1.00\", \"currency\": \"eur\"}}}]}",
            "programmes[0].budget.exact.currency: unknown currency code \"eur\" (codes are upper case: did you mean \"EUR\"?) (line 1, column 125)",
        ),
        (
            "{\"format\": \"partnerships/1\", \"programmes\": [{\"id\": \"p\", \"name\": \"P\", \"budget\": {\"exact\": {\"amount\": 1.5, \"currency\": \"EUR\"}}}]}",
            "programmes[0].budget.exact.amount: found the number 1.5 where a decimal string such as \"1880000000.00\" is expected: write it as a string, in quotes (line 1, column 103)",
        ),
        (
            "{\"format\": \"partnerships/1\", \"sources\": [{\"id\": \"s\", \"title\": \"T\", \"published\": \"13 October 2020\"}]}",
            "sources[0].published: invalid date \"13 October 2020\": expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD (line 1, column 97)",
        ),
        ("{\"format\": \"partnerships/1\",\n  \"sources\": [", "invalid JSON at line 2, column 14: EOF while parsing a list"),
        ("", "invalid JSON at line 1, column 0: EOF while parsing a value"),
    ];
    for (text, message) in cases {
        let err = from_json(text).unwrap_err();
        assert_eq!(err.to_string(), message, "{text}");
        assert_eq!(err.kind(), ErrorKind::Parse);
    }
}

#[test]
fn other_formats_and_newer_versions_are_refused_with_a_reason() {
    let cases = [
        (r#"{"format": "partnerships/2", "novelty": true}"#, "the file is in format partnerships/2, newer than this library reads (partnerships/1): use a newer version of the library"),
        (r#"{"format": "popolo"}"#, r#"the file is in format "popolo", which this library does not read: expected "partnerships/1""#),
        (r#"{"organisations": []}"#, r#"the file has no "format" field: a dataset starts with "format": "partnerships/1""#),
        (r#"{"format": 1}"#, r#"the "format" field must be a string such as "partnerships/1", not 1"#),
        ("[1, 2]", r#"a dataset is a JSON object, {"format": "partnerships/1", ...}, not another JSON value"#),
    ];
    for (text, message) in cases {
        let err = from_json(text).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn duplicates_and_dangling_references_are_read_and_reported() {
    let text = r#"{"format": "partnerships/1",
        "organisations": [{"id": "a", "kind": "other", "name": "A"}, {"id": "a", "kind": "other", "name": "B"}],
        "posts": [{"id": "p", "organisation": "missing", "title": "T"}]}"#;
    let data = from_json(text).unwrap();
    assert_eq!(data.len(), 3);
    let rules: Vec<&str> = data
        .validate()
        .problems()
        .iter()
        .map(|p| p.rule.code())
        .collect();
    assert_eq!(rules, ["duplicate-id", "dangling-reference"]);
    // Writing keeps both records, so nothing read is lost.
    assert_eq!(from_json(&to_json(&data)).unwrap(), data);
}

#[test]
fn a_dataset_round_trips_through_a_compact_binary_format() {
    let data = data::eu_iom_2020();
    let bytes = postcard::to_allocvec(&data).unwrap();
    assert!(bytes.len() < data::EU_IOM_2020_JSON.len() / 2);
    let back: partnerships::Dataset = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back, data);
}

#[test]
fn a_dataset_round_trips_through_toml() {
    let data = data::eu_iom_2020();
    let text = toml::to_string(&data).unwrap();
    assert!(text.starts_with("format = \"partnerships/1\""));
    let back: partnerships::Dataset = toml::from_str(&text).unwrap();
    assert_eq!(back, data);
}

#[test]
fn each_rule_has_an_invalid_file_with_the_exact_report_it_gives() {
    let dir = crate::data("invalid");
    let mut rules_seen = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let code = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let data = from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("report")).unwrap();
        assert_eq!(data.validate().to_string(), expected, "{code}");
        assert!(
            expected.contains(&format!("[{code}]")),
            "{code}.json does not break {code}"
        );
        rules_seen.push(code);
    }
    rules_seen.sort();
    let mut all: Vec<String> = partnerships::validate::Rule::all()
        .iter()
        .map(|r| r.code().to_owned())
        .collect();
    all.sort();
    assert_eq!(rules_seen, all);
}

#[test]
fn the_graph_of_the_embedded_dataset_matches_its_golden_files() {
    use partnerships::analysis::graph::of_dataset;
    use partnerships::formats::graph::{to_dot, to_mermaid};

    let day = chrono::NaiveDate::from_ymd_opt(2020, 10, 13);
    let graph = of_dataset(&data::eu_iom_2020(), day);
    assert_eq!(
        to_dot(&graph),
        include_str!("golden/graph-eu-iom-2020-10-13.dot")
    );
    assert_eq!(
        to_mermaid(&graph),
        include_str!("golden/graph-eu-iom-2020-10-13.mmd")
    );
    // The host on behalf of the EU, and the acting Director-General of DG NEAR, are drawn.
    assert!(graph
        .edges
        .iter()
        .any(|e| e.from == "official:stefano-sannino" && e.label == "host, on behalf of EU"));
    assert!(graph
        .edges
        .iter()
        .any(|e| e.label == "Acting Director-General, DG NEAR"));
}
