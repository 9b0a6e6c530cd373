//! Popolo: the people, organisations, posts, memberships and events of a dataset in the open
//! vocabulary parliaments and civic-tech tools read, and back.
//!
//! [`to_popolo`] writes one JSON document with Popolo's top-level arrays — `persons`
//! (officials), `organizations`, `posts`, `memberships` (appointments, and organisations' dated
//! or several parents) and `events` (frameworks, and meetings as their children) — plus the
//! dataset's `sources`, which every record cites. Each item is valid against its Popolo JSON
//! Schema (draft-03). [`from_popolo`] reads such a document back into a [`Dataset`].
//!
//! # How the model is written
//!
//! | model | Popolo |
//! |---|---|
//! | organisation | `organization`: `classification` is the kind (`intergovernmental-organisation`), `identifiers` the IATI and other identifiers (`scheme`, `identifier`), `other_names` the acronym (note `acronym`) and other names, `parent_id` the one parent of an organisation with a single undated parent; `dissolution_date` the date of a succession |
//! | several or dated parents | a `membership` of the organisation (`member: {"@type": "Organization", "id"}`) in its parent, role `part of`, with `start_date` and `end_date` |
//! | official | `person` |
//! | post | `post`: `label` and `role` the title, `organization_id` |
//! | appointment | `membership`: `person_id`, `post_id`, `organization_id` (the post's), `role` the title as held (`Acting Director-General`: acting and deputy are read back from it against the post's title), `label` the title with the organisation, `start_date` and `end_date` at their own precision |
//! | framework | `event` of `classification` `framework`: `name`, `start_date` (established) |
//! | meeting | `event` of `classification` `meeting`: `parent_id` its framework, `start_date` at its precision, `location` its mode (`in person`, `online`, `online and in person`), `identifiers` its ordinal (scheme `ordinal`), `organization_id` the organisation its host acted for, `attendees` each official with a membership giving the capacity (`host`, `chair`, `co-chair`, `participant`) as `role`, the organisation represented as `on_behalf_of_id` and `organization_id`, and the post held as `post_id` |
//! | source | each record's `sources`: a link whose `url` is the source's address (or `urn:partnerships:source:ID` for a source without one) and whose `note` is the source's identifier; the sources themselves in the top-level `sources` array, in the dataset format |
//!
//! # What Popolo cannot carry
//!
//! Popolo has no place for money, figures and their comparators, programmes, funds, outcome
//! metrics and portfolios: the export leaves them out (the dataset format keeps them). Nor has
//! it one for a meeting's topics and documents, an appointment's attestations (a source's word
//! that someone held a post on a day), a framework's parties and areas, or an organisation's
//! successor: these go under a `partnerships` object on the record, which Popolo's schemas
//! allow and other readers ignore. A tenure or parent link known to be open at both ends
//! (`..`) is written without dates and read back as none.
//!
//! # Example
//!
//! ```
//! use partnerships::formats::popolo::{from_popolo, to_popolo};
//!
//! let eu_iom = partnerships::data::eu_iom_2020();
//! let popolo = to_popolo(&eu_iom);
//! assert_eq!(popolo["events"][1]["location"], "online");
//! let back = from_popolo(&popolo)?;
//! assert_eq!(back.officials(), eu_iom.officials());
//! assert_eq!(back.appointments(), eu_iom.appointments());
//! # Ok::<(), partnerships::Error>(())
//! ```

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::dataset::Dataset;
use crate::error::Error;
use crate::formats::json::put;
use crate::id::{
    AppointmentId, FrameworkId, MeetingId, OfficialId, OrganisationId, OrganisationIdentifier,
    PostId, SourceId,
};
use crate::model::{
    Appointment, Capacity, Framework, Meeting, MeetingMode, Official, Organisation, ParentLink,
    Participant, Post, Succession,
};
use crate::{PartialDate, Period};

/// The scheme of a URN standing for a source without an address.
const SOURCE_URN: &str = "urn:partnerships:source:";

/// A value's serde form (kebab-case names for the model's enums).
fn form<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn text(value: &impl std::fmt::Display) -> Value {
    Value::String(value.to_string())
}

/// A period's ends as `start_date` and `end_date`.
fn put_period(object: &mut Map<String, Value>, period: Option<&Period>) {
    if let Some(p) = period {
        put(
            object,
            "start_date",
            p.start().map_or(Value::Null, |d| text(&d)),
        );
        put(
            object,
            "end_date",
            p.end().map_or(Value::Null, |d| text(&d)),
        );
    }
}

/// The records' `sources` links.
fn links(dataset: &Dataset, sources: &[SourceId]) -> Value {
    Value::Array(
        sources
            .iter()
            .map(|id| {
                let url = dataset
                    .source(id)
                    .and_then(|s| s.url.clone())
                    .unwrap_or_else(|| format!("{SOURCE_URN}{id}"));
                json!({"url": url, "note": id.as_str()})
            })
            .collect(),
    )
}

/// The dataset's people, organisations, posts, memberships and events as a Popolo document.
///
/// # Example
///
/// See [the module](self).
#[must_use]
pub fn to_popolo(dataset: &Dataset) -> Value {
    let mut memberships = Vec::new();
    let organizations: Vec<Value> = dataset
        .organisations()
        .iter()
        .map(|o| organization(dataset, o, &mut memberships))
        .collect();
    let persons: Vec<Value> = dataset
        .officials()
        .iter()
        .map(
            |p| json!({"id": p.id.as_str(), "name": p.name, "sources": links(dataset, &p.sources)}),
        )
        .collect();
    let posts: Vec<Value> = dataset
        .posts()
        .iter()
        .map(|p| {
            json!({"id": p.id.as_str(), "label": p.title, "role": p.title,
                   "organization_id": p.organisation.as_str(), "sources": links(dataset, &p.sources)})
        })
        .collect();
    for a in dataset.appointments() {
        memberships.push(membership(dataset, a));
    }
    let mut events: Vec<Value> = dataset
        .frameworks()
        .iter()
        .map(|f| {
            let mut e = Map::new();
            e.insert("id".into(), text(&f.id));
            e.insert("name".into(), json!(f.name));
            e.insert("classification".into(), json!("framework"));
            put(
                &mut e,
                "start_date",
                f.established.map_or(Value::Null, |d| text(&d)),
            );
            e.insert("sources".into(), links(dataset, &f.sources));
            let mut extra = Map::new();
            put(&mut extra, "parties", form(&f.parties));
            put(&mut extra, "areas", form(&f.areas));
            put(&mut extra, "established_by", form(&f.established_by));
            put(
                &mut e,
                "partnerships",
                if extra.is_empty() {
                    Value::Null
                } else {
                    Value::Object(extra)
                },
            );
            Value::Object(e)
        })
        .collect();
    events.extend(dataset.meetings().iter().map(|m| event(dataset, m)));
    let sources: Vec<Value> = dataset.sources().iter().map(form).collect();
    json!({
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "events": events,
        "sources": sources,
    })
}

fn organization(dataset: &Dataset, o: &Organisation, memberships: &mut Vec<Value>) -> Value {
    let mut org = Map::new();
    org.insert("id".into(), text(&o.id));
    org.insert("name".into(), json!(o.name));
    org.insert("classification".into(), form(&o.kind));
    let identifiers: Vec<Value> = o
        .identifiers
        .iter()
        .map(|i| json!({"scheme": i.scheme(), "identifier": i.value()}))
        .collect();
    put(&mut org, "identifiers", Value::Array(identifiers));
    let mut names: Vec<Value> = o
        .acronym
        .iter()
        .map(|a| json!({"name": a, "note": "acronym"}))
        .collect();
    names.extend(o.other_names.iter().map(|n| json!({"name": n})));
    put(&mut org, "other_names", Value::Array(names));
    match o.parents.as_slice() {
        [only] if only.period.is_none() => {
            org.insert("parent_id".into(), text(&only.parent));
        }
        parents => {
            for (n, link) in parents.iter().enumerate() {
                let mut m = Map::new();
                m.insert(
                    "id".into(),
                    json!(format!("{}/part-of/{}/{n}", o.id, link.parent)),
                );
                m.insert(
                    "member".into(),
                    json!({"@type": "Organization", "id": o.id.as_str()}),
                );
                m.insert("organization_id".into(), text(&link.parent));
                m.insert("role".into(), json!("part of"));
                put_period(&mut m, link.period.as_ref());
                m.insert("sources".into(), links(dataset, &o.sources));
                memberships.push(Value::Object(m));
            }
        }
    }
    if let Some(succession) = &o.succeeded_by {
        put(
            &mut org,
            "dissolution_date",
            succession.date.map_or(Value::Null, |d| text(&d)),
        );
        org.insert(
            "partnerships".into(),
            json!({"succeeded_by": form(succession)}),
        );
    }
    org.insert("sources".into(), links(dataset, &o.sources));
    Value::Object(org)
}

fn membership(dataset: &Dataset, a: &Appointment) -> Value {
    let post = dataset.post(&a.post);
    // Without its post, an appointment's role is what it adds to the title.
    let role = dataset.role_of(a).unwrap_or_else(|| {
        let mut role = String::new();
        if a.acting {
            role.push_str("Acting ");
        }
        if a.deputy {
            role.push_str("Deputy ");
        }
        role
    });
    let mut m = Map::new();
    m.insert("id".into(), text(&a.id));
    m.insert("person_id".into(), text(&a.official));
    m.insert("post_id".into(), text(&a.post));
    put(
        &mut m,
        "organization_id",
        post.map_or(Value::Null, |p| text(&p.organisation)),
    );
    m.insert("role".into(), json!(role));
    put(
        &mut m,
        "label",
        dataset.title_of(a).map_or(Value::Null, Value::String),
    );
    put_period(&mut m, a.tenure.as_ref());
    m.insert("sources".into(), links(dataset, &a.sources));
    if !a.attested.is_empty() {
        m.insert(
            "partnerships".into(),
            json!({"attested": form(&a.attested)}),
        );
    }
    Value::Object(m)
}

fn event(dataset: &Dataset, m: &Meeting) -> Value {
    let framework = dataset
        .framework(&m.framework)
        .map_or(m.framework.as_str(), |f| f.name.as_str());
    let mut e = Map::new();
    e.insert("id".into(), text(&m.id));
    let name = match m.ordinal {
        Some(n) => format!("{framework}: meeting {n}"),
        None => format!("{framework}: meeting of {}", m.date),
    };
    e.insert("name".into(), json!(name));
    e.insert("classification".into(), json!("meeting"));
    e.insert("parent_id".into(), text(&m.framework));
    e.insert("start_date".into(), text(&m.date));
    let location = m.mode.map(|mode| match mode {
        MeetingMode::Virtual => "online",
        MeetingMode::Hybrid => "online and in person",
        _ => "in person",
    });
    put(
        &mut e,
        "location",
        location.map_or(Value::Null, |l| json!(l)),
    );
    let ordinal = m
        .ordinal
        .map(|n| json!({"scheme": "ordinal", "identifier": n.to_string()}));
    put(
        &mut e,
        "identifiers",
        Value::Array(ordinal.into_iter().collect()),
    );
    let host = m.participants.iter().find(|p| p.capacity == Capacity::Host);
    put(
        &mut e,
        "organization_id",
        host.map_or(Value::Null, |h| text(&h.represents)),
    );
    let attendees: Vec<Value> = m
        .participants
        .iter()
        .map(|p| {
            let mut membership = Map::new();
            membership.insert("role".into(), form(&p.capacity));
            membership.insert("organization_id".into(), text(&p.represents));
            membership.insert("on_behalf_of_id".into(), text(&p.represents));
            put(
                &mut membership,
                "post_id",
                p.post.as_ref().map_or(Value::Null, text),
            );
            let name = dataset.official(&p.official).map(|o| o.name.clone());
            let mut person = Map::new();
            person.insert("id".into(), text(&p.official));
            put(&mut person, "name", name.map_or(Value::Null, Value::String));
            person.insert("memberships".into(), json!([membership]));
            Value::Object(person)
        })
        .collect();
    put(&mut e, "attendees", Value::Array(attendees));
    e.insert("sources".into(), links(dataset, &m.sources));
    let mut extra = Map::new();
    put(&mut extra, "topics", form(&m.topics));
    put(&mut extra, "documents", form(&m.documents));
    if !extra.is_empty() {
        e.insert("partnerships".into(), Value::Object(extra));
    }
    Value::Object(e)
}

/// What was wrong with a document, and where.
fn invalid(path: &str, what: &str) -> Error {
    Error::invalid_input(format_args!("popolo {path}: {what}"))
}

/// The string at `key`, if any.
fn string<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

/// A required string.
fn required<'a>(item: &'a Value, key: &str, path: &str) -> Result<&'a str, Error> {
    string(item, key).ok_or_else(|| invalid(path, &format!("{key} is missing")))
}

/// A value read through its serde form.
fn read<T: DeserializeOwned>(value: &Value, path: &str) -> Result<T, Error> {
    serde_json::from_value(value.clone()).map_err(|e| invalid(path, &e.to_string()))
}

/// A string read through `FromStr`.
fn parsed<T: std::str::FromStr<Err = Error>>(text: &str, path: &str) -> Result<T, Error> {
    text.parse()
        .map_err(|e: Error| invalid(path, &e.to_string()))
}

/// The items of a top-level array.
fn items<'a>(document: &'a Value, key: &'a str) -> impl Iterator<Item = (String, &'a Value)> {
    document
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(move |(n, item)| (format!("{key}[{n}]"), item))
}

/// The source identifiers of a record's `sources` links.
fn sources_of(item: &Value, path: &str) -> Result<Vec<SourceId>, Error> {
    item.get("sources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|link| {
            let note = link.get("note").and_then(Value::as_str);
            let url = link.get("url").and_then(Value::as_str);
            let id = note.or_else(|| url.and_then(|u| u.strip_prefix(SOURCE_URN)));
            parsed(
                id.ok_or_else(|| invalid(path, "a source link names no source"))?,
                path,
            )
        })
        .collect()
}

/// A period from `start_date` and `end_date`.
fn period_of(item: &Value, path: &str) -> Result<Option<Period>, Error> {
    let date = |key: &str| -> Result<Option<PartialDate>, Error> {
        string(item, key).map(|d| parsed(d, path)).transpose()
    };
    let (start, end) = (date("start_date")?, date("end_date")?);
    if start.is_none() && end.is_none() {
        return Ok(None);
    }
    Period::new(start, end)
        .map(Some)
        .map_err(|e| invalid(path, &e.to_string()))
}

/// Reads a Popolo document that [`to_popolo`] wrote (or one like it) into a dataset: persons
/// as officials, organizations, posts, memberships as appointments and parent links, events as
/// frameworks and meetings, and the top-level `sources`. Records are inserted as read; call
/// [`Dataset::validate`] to check the result.
///
/// # Errors
///
/// When an item lacks an identifier or name, or a value is not what its field holds (a date, a
/// kind, a capacity), naming the item (`memberships[3]`) and the field.
///
/// # Example
///
/// See [the module](self).
pub fn from_popolo(document: &Value) -> Result<Dataset, Error> {
    let mut data = Dataset::new();
    for (path, item) in items(document, "sources") {
        data.insert_source(read(item, &path)?)?;
    }
    let mut organisations = Vec::new();
    for (path, item) in items(document, "organizations") {
        organisations.push(organisation_of(item, &path)?);
    }
    let mut appointments = Vec::new();
    for (path, item) in items(document, "memberships") {
        if item.pointer("/member/@type").and_then(Value::as_str) == Some("Organization") {
            let child: OrganisationId = parsed(
                item.pointer("/member/id")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
                &path,
            )?;
            let mut link =
                ParentLink::new(parsed(required(item, "organization_id", &path)?, &path)?);
            link.period = period_of(item, &path)?;
            if let Some(o) = organisations
                .iter_mut()
                .find(|o: &&mut Organisation| o.id == child)
            {
                o.parents.push(link);
            }
        } else {
            appointments.push((path, item));
        }
    }
    for o in organisations {
        data.insert_organisation(o)?;
    }
    for (path, item) in items(document, "persons") {
        let mut official = Official::new(
            parsed(required(item, "id", &path)?, &path)?,
            required(item, "name", &path)?,
        );
        official.sources = sources_of(item, &path)?;
        data.insert_official(official)?;
    }
    for (path, item) in items(document, "posts") {
        let title = string(item, "role")
            .or_else(|| string(item, "label"))
            .unwrap_or_default();
        let mut post = Post::new(
            parsed(required(item, "id", &path)?, &path)?,
            parsed(required(item, "organization_id", &path)?, &path)?,
            title,
        );
        post.sources = sources_of(item, &path)?;
        data.insert_post(post)?;
    }
    for (path, item) in appointments {
        let appointment = appointment_of(&data, item, &path)?;
        data.insert_appointment(appointment)?;
    }
    for (path, item) in items(document, "events") {
        match string(item, "classification") {
            Some("framework") => data.insert_framework(framework_of(item, &path)?)?,
            _ => data.insert_meeting(meeting_of(item, &path)?)?,
        }
    }
    Ok(data)
}

fn organisation_of(item: &Value, path: &str) -> Result<Organisation, Error> {
    let kind = read(item.get("classification").unwrap_or(&json!("other")), path)?;
    let mut o = Organisation::new(
        parsed(required(item, "id", path)?, path)?,
        kind,
        required(item, "name", path)?,
    );
    for i in item
        .get("identifiers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let value = required(i, "identifier", path)?;
        let identifier = OrganisationIdentifier::new(string(i, "scheme").unwrap_or("other"), value)
            .map_err(|e| invalid(path, &e.to_string()))?;
        o.identifiers.push(identifier);
    }
    for name in item
        .get("other_names")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = required(name, "name", path)?.to_owned();
        if string(name, "note") == Some("acronym") && o.acronym.is_none() {
            o.acronym = Some(text);
        } else {
            o.other_names.push(text);
        }
    }
    if let Some(parent) = string(item, "parent_id") {
        o.parents.push(ParentLink::new(parsed(parent, path)?));
    }
    if let Some(succession) = item.pointer("/partnerships/succeeded_by") {
        o.succeeded_by = Some(read::<Succession>(succession, path)?);
    }
    o.sources = sources_of(item, path)?;
    Ok(o)
}

fn appointment_of(data: &Dataset, item: &Value, path: &str) -> Result<Appointment, Error> {
    let id: AppointmentId = parsed(required(item, "id", path)?, path)?;
    let official: OfficialId = parsed(required(item, "person_id", path)?, path)?;
    let post: PostId = parsed(required(item, "post_id", path)?, path)?;
    let title = data
        .post(&post)
        .map(|p| p.title.clone())
        .unwrap_or_default();
    let mut a = Appointment::new(id, official, post);
    // The role is the post's title, after "Acting " and "Deputy " where the appointment is so.
    let role = string(item, "role").unwrap_or(&title);
    let (acting, rest) = match role.strip_prefix("Acting ") {
        Some(rest) if role != title => (true, rest),
        _ => (false, role),
    };
    a.acting = acting;
    a.deputy = rest != title && rest.strip_prefix("Deputy ") == Some(title.as_str());
    a.tenure = period_of(item, path)?;
    if let Some(attested) = item.pointer("/partnerships/attested") {
        a.attested = read(attested, path)?;
    }
    a.sources = sources_of(item, path)?;
    Ok(a)
}

fn framework_of(item: &Value, path: &str) -> Result<Framework, Error> {
    let id: FrameworkId = parsed(required(item, "id", path)?, path)?;
    let mut f = Framework::new(id, required(item, "name", path)?);
    f.established = string(item, "start_date")
        .map(|d| parsed(d, path))
        .transpose()?;
    if let Some(extra) = item.get("partnerships") {
        if let Some(parties) = extra.get("parties") {
            f.parties = read(parties, path)?;
        }
        if let Some(areas) = extra.get("areas") {
            f.areas = read(areas, path)?;
        }
        if let Some(by) = extra.get("established_by") {
            f.established_by = read(by, path)?;
        }
    }
    f.sources = sources_of(item, path)?;
    Ok(f)
}

fn meeting_of(item: &Value, path: &str) -> Result<Meeting, Error> {
    let id: MeetingId = parsed(required(item, "id", path)?, path)?;
    let framework: FrameworkId = parsed(required(item, "parent_id", path)?, path)?;
    let date: PartialDate = parsed(required(item, "start_date", path)?, path)?;
    let mut m = Meeting::builder(id, framework, date).build();
    m.mode = match string(item, "location") {
        Some("online") => Some(MeetingMode::Virtual),
        Some("online and in person") => Some(MeetingMode::Hybrid),
        Some("in person") => Some(MeetingMode::InPerson),
        _ => None,
    };
    for i in item
        .get("identifiers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if string(i, "scheme") == Some("ordinal") {
            let n = required(i, "identifier", path)?;
            m.ordinal = Some(
                n.parse()
                    .map_err(|_| invalid(path, &format!("ordinal {n:?} is not a number")))?,
            );
        }
    }
    for attendee in item
        .get("attendees")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let official: OfficialId = parsed(required(attendee, "id", path)?, path)?;
        let membership = attendee.pointer("/memberships/0").unwrap_or(&Value::Null);
        let represents =
            string(membership, "on_behalf_of_id").or_else(|| string(membership, "organization_id"));
        let mut p = Participant::new(
            official,
            parsed(
                represents.ok_or_else(|| invalid(path, "an attendee acts for no organisation"))?,
                path,
            )?,
        );
        p.capacity = read::<Capacity>(
            membership.get("role").unwrap_or(&json!("participant")),
            path,
        )?;
        p.post = string(membership, "post_id")
            .map(|post| parsed(post, path))
            .transpose()?;
        m.participants.push(p);
    }
    if let Some(extra) = item.get("partnerships") {
        if let Some(topics) = extra.get("topics") {
            m.topics = read(topics, path)?;
        }
        if let Some(documents) = extra.get("documents") {
            m.documents = read(documents, path)?;
        }
    }
    m.sources = sources_of(item, path)?;
    Ok(m)
}
