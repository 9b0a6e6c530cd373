//! Popolo: the seed dataset's export is valid against every Popolo schema it uses, and reading
//! it back gives the same people, organisations, posts, appointments and meetings.

use std::collections::HashMap;

use partnerships::formats::popolo::{from_popolo, to_popolo};
use partnerships::id::*;
use partnerships::model::*;
use partnerships::{data, Dataset};
use partnerships::{PartialDate, Period};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

use crate::formats_props::{date, text};

use crate::data as path;

/// The Popolo schemas (draft-03), as draft-04 (the draft the validator knows): draft-03's
/// per-property `"required": true` becomes the object's `required` list; nothing else the
/// Popolo schemas use differs.
fn draft4(mut schema: Value) -> Value {
    fn convert(schema: &mut Value) {
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        object.remove("$schema");
        if object.get("required").is_some_and(Value::is_boolean) {
            object.remove("required");
        }
        if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
            let required: Vec<Value> = properties
                .iter()
                .filter(|(_, p)| p.get("required") == Some(&Value::Bool(true)))
                .map(|(k, _)| json!(k))
                .collect();
            for property in properties.values_mut() {
                convert(property);
            }
            if !required.is_empty() {
                object.insert("required".to_owned(), Value::Array(required));
            }
        }
        if let Some(items) = object.get_mut("items") {
            convert(items);
        }
    }
    convert(&mut schema);
    schema["$schema"] = json!("http://json-schema.org/draft-04/schema#");
    schema
}

fn schemas() -> HashMap<String, Value> {
    std::fs::read_dir(path("popolo/schemas"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let schema: Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (name, draft4(schema))
        })
        .collect()
}

/// Resolves `http://www.popoloproject.com/schemas/NAME.json#` to the vendored file, offline.
struct Local(HashMap<String, Value>);

impl jsonschema::Retrieve for Local {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        self.0
            .get(&name)
            .cloned()
            .ok_or_else(|| format!("no Popolo schema {uri}").into())
    }
}

/// A validator for each of Popolo's top-level arrays, built once: the schemas refer to each
/// other, and building takes a while.
fn validators() -> &'static [(&'static str, jsonschema::Validator)] {
    static VALIDATORS: std::sync::OnceLock<Vec<(&'static str, jsonschema::Validator)>> =
        std::sync::OnceLock::new();
    VALIDATORS.get_or_init(|| {
        let schemas = schemas();
        [
            ("persons", "person.json"),
            ("organizations", "organization.json"),
            ("posts", "post.json"),
            ("memberships", "membership.json"),
            ("events", "event.json"),
        ]
        .into_iter()
        .map(|(array, class)| {
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft4)
                .should_validate_formats(true)
                .with_retriever(Local(schemas.clone()))
                .build(&schemas[class])
                .unwrap();
            (array, validator)
        })
        .collect()
    })
}

/// Every error of every item of the document's arrays against its class's schema.
fn popolo_errors(document: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for (array, validator) in validators() {
        for (n, item) in document[*array].as_array().unwrap().iter().enumerate() {
            for error in validator.iter_errors(item) {
                errors.push(format!("{array}[{n}]{}: {error}", error.instance_path()));
            }
        }
    }
    errors
}

#[test]
fn the_seed_export_is_valid_against_every_popolo_schema_it_uses() {
    let popolo = to_popolo(&data::eu_iom_2020());
    assert_eq!(popolo_errors(&popolo), Vec::<String>::new());
    for array in ["persons", "organizations", "posts", "memberships", "events"] {
        assert!(!popolo[array].as_array().unwrap().is_empty(), "{array}");
        for item in popolo[array].as_array().unwrap() {
            assert!(!item["sources"].as_array().unwrap().is_empty(), "{item}");
        }
    }
}

#[test]
fn the_validator_sees_what_popolo_forbids() {
    let mut popolo = to_popolo(&data::eu_iom_2020());
    popolo["memberships"][0]["start_date"] = json!("13 October 2020");
    popolo["persons"][0]["sources"][0] = json!({"note": "no url"});
    let errors = popolo_errors(&popolo);
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn the_seed_reads_back_record_for_record() {
    let seed = data::eu_iom_2020();
    let popolo = to_popolo(&seed);
    let back = from_popolo(&popolo).unwrap();
    assert_eq!(back.officials(), seed.officials());
    assert_eq!(back.organisations(), seed.organisations());
    assert_eq!(back.posts(), seed.posts());
    assert_eq!(back.appointments(), seed.appointments());
    assert_eq!(back.frameworks(), seed.frameworks());
    assert_eq!(back.meetings(), seed.meetings());
    assert_eq!(back.sources(), seed.sources());
    // What Popolo cannot carry is left out, as its docs say.
    assert!(back.programmes().is_empty() && back.figures().is_empty() && back.funds().is_empty());
}

#[test]
fn the_export_says_who_hosted_for_whom_and_who_acted() {
    let popolo = to_popolo(&data::eu_iom_2020());
    let meeting = popolo["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["classification"] == "meeting")
        .unwrap();
    assert_eq!(meeting["location"], "online");
    assert_eq!(meeting["start_date"], "2020-10-13");
    let host = meeting["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["memberships"][0]["role"] == "host")
        .unwrap();
    assert_eq!(host["id"], "stefano-sannino");
    assert_eq!(host["memberships"][0]["on_behalf_of_id"], "eu");
    assert_eq!(meeting["organization_id"], "eu");
    let acting = popolo["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["person_id"] == "maciej-popowski")
        .unwrap();
    assert_eq!(acting["role"], "Acting Director-General");
}

#[test]
fn a_document_missing_what_a_record_needs_says_where() {
    let mut popolo = to_popolo(&data::eu_iom_2020());
    popolo["posts"][1]
        .as_object_mut()
        .unwrap()
        .remove("organization_id");
    let error = from_popolo(&popolo).unwrap_err();
    assert_eq!(
        error.to_string(),
        "popolo posts[1]: organization_id is missing"
    );
    let mut popolo = to_popolo(&data::eu_iom_2020());
    popolo["memberships"][0]["start_date"] = json!("yesterday");
    assert!(from_popolo(&popolo)
        .unwrap_err()
        .to_string()
        .starts_with("popolo memberships[0]: "));
}

/// A period with at least one end: one open at both ends is written as no dates, and read back
/// as none (see the module's docs).
fn bounded() -> impl Strategy<Value = Period> {
    crate::formats_props::period()
        .prop_filter("bounded", |p| p.start().is_some() || p.end().is_some())
}

/// An organisation to be: kind, name, acronym, other names, an IATI identifier or not, and
/// parents among the organisations before it, each dated or not.
type OrgSpec = (
    OrganisationKind,
    String,
    Option<String>,
    Vec<String>,
    bool,
    Vec<(Index, Option<Period>)>,
);
/// An appointment to be: official, post, acting, deputy, tenure, attested days.
type AppointmentSpec = (Index, Index, bool, bool, Option<Period>, Vec<PartialDate>);
/// A meeting to be: date, ordinal, mode, participants (official, organisation, capacity), topics.
type MeetingSpec = (
    PartialDate,
    Option<u32>,
    Option<MeetingMode>,
    Vec<(Index, Index, Capacity)>,
    Vec<String>,
);

fn org_spec() -> impl Strategy<Value = OrgSpec> {
    let kinds = prop::sample::select(vec![
        OrganisationKind::SupranationalUnion,
        OrganisationKind::IntergovernmentalOrganisation,
        OrganisationKind::DirectorateGeneral,
        OrganisationKind::StateGroup,
        OrganisationKind::Ngo,
    ]);
    (
        kinds,
        text(),
        option::of(text()),
        vec(text(), 0..2),
        any::<bool>(),
        vec((any::<Index>(), option::of(bounded())), 0..3),
    )
}

fn meeting_spec() -> impl Strategy<Value = MeetingSpec> {
    let capacity = prop::sample::select(vec![
        Capacity::Host,
        Capacity::Chair,
        Capacity::CoChair,
        Capacity::Participant,
    ]);
    let mode = option::of(prop::sample::select(vec![
        MeetingMode::InPerson,
        MeetingMode::Virtual,
        MeetingMode::Hybrid,
    ]));
    (
        date(),
        option::of(1_u32..40),
        mode,
        vec((any::<Index>(), any::<Index>(), capacity), 0..4),
        vec(text(), 0..2),
    )
}

fn sid(n: usize) -> SourceId {
    SourceId::new(format!("s{n}")).unwrap()
}

fn oid(n: usize) -> OrganisationId {
    OrganisationId::new(format!("o{n}")).unwrap()
}

fn organisations(data: &mut Dataset, specs: &[OrgSpec], sources: usize) {
    for (n, (kind, name, acronym, other_names, iati, parents)) in specs.iter().enumerate() {
        let mut o = Organisation::new(oid(n), *kind, format!("organisation {n} {name}"));
        o.acronym.clone_from(acronym);
        o.other_names.clone_from(other_names);
        if *iati {
            o.identifiers
                .push(OrganisationIdentifier::iati(format!("XM-DAC-{n}")).unwrap());
        }
        for (parent, period) in parents.iter().filter(|_| n > 0) {
            let mut link = ParentLink::new(oid(parent.index(n)));
            link.period = *period;
            o.parents.push(link);
        }
        o.sources = vec![sid(n % sources)];
        data.insert_organisation(o).unwrap();
    }
}

fn appointments(
    data: &mut Dataset,
    specs: &[AppointmentSpec],
    officials: usize,
    posts: usize,
    sources: usize,
) {
    for (n, (official, post, acting, deputy, tenure, days)) in specs.iter().enumerate() {
        let mut a = Appointment::new(
            AppointmentId::new(format!("a{n}")).unwrap(),
            OfficialId::new(format!("p{}", official.index(officials))).unwrap(),
            PostId::new(format!("t{}", post.index(posts))).unwrap(),
        );
        (a.acting, a.deputy, a.tenure) = (*acting, *deputy, *tenure);
        a.attested = days
            .iter()
            .map(|d| Attestation {
                date: d.earliest(),
                source: sid(0),
            })
            .collect();
        a.sources = vec![sid(n % sources)];
        data.insert_appointment(a).unwrap();
    }
}

fn meetings(
    data: &mut Dataset,
    specs: &[MeetingSpec],
    officials: usize,
    organisations: usize,
    sources: usize,
) {
    let framework = FrameworkId::new("f").unwrap();
    let mut f = Framework::new(framework.clone(), "a framework");
    f.parties = vec![oid(0)];
    f.sources = vec![sid(0)];
    data.insert_framework(f).unwrap();
    for (n, (date, ordinal, mode, participants, topics)) in specs.iter().enumerate() {
        let mut m = Meeting::builder(
            MeetingId::new(format!("m{n}")).unwrap(),
            framework.clone(),
            *date,
        )
        .build();
        (m.ordinal, m.mode, m.topics) = (*ordinal, *mode, topics.clone());
        for (official, org, capacity) in participants {
            let official = OfficialId::new(format!("p{}", official.index(officials))).unwrap();
            let mut p = Participant::new(official, oid(org.index(organisations)));
            p.capacity = *capacity;
            m.participants.push(p);
        }
        m.sources = vec![sid(n % sources)];
        data.insert_meeting(m).unwrap();
    }
}

/// Datasets whose references resolve: organisations (each parent an earlier one, dated or
/// not), officials, posts, appointments (acting, deputy, tenures at any precision, attested
/// days), a framework and its meetings (ordinals, modes, participants in every capacity), and
/// sources with and without an address. Posts are held by anyone at any time: the generator
/// does not check who held what when, and the property keeps only valid datasets.
fn consistent_dataset() -> impl Strategy<Value = Dataset> {
    let appointment = (
        any::<Index>(),
        any::<Index>(),
        any::<bool>(),
        any::<bool>(),
        option::of(bounded()),
        vec(date(), 0..2),
    );
    (
        vec(org_spec(), 1..5),
        vec(text(), 1..4),
        vec((any::<Index>(), text()), 1..4),
        vec(appointment, 0..5),
        vec(meeting_spec(), 0..3),
        vec(option::of("https://[a-z]{1,8}\\.org/[a-z0-9]{0,6}"), 1..3),
    )
        .prop_map(
            |(orgs, officials, posts, appointment_specs, meeting_specs, sources)| {
                let mut data = Dataset::new();
                for (n, url) in sources.iter().enumerate() {
                    let mut source = partnerships::Source::new(sid(n), format!("source {n}"));
                    source.url.clone_from(url);
                    data.insert_source(source).unwrap();
                }
                organisations(&mut data, &orgs, sources.len());
                for (n, name) in officials.iter().enumerate() {
                    let mut official = Official::new(
                        OfficialId::new(format!("p{n}")).unwrap(),
                        format!("official {n} {name}"),
                    );
                    official.sources = vec![sid(n % sources.len())];
                    data.insert_official(official).unwrap();
                }
                for (n, (org, title)) in posts.iter().enumerate() {
                    let mut post = Post::new(
                        PostId::new(format!("t{n}")).unwrap(),
                        oid(org.index(orgs.len())),
                        format!("Post {title}"),
                    );
                    post.sources = vec![sid(n % sources.len())];
                    data.insert_post(post).unwrap();
                }
                appointments(
                    &mut data,
                    &appointment_specs,
                    officials.len(),
                    posts.len(),
                    sources.len(),
                );
                meetings(
                    &mut data,
                    &meeting_specs,
                    officials.len(),
                    orgs.len(),
                    sources.len(),
                );
                data
            },
        )
}

proptest::proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_valid_dataset_exports_to_valid_popolo_and_reads_back(data in consistent_dataset()) {
        prop_assume!(!data.validate().has_errors());
        prop_assert_eq!(round_trips(&data), Ok(()));
    }
}

/// Whether the dataset reads back from Popolo with the same records.
fn round_trips(data: &Dataset) -> Result<(), String> {
    let popolo = to_popolo(data);
    let errors = popolo_errors(&popolo);
    if !errors.is_empty() {
        return Err(format!("{errors:#?}"));
    }
    let back = from_popolo(&popolo).map_err(|e| e.to_string())?;
    let mut differ = Vec::new();
    if back.officials() != data.officials() {
        differ.push(format!("officials: {:?}", back.officials()));
    }
    if back.organisations() != data.organisations() {
        differ.push(format!("organisations: {:?}", back.organisations()));
    }
    if back.posts() != data.posts() {
        differ.push(format!("posts: {:?}", back.posts()));
    }
    if back.appointments() != data.appointments() {
        differ.push(format!(
            "appointments: {:?} from {:?}",
            back.appointments(),
            data.appointments()
        ));
    }
    if back.meetings() != data.meetings() {
        differ.push(format!("meetings: {:?}", back.meetings()));
    }
    if back.sources() != data.sources() {
        differ.push(format!("sources: {:?}", back.sources()));
    }
    if differ.is_empty() {
        Ok(())
    } else {
        Err(differ.join("\n"))
    }
}
