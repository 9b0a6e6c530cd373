//! Writing activities as IATI 2.03 XML (feature `iati`), in the schema's element order.

use std::fmt::Write as _;
use std::io::Write;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::records::{
    Activity, ActivityBudget, ActivityResult, Coded, ContactInfo, DocumentLink, Indicator,
    Location, Narrative, OrgRef, ResultValue, Transaction, Value,
};
use crate::error::{Error, Inner};

/// Writes activities as an IATI 2.03 `iati-activities` file, one at a time.
///
/// Elements come in the order the 2.03 schema requires whatever order they were read in, text
/// and attribute values are escaped, booleans are written `1`/`0`, dates `YYYY-MM-DD`, and every
/// value keeps its value date and, when it had one, its own currency (a value that took the
/// activity's default currency is written without one, so that it takes it again). What the
/// reader read, the writer writes: reading a written file gives equal activities.
///
/// A file is valid against the 2.03 schema when the activities have what the schema requires
/// (an identifier, a reporting organisation, a title, a description, a participating
/// organisation, a status, a date; a value date on every value); the writer writes what it is
/// given and does not invent what is missing.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::{Activity, IatiReader, IatiWriter};
///
/// let xml = r#"<iati-activity default-currency="EUR"><iati-identifier>XI-IATI-EC_NEAR-1</iati-identifier>
///   <transaction><transaction-type code="D"/><value value-date="2020-10-13">10 &amp; 5</value></transaction>
/// </iati-activity>"#;
/// let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity");
///
/// let mut writer = IatiWriter::new(Vec::new())?;
/// writer.write_activity(&activity)?;
/// let bytes = writer.finish()?;
/// let text = String::from_utf8_lossy(&bytes);
/// assert!(text.contains(r#"<transaction-type code="3"/>"#));
/// assert!(text.contains(r#"<value value-date="2020-10-13">10 &amp; 5</value>"#));
///
/// let again = IatiReader::new(&bytes[..])?.next_activity()?.expect("an activity");
/// assert_eq!(Activity { version: None, ..again }, activity);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug)]
pub struct IatiWriter<W: Write> {
    out: W,
    buffer: String,
}

impl<W: Write> IatiWriter<W> {
    /// Starts a file: the XML declaration and the `iati-activities` root of version 2.03.
    ///
    /// # Errors
    ///
    /// An error of kind [`Io`](crate::ErrorKind::Io) when writing fails.
    ///
    /// # Example
    ///
    /// ```
    /// let writer = partnerships::formats::iati::IatiWriter::new(Vec::new())?;
    /// assert_eq!(writer.finish()?, b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n</iati-activities>\n");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn new(mut out: W) -> Result<Self, Error> {
        out.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n",
        )
        .map_err(|e| io_error(&e))?;
        Ok(IatiWriter {
            out,
            buffer: String::new(),
        })
    }

    /// Writes one activity.
    ///
    /// # Errors
    ///
    /// An error of kind [`Io`](crate::ErrorKind::Io) when writing fails.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::{Activity, IatiWriter};
    ///
    /// let mut writer = IatiWriter::new(Vec::new())?;
    /// writer.write_activity(&Activity { identifier: "AA-1".into(), ..Activity::default() })?;
    /// let text = String::from_utf8(writer.finish()?).unwrap_or_default();
    /// assert!(text.contains("<iati-identifier>AA-1</iati-identifier>"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn write_activity(&mut self, activity: &Activity) -> Result<(), Error> {
        self.buffer.clear();
        let mut xml = Xml {
            out: &mut self.buffer,
            depth: 1,
        };
        xml.activity(activity);
        self.out
            .write_all(self.buffer.as_bytes())
            .map_err(|e| io_error(&e))
    }

    /// Ends the file and returns the output.
    ///
    /// # Errors
    ///
    /// An error of kind [`Io`](crate::ErrorKind::Io) when writing or flushing fails.
    ///
    /// # Example
    ///
    /// ```
    /// let writer = partnerships::formats::iati::IatiWriter::new(Vec::new())?;
    /// assert!(writer.finish()?.ends_with(b"</iati-activities>\n"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn finish(mut self) -> Result<W, Error> {
        self.out
            .write_all(b"</iati-activities>\n")
            .map_err(|e| io_error(&e))?;
        self.out.flush().map_err(|e| io_error(&e))?;
        Ok(self.out)
    }
}

fn io_error(error: &std::io::Error) -> Error {
    Error::new(Inner::Io {
        source_name: "IATI output".to_owned(),
        message: error.to_string(),
    })
}

/// Text escaped so that it reads back the same: markup characters as entities, and a carriage
/// return as a character reference, since a reader turns a raw one into a line feed.
fn escape_text(text: &str) -> std::borrow::Cow<'_, str> {
    let escaped = quick_xml::escape::escape(text);
    if escaped.contains('\r') {
        std::borrow::Cow::Owned(escaped.replace('\r', "&#13;"))
    } else {
        escaped
    }
}

/// An attribute value escaped so that it reads back the same: a reader turns raw tabs and line
/// ends in attributes into spaces, so they are written as character references.
fn escape_attribute(value: &str) -> std::borrow::Cow<'_, str> {
    let escaped = quick_xml::escape::escape(value);
    if escaped.contains(['\t', '\n', '\r']) {
        std::borrow::Cow::Owned(
            escaped
                .replace('\t', "&#9;")
                .replace('\n', "&#10;")
                .replace('\r', "&#13;"),
        )
    } else {
        escaped
    }
}

/// An attribute value to write, if there is one.
type Attr<'a> = (&'a str, Option<String>);

fn code(value: Option<&impl AsRef<str>>) -> Option<String> {
    value.map(|code| code.as_ref().to_owned())
}

fn boolean(value: Option<bool>) -> Option<String> {
    value.map(|b| if b { "1" } else { "0" }.to_owned())
}

fn date(value: Option<NaiveDate>) -> Option<String> {
    value.map(|d| d.format("%Y-%m-%d").to_string())
}

fn decimal(value: Option<Decimal>) -> Option<String> {
    value.map(|d| d.to_string())
}

/// An XML text being written, with the indentation of the element open last.
struct Xml<'o> {
    out: &'o mut String,
    depth: usize,
}

impl Xml<'_> {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[Attr<'_>]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            if let Some(value) = value {
                let _ = write!(self.out, " {key}=\"{}\"", escape_attribute(value));
            }
        }
    }

    /// `<name attrs/>`.
    fn empty(&mut self, name: &str, attrs: &[Attr<'_>]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// `<name attrs>text</name>`.
    fn leaf(&mut self, name: &str, attrs: &[Attr<'_>], text: &str) {
        self.start_tag(name, attrs);
        if text.is_empty() {
            self.out.push_str("/>\n");
            return;
        }
        let _ = writeln!(self.out, ">{}</{name}>", escape_text(text));
    }

    /// `<name attrs>`, children written by `children`, `</name>`.
    fn parent(&mut self, name: &str, attrs: &[Attr<'_>], children: impl FnOnce(&mut Self)) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth = self.depth.saturating_add(1);
        children(self);
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    fn narratives(&mut self, narratives: &[Narrative]) {
        for n in narratives {
            self.leaf("narrative", &[("xml:lang", code(n.lang.as_ref()))], &n.text);
        }
    }

    /// An element holding narratives, written when there are some.
    fn narrative_element(&mut self, name: &str, attrs: &[Attr<'_>], narratives: &[Narrative]) {
        if narratives.is_empty() {
            if attrs.iter().any(|(_, v)| v.is_some()) {
                self.empty(name, attrs);
            }
            return;
        }
        self.parent(name, attrs, |x| x.narratives(narratives));
    }

    fn org(&mut self, name: &str, activity_id_attr: &str, org: &OrgRef, extra: &[Attr<'_>]) {
        let mut attrs = vec![
            ("ref", org.reference.clone()),
            ("type", code(org.kind.as_ref())),
        ];
        if !activity_id_attr.is_empty() {
            attrs.push((activity_id_attr, org.activity_id.clone()));
        }
        attrs.extend(extra.iter().cloned());
        if org.names.is_empty() {
            self.empty(name, &attrs);
        } else {
            self.parent(name, &attrs, |x| x.narratives(&org.names));
        }
    }

    fn coded(&mut self, name: &str, c: &Coded, extra: &[Attr<'_>]) {
        self.coded_as(name, c, "significance", extra);
    }

    /// A coded element with every part it holds, its significance written under the attribute
    /// the element reads it from (`level` for administrative areas, `indicator-uri` for
    /// references): what was read is written.
    fn coded_as(&mut self, name: &str, c: &Coded, significance: &str, extra: &[Attr<'_>]) {
        let mut attrs = vec![
            ("code", Some(c.code.to_string())),
            ("vocabulary", code(c.vocabulary.as_ref())),
            ("vocabulary-uri", c.vocabulary_uri.clone()),
            ("percentage", decimal(c.percentage)),
            (significance, code(c.significance.as_ref())),
        ];
        attrs.extend(extra.iter().cloned());
        if c.narratives.is_empty() {
            self.empty(name, &attrs);
        } else {
            self.parent(name, &attrs, |x| x.narratives(&c.narratives));
        }
    }

    fn code_element(&mut self, name: &str, value: Option<&impl AsRef<str>>) {
        if let Some(value) = value {
            self.empty(name, &[("code", Some(value.as_ref().to_owned()))]);
        }
    }

    fn date_element(&mut self, name: &str, value: Option<NaiveDate>) {
        if value.is_some() {
            self.empty(name, &[("iso-date", date(value))]);
        }
    }

    fn value(&mut self, name: &str, value: &Value, extra: &[Attr<'_>]) {
        let currency = value
            .currency
            .map(|c| c.code().to_owned())
            .or_else(|| value.unknown_currency.clone());
        let mut attrs = vec![
            ("currency", currency),
            ("value-date", date(value.value_date)),
        ];
        attrs.extend(extra.iter().cloned());
        self.leaf(name, &attrs, &value.text);
    }

    fn activity(&mut self, a: &Activity) {
        let attrs = [
            ("xml:lang", code(a.default_language.as_ref())),
            (
                "default-currency",
                a.default_currency.map(|c| c.code().to_owned()),
            ),
            ("last-updated-datetime", a.last_updated.clone()),
            ("humanitarian", boolean(a.humanitarian)),
            ("hierarchy", a.hierarchy.clone()),
            ("linked-data-uri", a.linked_data_uri.clone()),
            ("budget-not-provided", code(a.budget_not_provided.as_ref())),
        ];
        self.parent("iati-activity", &attrs, |x| {
            x.leaf("iati-identifier", &[], &a.identifier);
            if let Some(r) = &a.reporting_org {
                x.org(
                    "reporting-org",
                    "",
                    &r.org,
                    &[("secondary-reporter", boolean(r.secondary_reporter))],
                );
            }
            x.narrative_element("title", &[], &a.title);
            for d in &a.descriptions {
                x.parent("description", &[("type", code(d.kind.as_ref()))], |x| {
                    x.narratives(&d.narratives);
                });
            }
            for p in &a.participating_orgs {
                x.org(
                    "participating-org",
                    "activity-id",
                    &p.org,
                    &[
                        ("role", code(p.role.as_ref())),
                        ("crs-channel-code", code(p.crs_channel_code.as_ref())),
                    ],
                );
            }
            for o in &a.other_identifiers {
                let attrs = [
                    ("ref", o.reference.clone()),
                    ("type", code(o.kind.as_ref())),
                ];
                match &o.owner {
                    Some(owner) => x.parent("other-identifier", &attrs, |x| {
                        x.org("owner-org", "", owner, &[]);
                    }),
                    None => x.empty("other-identifier", &attrs),
                }
            }
            x.code_element("activity-status", a.status.as_ref());
            for d in &a.dates {
                x.narrative_element(
                    "activity-date",
                    &[("type", code(d.kind.as_ref())), ("iso-date", date(d.date))],
                    &d.narratives,
                );
            }
            for c in &a.contacts {
                x.contact(c);
            }
            x.code_element("activity-scope", a.scope.as_ref());
            x.places_and_classifications(a);
            x.money_parts(a);
        });
    }

    /// From recipient countries to the default tied status.
    fn places_and_classifications(&mut self, a: &Activity) {
        for c in &a.recipient_countries {
            self.coded("recipient-country", c, &[]);
        }
        for c in &a.recipient_regions {
            self.coded("recipient-region", c, &[]);
        }
        for l in &a.locations {
            self.location(l);
        }
        for c in &a.sectors {
            self.coded("sector", c, &[]);
        }
        for c in &a.tags {
            self.coded("tag", c, &[]);
        }
        if let Some(items) = &a.country_budget_items {
            self.parent(
                "country-budget-items",
                &[("vocabulary", code(items.vocabulary.as_ref()))],
                |x| {
                    for item in &items.items {
                        // `vocabulary` here is not in the schema, but real files write it.
                        let attrs = [
                            ("code", Some(item.code.to_string())),
                            ("vocabulary", code(item.vocabulary.as_ref())),
                            ("percentage", decimal(item.percentage)),
                            ("vocabulary-uri", item.vocabulary_uri.clone()),
                            ("significance", code(item.significance.as_ref())),
                        ];
                        x.parent("budget-item", &attrs, |x| {
                            x.narrative_element("description", &[], &item.narratives);
                        });
                    }
                },
            );
        }
        for h in &a.humanitarian_scopes {
            self.coded(
                "humanitarian-scope",
                &h.scope,
                &[("type", code(h.kind.as_ref()))],
            );
        }
        for c in &a.policy_markers {
            self.coded("policy-marker", c, &[]);
        }
        self.code_element("collaboration-type", a.collaboration_type.as_ref());
        self.code_element("default-flow-type", a.default_flow_type.as_ref());
        self.code_element("default-finance-type", a.default_finance_type.as_ref());
        for c in &a.default_aid_types {
            self.coded("default-aid-type", c, &[]);
        }
        self.code_element("default-tied-status", a.default_tied_status.as_ref());
    }

    /// Budgets, planned disbursements, capital spend, transactions and everything after.
    fn money_parts(&mut self, a: &Activity) {
        for b in &a.budgets {
            self.budget(b);
        }
        for p in &a.planned_disbursements {
            self.parent(
                "planned-disbursement",
                &[("type", code(p.kind.as_ref()))],
                |x| {
                    x.date_element("period-start", p.period_start);
                    x.date_element("period-end", p.period_end);
                    if let Some(v) = &p.value {
                        x.value("value", v, &[]);
                    }
                    if let Some(o) = &p.provider {
                        x.org("provider-org", "provider-activity-id", o, &[]);
                    }
                    if let Some(o) = &p.receiver {
                        x.org("receiver-org", "receiver-activity-id", o, &[]);
                    }
                },
            );
        }
        if a.capital_spend.is_some() {
            self.empty("capital-spend", &[("percentage", decimal(a.capital_spend))]);
        }
        for t in &a.transactions {
            self.transaction(t);
        }
        for d in &a.document_links {
            self.document_link(d);
        }
        for r in &a.related_activities {
            self.empty(
                "related-activity",
                &[
                    ("ref", r.reference.clone()),
                    ("type", code(r.kind.as_ref())),
                ],
            );
        }
        for l in &a.legacy_data {
            let attrs = [
                ("name", l.name.clone()),
                ("value", l.value.clone()),
                ("iati-equivalent", l.iati_equivalent.clone()),
            ];
            self.empty("legacy-data", &attrs);
        }
        if let Some(c) = &a.conditions {
            self.parent("conditions", &[("attached", boolean(c.attached))], |x| {
                for condition in &c.conditions {
                    x.parent(
                        "condition",
                        &[("type", code(condition.kind.as_ref()))],
                        |x| x.narratives(&condition.narratives),
                    );
                }
            });
        }
        for r in &a.results {
            self.result(r);
        }
        self.crs_and_fss(a);
    }

    /// The CRS additions and the forward spending survey, the schema's last elements.
    fn crs_and_fss(&mut self, a: &Activity) {
        if let Some(crs) = &a.crs_add {
            self.parent("crs-add", &[], |x| {
                for f in &crs.other_flags {
                    x.coded("other-flags", f, &[]);
                }
                let has_terms = crs.rate_1.is_some()
                    || crs.rate_2.is_some()
                    || crs.repayment_type.is_some()
                    || crs.repayment_plan.is_some()
                    || crs.commitment_date.is_some()
                    || crs.repayment_first_date.is_some()
                    || crs.repayment_final_date.is_some();
                if has_terms {
                    x.parent(
                        "loan-terms",
                        &[
                            ("rate-1", decimal(crs.rate_1)),
                            ("rate-2", decimal(crs.rate_2)),
                        ],
                        |x| {
                            x.code_element("repayment-type", crs.repayment_type.as_ref());
                            x.code_element("repayment-plan", crs.repayment_plan.as_ref());
                            x.date_element("commitment-date", crs.commitment_date);
                            x.date_element("repayment-first-date", crs.repayment_first_date);
                            x.date_element("repayment-final-date", crs.repayment_final_date);
                        },
                    );
                }
                if let Some(s) = &crs.loan_status {
                    let attrs = [
                        ("year", s.year.clone()),
                        ("currency", s.currency.map(|c| c.code().to_owned())),
                        ("value-date", date(s.value_date)),
                    ];
                    x.parent("loan-status", &attrs, |x| {
                        for (name, value) in [
                            ("interest-received", &s.interest_received),
                            ("principal-outstanding", &s.principal_outstanding),
                            ("principal-arrears", &s.principal_arrears),
                            ("interest-arrears", &s.interest_arrears),
                        ] {
                            if let Some(value) = value {
                                x.leaf(name, &[], &value.text);
                            }
                        }
                    });
                }
                if let Some(channel) = &crs.channel_code {
                    x.leaf("channel-code", &[], channel);
                }
            });
        }
        if let Some(f) = &a.fss {
            let attrs = [
                ("extraction-date", date(f.extraction_date)),
                ("priority", boolean(f.priority)),
                ("phaseout-year", f.phaseout_year.clone()),
            ];
            self.parent("fss", &attrs, |x| {
                for (year, value) in &f.forecasts {
                    x.value("forecast", value, &[("year", year.clone())]);
                }
            });
        }
    }

    fn contact(&mut self, c: &ContactInfo) {
        self.parent("contact-info", &[("type", code(c.kind.as_ref()))], |x| {
            x.narrative_element("organisation", &[], &c.organisation);
            x.narrative_element("department", &[], &c.department);
            x.narrative_element("person-name", &[], &c.person_name);
            x.narrative_element("job-title", &[], &c.job_title);
            for t in &c.telephone {
                x.leaf("telephone", &[], t);
            }
            for e in &c.email {
                x.leaf("email", &[], e);
            }
            for w in &c.website {
                x.leaf("website", &[], w);
            }
            for m in &c.mailing_address {
                x.narrative_element("mailing-address", &[], m);
            }
        });
    }

    fn location(&mut self, l: &Location) {
        self.parent("location", &[("ref", l.reference.clone())], |x| {
            x.code_element("location-reach", l.reach.as_ref());
            for id in &l.ids {
                x.coded("location-id", id, &[]);
            }
            x.narrative_element("name", &[], &l.name);
            x.narrative_element("description", &[], &l.description);
            x.narrative_element("activity-description", &[], &l.activity_description);
            for a in &l.administrative {
                x.coded_as("administrative", a, "level", &[]);
            }
            if let Some(p) = &l.point {
                x.parent("point", &[("srsName", p.srs_name.clone())], |x| {
                    if let Some(pos) = &p.pos {
                        x.leaf("pos", &[], pos);
                    }
                });
            }
            x.code_element("exactness", l.exactness.as_ref());
            x.code_element("location-class", l.class.as_ref());
            x.code_element("feature-designation", l.feature_designation.as_ref());
        });
    }

    fn budget(&mut self, b: &ActivityBudget) {
        self.parent(
            "budget",
            &[
                ("type", code(b.kind.as_ref())),
                ("status", code(b.status.as_ref())),
            ],
            |x| {
                x.date_element("period-start", b.period_start);
                x.date_element("period-end", b.period_end);
                if let Some(v) = &b.value {
                    x.value("value", v, &[]);
                }
            },
        );
    }

    fn transaction(&mut self, t: &Transaction) {
        self.parent(
            "transaction",
            &[
                ("ref", t.reference.clone()),
                ("humanitarian", boolean(t.humanitarian)),
            ],
            |x| {
                x.code_element("transaction-type", t.kind.as_ref());
                x.date_element("transaction-date", t.date);
                if let Some(v) = &t.value {
                    x.value("value", v, &[]);
                }
                x.narrative_element("description", &[], &t.description);
                if let Some(o) = &t.provider {
                    x.org("provider-org", "provider-activity-id", o, &[]);
                }
                if let Some(o) = &t.receiver {
                    x.org("receiver-org", "receiver-activity-id", o, &[]);
                }
                x.code_element("disbursement-channel", t.disbursement_channel.as_ref());
                for c in &t.sectors {
                    x.coded("sector", c, &[]);
                }
                for c in &t.recipient_countries {
                    x.coded("recipient-country", c, &[]);
                }
                for c in &t.recipient_regions {
                    x.coded("recipient-region", c, &[]);
                }
                x.code_element("flow-type", t.flow_type.as_ref());
                x.code_element("finance-type", t.finance_type.as_ref());
                for c in &t.aid_types {
                    x.coded("aid-type", c, &[]);
                }
                x.code_element("tied-status", t.tied_status.as_ref());
            },
        );
    }

    fn document_link(&mut self, d: &DocumentLink) {
        self.parent(
            "document-link",
            &[("format", d.format.clone()), ("url", d.url.clone())],
            |x| {
                x.narrative_element("title", &[], &d.title);
                x.narrative_element("description", &[], &d.description);
                for c in &d.categories {
                    x.empty("category", &[("code", Some(c.to_string()))]);
                }
                for l in &d.languages {
                    x.empty("language", &[("code", Some(l.to_string()))]);
                }
                x.date_element("document-date", d.date);
                for c in &d.recipient_countries {
                    x.coded("recipient-country", c, &[]);
                }
            },
        );
    }

    fn references(&mut self, references: &[Coded], uri_attr: &str) {
        for r in references {
            self.coded_as("reference", r, uri_attr, &[]);
        }
    }

    fn result(&mut self, r: &ActivityResult) {
        self.parent(
            "result",
            &[
                ("type", code(r.kind.as_ref())),
                ("aggregation-status", boolean(r.aggregation_status)),
            ],
            |x| {
                x.narrative_element("title", &[], &r.title);
                x.narrative_element("description", &[], &r.description);
                for d in &r.document_links {
                    x.document_link(d);
                }
                x.references(&r.references, "indicator-uri");
                for i in &r.indicators {
                    x.indicator(i);
                }
            },
        );
    }

    fn indicator(&mut self, i: &Indicator) {
        let attrs = [
            ("measure", code(i.measure.as_ref())),
            ("ascending", boolean(i.ascending)),
            ("aggregation-status", boolean(i.aggregation_status)),
        ];
        self.parent("indicator", &attrs, |x| {
            x.narrative_element("title", &[], &i.title);
            x.narrative_element("description", &[], &i.description);
            for d in &i.document_links {
                x.document_link(d);
            }
            x.references(&i.references, "indicator-uri");
            for b in &i.baselines {
                x.result_value("baseline", b, true);
            }
            for p in &i.periods {
                x.parent("period", &[], |x| {
                    x.date_element("period-start", p.start);
                    x.date_element("period-end", p.end);
                    for t in &p.targets {
                        x.result_value("target", t, false);
                    }
                    for t in &p.actuals {
                        x.result_value("actual", t, false);
                    }
                });
            }
        });
    }

    /// A baseline, target or actual; the schema puts a baseline's comment after its documents
    /// and a target's or actual's before them.
    fn result_value(&mut self, name: &str, v: &ResultValue, baseline: bool) {
        let attrs = [
            ("year", v.year.clone()),
            ("iso-date", date(v.date)),
            ("value", v.raw.clone()),
        ];
        let empty = v.locations.is_empty()
            && v.dimensions.is_empty()
            && v.document_links.is_empty()
            && v.comment.is_empty();
        if empty {
            self.empty(name, &attrs);
            return;
        }
        self.parent(name, &attrs, |x| {
            for l in &v.locations {
                x.empty("location", &[("ref", Some(l.clone()))]);
            }
            for (dimension, value) in &v.dimensions {
                x.empty(
                    "dimension",
                    &[
                        ("name", Some(dimension.clone())),
                        ("value", Some(value.clone())),
                    ],
                );
            }
            if !baseline {
                x.narrative_element("comment", &[], &v.comment);
            }
            for d in &v.document_links {
                x.document_link(d);
            }
            if baseline {
                x.narrative_element("comment", &[], &v.comment);
            }
        });
    }
}

/// Writes activities as one IATI 2.03 file.
///
/// # Errors
///
/// An error of kind [`Io`](crate::ErrorKind::Io) when writing fails.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::{Activity, write_activities};
///
/// let activity = Activity { identifier: "AA-1".into(), ..Activity::default() };
/// let mut out = Vec::new();
/// write_activities([&activity], &mut out)?;
/// assert!(String::from_utf8_lossy(&out).contains("<iati-identifier>AA-1</iati-identifier>"));
/// # Ok::<(), partnerships::Error>(())
/// ```
pub fn write_activities<'a, W: Write>(
    activities: impl IntoIterator<Item = &'a Activity>,
    out: W,
) -> Result<W, Error> {
    let mut writer = IatiWriter::new(out)?;
    for activity in activities {
        writer.write_activity(activity)?;
    }
    writer.finish()
}
