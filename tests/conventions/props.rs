//! Properties of every convention, over many amounts, currencies and dates.

use chrono::NaiveDate;
use partnerships::analysis::convention::{Convention, Rates, Valuer};
use partnerships::analysis::totals::{Flow, ValuedTotals};
use partnerships::data::IMF_SDR_MONTHLY;
use partnerships::formats::iati::code::TransactionType;
use partnerships::formats::iati::records::{Activity, Transaction, Value};
use partnerships::money::{RoundTo, Rounding, RoundingMode};
use partnerships::{Currency, Money};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The currencies of the SDR table with their minor units: 0 (JPY, KRW), 2, 3 (BHD, KWD).
fn currency() -> impl Strategy<Value = Currency> {
    proptest::sample::select(vec![
        Currency::USD,
        Currency::EUR,
        Currency::GBP,
        Currency::JPY,
        Currency::KRW,
        Currency::CHF,
        Currency::BHD,
        Currency::KWD,
        Currency::INR,
        Currency::BRL,
    ])
}

fn convention() -> impl Strategy<Value = Convention> {
    proptest::sample::select(Convention::published().to_vec())
}

/// A day from 1999 to 2024, where the annual and monthly tables both have most currencies.
fn date() -> impl Strategy<Value = NaiveDate> {
    (1999_i32..2025, 1_u32..13, 1_u32..29)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// An amount with the currency's minor units, up to a thousand billion.
fn amount(currency: Currency) -> impl Strategy<Value = Money> {
    let scale = u32::from(currency.minor_units().unwrap_or(0));
    (0_i64..100_000_000_000_000).prop_map(move |units| {
        let scaled = Decimal::new(units, 2).round_dp(scale);
        Money::new(scaled, currency)
    })
}

fn minor_unit(currency: Currency) -> Decimal {
    Decimal::new(1, u32::from(currency.minor_units().unwrap_or(0)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn there_and_back_stays_within_a_minor_unit_per_rate_step(
        convention in convention(),
        (from, to) in (currency(), currency()).prop_filter("two currencies", |(a, b)| a != b),
        original in currency().prop_flat_map(amount),
        day in date(),
    ) {
        let original = Money::new(original.amount(), from).round(RoundingMode::HalfEven, RoundTo::MinorUnits).unwrap();
        let rates = Rates::shipped();
        // Forth finely (twelve places), back to the original's minor units.
        let fine = Rounding::new(RoundingMode::HalfEven, RoundTo::Scale(12));
        let mut forth = Valuer::with_rounding(&rates, convention, to, fine).unwrap();
        let mut back = Valuer::new(&rates, convention, from).unwrap();
        let Ok(there) = forth.value(original, Some(day), None) else {
            return Ok(()); // no rate that day
        };
        let again = back.value(there.conversion.converted, Some(day), None).unwrap();
        let steps = [&there, &again]
            .iter()
            .map(|v| v.conversion.rate.as_ref().map_or(0, |r| r.route().len().max(1)))
            .sum::<usize>();
        let gap = (again.conversion.converted.amount() - original.amount()).abs();
        prop_assert!(
            gap <= minor_unit(from) * Decimal::from(steps),
            "{original} -> {} -> {} ({steps} steps)",
            there.conversion.converted,
            again.conversion.converted
        );
    }

    #[test]
    fn a_value_in_the_target_currency_is_never_changed(
        convention in convention(),
        target in currency(),
        units in any::<i64>(),
        scale in 0_u32..8,
        day in date(),
    ) {
        let original = Money::new(Decimal::new(units, scale), target);
        let rates = Rates::shipped();
        let mut valuer = Valuer::new(&rates, convention, target).unwrap();
        let valued = valuer.value(original, Some(day), None).unwrap();
        prop_assert_eq!(valued.conversion.converted, original);
        prop_assert!(valued.conversion.rate.is_none());
    }

    #[test]
    fn totals_are_the_sum_of_their_converted_parts(
        convention in convention(),
        target in currency(),
        values in proptest::collection::vec(
            (currency().prop_flat_map(amount), proptest::option::weighted(0.9, date()), any::<bool>()),
            0..40,
        ),
    ) {
        let kinds = [TransactionType::DISBURSEMENT, TransactionType::EXPENDITURE];
        let activity = Activity {
            transactions: values
                .iter()
                .map(|(money, day, first)| Transaction {
                    kind: Some(kinds[usize::from(*first)].clone()),
                    value: Some(Value { money: Some(*money), value_date: *day, ..Value::default() }),
                    ..Transaction::default()
                })
                .collect(),
            ..Activity::default()
        };
        let rates = Rates::shipped();
        let mut valuer = Valuer::new(&rates, convention, target).unwrap();
        let mut totals = ValuedTotals::new(&valuer);
        totals.add(&activity, &mut valuer).unwrap();
        let mut one_by_one = Valuer::new(&rates, convention, target).unwrap();
        for (index, kind) in kinds.iter().enumerate() {
            let mut sum = Money::zero(target);
            let (mut converted, mut refused) = (0_u64, 0_u64);
            for (money, day, _) in values.iter().filter(|(_, _, first)| usize::from(*first) == index) {
                match one_by_one.value(*money, *day, None) {
                    Ok(valued) => {
                        sum = sum.checked_add(valued.conversion.converted).unwrap();
                        converted += 1;
                    }
                    Err(_) => refused += 1,
                }
            }
            if let Some(flow) = totals.by_type.get(&Flow::Transaction(kind.clone())) {
                prop_assert_eq!(flow.total, sum);
                prop_assert_eq!((flow.converted, flow.unconvertible_count()), (converted, refused));
            } else {
                prop_assert_eq!((converted, refused), (0, 0));
            }
        }
    }
}

#[test]
fn every_currency_of_the_sdr_table_converts_to_the_dollar_in_its_last_month() {
    let rates = Rates::shipped();
    let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::USD).unwrap();
    for currency in IMF_SDR_MONTHLY.currencies() {
        let (_, last) = IMF_SDR_MONTHLY.coverage(currency).unwrap();
        let day = last.first_day().unwrap();
        let one = Money::new(Decimal::ONE, currency);
        if IMF_SDR_MONTHLY.value(Currency::USD, last).is_some() {
            assert!(
                valuer.value(one, Some(day), None).is_ok(),
                "{currency} in {last}"
            );
        }
    }
}
