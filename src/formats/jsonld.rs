//! schema.org JSON-LD: a dataset as search engines and knowledge graphs read it.
//!
//! [`to_jsonld`] writes one document whose `@context` maps every term to schema.org
//! (`{"@vocab": "https://schema.org/"}`, so it expands offline) and whose `@graph` holds:
//!
//! | model | schema.org |
//! |---|---|
//! | organisation | `Organization`: `name`, `alternateName` (acronym and other names), `identifier` (a `PropertyValue` per identifier, `propertyID` its scheme), `parentOrganization` and `subOrganization` (every parent link, whatever its dates) |
//! | fund | `Organization`, `parentOrganization` its manager |
//! | official | `Person`, whose `memberOf` is an `OrganizationRole` per appointment: `memberOf` the post's organisation, `roleName` the title as held ("Acting Director-General"), `startDate`, `endDate` |
//! | meeting | `Event`: `name`, `startDate`, `eventAttendanceMode` (`OnlineEventAttendanceMode` for a virtual meeting, `MixedEventAttendanceMode` for a hybrid one, `OfflineEventAttendanceMode` in person), `organizer` the organisation its host acted for, `attendee` a `Role` per participant (`roleName` the capacity, `description` on whose behalf), `about` its topics |
//! | programme | `Project` (`funder` its funders, `member` its implementers, `startDate`-less: its period is in its `description`), and a `MonetaryGrant` for its budget (`fundedItem` the project, `funder`, `amount` a `MonetaryAmount`) |
//! | figure | `Observation` about what it counts (a programme, an organisation, a portfolio's parties): `observationDate`, `variableMeasured` what it counts, `value` the number or a `MonetaryAmount`, and `minValue`/`maxValue` where the comparator gives a bound ("more than 84,000" is `minValue` 84000); the words in `description` |
//!
//! Frameworks, posts without an appointment, outcome metrics and sources have no schema.org
//! type here and are left out; every type and property used exists in schema.org and is used
//! on a type in its domain, with schema.org's `Role` pattern for appointments and attendees.
//!
//! # Example
//!
//! ```
//! use partnerships::formats::jsonld::to_jsonld;
//!
//! let doc = to_jsonld(&partnerships::data::eu_iom_2020());
//! let meeting = doc["@graph"].as_array().unwrap().iter().find(|n| n["@type"] == "Event").unwrap();
//! assert_eq!(meeting["eventAttendanceMode"]["@id"], "https://schema.org/OnlineEventAttendanceMode");
//! ```

use serde_json::{json, Map, Value};

use crate::dataset::Dataset;
use crate::figure::{Comparator, Figure, FigureValue, Subject};
use crate::formats::json::put;
use crate::model::{Budget, Funder, MeetingMode};

/// The base of every node's `@id`.
const BASE: &str = "urn:partnerships:";

/// A node's IRI.
fn iri(kind: &str, id: &impl std::fmt::Display) -> String {
    format!("{BASE}{kind}:{id}")
}

/// A reference to a node.
fn node_id(kind: &str, id: &impl std::fmt::Display) -> Value {
    json!({"@id": iri(kind, id)})
}

/// A whole number as a JSON number; anything else as its exact decimal text, never a float.
fn number(n: rust_decimal::Decimal) -> Value {
    match i64::try_from(n) {
        Ok(whole) if n.fract().is_zero() => json!(whole),
        _ => json!(n.to_string()),
    }
}

/// The dataset as a schema.org JSON-LD document.
///
/// # Example
///
/// See [the module](self).
#[must_use]
pub fn to_jsonld(dataset: &Dataset) -> Value {
    let mut graph = Vec::new();
    organisations(dataset, &mut graph);
    people(dataset, &mut graph);
    meetings(dataset, &mut graph);
    programmes(dataset, &mut graph);
    for figure in dataset.figures() {
        if let Some(observation) = observation(dataset, figure) {
            graph.push(observation);
        }
    }
    json!({"@context": {"@vocab": "https://schema.org/"}, "@graph": graph})
}

fn organisations(dataset: &Dataset, graph: &mut Vec<Value>) {
    for o in dataset.organisations() {
        let mut node = Map::new();
        node.insert("@id".into(), json!(iri("organisation", &o.id)));
        node.insert("@type".into(), json!("Organization"));
        node.insert("name".into(), json!(o.name));
        let names: Vec<Value> = o
            .acronym
            .iter()
            .chain(&o.other_names)
            .map(|n| json!(n))
            .collect();
        put(&mut node, "alternateName", Value::Array(names));
        let identifiers: Vec<Value> = o
            .identifiers
            .iter()
            .map(
                |i| json!({"@type": "PropertyValue", "propertyID": i.scheme(), "value": i.value()}),
            )
            .collect();
        put(&mut node, "identifier", Value::Array(identifiers));
        let parents: Vec<Value> = o
            .parents
            .iter()
            .map(|l| node_id("organisation", &l.parent))
            .collect();
        put(&mut node, "parentOrganization", Value::Array(parents));
        let children: Vec<Value> = dataset
            .organisations()
            .iter()
            .filter(|c| c.parents.iter().any(|l| l.parent == o.id))
            .map(|c| node_id("organisation", &c.id))
            .collect();
        put(&mut node, "subOrganization", Value::Array(children));
        graph.push(Value::Object(node));
    }
    for f in dataset.funds() {
        let mut node = Map::new();
        node.insert("@id".into(), json!(iri("fund", &f.id)));
        node.insert("@type".into(), json!("Organization"));
        node.insert("name".into(), json!(f.name));
        put(
            &mut node,
            "alternateName",
            f.acronym.as_ref().map_or(Value::Null, |a| json!(a)),
        );
        put(
            &mut node,
            "parentOrganization",
            f.managed_by
                .as_ref()
                .map_or(Value::Null, |m| node_id("organisation", m)),
        );
        graph.push(Value::Object(node));
    }
}

fn people(dataset: &Dataset, graph: &mut Vec<Value>) {
    for official in dataset.officials() {
        let roles: Vec<Value> = dataset
            .appointments()
            .iter()
            .filter(|a| a.official == official.id)
            .filter_map(|a| {
                let post = dataset.post(&a.post)?;
                let title = dataset.role_of(a)?;
                let mut role = Map::new();
                role.insert("@type".into(), json!("OrganizationRole"));
                role.insert(
                    "memberOf".into(),
                    node_id("organisation", &post.organisation),
                );
                role.insert("roleName".into(), json!(title));
                if let Some(tenure) = &a.tenure {
                    put(
                        &mut role,
                        "startDate",
                        tenure.start().map_or(Value::Null, |d| json!(d.to_string())),
                    );
                    put(
                        &mut role,
                        "endDate",
                        tenure.end().map_or(Value::Null, |d| json!(d.to_string())),
                    );
                }
                Some(Value::Object(role))
            })
            .collect();
        let mut node = Map::new();
        node.insert("@id".into(), json!(iri("official", &official.id)));
        node.insert("@type".into(), json!("Person"));
        node.insert("name".into(), json!(official.name));
        put(&mut node, "memberOf", Value::Array(roles));
        graph.push(Value::Object(node));
    }
}

fn meetings(dataset: &Dataset, graph: &mut Vec<Value>) {
    for m in dataset.meetings() {
        let framework = dataset
            .framework(&m.framework)
            .map_or(m.framework.as_str(), |f| f.name.as_str());
        let name = match m.ordinal {
            Some(n) => format!("{framework}: meeting {n}"),
            None => format!("{framework}: meeting of {}", m.date),
        };
        let mut node = Map::new();
        node.insert("@id".into(), json!(iri("meeting", &m.id)));
        node.insert("@type".into(), json!("Event"));
        node.insert("name".into(), json!(name));
        node.insert("startDate".into(), json!(m.date.to_string()));
        let mode = m.mode.map(|mode| match mode {
            MeetingMode::Virtual => "OnlineEventAttendanceMode",
            MeetingMode::Hybrid => "MixedEventAttendanceMode",
            _ => "OfflineEventAttendanceMode",
        });
        put(
            &mut node,
            "eventAttendanceMode",
            mode.map_or(
                Value::Null,
                |m| json!({"@id": format!("https://schema.org/{m}")}),
            ),
        );
        let host = m
            .participants
            .iter()
            .find(|p| p.capacity == crate::model::Capacity::Host);
        put(
            &mut node,
            "organizer",
            host.map_or(Value::Null, |h| node_id("organisation", &h.represents)),
        );
        let attendees: Vec<Value> = m
            .participants
            .iter()
            .map(|p| {
                let represents = dataset
                    .organisation(&p.represents)
                    .map_or_else(|| p.represents.to_string(), |o| o.name.clone());
                json!({
                    "@type": "Role",
                    "attendee": node_id("official", &p.official),
                    "roleName": p.capacity.to_string(),
                    "description": format!("{}, on behalf of {represents}", p.capacity),
                })
            })
            .collect();
        put(&mut node, "attendee", Value::Array(attendees));
        let topics: Vec<Value> = m
            .topics
            .iter()
            .map(|t| json!({"@type": "Thing", "name": t}))
            .collect();
        put(&mut node, "about", Value::Array(topics));
        graph.push(Value::Object(node));
    }
}

fn funder(f: &Funder) -> Value {
    match f {
        Funder::Organisation(o) => node_id("organisation", o),
        Funder::Fund(f) => node_id("fund", f),
    }
}

fn programmes(dataset: &Dataset, graph: &mut Vec<Value>) {
    for p in dataset.programmes() {
        let id = node_id("programme", &p.id);
        let mut node = Map::new();
        node.insert("@id".into(), json!(iri("programme", &p.id)));
        node.insert("@type".into(), json!("Project"));
        node.insert("name".into(), json!(p.name));
        put(
            &mut node,
            "alternateName",
            p.acronym.as_ref().map_or(Value::Null, |a| json!(a)),
        );
        put(
            &mut node,
            "funder",
            Value::Array(p.funders.iter().map(funder).collect()),
        );
        let implementers: Vec<Value> = p
            .implementers
            .iter()
            .map(|o| node_id("organisation", o))
            .collect();
        put(&mut node, "member", Value::Array(implementers));
        if let Some(period) = &p.period {
            node.insert("description".into(), json!(format!("runs {period}")));
        }
        graph.push(Value::Object(node));
        let amount = match &p.budget {
            Some(Budget::Exact(m)) => amount_of(&FigureValue::Money(*m), Comparator::Exactly, None),
            Some(Budget::Figure(f)) => dataset.figure(f).and_then(|f| {
                amount_of(
                    f.quantity().value(),
                    f.quantity().comparator(),
                    f.quantity().upper(),
                )
            }),
            _ => None,
        };
        if let Some(amount) = amount {
            graph.push(json!({
                "@type": "MonetaryGrant",
                "name": format!("Funding of {}", p.name),
                "fundedItem": id,
                "funder": p.funders.iter().map(funder).collect::<Vec<_>>(),
                "amount": amount,
            }));
        }
    }
}

/// A value as a `MonetaryAmount` with its bounds, for money.
fn amount_of(
    value: &FigureValue,
    comparator: Comparator,
    upper: Option<&FigureValue>,
) -> Option<Value> {
    let FigureValue::Money(m) = value else {
        return None;
    };
    let mut amount = Map::new();
    amount.insert("@type".into(), json!("MonetaryAmount"));
    amount.insert("currency".into(), json!(m.currency().code()));
    let stated = json!(m.amount().to_string());
    match comparator {
        Comparator::MoreThan | Comparator::AtLeast => {
            amount.insert("minValue".into(), stated);
        }
        Comparator::LessThan | Comparator::AtMost => {
            amount.insert("maxValue".into(), stated);
        }
        Comparator::Between => {
            amount.insert("minValue".into(), stated);
            if let Some(FigureValue::Money(u)) = upper {
                amount.insert("maxValue".into(), json!(u.amount().to_string()));
            }
        }
        _ => {
            amount.insert("value".into(), stated);
        }
    }
    Some(Value::Object(amount))
}

/// A figure as an `Observation` of what it is about, if it is about something exported.
fn observation(dataset: &Dataset, figure: &Figure) -> Option<Value> {
    let about: Vec<Value> = figure
        .subjects()
        .iter()
        .flat_map(|s| match s {
            Subject::Organisation(o) => vec![node_id("organisation", o)],
            Subject::Programme(p) => vec![node_id("programme", p)],
            Subject::Portfolio(p) => dataset
                .portfolio(p)
                .map(|p| {
                    p.parties
                        .iter()
                        .map(|o| node_id("organisation", o))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        })
        .collect();
    if about.is_empty() {
        return None;
    }
    let quantity = figure.quantity();
    let mut node = Map::new();
    node.insert("@id".into(), json!(iri("figure", figure.id())));
    node.insert("@type".into(), json!("Observation"));
    node.insert("observationAbout".into(), Value::Array(about));
    let counts = if figure.counts().is_empty() {
        figure.unit().to_string()
    } else {
        figure.counts().to_owned()
    };
    node.insert("variableMeasured".into(), json!(counts));
    node.insert("description".into(), json!(figure.to_string()));
    put(
        &mut node,
        "observationDate",
        figure.as_of().map_or(Value::Null, |d| json!(d.to_string())),
    );
    match quantity.value() {
        FigureValue::Money(_) => {
            let amount = amount_of(quantity.value(), quantity.comparator(), quantity.upper())?;
            node.insert("value".into(), amount);
        }
        FigureValue::Number(n) => {
            node.insert("unitText".into(), json!(figure.unit().to_string()));
            let stated = number(*n);
            match quantity.comparator() {
                Comparator::MoreThan | Comparator::AtLeast => {
                    node.insert("minValue".into(), stated);
                }
                Comparator::LessThan | Comparator::AtMost => {
                    node.insert("maxValue".into(), stated);
                }
                Comparator::Between => {
                    node.insert("minValue".into(), stated);
                    if let Some(FigureValue::Number(u)) = quantity.upper() {
                        node.insert("maxValue".into(), number(*u));
                    }
                }
                _ => {
                    node.insert("value".into(), stated);
                }
            }
        }
    }
    Some(Value::Object(node))
}
