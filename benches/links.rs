//! Funding links: the 13 real files of `tests/data/iati/real/` read from memory alone and read
//! and linked, so that linking's cost is a ratio to the read; and linking a corpus of 10,000
//! and of 100,000 activities made of those files, to show how it grows.
//!
//! The corpus repeats the 1,409 real activities; each copy gets its own publishers (every
//! organisation identifier, activity identifier and name in it is tagged with the copy), so
//! that it has the shape of a corpus of many publishers rather than of one publisher a hundred
//! times over. The time per activity at 100,000 over the time per activity at 10,000 is at most
//! 1.5 when linking grows no faster than n log n.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation
)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use partnerships::analysis::convention::{Convention, Rates, Valuer};
use partnerships::analysis::links::Linker;
use partnerships::formats::iati::records::OrgRef;
use partnerships::formats::iati::{Activity, IatiReader};
use partnerships::Currency;

fn files() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/iati/real");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn read_all(files: &[Vec<u8>], mut each: impl FnMut(&Activity)) {
    for bytes in files {
        let mut reader = IatiReader::new(bytes.as_slice()).unwrap();
        while let Some(activity) = reader.next_activity().unwrap() {
            each(&activity);
        }
    }
}

/// Copy `k`'s tag: two letters and a hyphen, so that a tagged organisation identifier is still
/// shaped as one (`AB-XM-DAC-47066`).
fn tag(k: usize) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    format!("{}{}-", letter(k / 26), letter(k))
}

fn tagged(text: &mut String, tag: &str) {
    text.insert_str(0, tag);
}

fn tag_org(org: &mut OrgRef, tag: &str) {
    for text in org.reference.iter_mut().chain(org.activity_id.iter_mut()) {
        tagged(text, tag);
    }
    for name in &mut org.names {
        name.text.push_str(" copy ");
        name.text.push_str(tag);
    }
}

/// The activity as copy `k` of the corpus publishes it.
fn copy(activity: &Activity, k: usize) -> Activity {
    let tag = tag(k);
    let mut a = activity.clone();
    tagged(&mut a.identifier, &tag);
    for org in a
        .reporting_org
        .iter_mut()
        .map(|r| &mut r.org)
        .chain(a.participating_orgs.iter_mut().map(|p| &mut p.org))
        .chain(
            a.transactions
                .iter_mut()
                .flat_map(|t| t.provider.iter_mut().chain(t.receiver.iter_mut())),
        )
    {
        tag_org(org, &tag);
    }
    for other in &mut a.other_identifiers {
        if let Some(text) = &mut other.reference {
            tagged(text, &tag);
        }
    }
    for related in &mut a.related_activities {
        if let Some(text) = &mut related.reference {
            tagged(text, &tag);
        }
    }
    a
}

fn links(c: &mut Criterion) {
    let files = files();
    let rates = Rates::shipped();
    let mut group = c.benchmark_group("links");
    group.sample_size(20);
    group.bench_function("read", |b| {
        b.iter(|| {
            read_all(&files, |a| {
                black_box(a);
            });
        });
    });
    group.bench_function("read_link", |b| {
        b.iter(|| {
            let mut linker = Linker::new();
            read_all(&files, |a| linker.add(a));
            let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap();
            black_box(linker.link(&mut valuer))
        });
    });
    group.finish();

    let mut real = Vec::new();
    read_all(&files, |a| real.push(a.clone()));
    let mut group = c.benchmark_group("links_scale");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    for n in [10_000usize, 100_000] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for _ in 0..iterations {
                    let mut linker = Linker::new();
                    // Copies are made outside the clock: only adding and linking is timed.
                    for i in 0..n {
                        let activity = copy(&real[i % real.len()], i / real.len());
                        let start = Instant::now();
                        linker.add(&activity);
                        spent += start.elapsed();
                    }
                    let mut valuer =
                        Valuer::new(&rates, Convention::IatiCloud, Currency::EUR).unwrap();
                    let start = Instant::now();
                    black_box(linker.link(&mut valuer));
                    spent += start.elapsed();
                }
                spent
            });
        });
    }
    group.finish();
}

criterion_group!(benches, links);
criterion_main!(benches);
