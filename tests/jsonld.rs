//! schema.org JSON-LD: every type and property the export uses exists in schema.org and is used
//! on a type in its domain, checked against the vocabulary's own tables (vendored by
//! `scripts/schema-org-terms.py`), and the seed case says what it should.

use std::collections::{HashMap, HashSet};

use partnerships::data;
use partnerships::formats::jsonld::to_jsonld;
use serde_json::Value;

use crate::data as path;

struct Vocabulary {
    classes: HashMap<String, Vec<String>>,
    properties: HashMap<String, Vec<String>>,
    members: HashMap<String, Vec<String>>,
}

impl Vocabulary {
    fn load() -> Vocabulary {
        let text = std::fs::read_to_string(path("schema.org/terms.json")).unwrap();
        let terms: Value = serde_json::from_str(&text).unwrap();
        let table = |key: &str| -> HashMap<String, Vec<String>> {
            serde_json::from_value(terms[key].clone()).unwrap()
        };
        Vocabulary {
            classes: table("classes"),
            properties: table("properties"),
            members: table("members"),
        }
    }

    /// The class and every class it is a kind of.
    fn lineage(&self, class: &str) -> HashSet<String> {
        let mut seen = HashSet::new();
        let mut todo = vec![class.to_owned()];
        while let Some(c) = todo.pop() {
            if seen.insert(c.clone()) {
                todo.extend(self.classes.get(&c).cloned().unwrap_or_default());
            }
        }
        seen
    }

    /// Every misuse in `node`, found under the property `under` of its parent.
    fn check(&self, node: &Value, under: Option<&str>, at: &str, problems: &mut Vec<String>) {
        match node {
            Value::Array(items) => {
                for (n, item) in items.iter().enumerate() {
                    self.check(item, under, &format!("{at}[{n}]"), problems);
                }
            }
            Value::Object(object) => {
                if let Some(Value::String(iri)) = object.get("@id") {
                    if let Some(term) = iri.strip_prefix("https://schema.org/") {
                        if !self.members.contains_key(term) && !self.classes.contains_key(term) {
                            problems.push(format!("{at}: {term} is not in schema.org"));
                        }
                    }
                }
                let class = object.get("@type").and_then(Value::as_str);
                if let Some(class) = class {
                    if !self.classes.contains_key(class) {
                        problems.push(format!("{at}: type {class} is not in schema.org"));
                    }
                }
                let lineage = class.map(|c| self.lineage(c)).unwrap_or_default();
                for (key, value) in object {
                    if key.starts_with('@') {
                        continue;
                    }
                    let at = format!("{at}.{key}");
                    match self.properties.get(key) {
                        None => problems.push(format!("{at}: {key} is not a schema.org property")),
                        Some(domains) => {
                            // schema.org's Role pattern: a Role stands in for the value of the
                            // property it sits under, and repeats that property inside.
                            let role_pattern =
                                lineage.contains("Role") && under == Some(key.as_str());
                            if class.is_some()
                                && !role_pattern
                                && !domains.iter().any(|d| lineage.contains(d))
                            {
                                problems.push(format!(
                                    "{at}: {key} is not for {}",
                                    class.unwrap_or_default()
                                ));
                            }
                        }
                    }
                    self.check(value, Some(key), &at, problems);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn every_type_and_property_is_schema_org_s_and_used_in_its_domain() {
    let vocabulary = Vocabulary::load();
    let doc = to_jsonld(&data::eu_iom_2020());
    assert_eq!(doc["@context"]["@vocab"], "https://schema.org/");
    let mut problems = Vec::new();
    vocabulary.check(&doc["@graph"], None, "@graph", &mut problems);
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn the_checker_sees_a_property_off_its_domain_and_an_unknown_term() {
    let vocabulary = Vocabulary::load();
    let wrong = serde_json::json!([
        {"@type": "Person", "parentOrganization": {"@id": "x"}},
        {"@type": "Organisation"},
        {"@type": "Event", "attendeeCount": 3},
    ]);
    let mut problems = Vec::new();
    vocabulary.check(&wrong, None, "g", &mut problems);
    assert_eq!(
        problems,
        [
            "g[0].parentOrganization: parentOrganization is not for Person",
            "g[1]: type Organisation is not in schema.org",
            "g[2].attendeeCount: attendeeCount is not a schema.org property",
        ]
    );
}

fn node<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn the_seed_says_who_hosted_for_whom_the_mode_the_acting_post_and_the_bound() {
    let doc = to_jsonld(&data::eu_iom_2020());
    let meeting = doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"] == "Event")
        .unwrap();
    assert_eq!(
        meeting["organizer"]["@id"],
        "urn:partnerships:organisation:eu"
    );
    let host = meeting["attendee"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["roleName"] == "host")
        .unwrap();
    assert_eq!(
        host["attendee"]["@id"],
        "urn:partnerships:official:stefano-sannino"
    );
    assert_eq!(host["description"], "host, on behalf of European Union");
    assert_eq!(
        meeting["eventAttendanceMode"]["@id"],
        "https://schema.org/OnlineEventAttendanceMode"
    );
    let popowski = node(&doc, "urn:partnerships:official:maciej-popowski");
    let role = &popowski["memberOf"][0];
    assert_eq!(role["@type"], "OrganizationRole");
    assert_eq!(role["roleName"], "Acting Director-General");
    assert_eq!(
        role["memberOf"]["@id"],
        "urn:partnerships:organisation:dg-near"
    );
    let returns = node(&doc, "urn:partnerships:figure:ji-returns");
    assert_eq!(returns["minValue"], 84_000);
    assert!(
        returns.get("value").is_none(),
        "a lower bound is not a value"
    );
    assert_eq!(
        returns["observationAbout"][0]["@id"],
        "urn:partnerships:programme:eu-iom-joint-initiative"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

    #[test]
    fn any_dataset_uses_only_schema_org_terms_in_their_domains(data in crate::formats_props::dataset()) {
        let vocabulary = Vocabulary::load();
        let mut problems = Vec::new();
        vocabulary.check(&to_jsonld(&data)["@graph"], None, "@graph", &mut problems);
        proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
    }
}
