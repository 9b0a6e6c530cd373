//! The IATI reader on real publisher files, the standard's own fixtures, every encoding and
//! hostile input.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use partnerships::formats::iati::code::{
    ActivityDateType, OrganisationRole, OrganisationType, TransactionType,
};
use partnerships::formats::iati::{
    Activity, Diagnostic, DiagnosticKind, IatiReader, ImportReport, Limits, Record,
};
use partnerships::validate::Severity;
use partnerships::{Currency, ErrorKind};

const FUNDING: OrganisationRole = OrganisationRole::FUNDING;
const IMPLEMENTING: OrganisationRole = OrganisationRole::IMPLEMENTING;
use quick_xml::events::Event;
use rust_decimal::Decimal;

use crate::data;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_in(&path));
        } else if path.extension().is_some_and(|e| e == "xml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Reads every record of a file; the error, if the file stops early.
fn read_all(bytes: &[u8]) -> (Vec<Record>, ImportReport, Option<partnerships::Error>) {
    let mut reader = IatiReader::new(bytes).unwrap();
    let mut records = Vec::new();
    let error = loop {
        match reader.next_record() {
            Ok(Some(record)) => records.push(record),
            Ok(None) => break None,
            Err(e) => break Some(e),
        }
    };
    (records, reader.into_report(), error)
}

fn activities(records: Vec<Record>) -> Vec<Activity> {
    records
        .into_iter()
        .filter_map(|r| match r {
            Record::Activity(a) => Some(*a),
            _ => None,
        })
        .collect()
}

fn read_activities(xml: &str) -> (Vec<Activity>, ImportReport) {
    let (records, report, error) = read_all(xml.as_bytes());
    assert!(error.is_none(), "{error:?}");
    (activities(records), report)
}

/// Transaction totals by type code and currency, computed from the XML events directly: the
/// type from `transaction-type/@code` (or its text), version-1 letters mapped, the currency
/// from `value/@currency` or the activity's `@default-currency`.
fn independent_totals(bytes: &[u8]) -> BTreeMap<(String, String), Decimal> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut totals = BTreeMap::new();
    let mut default_currency = None::<String>;
    let (mut in_transaction, mut in_type, mut in_value) = (false, false, false);
    let mut kind = None::<String>;
    let mut value = None::<(Option<String>, String)>;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).unwrap();
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "iati-activity" => default_currency = attr(e, "default-currency"),
                    "transaction" => {
                        in_transaction = !empty;
                        kind = None;
                        value = None;
                    }
                    "transaction-type" if in_transaction => {
                        kind = attr(e, "code");
                        in_type = !empty && kind.is_none();
                    }
                    "value" if in_transaction => {
                        value = Some((attr(e, "currency"), String::new()));
                        in_value = !empty;
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_type => kind = Some(t.trim().to_owned()),
            Event::Text(t) if in_value => {
                if let Some((_, text)) = &mut value {
                    text.push_str(&t);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "transaction-type" => in_type = false,
                "value" => in_value = false,
                "transaction" => {
                    in_transaction = false;
                    let kind = kind.take().map(|k| match k.to_ascii_uppercase().as_str() {
                        "IF" => "1".to_owned(),
                        "C" => "2".to_owned(),
                        "D" => "3".to_owned(),
                        "E" => "4".to_owned(),
                        "IR" => "5".to_owned(),
                        "LR" => "6".to_owned(),
                        "R" => "7".to_owned(),
                        "QP" => "8".to_owned(),
                        "QS" => "9".to_owned(),
                        "CG" => "10".to_owned(),
                        _ => k,
                    });
                    if let (Some(kind), Some((currency, text))) = (kind, value.take()) {
                        let currency = currency.or_else(|| default_currency.clone());
                        if let (Some(currency), Ok(amount)) =
                            (currency, text.trim().parse::<Decimal>())
                        {
                            *totals
                                .entry((kind, currency.to_ascii_uppercase()))
                                .or_default() += amount;
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    totals
}

fn reader_totals(activities: &[Activity]) -> BTreeMap<(String, String), Decimal> {
    let mut totals = BTreeMap::new();
    for t in activities.iter().flat_map(|a| &a.transactions) {
        if let (Some(kind), Some(money)) = (&t.kind, t.value.as_ref().and_then(|v| v.money)) {
            *totals
                .entry((kind.to_string(), money.currency().code().to_owned()))
                .or_default() += money.amount();
        }
    }
    totals
}

#[test]
fn every_real_file_reads_whole_with_independently_checked_totals() {
    let files = files_in(&data("iati/real"));
    assert_eq!(files.len(), 13);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let (records, report, error) = read_all(&bytes);
        assert!(error.is_none(), "{}: {error:?}", path.display());
        let text = String::from_utf8_lossy(&bytes);
        let elements =
            text.matches("<iati-activity>").count() + text.matches("<iati-activity ").count();
        let activities = activities(records);
        assert_eq!(activities.len(), elements, "{}", path.display());
        assert_eq!(report.activities, u64::try_from(elements).unwrap());
        let expected = independent_totals(&bytes);
        assert!(!expected.is_empty(), "{}", path.display());
        assert_eq!(reader_totals(&activities), expected, "{}", path.display());
    }
}

#[test]
fn real_files_keep_what_the_portal_added_out_of_the_typed_values_and_count_it() {
    let bytes = std::fs::read(data("iati/real/ec-near-covid-2021-p92.xml")).unwrap();
    let (records, report, _) = read_all(&bytes);
    let activities = activities(records);
    assert_eq!(
        report.unread.get("iati-activity/@dstore:dataset"),
        Some(&100)
    );
    assert_eq!(report.unread.get("iati-activity/@dstore:index"), Some(&100));
    assert_eq!(report.version.as_deref(), Some("2.03"));
    // The Commission paid IOM by name only: the name is kept, with no identifier invented.
    let to_iom = activities
        .iter()
        .flat_map(|a| &a.transactions)
        .filter_map(|t| t.receiver.as_ref())
        .filter(|r| {
            r.names
                .iter()
                .any(|n| n.text.contains("International Organization For Migration"))
        })
        .collect::<Vec<_>>();
    assert!(!to_iom.is_empty());
    assert!(to_iom.iter().all(|r| r.reference.is_none()));
}

#[test]
fn a_bare_activity_root_reads() {
    let bytes = std::fs::read(data("iati/real/iom-single-activity.xml")).unwrap();
    let (records, report, error) = read_all(&bytes);
    assert!(error.is_none());
    let activities = activities(records);
    assert_eq!(activities.len(), 1);
    let activity = &activities[0];
    assert_eq!(activity.identifier, "XM-DAC-47066-DP.2154");
    assert_eq!(activity.version.as_deref(), Some("2.03"));
    assert_eq!(activity.default_currency, Some(Currency::USD));
    assert_eq!(activity.default_language.as_deref(), Some("en"));
    assert_eq!(report.version, None);
}

/// The records of a test data file that reads with no error, nothing unread and no diagnostic.
fn read_cleanly(path: &str) -> Vec<Record> {
    let bytes = std::fs::read(data(path)).unwrap();
    let (records, report, error) = read_all(&bytes);
    assert!(error.is_none(), "{path}: {error:?}");
    assert_eq!(report.unread, BTreeMap::new(), "{path}");
    assert_eq!(report.diagnostics, Vec::<Diagnostic>::new(), "{path}");
    records
}

#[test]
fn the_official_examples_read_with_nothing_unread() {
    let records = read_cleanly("iati/examples/activity-standard-example-annotated.xml");
    let a = &activities(records)[0];
    assert_eq!(a.identifier, "AA-AAA-123456789-ABC123");
    assert_eq!(a.participating_orgs.len(), 3);
    assert_eq!(
        a.participating_orgs[2].crs_channel_code.as_deref(),
        Some("000000")
    );
    assert_eq!(
        a.budgets[0]
            .value
            .as_ref()
            .unwrap()
            .money
            .unwrap()
            .to_string(),
        "EUR 3000"
    );
    assert_eq!(a.transactions[0].aid_types.len(), 2);
    assert_eq!(
        a.locations[0].point.as_ref().unwrap().pos.as_deref(),
        Some("31.616944 65.716944")
    );
    let indicator = &a.results[0].indicators[0];
    assert_eq!(indicator.baselines[0].number, Some(Decimal::from(10)));
    assert_eq!(indicator.periods[0].actuals[0].raw.as_deref(), Some("11"));
    assert_eq!(
        indicator.baselines[0].dimensions[0],
        ("sex".to_owned(), "female".to_owned())
    );
    let crs = a.crs_add.as_ref().unwrap();
    let loan = crs.loan_status.as_ref().unwrap();
    assert_eq!(
        loan.principal_outstanding
            .as_ref()
            .unwrap()
            .money
            .unwrap()
            .to_string(),
        "GBP 1500000"
    );
    assert_eq!(
        a.fss.as_ref().unwrap().forecasts[0]
            .1
            .money
            .unwrap()
            .to_string(),
        "GBP 10000"
    );

    let records = read_cleanly("iati/examples/organisation-standard-example-annotated.xml");
    let Some(Record::Organisation(org)) = records.into_iter().next() else {
        panic!("an organisation")
    };
    assert_eq!(org.identifier, "AA-AAA-123456789");
    assert_eq!(
        org.total_budgets[0].lines[0]
            .value
            .as_ref()
            .unwrap()
            .money
            .unwrap()
            .to_string(),
        "USD 200000000"
    );
    assert_eq!(
        org.recipient_country_budgets[0]
            .recipient_area
            .as_ref()
            .unwrap()
            .code,
        "AF"
    );
    assert!(!org.total_expenditures.is_empty());
}

#[test]
fn every_file_that_should_pass_the_schema_reads_without_an_error() {
    let files = files_in(&data("iati/should-pass"));
    assert!(files.len() > 150);
    let mut blank = 0;
    for path in files {
        let (_, report, error) = read_all(&std::fs::read(&path).unwrap());
        assert!(error.is_none(), "{}: {error:?}", path.display());
        // The schema takes an empty identifier (it is a string); the Standard's rules do not,
        // and neither does the reader: the only error these files may give.
        blank += report
            .diagnostic_counts
            .get(&DiagnosticKind::BlankIdentifier)
            .copied()
            .unwrap_or(0);
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity() == Severity::Error && d.kind != DiagnosticKind::BlankIdentifier
            })
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    assert!(blank > 0, "the schema's tests hold empty identifiers");
}

/// Files that break the schema and that the reader reads all the same, each with why.
const ACCEPTED_LENIENTLY: &[(&str, &str)] = &[(
    "iati-organisations/iati-organisation/document-link/description/err-not-iati-xml-missing-required-element_document-link-with-optional-description-element-no-narrative.xml",
    "an empty description is read as a description with no text: nothing is lost or invented",
)];

#[test]
fn every_file_that_should_fail_the_schema_is_reported_or_listed() {
    let files = files_in(&data("iati/should-fail"));
    assert!(files.len() > 90);
    let mut unreported = Vec::new();
    for path in &files {
        let (_, report, error) = read_all(&std::fs::read(path).unwrap());
        let name = path
            .strip_prefix(data("iati/should-fail"))
            .unwrap()
            .display()
            .to_string();
        let reported =
            error.is_some() || !report.diagnostics.is_empty() || !report.unread.is_empty();
        let listed = ACCEPTED_LENIENTLY.iter().any(|(file, _)| *file == name);
        assert!(
            !(reported && listed),
            "{name} is reported; take it off the list"
        );
        if !reported && !listed {
            unreported.push(name);
        }
    }
    assert!(unreported.is_empty(), "{unreported:#?}");
}

#[test]
fn every_encoding_reads_the_same_activities() {
    let utf8 =
        read_activities(&std::fs::read_to_string(data("iati/encoding/valid-UTF-8.xml")).unwrap()).0;
    assert_eq!(utf8.len(), 4);
    for (file, encoding) in [
        ("valid-UTF-16.xml", "UTF-16LE"),
        ("valid-UTF-16LE.xml", "UTF-16LE"),
        ("valid-UTF-16BE.xml", "UTF-16BE"),
        ("valid-UTF-32.xml", "UTF-32LE"),
    ] {
        let (records, report, error) =
            read_all(&std::fs::read(data("iati/encoding").join(file)).unwrap());
        assert!(error.is_none(), "{file}: {error:?}");
        assert_eq!(report.encoding, encoding, "{file}");
        let activities = activities(records);
        assert_eq!(activities, utf8[..activities.len()], "{file}");
        assert!(!activities.is_empty(), "{file}");
    }
    // UTF-16 without a byte-order mark is known by how `<?xml` is written.
    let (records, report, error) =
        read_all(&std::fs::read(data("iati/encoding/valid-undetectable-encoding.xml")).unwrap());
    assert!(error.is_none(), "{error:?}");
    assert_eq!(report.encoding, "UTF-16LE");
    assert_eq!(activities(records).len(), 1);
}

#[test]
fn bytes_in_another_encoding_are_a_clear_error_with_their_place() {
    let (records, _, error) =
        read_all(&std::fs::read(data("iati/encoding/valid-windows-1252.xml")).unwrap());
    assert!(records.is_empty());
    let error = error.unwrap();
    assert_eq!(error.kind(), ErrorKind::Xml);
    // `      <narrative>` and then the byte 0x9F, which is `Ÿ` in windows-1252.
    assert_eq!(error.line_column(), Some((7, 18)));
    assert_eq!(
        error.to_string(),
        "cannot read XML at line 7, column 18: bytes that are not UTF-8, and the file has no \
         byte-order mark or declaration of another encoding"
    );
    let declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<iati-activities>\n<iati-activity><iati-identifier>caf\u{e9}</iati-identifier></iati-activity></iati-activities>";
    let latin1: Vec<u8> = declared
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let error = read_all(&latin1).2.unwrap();
    assert!(
        error
            .to_string()
            .contains("the file declares ISO-8859-1, which this reader does not decode"),
        "{error}"
    );
}

#[test]
fn version_one_codes_are_mapped_with_a_warning_each() {
    let (activities, report) = read_activities(
        r#"<iati-activities version="2.03"><iati-activity default-currency="EUR">
<iati-identifier>AA-1</iati-identifier>
<participating-org role="Funding" ref="XI-IATI-EC_ECHO"/>
<activity-date type="start-actual" iso-date="2020-01-01"/>
<transaction><transaction-type code="D"/><value>10</value></transaction>
<transaction><transaction-type code="IF"/><value>5</value></transaction>
</iati-activity></iati-activities>"#,
    );
    let a = &activities[0];
    assert_eq!(
        a.participating_orgs[0].role,
        Some(OrganisationRole::FUNDING)
    );
    assert_eq!(a.dates[0].kind, Some(ActivityDateType::ACTUAL_START));
    let kinds: Vec<_> = a.transactions.iter().map(|t| t.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            Some(TransactionType::DISBURSEMENT),
            Some(TransactionType::INCOMING_FUNDS)
        ]
    );
    let messages: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "line 3, column 1, activity AA-1, iati-activity/participating-org/@role: warning: version-one-code: version-1 code \"Funding\" read as \"1\"",
            "line 4, column 1, activity AA-1, iati-activity/activity-date/@type: warning: version-one-code: version-1 code \"start-actual\" read as \"2\"",
            "line 5, column 14, activity AA-1, iati-activity/transaction/transaction-type/@code: warning: version-one-code: version-1 code \"D\" read as \"3\"",
            "line 6, column 14, activity AA-1, iati-activity/transaction/transaction-type/@code: warning: version-one-code: version-1 code \"IF\" read as \"1\"",
        ]
    );
}

#[test]
fn values_take_their_own_currency_or_the_default_and_never_a_guess() {
    let (activities, report) = read_activities(
        r#"<iati-activities>
<iati-activity default-currency="USD"><iati-identifier>AA-1</iati-identifier>
  <budget><value value-date="2020-01-01">100.50</value></budget>
  <budget><value currency="EUR">7</value></budget>
  <budget><value currency="ZZZ">8</value></budget>
  <budget><value>1,000</value></budget>
</iati-activity>
<iati-activity><iati-identifier>AA-2</iati-identifier>
  <budget><value>9</value></budget>
</iati-activity></iati-activities>"#,
    );
    let money: Vec<Option<String>> = activities
        .iter()
        .flat_map(|a| &a.budgets)
        .map(|b| b.value.as_ref().unwrap().money.map(|m| m.to_string()))
        .collect();
    assert_eq!(
        money,
        [
            Some("USD 100.50".to_owned()),
            Some("EUR 7".to_owned()),
            None,
            None,
            None
        ]
    );
    let first = activities[0].budgets[0].value.as_ref().unwrap();
    assert_eq!(first.currency, None);
    assert_eq!(
        first.value_date,
        chrono::NaiveDate::from_ymd_opt(2020, 1, 1)
    );
    assert_eq!(activities[1].budgets[0].value.as_ref().unwrap().text, "9");
    let kinds: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.kind, d.record.clone(), d.line))
        .collect();
    assert_eq!(
        kinds,
        [
            (DiagnosticKind::UnknownCurrency, Some("AA-1".to_owned()), 5),
            (DiagnosticKind::InvalidNumber, Some("AA-1".to_owned()), 6),
            (DiagnosticKind::MissingCurrency, Some("AA-2".to_owned()), 9),
        ]
    );
    assert_eq!(report.error_count(), 2);
}

#[test]
fn result_values_keep_what_was_written_beside_the_number() {
    let (activities, report) = read_activities(
        r#"<iati-activity><iati-identifier>AA-1</iati-identifier>
<result type="2" aggregation-status="true"><indicator measure="1" ascending="0">
  <baseline year="201" value="N/A"/>
  <period><actual value="Yes"/><actual value="84000"/><actual/></period>
</indicator></result></iati-activity>"#,
    );
    let result = &activities[0].results[0];
    assert_eq!(result.aggregation_status, Some(true));
    let indicator = &result.indicators[0];
    assert_eq!(indicator.ascending, Some(false));
    assert_eq!(indicator.baselines[0].raw.as_deref(), Some("N/A"));
    assert_eq!(indicator.baselines[0].number, None);
    assert_eq!(indicator.baselines[0].year.as_deref(), Some("201"));
    let actuals: Vec<_> = indicator.periods[0]
        .actuals
        .iter()
        .map(|a| (a.raw.as_deref(), a.number))
        .collect();
    assert_eq!(
        actuals,
        [
            (Some("Yes"), None),
            (Some("84000"), Some(Decimal::from(84_000))),
            (None, None)
        ]
    );
    assert!(report.diagnostics.is_empty());
}

#[test]
fn booleans_are_read_leniently_and_nonsense_is_reported() {
    let (activities, report) = read_activities(
        r#"<iati-activities>
<iati-activity humanitarian="1"><iati-identifier>A</iati-identifier></iati-activity>
<iati-activity humanitarian="false"><iati-identifier>B</iati-identifier></iati-activity>
<iati-activity humanitarian="Yes"><iati-identifier>C</iati-identifier></iati-activity>
<iati-activity humanitarian="maybe"><iati-identifier>D</iati-identifier></iati-activity>
</iati-activities>"#,
    );
    let values: Vec<_> = activities.iter().map(|a| a.humanitarian).collect();
    assert_eq!(values, [Some(true), Some(false), Some(true), None]);
    let kinds: Vec<_> = report.diagnostics.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [
            DiagnosticKind::LenientBoolean,
            DiagnosticKind::InvalidBoolean
        ]
    );
}

#[test]
fn elements_out_of_order_are_read_with_a_note() {
    let (activities, report) = read_activities(
        r#"<iati-activity><activity-date type="1" iso-date="2020-01-01"/>
<iati-identifier>AA-1</iati-identifier><participating-org role="4" ref="XM-DAC-47066"/></iati-activity>"#,
    );
    assert_eq!(activities[0].identifier, "AA-1");
    assert_eq!(activities[0].participating_orgs.len(), 1);
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].kind, DiagnosticKind::OutOfOrder);
    assert_eq!(
        report.diagnostics[0].message,
        "<iati-identifier> comes after <activity-date>; read all the same"
    );
    assert_eq!(report.diagnostics[0].line, 2);
}

#[test]
fn codes_are_checked_against_the_codelists_only_when_asked() {
    let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier>
<participating-org role="7" type="40"/><recipient-country code="XX"/>
<sector vocabulary="1" code="15110"/><sector vocabulary="99" code="own"/>
</iati-activity>"#;
    let mut reader = IatiReader::new(xml.as_bytes()).unwrap();
    while reader.next_record().unwrap().is_some() {}
    assert!(reader.report().diagnostics.is_empty());
    let mut reader = IatiReader::new(xml.as_bytes())
        .unwrap()
        .with_codelist_checks(true);
    while reader.next_record().unwrap().is_some() {}
    let messages: Vec<_> = reader
        .report()
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "\"7\" is not in the OrganisationRole codelist",
            "\"XX\" is not in the Country codelist"
        ]
    );
}

#[test]
fn every_unread_element_and_attribute_is_counted_by_path() {
    let (_, report) = read_activities(
        r#"<iati-activities generated-datetime="2021-01-01T00:00:00" version="2.03">
<iati-activity my:flag="1" xmlns:my="http://example.org">
  <iati-identifier>AA-1</iati-identifier>
  <my:extension><my:part/></my:extension>
  <activity-status code="2" extra="x">stray text</activity-status>
</iati-activity></iati-activities>"#,
    );
    let unread: Vec<(&str, u64)> = report
        .unread
        .iter()
        .map(|(p, n)| (p.as_str(), *n))
        .collect();
    assert_eq!(report.generated.as_deref(), Some("2021-01-01T00:00:00"));
    assert_eq!(
        unread,
        [
            ("iati-activity/@my:flag", 1),
            ("iati-activity/activity-status/@extra", 1),
            ("iati-activity/activity-status/text()", 1),
            ("iati-activity/my:extension", 1),
            ("iati-activity/my:extension/my:part", 1),
        ]
    );
}

#[test]
fn records_before_an_error_are_kept_and_the_error_names_its_place() {
    let (records, report, error) = read_all(b"<iati-activities>\n<iati-activity><iati-identifier>A</iati-identifier></iati-activity>\n<iati-activity><iati-identifier>B</iati-identifier></title>\n</iati-activities>");
    assert_eq!(records.len(), 1);
    assert_eq!(report.activities, 1);
    let error = error.unwrap();
    assert_eq!(error.kind(), ErrorKind::Xml);
    assert_eq!(error.line_column(), Some((3, 52)));
}

#[test]
fn each_hostile_xml_file_gives_its_error_quickly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut checked = 0;
    for path in files_in(&dir) {
        let expected = std::fs::read_to_string(path.with_extension("error")).unwrap();
        let started = Instant::now();
        let limits = Limits {
            max_depth: 64,
            ..Limits::default()
        };
        let mut reader = IatiReader::with_limits(
            std::fs::File::open(&path)
                .map(std::io::BufReader::new)
                .unwrap(),
            limits,
        )
        .unwrap();
        let error = loop {
            match reader.next_record() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("{} read without an error", path.display()),
                Err(e) => break e,
            }
        };
        assert_eq!(format!("{error}\n"), expected, "{}", path.display());
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
        checked += 1;
    }
    assert!(checked >= 8);
}

/// The error reading `xml` under `limits` stops at: a limit, whose message is returned.
fn limit_error(xml: &str, limits: Limits) -> String {
    let error = IatiReader::with_limits(xml.as_bytes(), limits)
        .unwrap()
        .next_record()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::LimitExceeded, "{error}");
    error.to_string()
}

#[test]
fn the_limits_hold_for_text_records_and_files() {
    let long = format!(
        "<iati-activity><iati-identifier>{}</iati-identifier></iati-activity>",
        "x".repeat(5000)
    );
    assert_eq!(
        limit_error(&long, Limits { max_text_bytes: 1000, ..Limits::default() }),
        "limit exceeded at line 1, column 1017: a text, tag or attribute value is longer than the limit of 1000 bytes"
    );
    let many = format!(
        "<iati-activity><iati-identifier>A</iati-identifier>{}</iati-activity>",
        "<sector code=\"1\"/>".repeat(1000)
    );
    let record = limit_error(
        &many,
        Limits {
            max_record_bytes: 2000,
            ..Limits::default()
        },
    );
    assert!(
        record.ends_with("a record is larger than the record limit"),
        "{record}"
    );
    assert_eq!(
        limit_error(
            &many,
            Limits {
                max_file_bytes: Some(100),
                ..Limits::default()
            }
        ),
        "limit exceeded at line 1, column 101: the file is longer than the limit of 100 bytes"
    );
}

#[test]
fn a_file_cut_at_any_byte_fails_cleanly_or_reads_fewer_records() {
    let text = std::fs::read(data("iati/real/iom-single-activity.xml")).unwrap();
    let whole = read_all(&text).0;
    let complete = text.trim_ascii_end().len();
    for end in 0..complete {
        let (records, _, error) = read_all(&text[..end]);
        // Only the whole file holds the whole activity; a cut one stops with an error (or,
        // cut before the root, reads nothing).
        assert!(records.is_empty(), "cut at {end}");
        if end > 60 {
            let error = error.unwrap_or_else(|| panic!("cut at {end} read without an error"));
            assert!(
                matches!(error.kind(), ErrorKind::Xml),
                "cut at {end}: {error}"
            );
            assert!(error.line_column().is_some());
        }
    }
    assert_eq!(whole.len(), 1);
    // UTF-16 cut at every byte, including inside a code unit.
    let utf16 = std::fs::read(data("iati/encoding/valid-UTF-16BE.xml")).unwrap();
    for end in (0..utf16.len()).step_by(7) {
        let _ = read_all(&utf16[..end]);
    }
}

#[test]
fn the_reader_streams_one_record_at_a_time() {
    // A reader over an endless source of activities gives the first ones without reading on.
    struct Endless {
        chunk: Vec<u8>,
        pos: usize,
        served: usize,
    }
    impl std::io::Read for Endless {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = out.len().min(self.chunk.len() - self.pos);
            out[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
            self.pos = (self.pos + n) % self.chunk.len();
            self.served += n;
            Ok(n)
        }
    }
    let mut source = Endless {
        chunk: b"<iati-activity><iati-identifier>A</iati-identifier></iati-activity>".to_vec(),
        pos: 0,
        served: 0,
    };
    source.served = 0;
    let mut reader = IatiReader::new(std::io::BufReader::with_capacity(256, &mut source)).unwrap();
    for _ in 0..1000 {
        assert_eq!(reader.next_activity().unwrap().unwrap().identifier, "A");
    }
    drop(reader);
    assert!(source.served < 80_000, "{}", source.served);
}

#[test]
fn records_and_reports_cross_threads_and_a_reader_moves_to_one() {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<Activity>();
    send_sync::<partnerships::formats::iati::IatiOrganisation>();
    send_sync::<Record>();
    send_sync::<ImportReport>();
    send_sync::<Diagnostic>();
    send::<IatiReader<&[u8]>>();
    send::<IatiReader<std::io::BufReader<std::fs::File>>>();
}

/// The activities of a file, with the file's version set aside: the writer writes 2.03.
fn activities_of(bytes: &[u8]) -> Vec<Activity> {
    let (records, _, error) = read_all(bytes);
    assert!(error.is_none(), "{error:?}");
    activities(records)
        .into_iter()
        .map(|a| Activity { version: None, ..a })
        .collect()
}

/// Whether `xmllint` accepts the file against the 2.03 activity schema; `None` when xmllint is
/// not installed (`.ci/run` installs it, so CI always checks).
fn schema_valid(path: &Path) -> Option<Result<(), String>> {
    let schema = data("iati/schema/iati-activities-schema.xsd");
    let output = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(path)
        .output()
        .ok()?;
    Some(if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr)
            .chars()
            .take(2000)
            .collect())
    })
}

fn require_xmllint() -> bool {
    let present = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok();
    assert!(
        present || std::env::var_os("CI").is_none(),
        "CI must have xmllint (libxml2-utils)"
    );
    present
}

#[test]
fn schema_valid_files_survive_read_write_read_and_stay_valid() {
    let check_schema = require_xmllint();
    let mut files: Vec<PathBuf> = files_in(&data("iati/real"));
    files.push(data(
        "iati/examples/activity-standard-example-annotated.xml",
    ));
    let dir = std::env::temp_dir().join(format!("partnerships-iati-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut checked = 0;
    for path in files {
        if check_schema && schema_valid(&path) != Some(Ok(())) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let read = activities_of(&bytes);
        let written = partnerships::formats::iati::write_activities(&read, Vec::new()).unwrap();
        assert_eq!(activities_of(&written), read, "{}", path.display());
        let out = dir.join(path.file_name().unwrap());
        std::fs::write(&out, &written).unwrap();
        if check_schema {
            assert_eq!(schema_valid(&out), Some(Ok(())), "{}", out.display());
        }
        checked += 1;
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // Nine real files and the official example are valid against the schema.
    assert!(checked >= 10 || !check_schema, "{checked}");
}

#[test]
fn every_real_file_survives_read_write_read_even_when_not_schema_valid() {
    for path in files_in(&data("iati/real")) {
        let bytes = std::fs::read(&path).unwrap();
        let read = activities_of(&bytes);
        let written = partnerships::formats::iati::write_activities(&read, Vec::new()).unwrap();
        assert_eq!(activities_of(&written), read, "{}", path.display());
    }
}

/// The activities of every real file, and partners that learnt their names.
fn real_activities_and_partners() -> (Vec<Activity>, partnerships::analysis::partners::Partners) {
    let mut all = Vec::new();
    for path in files_in(&data("iati/real")) {
        all.extend(activities_of(&std::fs::read(path).unwrap()));
    }
    let mut partners = partnerships::analysis::partners::Partners::new();
    for a in &all {
        partners.learn(a);
    }
    (all, partners)
}

fn flows<'a>(
    activities: &'a [Activity],
    partners: &partnerships::analysis::partners::Partners,
    funder: &str,
    implementer: &str,
) -> Vec<(&'a str, Vec<partnerships::analysis::partners::Evidence>)> {
    activities
        .iter()
        .map(|a| {
            (
                a.identifier.as_str(),
                partners.evidence(a, funder, &FUNDING, implementer, &IMPLEMENTING),
            )
        })
        .filter(|(_, evidence)| !evidence.is_empty())
        .collect()
}

#[test]
fn dg_echo_funding_iom_shows_from_both_sides() {
    use partnerships::analysis::partners::{Evidence, MatchedBy};
    let (activities, partners) = real_activities_and_partners();
    let found = flows(&activities, &partners, "XI-IATI-EC_ECHO", "XM-DAC-47066");
    assert_eq!(found.len(), 14);
    // DG ECHO's own report names IOM as implementer and pays it by name only.
    let (_, echo) = found
        .iter()
        .find(|(id, _)| id.starts_with("XI-IATI-EC_ECHO"))
        .unwrap();
    assert_eq!(
        echo[0],
        Evidence::Roles {
            first: MatchedBy::Identifier,
            second: MatchedBy::Identifier
        }
    );
    assert!(echo[1..].iter().all(|e| matches!(
        e,
        Evidence::Transaction {
            receiver: MatchedBy::Name,
            ..
        }
    )));
    // IOM's reports name DG ECHO as funder and record its money coming in.
    let from_iom: Vec<_> = found
        .iter()
        .filter(|(id, _)| id.starts_with("XM-DAC-47066"))
        .collect();
    assert_eq!(from_iom.len(), 13);
    for (id, evidence) in from_iom {
        assert!(
            evidence.contains(&Evidence::Reported {
                first: MatchedBy::Identifier,
                reporter: MatchedBy::Identifier
            }),
            "{id}"
        );
        assert!(
            evidence.iter().any(|e| matches!(
                e,
                Evidence::Transaction {
                    provider: MatchedBy::Identifier,
                    receiver: MatchedBy::Reporter,
                    ..
                }
            )),
            "{id}"
        );
    }
}

#[test]
fn payments_to_iom_by_name_only_are_found_and_the_commission_covers_its_services() {
    let (activities, partners) = real_activities_and_partners();
    let near = flows(&activities, &partners, "XI-IATI-EC_NEAR", "XM-DAC-47066");
    let ids: Vec<&str> = near.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        [
            "XI-IATI-EC_NEAR-2016/379-222",
            "XI-IATI-EC_NEAR-2017/394-369",
            "XM-DAC-47066-MP.0510",
            "XM-DAC-47066-PX.0255"
        ]
    );
    let commission = flows(&activities, &partners, "XI-IATI-EC", "XM-DAC-47066");
    assert_eq!(commission.len(), 25);
    for (id, _) in near.iter().chain(&flows(
        &activities,
        &partners,
        "XI-IATI-EC_ECHO",
        "XM-DAC-47066",
    )) {
        assert!(commission.iter().any(|(c, _)| c == id), "{id}");
    }
    // Nobody funds IOM in the role of an organisation that takes part in none of these files.
    assert!(flows(&activities, &partners, "XX-NOBODY-1", "XM-DAC-47066").is_empty());
}

#[test]
fn names_are_normalised_and_unknown_ones_listed() {
    use partnerships::analysis::partners::{normalise_name, Partners};
    assert_eq!(
        normalise_name("  Organisation   internationale pour les migrations (OIM) "),
        "organisation internationale pour les migrations"
    );
    assert_eq!(
        normalise_name("Médecins Sans Frontières"),
        "médecins sans frontières"
    );
    assert_eq!(normalise_name("(only a parenthesis)"), "");
    let partners = Partners::new();
    assert_eq!(
        partners.identify_name("European Commission - Humanitarian Aid & Civil Protection"),
        Some("XI-IATI-EC_ECHO")
    );
    assert_eq!(
        partners.identify_name("INTERNATIONAL ORGANIZATION FOR MIGRATION (INT)"),
        Some("XM-DAC-47066")
    );
    let (activities, mut partners) = real_activities_and_partners();
    for a in &activities {
        partners.note_unmatched(a);
    }
    let unmatched = partners.unmatched();
    assert!(unmatched
        .iter()
        .any(|(name, _)| name == "dansk flygtningehjaelp"));
    assert!(!unmatched
        .iter()
        .any(|(name, _)| name.contains("organization for migration")));
    assert!(unmatched.windows(2).all(|w| w[0].1 >= w[1].1));
}

#[test]
fn real_files_become_a_dataset_that_validates_and_answers_the_same_queries() {
    use partnerships::analysis::partners::Partners;
    use partnerships::formats::iati::ModelBuilder;
    use partnerships::id::OrganisationId;
    use partnerships::validate::Severity;
    let (activities, partners) = real_activities_and_partners();
    let mut builder = ModelBuilder::new(partners);
    for activity in &activities {
        builder.add(activity).unwrap();
    }
    let (dataset, report) = builder.finish();
    assert_eq!(report.programmes, 1409);
    assert_eq!(dataset.programmes().len(), 1409);
    let validation = dataset.validate();
    let errors: Vec<String> = validation
        .with_severity(Severity::Error)
        .map(ToString::to_string)
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The activity DG ECHO reports with IOM implementing, by identifier on both sides.
    let echo = OrganisationId::new("XI-IATI-EC_ECHO").unwrap();
    let iom = OrganisationId::new("XM-DAC-47066").unwrap();
    let asked = Partners::new();
    let funded: Vec<&str> = asked
        .programmes(&dataset, echo.as_str(), &FUNDING)
        .iter()
        .map(|(p, _)| p.id.as_str())
        .collect();
    let implemented: Vec<&str> = asked
        .programmes(&dataset, iom.as_str(), &IMPLEMENTING)
        .iter()
        .map(|(p, _)| p.id.as_str())
        .collect();
    assert!(funded.iter().any(|id| implemented.contains(id)));
    // Its directorates-general are part of the Commission.
    let ancestors = dataset.ancestors(&echo, chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap());
    assert!(
        ancestors.iter().any(|o| o.id.as_str() == "XI-IATI-EC"),
        "{ancestors:?}"
    );

    // IOM named without an identifier is IOM all the same.
    let by_name = dataset
        .organisations()
        .iter()
        .filter(|o| o.id.as_str().starts_with("name/international-organization"))
        .count();
    assert_eq!(by_name, 0);
    assert!(report
        .unmatched_names
        .iter()
        .any(|(name, _)| name == "dansk flygtningehjaelp"));

    // Results: numbers become figures, text stays text.
    let outcomes = dataset.outcomes();
    assert!(outcomes.iter().any(|o| o.actual.is_some()));
    assert!(dataset.figures().iter().all(|f| !f.counts().is_empty()));
    let lost = report.lost_by_path();
    // Every transaction (4,507 in the thirteen files, as their README counts) has no place in a
    // programme, and is counted.
    let transactions: usize = activities.iter().map(|a| a.transactions.len()).sum();
    assert_eq!(transactions, 4507);
    assert_eq!(lost.get("transaction").copied(), Some(4507));
    assert!(lost
        .get("result/indicator/period/actual (not a number)")
        .is_some_and(|n| *n > 0));
    let as_text: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.description.contains("actual reported as text"))
        .map(|o| o.description.as_str())
        .collect();
    assert!(!as_text.is_empty());
    assert!(as_text.iter().all(|d| d.ends_with("\")")), "{as_text:?}");
}

#[test]
fn the_embedded_programmes_are_written_as_schema_valid_iati_with_their_losses_reported() {
    use partnerships::formats::iati::{programme_to_activity, write_activities};
    let dataset = partnerships::data::eu_iom_2020();
    let mut activities = Vec::new();
    let mut lossy = Vec::new();
    for programme in dataset.programmes() {
        let meeting_day = chrono::NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
        let publisher = partnerships::formats::iati::records::ReportingOrg {
            org: partnerships::formats::iati::records::OrgRef {
                reference: Some("XX-EXAMPLE-1".into()),
                kind: Some(OrganisationType::ACADEMIC_TRAINING_AND_RESEARCH),
                names: vec![partnerships::formats::iati::records::Narrative {
                    lang: Some("en".into()),
                    text: "Example Research Institute".into(),
                }],
                ..Default::default()
            },
            secondary_reporter: Some(true),
        };
        let (activity, notes) = programme_to_activity(&dataset, programme, &publisher, meeting_day);
        activities.push(activity);
        lossy.extend(notes);
    }
    assert!(!activities.is_empty());
    let written = write_activities(&activities, Vec::new()).unwrap();
    // What was written reads back as what was made.
    assert_eq!(
        activities_of(&written),
        activities
            .iter()
            .map(|a| Activity {
                version: None,
                ..a.clone()
            })
            .collect::<Vec<_>>()
    );
    let text = String::from_utf8(written.clone()).unwrap();
    // IOM has no IATI identifier in the seed's dataset: it is written by name, and reported.
    assert!(text.contains("<participating-org role=\"4\">\n      <narrative xml:lang=\"en\">International Organization for Migration</narrative>"), "{text}");
    assert!(lossy.iter().any(|note| note == "organisation \"International Organization for Migration\" has no IATI identifier and is written by name"), "{lossy:#?}");
    // "More than 84,000" is written as 84000 with its words in a comment, and reported.
    assert!(
        text.contains("<narrative xml:lang=\"en\">more than 84,000"),
        "{text}"
    );
    assert!(
        lossy
            .iter()
            .any(|note| note.starts_with("result: \"more than 84,000")),
        "{lossy:#?}"
    );
    if require_xmllint() {
        let path =
            std::env::temp_dir().join(format!("partnerships-eu-iom-{}.xml", std::process::id()));
        std::fs::write(&path, &written).unwrap();
        let valid = schema_valid(&path);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(valid, Some(Ok(())));
    }
}

#[test]
fn totals_by_year_add_up_to_the_independent_sums_and_value_at_each_date() {
    use partnerships::analysis::convention::{Convention, Rates, Reason, Valuer};
    use partnerships::analysis::totals::{Flow, Totals, ValuedTotals};
    use partnerships::money::DatePolicy;

    let table = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/usd-monthly-2015-2026.csv"),
    )
    .unwrap();
    let table = partnerships::formats::rates::from_csv(
        table.as_bytes(),
        "usd-monthly",
        Some(Currency::USD),
    )
    .unwrap();
    let rates = Rates::default().with_table(table);
    let month = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
    let mut valuer = Valuer::new(&rates, Convention::Strict(month), Currency::EUR).unwrap();
    let mut in_euros = ValuedTotals::new(&valuer);
    let mut totals = Totals::default();
    let mut expected: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    for path in files_in(&data("iati/real")) {
        let bytes = std::fs::read(&path).unwrap();
        for activity in activities_of(&bytes) {
            totals.add(&activity).unwrap();
            in_euros.add(&activity, &mut valuer).unwrap();
        }
        for (key, amount) in independent_totals(&bytes) {
            *expected.entry(key).or_default() += amount;
        }
    }
    let mut summed: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    for ((flow, _), bag) in totals.by_year().unwrap() {
        if let Flow::Transaction(kind) = flow {
            for money in bag.iter() {
                *summed
                    .entry((kind.to_string(), money.currency().code().to_owned()))
                    .or_default() += money.amount();
            }
        }
    }
    assert_eq!(summed, expected);

    // Valued in euros under the strict convention with the user's table: every rate used is
    // the table's, and every amount is either converted or counted with why.
    let used = valuer.rates_used();
    assert!(!used.is_empty());
    let from_fred = |source: &str| source.starts_with("Federal Reserve H.10");
    assert!(used.iter().all(|(rate, _, n)| *n > 0
        && rate.route().iter().all(|step| from_fred(&step.source))
        && (rate.is_derived() || from_fred(rate.source()))));
    let disbursed = &in_euros.by_type[&Flow::Transaction(TransactionType::DISBURSEMENT)];
    assert!(disbursed.converted > 1000);
    // Amounts dated before the table's first rate (2015) are counted, not guessed.
    let before_2015: u64 = in_euros
        .by_type
        .values()
        .map(|v| v.unconvertible.get(&Reason::NoRate).copied().unwrap_or(0))
        .sum();
    assert!(before_2015 > 0);
}

#[test]
fn line_ends_and_tabs_written_as_references_read_back_the_same() {
    let xml = "<iati-activity><iati-identifier>A&#13;B</iati-identifier>\
        <title><narrative>one&#13;&#10;two\tthree</narrative></title>\
        <other-identifier ref=\"x&#9;y&#10;z\"/></iati-activity>";
    let read = activities_of(xml.as_bytes());
    assert_eq!(read[0].identifier, "A\rB");
    assert_eq!(read[0].title[0].text, "one\r\ntwo\tthree");
    assert_eq!(
        read[0].other_identifiers[0].reference.as_deref(),
        Some("x\ty\nz")
    );
    let written = partnerships::formats::iati::write_activities(&read, Vec::new()).unwrap();
    assert_eq!(activities_of(&written), read);
}

#[test]
fn a_dataset_hierarchy_lets_a_question_about_the_parent_find_the_part() {
    use partnerships::analysis::partners::{Evidence, MatchedBy, Partners};
    use partnerships::id::{OrganisationId, OrganisationIdentifier};
    use partnerships::model::{OrganisationKind, ParentLink};
    use partnerships::{Dataset, Organisation};
    let mut iom = Organisation::new(
        OrganisationId::new("iom").unwrap(),
        OrganisationKind::IntergovernmentalOrganisation,
        "IOM",
    );
    iom.identifiers
        .push(OrganisationIdentifier::iati("XM-DAC-47066").unwrap());
    let mut office = Organisation::new(
        OrganisationId::new("iom-bru").unwrap(),
        OrganisationKind::Other,
        "IOM Brussels",
    );
    office
        .identifiers
        .push(OrganisationIdentifier::iati("XM-DAC-47066-BRU").unwrap());
    office
        .parents
        .push(ParentLink::new(OrganisationId::new("iom").unwrap()));
    let mut data = Dataset::new();
    data.insert_organisation(iom).unwrap();
    data.insert_organisation(office).unwrap();
    let (activities, _) = read_activities(
        r#"<iati-activity><iati-identifier>XI-IATI-EC_NEAR-1</iati-identifier>
        <participating-org role="1" ref="XI-IATI-EC_NEAR"/><participating-org role="4" ref="XM-DAC-47066-BRU"/></iati-activity>"#,
    );
    let mut partners = Partners::new();
    assert!(partners
        .evidence(
            &activities[0],
            "XI-IATI-EC",
            &FUNDING,
            "XM-DAC-47066",
            &IMPLEMENTING
        )
        .is_empty());
    partners.learn_hierarchy(&data);
    assert_eq!(
        partners.evidence(
            &activities[0],
            "XI-IATI-EC",
            &FUNDING,
            "XM-DAC-47066",
            &IMPLEMENTING
        ),
        [Evidence::Roles {
            first: MatchedBy::Parent,
            second: MatchedBy::Parent
        }]
    );
}

#[test]
fn fuzz_regressions_read_write_and_read_again_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions/iati_xml");
    let mut replayed = 0;
    for path in files_in(&dir) {
        let bytes = std::fs::read(&path).unwrap();
        let limits = Limits {
            max_depth: 16,
            max_text_bytes: 512,
            max_record_bytes: 4096,
            ..Limits::default()
        };
        let mut reader = IatiReader::with_limits(&bytes[..], limits)
            .unwrap()
            .with_codelist_checks(true);
        while let Ok(Some(record)) = reader.next_record() {
            if let Record::Activity(activity) = record {
                let written =
                    partnerships::formats::iati::write_activities([&*activity], Vec::new())
                        .unwrap();
                let again = IatiReader::new(&written[..])
                    .unwrap()
                    .next_activity()
                    .unwrap()
                    .unwrap();
                assert_eq!(again.identifier, activity.identifier, "{}", path.display());
                assert_eq!(again.title, activity.title, "{}", path.display());
                assert_eq!(
                    again.transactions,
                    activity.transactions,
                    "{}",
                    path.display()
                );
                assert_eq!(again.results, activity.results, "{}", path.display());
            }
        }
        replayed += 1;
    }
    assert!(replayed >= 1);
}

#[test]
fn a_prefix_declared_after_the_attribute_that_uses_it_still_names_it() {
    let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier>
<title><narrative x:lang="fr" xmlns:x="http://www.w3.org/XML/1998/namespace">Bonjour</narrative></title>
</iati-activity>"#;
    let (activities, report) = read_activities(xml);
    assert_eq!(activities[0].title[0].lang.as_deref(), Some("fr"));
    assert_eq!(activities[0].title[0].text, "Bonjour");
    assert!(report.unread.is_empty(), "{:?}", report.unread);
}

#[test]
fn attributes_under_a_renamed_namespace_prefix_are_read_by_their_usual_name() {
    let xml = r#"<iati-activities version="2.03" xmlns:ns2="http://www.w3.org/XML/1998/namespace" xmlns:n="http://example.org">
<iati-activity><iati-identifier>AA-1</iati-identifier>
<title><narrative ns2:lang="fr">Bonjour</narrative><narrative n:lang="de">Hallo</narrative></title>
</iati-activity></iati-activities>"#;
    let (activities, report) = read_activities(xml);
    let title = &activities[0].title;
    assert_eq!(title[0].lang.as_deref(), Some("fr"));
    assert_eq!(title[1].lang, None);
    let unread: Vec<&str> = report.unread.keys().map(String::as_str).collect();
    assert_eq!(unread, ["iati-activity/title/narrative/@n:lang"]);
}

/// Text as written, whitespace and all: at its start, alone, beside references and CDATA, and
/// after a child element. The reader lets the parser skip the whitespace after each tag and
/// gives it back wherever it was content.
const SPACED: &str = "<iati-activity><iati-identifier>AA-1</iati-identifier>\n  <title>\n    \
<narrative>  Health\tcare</narrative>\n    <narrative>\r\n  Line\r\n</narrative>\n    \
<narrative>   </narrative>\n    <narrative> &amp; co</narrative>\n    \
<narrative> <![CDATA[<b>]]> x</narrative>\n    <narrative>a <!-- note --> b</narrative>\n  \
</title>\n  <description><narrative>x</narrative>\n  </description>\n  \
<description>Old <x/> style</description>\n</iati-activity>\n";

#[test]
fn text_keeps_its_whitespace_where_it_is_content() {
    let (activities, _) = read_activities(SPACED);
    let texts: Vec<&str> = activities[0]
        .title
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "  Health\tcare",
            "\n  Line\n",
            "   ",
            " & co",
            " <b> x",
            "a  b"
        ]
    );
    let old_style: Vec<&str> = activities[0].descriptions[1]
        .narratives
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(old_style, ["Old  style"]);
}

#[test]
fn text_reads_the_same_whatever_the_input_buffer_size() {
    let (whole, whole_report) = read_activities(SPACED);
    for capacity in 1..=24 {
        let mut reader = IatiReader::new(std::io::BufReader::with_capacity(
            capacity,
            SPACED.as_bytes(),
        ))
        .unwrap();
        let mut read = Vec::new();
        while let Some(activity) = reader.next_activity().unwrap() {
            read.push(activity);
        }
        assert_eq!(read, whole, "buffer of {capacity} bytes");
        assert_eq!(reader.report(), &whole_report, "buffer of {capacity} bytes");
    }
    // Decoded input takes another path through the reader's input.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(SPACED.encode_utf16().flat_map(u16::to_le_bytes));
    let (records, _, error) = read_all(&utf16);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(activities(records), whole, "UTF-16");
}
