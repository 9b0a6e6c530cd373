//! Money against its baselines, each pair measured in the same run:
//!
//! - `add`: `Money::checked_add` against `Decimal::checked_add` on the same amounts, and the same
//!   loop with the `rusty-money` crate as a peer;
//! - `bag_sum`: summing 1,000,000 amounts in 5 currencies into a `MoneyBag` against a plain
//!   `BTreeMap<&str, Decimal>`;
//! - `allocate`: splitting an amount into 1,000 weighted parts, against `rusty-money`.
//!
//! `scripts/bench-ratios.py` turns criterion's estimates into the ratios of the README.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use partnerships::{Currency, Money, MoneyBag};
use rust_decimal::Decimal;

/// Deterministic amounts of everyday size: up to ten million with cents.
fn amounts(n: usize) -> Vec<Decimal> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            Decimal::new(i64::try_from(state % 1_000_000_000).unwrap(), 2)
        })
        .collect()
}

fn add(c: &mut Criterion) {
    let values = amounts(1_000);
    let moneys: Vec<Money> = values
        .iter()
        .map(|d| Money::new(*d, Currency::EUR))
        .collect();
    let peers: Vec<rusty_money::Money<rusty_money::iso::Currency>> = values
        .iter()
        .map(|d| rusty_money::Money::from_decimal(*d, rusty_money::iso::EUR))
        .collect();
    let mut group = c.benchmark_group("add");
    group.throughput(Throughput::Elements(values.len() as u64));
    group.bench_function("decimal_checked_add", |b| {
        b.iter(|| {
            // The start goes through black_box: a constant zero lets the optimiser specialise the
            // decimal loop in ways that no real sum gets.
            let mut total = black_box(Decimal::ZERO);
            for v in black_box(&values) {
                total = total.checked_add(*v).unwrap();
            }
            total
        });
    });
    group.bench_function("money_checked_add", |b| {
        b.iter(|| {
            let mut total = black_box(Money::new(Decimal::ZERO, Currency::EUR));
            for m in black_box(&moneys) {
                total = total.checked_add(*m).unwrap();
            }
            total
        });
    });
    group.bench_function("rusty_money_add", |b| {
        b.iter(|| {
            let mut total = black_box(rusty_money::Money::from_decimal(
                Decimal::ZERO,
                rusty_money::iso::EUR,
            ));
            for m in black_box(&peers) {
                total += *m;
            }
            total
        });
    });
    group.finish();
}

fn bag_sum(c: &mut Criterion) {
    const N: usize = 1_000_000;
    let currencies = [
        Currency::EUR,
        Currency::USD,
        Currency::GBP,
        Currency::JPY,
        Currency::KRW,
    ];
    let moneys: Vec<Money> = amounts(N)
        .into_iter()
        .enumerate()
        .map(|(i, d)| Money::new(d, currencies[i % currencies.len()]))
        .collect();
    let mut group = c.benchmark_group("bag_sum");
    group.sample_size(20);
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("btreemap", |b| {
        b.iter(|| {
            let mut totals: BTreeMap<&str, Decimal> = BTreeMap::new();
            for m in black_box(&moneys) {
                let total = totals.entry(m.currency().code()).or_insert(Decimal::ZERO);
                *total = total.checked_add(m.amount()).unwrap();
            }
            totals
        });
    });
    group.bench_function("money_bag", |b| {
        b.iter(|| {
            let mut bag = MoneyBag::new();
            for m in black_box(&moneys) {
                bag.add(*m).unwrap();
            }
            bag
        });
    });
    group.finish();
}

fn allocate(c: &mut Criterion) {
    let total: Money = "EUR 1880000000.00".parse().unwrap();
    let weights: Vec<u64> = (1..=1_000).collect();
    let ratios: Vec<i32> = (1..=1_000).collect();
    let peer = rusty_money::Money::from_decimal(total.amount(), rusty_money::iso::EUR);
    let mut group = c.benchmark_group("allocate");
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("money_allocate_1000", |b| {
        b.iter(|| black_box(&total).allocate(black_box(&weights)).unwrap());
    });
    group.bench_function("rusty_money_allocate_1000", |b| {
        b.iter_batched(
            || ratios.clone(),
            |r| black_box(&peer).allocate(r).unwrap(),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("money_split_1000", |b| {
        b.iter(|| black_box(&total).split(1_000).unwrap());
    });
    group.finish();
}

criterion_group!(benches, add, bag_sum, allocate);
criterion_main!(benches);
