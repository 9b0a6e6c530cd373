//! Flat rows of transactions and budgets (`analysis::flat`): the rows of `iatiflattener` on
//! the real files, and rows that add up.

use std::collections::BTreeMap;
use std::io::Read;

use partnerships::analysis::convention::{Rates, Reason};
use partnerships::analysis::flat::{
    Flag, FlatActivity, FlatReport, Flattener, LeftOut, TransactionTypes,
};
use partnerships::analysis::totals::Flow;
use partnerships::formats::iati::code::Codelist;
use partnerships::formats::iati::records::Activity;
use partnerships::formats::iati::IatiReader;
use partnerships::formats::rates::read_per_usd;
use rust_decimal::Decimal;

/// The rates the peer was run with: the shipped tables and the monthly per-dollar feed.
pub(crate) fn peer_rates() -> Rates<'static> {
    let file = std::fs::File::open(crate::data("fx/imf-monthly-per-usd-from-xdr.csv")).unwrap();
    let feed = read_per_usd(file, "imf-monthly-per-usd-from-xdr.csv").unwrap();
    Rates::shipped().with_series(feed).unwrap()
}

pub(crate) fn real_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(crate::data("iati/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

pub(crate) fn read(path: &std::path::Path) -> Vec<Activity> {
    let bytes = std::fs::read(path).unwrap();
    let mut reader = IatiReader::new(bytes.as_slice()).unwrap();
    let mut out = Vec::new();
    while let Some(activity) = reader.next_activity().unwrap() {
        out.push(activity);
    }
    out
}

fn flatten(path: &std::path::Path, rates: &Rates<'_>) -> (Vec<FlatActivity>, FlatReport) {
    let mut flattener = Flattener::new(rates).unwrap();
    let flat = read(path).iter().map(|a| flattener.activity(a)).collect();
    (flat, flattener.into_report())
}

/// The value columns of a key, summed over its rows.
#[derive(Debug, Default, Clone)]
struct Sums {
    rows: usize,
    original: Decimal,
    usd: Option<Decimal>,
    eur: Option<Decimal>,
    local: Option<Decimal>,
}

fn add(sum: &mut Option<Decimal>, value: Option<Decimal>) {
    if let Some(v) = value {
        *sum = Some(sum.unwrap_or_default() + v);
    }
}

type Table = BTreeMap<Vec<String>, Sums>;

fn peer_table(stem: &str, kind: &str) -> Option<Table> {
    let path = crate::data(&format!("iatiflattener/{stem}.{kind}.csv.gz"));
    let file = std::fs::File::open(path).ok()?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let number = |text: &str| -> Option<Decimal> {
        (!text.is_empty()).then(|| {
            Decimal::from_scientific(text)
                .or_else(|_| text.parse())
                .unwrap()
        })
    };
    let key_cols: Vec<usize> = if kind == "transactions" {
        [
            "_activity_index",
            "_transaction_index",
            "country_code",
            "sector_code",
        ]
        .iter()
        .map(|c| col(c))
        .collect()
    } else {
        [
            "_activity_index",
            "_original_revised",
            "_period_start",
            "_period_end",
            "fiscal_year_quarter",
            "country_code",
            "sector_code",
            "aid_type",
            "finance_type",
            "flow_type",
        ]
        .iter()
        .map(|c| col(c))
        .collect()
    };
    let mut table = Table::new();
    for record in reader.records() {
        let record = record.unwrap();
        let key = key_cols.iter().map(|&i| record[i].to_owned()).collect();
        let sums = table.entry(key).or_default();
        sums.rows += 1;
        sums.original += number(&record[col("value_original")]).unwrap();
        add(&mut sums.usd, number(&record[col("value_usd")]));
        add(&mut sums.eur, number(&record[col("value_eur")]));
        add(&mut sums.local, number(&record[col("value_local")]));
    }
    Some(table)
}

fn our_tables(flat: &[FlatActivity]) -> (Table, Table) {
    let (mut transactions, mut budgets) = (Table::new(), Table::new());
    for (a, activity) in flat.iter().enumerate() {
        for item in &activity.items {
            for row in &item.rows {
                let text = |c: &Option<partnerships::formats::iati::code::Code>| {
                    c.as_ref().map(ToString::to_string).unwrap_or_default()
                };
                let (table, key) = match &item.flow {
                    Flow::Transaction(_) => (
                        &mut transactions,
                        vec![
                            a.to_string(),
                            item.index.to_string(),
                            row.country.to_string(),
                            row.sector.to_string(),
                        ],
                    ),
                    Flow::Budget(kind) => {
                        let (start, end) = item.period.unwrap();
                        (
                            &mut budgets,
                            vec![
                                a.to_string(),
                                if kind.as_str() == "2" {
                                    "revised"
                                } else {
                                    "original"
                                }
                                .to_owned(),
                                start.to_string(),
                                end.to_string(),
                                format!(
                                    "{} Q{}",
                                    row.fiscal_year().unwrap(),
                                    row.fiscal_quarter().unwrap()
                                ),
                                row.country.to_string(),
                                row.sector.to_string(),
                                text(&row.aid_type),
                                text(&row.finance_type),
                                text(&row.flow_type),
                            ],
                        )
                    }
                    _ => unreachable!(),
                };
                let sums = table.entry(key).or_default();
                sums.rows += 1;
                sums.original += row.value.amount();
                add(&mut sums.usd, row.value_usd.map(|m| m.amount()));
                add(&mut sums.eur, row.value_eur.map(|m| m.amount()));
                add(&mut sums.local, row.value_local.map(|m| m.amount()));
            }
        }
    }
    (transactions, budgets)
}

/// The (activity, transaction) positions whose `transaction-type/@code` is a version-1 letter
/// (`C`, `D`, `E` ...), read from the XML events directly.
fn version_one_types(path: &std::path::Path) -> std::collections::BTreeSet<(String, String)> {
    use quick_xml::events::Event;
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut activity, mut transaction) = (-1_i64, -1_i64);
    let mut out = std::collections::BTreeSet::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "iati-activity" => {
                    activity += 1;
                    transaction = -1;
                }
                "transaction" => transaction += 1,
                "transaction-type" => {
                    let code = e.try_get_attribute("code").unwrap();
                    if code.is_some_and(|c| c.value.chars().all(|ch| ch.is_ascii_alphabetic())) {
                        out.insert((activity.to_string(), transaction.to_string()));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Why a row of ours is not in the peer's output, or differs from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Difference {
    /// A transaction type written as a version-1 letter (`C` commitment, `D` disbursement):
    /// the reader maps it, the peer leaves the transaction out.
    VersionOneType,
    /// The peer's file was refused whole (no version attribute on the root).
    FileRefused,
    /// A value the peer could not convert: it lost the whole transaction or budget.
    NotConverted,
    /// A country or region code outside the IATI codelists: the peer drops the row.
    NotInCodelist,
    /// The peer writes 0 where no rate for the country's currency exists; ours is empty.
    LocalZero,
    /// Budgets of one period: the peer keeps only the last.
    SamePeriodBudgets,
}

/// Whether our sum agrees with the peer's: within one unit of the last place per row and
/// level of split (the allocation's rounding), plus the peer's float error.
fn agrees(ours: Decimal, peer: Decimal, rows: usize, levels: u32, unit: Decimal) -> bool {
    let slack =
        unit * Decimal::from(rows as u64) * Decimal::from(levels) + peer.abs() * Decimal::new(1, 9);
    (ours - peer).abs() <= slack
}

/// What the comparison finds, file by file: each a deliberate difference listed in the docs of
/// `analysis::flat`.
fn pinned_differences() -> BTreeMap<(String, Difference), usize> {
    [
        ("ec-echo-covid-2021-p76", Difference::LocalZero, 2651),
        ("ec-fpi-intpa-covid-2021-p79", Difference::LocalZero, 12714),
        ("ec-intpa-covid-2021-p90", Difference::LocalZero, 2583),
        (
            "ec-intpa-near-eutf-covid-2021-p91",
            Difference::LocalZero,
            5656,
        ),
        ("ec-near-covid-2021-p92", Difference::LocalZero, 2641),
        ("idb-mixed-covid-2021-p97", Difference::VersionOneType, 138),
        ("idb-mixed-covid-2021-p97", Difference::NotInCodelist, 3),
        ("idb-mixed-covid-2021-p97", Difference::LocalZero, 2048),
        ("iom-and-un-covid-2021-p117", Difference::LocalZero, 1192),
        ("iom-covid-2021-p118", Difference::LocalZero, 304),
        ("iom-covid-2021-p119", Difference::LocalZero, 276),
        ("iom-single-activity", Difference::FileRefused, 5),
        ("multi-publisher-covid", Difference::NotConverted, 69),
        ("multi-publisher-covid", Difference::NotInCodelist, 4),
        ("multi-publisher-covid", Difference::LocalZero, 2149),
        ("multi-publisher-foodsecurity", Difference::LocalZero, 492),
        (
            "nl-ngos-results-covid-2021-p31",
            Difference::NotInCodelist,
            11,
        ),
        (
            "nl-ngos-results-covid-2021-p31",
            Difference::LocalZero,
            1208,
        ),
    ]
    .into_iter()
    .map(|(stem, d, n)| ((stem.to_owned(), d), n))
    .collect()
}

#[test]
fn the_rows_of_the_real_files_are_iatiflatteners_with_every_difference_explained() {
    let rates = peer_rates();
    let mut differences: BTreeMap<(String, Difference), usize> = BTreeMap::new();
    let mut compared = 0;
    for path in real_files() {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let (flat, _) = flatten(&path, &rates);
        let (ours_t, ours_b) = our_tables(&flat);
        let lettered = version_one_types(&path);
        let peer_t = peer_table(&stem, "transactions").unwrap_or_default();
        let peer_b = peer_table(&stem, "budgets").unwrap_or_default();
        for (ours, peer, levels, kind) in [(&ours_t, &peer_t, 2, "t"), (&ours_b, &peer_b, 6, "b")] {
            for key in peer.keys() {
                assert!(
                    ours.contains_key(key),
                    "{stem} {kind}: the peer has {key:?}, we do not"
                );
            }
            for (key, sums) in ours {
                let mut note =
                    |d: Difference| *differences.entry((stem.clone(), d)).or_default() += 1;
                let Some(theirs) = peer.get(key) else {
                    let country = &key[if kind == "t" { 2 } else { 5 }];
                    let code = partnerships::formats::iati::code::Code::new(country);
                    if kind == "t" && lettered.contains(&(key[0].clone(), key[1].clone())) {
                        note(Difference::VersionOneType);
                    } else if peer.is_empty() && stem == "iom-single-activity" {
                        note(Difference::FileRefused);
                    } else if sums.usd.is_none() {
                        note(Difference::NotConverted);
                    } else if !Codelist::Country.contains(&code)
                        && !Codelist::Region.contains(&code)
                    {
                        note(Difference::NotInCodelist);
                    } else {
                        panic!("{stem} {kind}: we have {key:?} {sums:?}, the peer does not");
                    }
                    continue;
                };
                compared += 1;
                let unit = Decimal::new(1, 2);
                let same_period = sums.rows != theirs.rows;
                if same_period {
                    assert_eq!(kind, "b", "{stem}: {key:?} ours {sums:?} peer {theirs:?}");
                    note(Difference::SamePeriodBudgets);
                    continue;
                }
                let ou = Decimal::new(1, sums.original.scale());
                assert!(
                    agrees(sums.original, theirs.original, sums.rows, levels, ou),
                    "{stem} {kind} {key:?}: value_original ours {sums:?} peer {theirs:?}"
                );
                for (name, a, b) in [("usd", sums.usd, theirs.usd), ("eur", sums.eur, theirs.eur)] {
                    let (a, b) = (a.unwrap(), b.unwrap());
                    assert!(
                        agrees(a, b, sums.rows, levels, unit),
                        "{stem} {kind} {key:?}: value_{name} ours {a} peer {b}"
                    );
                }
                match (sums.local, theirs.local) {
                    (Some(a), Some(b)) => assert!(
                        agrees(a, b, sums.rows, levels, Decimal::ONE),
                        "{stem} {kind} {key:?}: value_local ours {a} peer {b}"
                    ),
                    (None, Some(b)) if b.is_zero() => note(Difference::LocalZero),
                    other => panic!("{stem} {kind} {key:?}: value_local {other:?}"),
                }
            }
        }
    }
    assert_eq!(differences, pinned_differences());
    assert_eq!(compared, 38_605);
}

#[test]
fn every_transaction_and_budget_of_the_real_files_adds_up_exactly_in_every_column() {
    let rates = peer_rates();
    let mut items = 0;
    for path in real_files() {
        let (flat, report) = flatten(&path, &rates);
        for activity in &flat {
            for item in &activity.items {
                items += 1;
                let sum = |f: &dyn Fn(
                    &partnerships::analysis::flat::FlatRow,
                ) -> Option<partnerships::Money>| {
                    item.rows
                        .iter()
                        .map(|r| f(r).unwrap().amount())
                        .sum::<Decimal>()
                };
                assert_eq!(sum(&|r| Some(r.value)), item.value.amount(), "{item:?}");
                if let Ok(usd) = item.value_usd {
                    assert_eq!(sum(&|r| r.value_usd), usd.amount());
                }
                if let Ok(eur) = item.value_eur {
                    assert_eq!(sum(&|r| r.value_eur), eur.amount());
                }
            }
        }
        let rows: usize = flat.iter().map(FlatActivity::rows).sum();
        assert_eq!(rows as u64, report.transaction_rows + report.budget_rows);
    }
    assert!(items > 5_000, "{items}");
}

/// The rows of one activity written as IATI XML, with the shipped rates.
fn flat_of(xml: &str) -> (FlatActivity, FlatReport) {
    let activity = crate::one_activity(xml);
    let rates = Rates::shipped();
    let mut flattener = Flattener::new(&rates).unwrap();
    let flat = flattener.activity(&activity);
    (flat, flattener.into_report())
}

fn shown(flat: &FlatActivity) -> Vec<String> {
    flat.items
        .iter()
        .flat_map(|item| {
            item.rows.iter().map(move |r| {
                format!(
                    "{} {} {} {} {}",
                    item.flow.code(),
                    r.date.map(|d| d.to_string()).unwrap_or_default(),
                    r.country,
                    r.sector,
                    r.value
                )
            })
        })
        .collect()
}

#[test]
fn transaction_countries_and_sectors_come_first_and_regions_only_fill_what_countries_leave() {
    let (flat, _) = flat_of(
        r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>
        <recipient-country code="SN" percentage="60"/><recipient-region code="289" percentage="40"/>
        <sector code="15190" percentage="50"/><sector code="72010" percentage="50"/><sector vocabulary="2" code="151"/>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/><value value-date="2020-05-13">100.00</value></transaction>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2020-06-13"/><value value-date="2020-06-13">10.00</value>
          <recipient-country code="ML"/><sector code="12220"/></transaction>
        </iati-activity>"#,
    );
    assert_eq!(
        shown(&flat),
        [
            "3 2020-05-13 SN 15190 EUR 30.00",
            "3 2020-05-13 SN 72010 EUR 30.00",
            "3 2020-05-13 289 15190 EUR 20.00",
            "3 2020-05-13 289 72010 EUR 20.00",
            "3 2020-06-13 ML 12220 EUR 10.00",
        ]
    );
    assert!(flat.items[0].multi_country && !flat.items[1].multi_country);
    // Countries that cover the whole leave the region out.
    let (covered, _) = flat_of(
        r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>
        <recipient-country code="SN" percentage="30"/><recipient-country code="ML" percentage="70"/><recipient-region code="289" percentage="40"/>
        <transaction><transaction-type code="2"/><transaction-date iso-date="2020-05-13"/><value value-date="2020-05-13">0.03</value></transaction>
        </iati-activity>"#,
    );
    assert_eq!(
        shown(&covered),
        ["2 2020-05-13 SN  EUR 0.01", "2 2020-05-13 ML  EUR 0.02"]
    );
}

#[test]
fn transaction_types_beyond_the_published_four_are_an_option_and_each_left_out_is_counted() {
    let xml = r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>
        <recipient-country code="SN"/>
        <transaction><transaction-type code="11"/><transaction-date iso-date="2020-05-13"/><value value-date="2020-05-13">5</value></transaction>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/><value value-date="2020-05-13">x</value></transaction>
        </iati-activity>"#;
    let (flat, report) = flat_of(xml);
    assert!(flat.items.is_empty());
    assert_eq!(report.left_out[&LeftOut::TransactionType], 1);
    assert_eq!(report.left_out[&LeftOut::NoValue], 1);
    let activity = crate::one_activity(xml);
    let rates = Rates::shipped();
    let mut all = Flattener::new(&rates)
        .unwrap()
        .with_transaction_types(TransactionTypes::All);
    assert_eq!(
        shown(&all.activity(&activity)),
        ["11 2020-05-13 SN  EUR 5.00"]
    );
}

#[test]
fn budgets_keep_two_of_one_period_replace_an_original_by_its_revision_and_spread_by_days() {
    let (flat, report) = flat_of(
        r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>
        <recipient-country code="SN"/>
        <budget type="1"><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><value value-date="2020-01-01">999</value></budget>
        <budget type="2"><period-start iso-date="2020-01-01"/><period-end iso-date="2020-06-30"/><value value-date="2020-01-01">182.00</value></budget>
        <budget type="1"><period-start iso-date="2021-02-15"/><period-end iso-date="2021-04-15"/><value value-date="2021-02-15">60.00</value></budget>
        <budget type="1"><period-start iso-date="2021-02-15"/><period-end iso-date="2021-04-15"/><value value-date="2021-02-15">0.01</value></budget>
        </iati-activity>"#,
    );
    assert_eq!(report.left_out[&LeftOut::ReplacedByRevised], 1);
    assert_eq!(
        shown(&flat),
        [
            // 91 and 91 days of the first half of 2020.
            "2 2020-01-01 SN  EUR 91.00",
            "2 2020-04-01 SN  EUR 91.00",
            // 45 days in the first quarter of 2021, 15 in the second.
            "1 2021-01-01 SN  EUR 45.00",
            "1 2021-04-01 SN  EUR 15.00",
            // The second budget of the same period is kept, not collapsed into the first.
            "1 2021-01-01 SN  EUR 0.01",
            "1 2021-04-01 SN  EUR 0.00",
        ]
    );
}

#[test]
fn a_budget_without_countries_or_sectors_takes_its_commitments_shares_by_value() {
    let (flat, _) = flat_of(
        r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>
        <default-flow-type code="10"/>
        <budget><period-start iso-date="2020-01-01"/><period-end iso-date="2020-03-31"/><value value-date="2020-01-01">100.00</value></budget>
        <transaction><transaction-type code="2"/><transaction-date iso-date="2020-01-01"/><value value-date="2020-01-01">300</value>
          <recipient-country code="SN"/><sector code="15190"/><aid-type code="C01"/></transaction>
        <transaction><transaction-type code="2"/><transaction-date iso-date="2020-01-01"/><value value-date="2020-01-01">100</value>
          <recipient-country code="ML"/><sector code="15190"/><aid-type code="C01"/></transaction>
        </iati-activity>"#,
    );
    let budget = flat
        .items
        .iter()
        .find(|i| !i.flow.is_transaction())
        .unwrap();
    let rows: Vec<String> = budget
        .rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {:?} {}",
                r.country,
                r.sector,
                r.aid_type.as_deref(),
                r.flow_type.as_deref(),
                r.value
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "SN 15190 Some(\"C01\") Some(\"10\") EUR 75.00",
            "ML 15190 Some(\"C01\") Some(\"10\") EUR 25.00"
        ]
    );
}

#[test]
fn a_value_that_cannot_be_converted_keeps_its_rows_with_the_reason() {
    let (flat, report) = flat_of(
        r#"<iati-activity default-currency="MNT"><iati-identifier>XI-1</iati-identifier>
        <recipient-country code="MN"/>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/><value value-date="2020-05-13">1000</value></transaction>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/><value currency="EUR">1000</value></transaction>
        </iati-activity>"#,
    );
    assert_eq!(flat.rows(), 2);
    assert_eq!(flat.items[0].value_usd, Err(Reason::NoRate));
    assert_eq!(flat.items[1].value_usd, Err(Reason::NoValueDate));
    assert_eq!(flat.items[0].rows[0].value.to_string(), "MNT 1000.00");
    assert_eq!(report.flagged[&Flag::NoUsd(Reason::NoRate)], 1);
    assert_eq!(report.flagged[&Flag::NoEur(Reason::NoValueDate)], 1);
}

#[test]
fn the_provider_and_receiver_follow_the_transaction_type_when_the_transaction_names_none() {
    let (flat, _) = flat_of(
        r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>
        <reporting-org ref="XM-DAC-47066" type="40"><narrative>IOM</narrative></reporting-org>
        <participating-org role="1" ref="XI-IATI-EC_ECHO"/><participating-org role="4" ref="NGO-1"/><participating-org role="4" ref="NGO-2"/>
        <recipient-country code="SN"/>
        <transaction><transaction-type code="1"/><transaction-date iso-date="2020-05-13"/><value value-date="2020-05-13">1</value></transaction>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/><value value-date="2020-05-13">1</value>
          <receiver-org ref="SN-GOV"/></transaction>
        </iati-activity>"#,
    );
    let refs = |orgs: &[partnerships::formats::iati::records::OrgRef]| {
        orgs.iter()
            .map(|o| o.reference.clone().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(refs(&flat.items[0].provider), ["XI-IATI-EC_ECHO"]);
    assert_eq!(refs(&flat.items[0].receiver), ["XM-DAC-47066"]);
    assert_eq!(refs(&flat.items[1].provider), ["XM-DAC-47066"]);
    assert_eq!(refs(&flat.items[1].receiver), ["SN-GOV"]);
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    fn activity_xml(
        countries: &[u32],
        sectors: &[u32],
        values: &[(i64, u32, u8)],
        days: u32,
    ) -> String {
        let codes = ["SN", "ML", "NE", "TD", "BF"];
        let sector_codes = ["15190", "72010", "12220", "11110"];
        let mut xml = String::from(
            r#"<iati-activity default-currency="EUR"><iati-identifier>XI-P</iati-identifier>"#,
        );
        for (i, pct) in countries.iter().enumerate() {
            write!(
                xml,
                r#"<recipient-country code="{}" percentage="{}.{}"/>"#,
                codes[i],
                pct / 10,
                pct % 10
            )
            .unwrap();
        }
        for (i, pct) in sectors.iter().enumerate() {
            write!(
                xml,
                r#"<sector code="{}" percentage="{pct}"/>"#,
                sector_codes[i]
            )
            .unwrap();
        }
        let currencies = ["EUR", "USD", "JPY", "KWD"];
        for (units, scale, currency) in values {
            let value = Decimal::new(*units, *scale);
            let currency = currencies[usize::from(*currency) % 4];
            write!(xml,
                r#"<transaction><transaction-type code="3"/><transaction-date iso-date="2019-03-04"/><value currency="{currency}" value-date="2019-03-04">{value}</value></transaction>"#
            ).unwrap();
            write!(xml,
                r#"<budget type="2"><period-start iso-date="2019-02-10"/><period-end iso-date="{}"/><value currency="{currency}" value-date="2019-02-10">{value}</value></budget>"#,
                chrono::NaiveDate::from_ymd_opt(2019, 2, 10).unwrap()
                    + chrono::Days::new(u64::from(days))
            ).unwrap();
        }
        xml + "</iati-activity>"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn every_item_adds_up_exactly_in_every_column(
            countries in prop::collection::vec(1_u32..1000, 1..5),
            sectors in prop::collection::vec(1_u32..100, 0..4),
            values in prop::collection::vec((-10_000_000_000_i64..10_000_000_000, 0_u32..6, any::<u8>()), 1..4),
            days in 0_u32..1500,
        ) {
            let (flat, _) = flat_of(&activity_xml(&countries, &sectors, &values, days));
            prop_assert_eq!(flat.items.len(), values.len() * 2);
            for item in &flat.items {
                let value: Decimal = item.rows.iter().map(|r| r.value.amount()).sum();
                prop_assert_eq!(value, item.value.amount());
                let usd: Decimal = item.rows.iter().map(|r| r.value_usd.unwrap().amount()).sum();
                prop_assert_eq!(usd, item.value_usd.unwrap().amount());
                let eur: Decimal = item.rows.iter().map(|r| r.value_eur.unwrap().amount()).sum();
                prop_assert_eq!(eur, item.value_eur.unwrap().amount());
                for row in &item.rows {
                    prop_assert!(row.value.amount().abs() <= item.value.amount().abs());
                }
            }
        }
    }
}

#[test]
fn the_exchange_rate_column_is_the_published_rate_per_dollar() {
    let xml = r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>
        <recipient-country code="SN"/>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-31"/><value value-date="2020-05-31">32720.00</value></transaction>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/><value currency="USD" value-date="2020-05-13">10</value></transaction>
        </iati-activity>"#;
    let activity = crate::one_activity(xml);
    let rates = peer_rates();
    let flat = Flattener::new(&rates).unwrap().activity(&activity);
    let euros = &flat.items[0];
    assert_eq!(
        euros.exchange_rate.unwrap().to_string(),
        "0.9171320902532515"
    );
    assert_eq!(euros.exchange_rate_date.unwrap().to_string(), "2020-05-31");
    assert_eq!(euros.value_usd.unwrap().to_string(), "USD 35676.43");
    let dollars = &flat.items[1];
    assert_eq!(dollars.exchange_rate, Some(Decimal::ONE));
    assert_eq!(
        dollars.exchange_rate_date.unwrap().to_string(),
        "2020-05-13"
    );
}

#[test]
fn a_budget_that_would_give_more_rows_than_the_limit_is_left_out_and_counted() {
    let mut xml = String::from(
        r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>"#,
    );
    for code in ["SN", "ML", "NE", "TD", "BF", "CI", "GH", "TG", "BJ", "NG"] {
        xml.push_str(r#"<recipient-country code=""#);
        xml.push_str(code);
        xml.push_str(r#"" percentage="10"/>"#);
    }
    xml.push_str(r#"<budget><period-start iso-date="0001-01-01"/><period-end iso-date="9999-12-31"/><value value-date="2020-01-01">1</value></budget>
        <budget><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><value value-date="2020-01-01">1</value></budget></iati-activity>"#);
    let (flat, report) = flat_of(&xml);
    assert_eq!(report.left_out[&LeftOut::TooManyRows], 1);
    assert_eq!(
        flat.rows(),
        40,
        "the other budget: 10 countries, 4 quarters"
    );
}
