//! Reading IATI XML: the typed streaming reader against a bare `quick-xml` event scan that also
//! walks every attribute, over the same bytes in the same run; and the same read valuing every
//! transaction and budget in US dollars under each published convention, against the read
//! alone.
//!
//! The input is the 13 real publisher files of `tests/data/iati/real/` (copies of
//! `../shared/data/iati/real/`), their activities repeated under one root to about 200 MB. The
//! file is also written to `target/iati-bench.xml` for `scripts/bench-iati.py`, which times
//! Python's lxml and measures peak memory on the same bytes.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use partnerships::analysis::convention::{Convention, Rates, Valuer};
use partnerships::analysis::totals::ValuedTotals;
use partnerships::formats::iati::IatiReader;
use partnerships::Currency;
use quick_xml::events::Event;

const TARGET_BYTES: usize = 200_000_000;

/// The activities of every real file, as XML text, each file's own root taken off.
fn activities() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/iati/real");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        let start = text
            .find("<iati-activity ")
            .or_else(|| text.find("<iati-activity>"))
            .unwrap();
        let end = text.rfind("</iati-activity>").unwrap() + "</iati-activity>".len();
        out.push(text[start..end].to_owned());
    }
    out
}

/// About 200 MB of activities under one `iati-activities` root that declares the namespaces
/// the files use.
fn big_file() -> Vec<u8> {
    let parts = activities();
    let mut out = String::with_capacity(TARGET_BYTES + 4_000_000);
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<iati-activities version=\"2.03\" xmlns:dstore=\"http://d-portal.org/xmlns/dstore\" ",
        "xmlns:iati-activities=\"http://d-portal.org/xmlns/iati-activities\" ",
        "xmlns:ns0=\"http://d-portal.org/xmlns/dstore\" ",
        "xmlns:ns1=\"http://d-portal.org/xmlns/iati-activities\" xmlns:ns2=\"xml\">\n"
    ));
    'fill: loop {
        for part in &parts {
            out.push_str(part);
            out.push('\n');
            if out.len() >= TARGET_BYTES {
                break 'fill;
            }
        }
    }
    out.push_str("</iati-activities>\n");
    out.into_bytes()
}

/// Every event and every attribute, and nothing kept: the floor for any reader built on
/// `quick-xml`.
fn scan(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut seen = 0usize;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                for attr in e.attributes() {
                    seen += attr.unwrap().value.len();
                }
            }
            Event::Text(t) => seen += t.len(),
            Event::Eof => return seen,
            _ => {}
        }
    }
}

fn typed(bytes: &[u8]) -> u64 {
    let mut reader = IatiReader::new(bytes).unwrap();
    let mut transactions = 0u64;
    while let Some(activity) = reader.next_activity().unwrap() {
        transactions += activity.transactions.len() as u64;
    }
    transactions
}

/// The typed read, every transaction and budget valued in US dollars under `convention`.
fn valued(bytes: &[u8], rates: &Rates<'_>, convention: Convention) -> u64 {
    let mut reader = IatiReader::new(bytes).unwrap();
    let mut valuer = Valuer::new(rates, convention, Currency::USD).unwrap();
    let mut totals = ValuedTotals::new(&valuer);
    while let Some(activity) = reader.next_activity().unwrap() {
        totals.add(&activity, &mut valuer).unwrap();
    }
    totals.by_type.values().map(|flow| flow.converted).sum()
}

fn read(c: &mut Criterion) {
    let bytes = big_file();
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(target.join("criterion/iati_read")).unwrap();
    std::fs::write(target.join("iati-bench.xml"), &bytes).unwrap();
    std::fs::write(
        target.join("criterion/iati_read/bytes.txt"),
        bytes.len().to_string(),
    )
    .unwrap();
    let mut group = c.benchmark_group("iati_read");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("quick_xml_scan", |b| b.iter(|| scan(black_box(&bytes))));
    group.bench_function("typed_activities", |b| b.iter(|| typed(black_box(&bytes))));
    group.finish();

    let rates = Rates::shipped();
    let mut group = c.benchmark_group("iati_value");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read", |b| b.iter(|| typed(black_box(&bytes))));
    for convention in Convention::published() {
        group.bench_function(convention.name(), |b| {
            b.iter(|| valued(black_box(&bytes), &rates, *convention));
        });
    }
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
