//! The committed JSON Schema: current with the types, and it accepts what the library writes and
//! refuses what the library refuses.

use partnerships::data;

fn committed() -> serde_json::Value {
    serde_json::from_str(include_str!("../schema/partnerships-1.schema.json")).unwrap()
}

#[cfg(feature = "schema")]
#[test]
fn the_committed_schema_is_the_one_the_types_generate() {
    let generated =
        serde_json::to_string_pretty(&partnerships::formats::json_schema()).unwrap() + "\n";
    assert_eq!(
        generated,
        include_str!("../schema/partnerships-1.schema.json"),
        "regenerate it: cargo run -p partnerships-cli -- schema > schema/partnerships-1.schema.json"
    );
}

#[test]
fn the_embedded_dataset_is_valid_against_the_schema() {
    let validator = jsonschema::validator_for(&committed()).unwrap();
    let instance: serde_json::Value = serde_json::from_str(data::EU_IOM_2020_JSON).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_schema_refuses_what_the_reader_refuses() {
    let validator = jsonschema::validator_for(&committed()).unwrap();
    let invalid = [
        r#"{"format": "partnerships/1", "programmes": [{"id": "p", "name": "P", "budget": {"exact": {"amount": "1.00", "currency": "EURO"}}}]}"#,
        r#"{"format": "partnerships/1", "programmes": [{"id": "p", "name": "P", "budget": {"exact": {"amount": 1.5, "currency": "EUR"}}}]}"#,
        r#"{"format": "partnerships/1", "sources": [{"id": "s", "title": "T", "published": "2020-13"}]}"#,
        r#"{"format": "partnerships/1", "sources": [{"id": "s", "title": "T", "colour": "blue"}]}"#,
        r#"{"format": "partnerships/1", "organisations": [{"id": "DG ECHO", "kind": "other", "name": "x"}]}"#,
        r#"{"format": "partnerships/1", "programmes": [{"id": "p", "name": "P", "countries": ["XX"]}]}"#,
    ];
    for text in invalid {
        let instance: serde_json::Value = serde_json::from_str(text).unwrap();
        assert!(!validator.is_valid(&instance), "{text}");
        assert!(partnerships::formats::from_json(text).is_err(), "{text}");
    }
}
