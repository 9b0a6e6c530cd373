//! Validation time per record at 10,000 and at 1,000,000 records, measured in the same run: the
//! ratio of the two per-record times shows whether validation scales linearly, beside the same
//! ratio for a pass that only reads the identifiers validation must read. The 10,000-record
//! dataset is measured twice: in the processor's caches, where it fits, and read from main
//! memory (a different copy each time), as the 1,000,000-record dataset always is. And reading a
//! 100 MB dataset file into a validated dataset against an untyped JSON parse of the same bytes.
//!
//! The generated datasets have realistic proportions: per 100 records, 6 organisations (in
//! three-level hierarchies), a fund, 10 officials, 10 posts, 15 appointments, 2 frameworks,
//! 6 meetings of 6 participants each, 15 programmes, 10 outcome metrics, 2 portfolios and 23
//! figures, every reference resolving.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    clippy::wildcard_imports
)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use partnerships::{dataset::*, figure::*, id::*, model::*, money::*};
use rust_decimal::Decimal;

fn oid(b: usize, i: usize) -> OrganisationId {
    OrganisationId::new(format!("org-{b}-{i}")).unwrap()
}

/// One block of 100 records, numbered `b`.
#[allow(clippy::too_many_lines)]
fn block(data: &mut Dataset, b: usize) {
    let source = SourceId::new("source").unwrap();
    for i in 0..6 {
        let mut o = Organisation::new(
            oid(b, i),
            OrganisationKind::DirectorateGeneral,
            format!("Organisation {b}-{i}"),
        );
        if i > 0 {
            o.parents.push(ParentLink::new(oid(b, (i - 1) / 2)));
        }
        o.sources.push(source.clone());
        data.insert_organisation(o).unwrap();
    }
    let fund = FundId::new(format!("fund-{b}")).unwrap();
    let mut f = Fund::new(fund.clone(), "Fund");
    f.managed_by = Some(oid(b, 0));
    data.insert_fund(f).unwrap();
    for i in 0..10 {
        data.insert_official(Official::new(
            OfficialId::new(format!("official-{b}-{i}")).unwrap(),
            "Official Ñame",
        ))
        .unwrap();
        data.insert_post(Post::new(
            PostId::new(format!("post-{b}-{i}")).unwrap(),
            oid(b, i % 6),
            "Director-General",
        ))
        .unwrap();
    }
    for i in 0..15 {
        let mut a = Appointment::new(
            AppointmentId::new(format!("appointment-{b}-{i}")).unwrap(),
            OfficialId::new(format!("official-{b}-{}", i % 10)).unwrap(),
            PostId::new(format!("post-{b}-{}", i % 10)).unwrap(),
        );
        a.tenure = Some(
            if i < 10 { "2018-01-01/.." } else { "2010/2012" }
                .parse()
                .unwrap(),
        );
        data.insert_appointment(a).unwrap();
    }
    for i in 0..2 {
        let mut fw = Framework::new(
            FrameworkId::new(format!("framework-{b}-{i}")).unwrap(),
            "Framework",
        );
        fw.parties = vec![oid(b, 0), oid(b, 1)];
        fw.established = Some("2012-07".parse().unwrap());
        data.insert_framework(fw).unwrap();
    }
    for i in 0..6 {
        let mut m = Meeting::builder(
            MeetingId::new(format!("meeting-{b}-{i}")).unwrap(),
            FrameworkId::new(format!("framework-{b}-{}", i % 2)).unwrap(),
            format!("{}-10-13", 2018 + i / 2).parse().unwrap(),
        )
        .ordinal(u32::try_from(i / 2 + 2).unwrap())
        .mode(MeetingMode::Virtual)
        .topic("migration");
        for p in 0..6 {
            let mut participant = Participant::new(
                OfficialId::new(format!("official-{b}-{p}")).unwrap(),
                oid(b, p % 2),
            );
            participant.post = Some(PostId::new(format!("post-{b}-{p}")).unwrap());
            if p == 0 {
                participant.capacity = Capacity::Host;
            }
            m = m.participant(participant);
        }
        data.insert_meeting(m.build()).unwrap();
    }
    for i in 0..23 {
        let quantity = if i % 5 == 4 {
            Quantity::about("EUR 1880000000.00".parse::<Money>().unwrap())
        } else {
            Quantity::more_than(Decimal::from(84_000 + i))
        };
        let unit = if i % 5 == 4 {
            Unit::Money
        } else {
            Unit::People
        };
        let f = Figure::builder(
            FigureId::new(format!("figure-{b}-{i}")).unwrap(),
            quantity,
            unit,
        )
        .period("2016-12/..".parse().unwrap())
        .as_of("2020-10-13".parse().unwrap())
        .about(Subject::Programme(
            ProgrammeId::new(format!("programme-{b}-{}", i % 15)).unwrap(),
        ))
        .source(source.clone())
        .build()
        .unwrap();
        data.insert_figure(f).unwrap();
    }
    for i in 0..10 {
        let mut metric = OutcomeMetric::new(
            OutcomeId::new(format!("outcome-{b}-{i}")).unwrap(),
            ProgrammeId::new(format!("programme-{b}-{i}")).unwrap(),
            ResultLevel::Output,
            "migrants assisted",
        );
        metric.actual = Some(FigureId::new(format!("figure-{b}-{i}")).unwrap());
        data.insert_outcome(metric).unwrap();
    }
    for i in 0..15 {
        let mut p = Programme::builder(
            ProgrammeId::new(format!("programme-{b}-{i}")).unwrap(),
            "Programme",
        )
        .framework(FrameworkId::new(format!("framework-{b}-{}", i % 2)).unwrap())
        .funder(Funder::Fund(fund.clone()))
        .implementer(oid(b, 1))
        .launched("2016-12".parse().unwrap());
        if i < 10 {
            p = p.outcome(OutcomeId::new(format!("outcome-{b}-{i}")).unwrap());
        }
        data.insert_programme(p.build()).unwrap();
    }
    for i in 0..2 {
        let mut p = Portfolio::new(
            PortfolioId::new(format!("portfolio-{b}-{i}")).unwrap(),
            FigureId::new(format!("figure-{b}-{}", i * 5)).unwrap(),
            FigureId::new(format!("figure-{b}-{}", i * 5 + 4)).unwrap(),
        );
        p.parties = vec![oid(b, 0), oid(b, 1)];
        data.insert_portfolio(p).unwrap();
    }
}

/// A generated dataset of `records` records (a multiple of 100).
fn generated(records: usize) -> Dataset {
    let mut data = Dataset::new();
    data.insert_source(Source::new(SourceId::new("source").unwrap(), "Generated"))
        .unwrap();
    for b in 0..records / 100 {
        block(&mut data, b);
    }
    data
}

/// The memory any validation must read, and nothing else: every record's identifier and every
/// reference it makes, each identifier's first byte and length. No look-up, no check. Its
/// per-record time at 1,000,000 against 10,000 shows what the memory hierarchy alone costs
/// once the dataset no longer fits in the processor's caches.
fn touch(data: &Dataset) -> usize {
    let mut sum = 0usize;
    let mut read = |id: &str| {
        let first = id.as_bytes().first().copied().unwrap_or(0);
        sum = sum.wrapping_add(id.len() + usize::from(first));
    };
    for o in data.organisations() {
        read(o.id.as_str());
        o.parents.iter().for_each(|p| read(p.parent.as_str()));
        o.sources.iter().for_each(|s| read(s.as_str()));
    }
    for f in data.funds() {
        read(f.id.as_str());
        f.managed_by.iter().for_each(|m| read(m.as_str()));
    }
    for o in data.officials() {
        read(o.id.as_str());
    }
    for p in data.posts() {
        read(p.id.as_str());
        read(p.organisation.as_str());
    }
    for a in data.appointments() {
        read(a.id.as_str());
        read(a.official.as_str());
        read(a.post.as_str());
    }
    for f in data.frameworks() {
        read(f.id.as_str());
        f.parties.iter().for_each(|p| read(p.as_str()));
    }
    for m in data.meetings() {
        read(m.id.as_str());
        read(m.framework.as_str());
        for p in &m.participants {
            read(p.official.as_str());
            read(p.represents.as_str());
            p.post.iter().for_each(|post| read(post.as_str()));
        }
    }
    for p in data.programmes() {
        read(p.id.as_str());
        p.framework.iter().for_each(|f| read(f.as_str()));
        p.implementers.iter().for_each(|i| read(i.as_str()));
        p.outcomes.iter().for_each(|o| read(o.as_str()));
    }
    for m in data.outcomes() {
        read(m.id.as_str());
        read(m.programme.as_str());
        m.actual.iter().for_each(|a| read(a.as_str()));
    }
    for p in data.portfolios() {
        read(p.id.as_str());
        read(p.project_count.as_str());
        read(p.total_value.as_str());
    }
    for f in data.figures() {
        read(f.id().as_str());
        f.sources().iter().for_each(|s| read(s.as_str()));
    }
    sum
}

/// How many distinct 10,000-record datasets the `_from_memory` measurements take in turn: 100
/// of them hold as much as the 1,000,000-record dataset, far more than any processor cache, so
/// that each is read from main memory as the large one must be.
const COPIES: usize = 100;

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    for (name, records) in [("10k", 10_000), ("1m", 1_000_000)] {
        let data = generated(records);
        assert!(
            !data.validate().has_errors(),
            "the generated dataset is valid"
        );
        group.throughput(Throughput::Elements(data.len() as u64));
        group.bench_function(name, |b| b.iter(|| black_box(&data).validate()));
        group.bench_function(format!("touch_{name}"), |b| {
            b.iter(|| touch(black_box(&data)));
        });
    }
    // The same 10,000 records, but out of cache each time: the like-for-like baseline for the
    // 1,000,000-record dataset, which cannot be cached. The next copy's time is measured each
    // iteration.
    let copies: Vec<Dataset> = (0..COPIES).map(|_| generated(10_000)).collect();
    let mut turns = copies.iter().cycle();
    let mut next = || turns.next().unwrap();
    group.throughput(Throughput::Elements(copies.first().unwrap().len() as u64));
    group.bench_function("10k_from_memory", |b| {
        b.iter(|| black_box(next()).validate());
    });
    group.bench_function("touch_10k_from_memory", |b| {
        b.iter(|| touch(black_box(next())));
    });
    group.finish();
}

/// Reading a dataset file of about 100 MB into a validated `Dataset`, against `serde_json`
/// reading the same bytes into an untyped `serde_json::Value` (the floor for any typed reader).
fn read(c: &mut Criterion) {
    let text = partnerships::formats::to_json(&generated(275_000));
    let bytes = text.len();
    // The byte count, for scripts/bench-ratios.py to turn times into MB/s.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion/read");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bytes.txt"), bytes.to_string()).unwrap();
    let mut group = c.benchmark_group("read");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap());
    });
    group.bench_function("dataset_validated", |b| {
        b.iter(|| {
            let data = partnerships::formats::from_json(black_box(&text)).unwrap();
            let report = data.validate();
            (data, report)
        });
    });
    group.finish();
}

criterion_group!(benches, validate, read);
criterion_main!(benches);
