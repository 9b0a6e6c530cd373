//! Flat rows of the 13 real files of `tests/data/iati/real/`, from memory: the typed read
//! alone, the read with every activity flattened, and the read, flattening and CSV encoding of
//! every row, in one run so that each step's cost is a ratio to the read.
//!
//! `scripts/bench-flat.py` measures the command line against `iatiflattener` on the same files,
//! two threads against one on a 1 GB corpus, and peak memory.
#![allow(missing_docs, clippy::unwrap_used, clippy::arithmetic_side_effects)]

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use partnerships::analysis::convention::Rates;
use partnerships::analysis::flat::Flattener;
use partnerships::formats::flat::CsvRows;
use partnerships::formats::iati::IatiReader;
use partnerships::formats::rates::read_per_usd;

fn files() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/iati/real");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn rates() -> Rates<'static> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fx/imf-monthly-per-usd-from-xdr.csv");
    let feed = read_per_usd(std::fs::File::open(path).unwrap(), "per-usd").unwrap();
    Rates::shipped().with_series(feed).unwrap()
}

/// Reads every file, handing each activity to `each`; returns the activities read.
fn read_all(
    files: &[(String, Vec<u8>)],
    mut each: impl FnMut(&str, usize, &partnerships::formats::iati::Activity),
) -> usize {
    let mut count = 0;
    for (name, bytes) in files {
        let mut reader = IatiReader::new(bytes.as_slice()).unwrap();
        let mut index = 0;
        while let Some(activity) = reader.next_activity().unwrap() {
            each(name, index, &activity);
            index += 1;
        }
        count += index;
    }
    count
}

fn flat(c: &mut Criterion) {
    let files = files();
    let rates = rates();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("flat");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("read", |b| {
        b.iter(|| {
            read_all(&files, |_, _, a| {
                black_box(a);
            })
        });
    });
    group.bench_function("read_flatten", |b| {
        b.iter(|| {
            let mut flattener = Flattener::new(&rates).unwrap();
            read_all(&files, |_, _, a| {
                black_box(flattener.activity(a));
            })
        });
    });
    group.bench_function("read_flatten_csv", |b| {
        b.iter(|| {
            let mut flattener = Flattener::new(&rates).unwrap();
            let mut csv = CsvRows::new(
                std::io::sink(),
                std::io::sink(),
                std::io::sink(),
                &["en", "fr"],
            );
            read_all(&files, |name, index, a| {
                csv.write(name, index, &flattener.activity(a)).unwrap();
            })
        });
    });
    group.finish();
}

criterion_group!(benches, flat);
criterion_main!(benches);
