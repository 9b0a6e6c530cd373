//! IATI.cloud's convention: its documented example, and the real files' totals against an
//! independent computation of the same rule (`scripts/iati-cloud-totals.py`).

use std::collections::BTreeMap;

use partnerships::analysis::convention::{Convention, Rates, Reason, Valuer};
use partnerships::analysis::totals::{Flow, ValuedTotals};
use partnerships::data::IMF_SDR_MONTHLY;
use partnerships::formats::iati::code::TransactionType;
use partnerships::formats::iati::IatiReader;
use partnerships::money::{RoundTo, Rounding, RoundingMode};
use partnerships::Currency;
use rust_decimal::Decimal;

use super::{day, money, value};
use crate::data;

#[test]
fn the_documented_example_converts_in_may_2020_and_no_other_month() {
    // IATI.cloud's documentation: activity NL-KVK-32092131-2060, EUR 32,720.00 is USD 35,676.43.
    let example = money("EUR 32720.00");
    let months: Vec<String> = IMF_SDR_MONTHLY
        .points(Currency::EUR)
        .filter_map(|(month, _)| {
            let rate = IMF_SDR_MONTHLY.rate(Currency::EUR, Currency::USD, month)?;
            let exchange = IMF_SDR_MONTHLY.exchange_rate(&rate).ok()?;
            let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
            let usd = exchange.convert_rounded(&example, cents).ok()?;
            (usd == money("USD 35676.43")).then(|| month.to_string())
        })
        .collect();
    assert_eq!(months, ["2020-05"]);
    for date in ["2020-05-01", "2020-05-13", "2020-05-31"] {
        let valued = value(Convention::IatiCloud, Currency::USD, "EUR 32720.00", date);
        assert_eq!(valued.conversion.converted, money("USD 35676.43"));
        let route = valued.conversion.rate.as_ref().unwrap().route();
        assert_eq!(route.len(), 2);
        assert_eq!(
            (route[0].base, route[0].quote, route[0].rate.to_string()),
            (Currency::EUR, Currency::XDR, "0.7995564737".to_owned())
        );
        assert_eq!(
            (route[1].base, route[1].quote, route[1].inverted),
            (Currency::USD, Currency::XDR, true)
        );
        assert_eq!(
            (route[0].date, route[1].date),
            (day("2020-05-01"), day("2020-05-01"))
        );
    }
    // April's rates give another number.
    let april = value(
        Convention::IatiCloud,
        Currency::USD,
        "EUR 32720.00",
        "2020-04-30",
    );
    assert_ne!(april.conversion.converted, money("USD 35676.43"));
}

#[test]
fn each_reason_a_value_is_not_converted_is_counted() {
    let xml = r#"<iati-activities><iati-activity default-currency="EUR">
      <iati-identifier>XM-TEST-1</iati-identifier>
      <transaction><transaction-type code="3"/><value value-date="2020-05-13">100.00</value></transaction>
      <transaction><transaction-type code="3"/><value>100.00</value></transaction>
      <transaction><transaction-type code="3"/><value currency="USD">7.00</value></transaction>
      <transaction><transaction-type code="3"/><value value-date="1990-01-01">100.00</value></transaction>
      <transaction><transaction-type code="3"/><value currency="AFN" value-date="2020-05-13">100.00</value></transaction>
      <transaction><transaction-type code="3"/><value currency="ABC" value-date="2020-05-13">100.00</value></transaction>
      <transaction><transaction-type code="3"/><value value-date="2020-05-13">a lot</value></transaction>
      <transaction><transaction-type code="3"/><value currency="USD" value-date="2020-05-13">7.005</value></transaction>
    </iati-activity></iati-activities>"#;
    let activity = crate::one_activity(xml);
    let rates = Rates::shipped();
    let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::USD).unwrap();
    let mut totals = ValuedTotals::new(&valuer);
    totals.add(&activity, &mut valuer).unwrap();
    let disbursed = &totals.by_type[&Flow::Transaction(TransactionType::DISBURSEMENT)];
    // EUR 100.00 of May 2020 is USD 109.04; the dollar value is kept as written.
    assert_eq!(disbursed.total, money("USD 116.045"));
    assert_eq!(disbursed.converted, 2);
    let reasons: Vec<(Reason, u64)> = disbursed.unconvertible.clone().into_iter().collect();
    assert_eq!(
        reasons,
        [
            (Reason::NoValueDate, 2),
            (Reason::NoRate, 2),
            (Reason::UnknownCurrency, 1)
        ]
    );
}

/// The totals of the real files under IATI.cloud's convention, as the script writes them.
fn library_totals(target: Currency) -> serde_json::Value {
    let rates = Rates::shipped();
    let mut valuer = Valuer::new(&rates, Convention::IatiCloud, target).unwrap();
    let mut totals = ValuedTotals::new(&valuer);
    let mut files: Vec<_> = std::fs::read_dir(data("iati/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    for path in files {
        let mut reader =
            IatiReader::new(std::io::BufReader::new(std::fs::File::open(path).unwrap())).unwrap();
        while let Some(activity) = reader.next_activity().unwrap() {
            totals.add(&activity, &mut valuer).unwrap();
        }
    }
    let mut out: BTreeMap<&str, BTreeMap<String, serde_json::Value>> = BTreeMap::new();
    for (flow, v) in &totals.by_type {
        let kind = if flow.is_transaction() {
            "transactions"
        } else {
            "budgets"
        };
        let reasons: BTreeMap<&str, u64> = v
            .unconvertible
            .iter()
            .map(|(reason, n)| (reason.name(), *n))
            .collect();
        out.entry(kind).or_default().insert(
            flow.code().to_owned(),
            serde_json::json!({"total": v.total.amount().normalize().to_string(), "converted": v.converted, "unconvertible": reasons}),
        );
    }
    serde_json::to_value(out).unwrap()
}

/// The script's totals with each amount written as the library writes a normalised decimal.
fn script_totals(target: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(data("fx/iati-cloud-totals.json")).unwrap();
    let mut all: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut totals = all[target].take();
    for flows in totals.as_object_mut().unwrap().values_mut() {
        for entry in flows.as_object_mut().unwrap().values_mut() {
            let total: Decimal = entry["total"].as_str().unwrap().parse().unwrap();
            entry["total"] = total.normalize().to_string().into();
        }
    }
    totals
}

#[test]
fn the_real_files_total_as_an_independent_computation_of_the_rule_in_dollars_and_euros() {
    for target in [Currency::USD, Currency::EUR] {
        let expected = script_totals(target.code());
        assert!(expected["transactions"]["3"]["converted"].as_u64() > Some(1000));
        assert_eq!(library_totals(target), expected, "in {target}");
    }
}
