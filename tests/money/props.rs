//! Properties that hold for every amount, not only the examples.

use partnerships::money::{
    DatePolicy, ExchangeRate, RateKind, RateTable, RoundTo, Rounding, RoundingMode,
};
use partnerships::{Currency, ErrorKind, Money, MoneyBag};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::day;

fn currency() -> impl Strategy<Value = Currency> {
    let all: Vec<Currency> = Currency::all().collect();
    proptest::sample::select(all)
}

/// Currencies with minor units, covering 0, 2, 3 and 4.
fn minor_currency() -> impl Strategy<Value = Currency> {
    proptest::sample::select(vec![
        Currency::JPY,
        Currency::EUR,
        Currency::USD,
        Currency::BHD,
        Currency::CLF,
        Currency::KRW,
    ])
}

fn decimal() -> impl Strategy<Value = Decimal> {
    let max = (1_i128 << 96) - 1;
    (-max..=max, 0_u32..=28)
        .prop_map(|(mantissa, scale)| Decimal::from_i128_with_scale(mantissa, scale))
}

/// Amounts of everyday size: up to 10^15 with up to 6 decimal places.
fn moderate() -> impl Strategy<Value = Decimal> {
    (
        -1_000_000_000_000_000_000_000_i128..=1_000_000_000_000_000_000_000,
        0_u32..=6,
    )
        .prop_map(|(mantissa, scale)| Decimal::from_i128_with_scale(mantissa, scale))
}

fn mode() -> impl Strategy<Value = RoundingMode> {
    proptest::sample::select(vec![
        RoundingMode::HalfEven,
        RoundingMode::HalfUp,
        RoundingMode::HalfDown,
        RoundingMode::TowardZero,
        RoundingMode::AwayFromZero,
        RoundingMode::Floor,
        RoundingMode::Ceiling,
    ])
}

fn is_nearest(mode: RoundingMode) -> bool {
    matches!(
        mode,
        RoundingMode::HalfEven | RoundingMode::HalfUp | RoundingMode::HalfDown
    )
}

/// One unit at `scale` places.
fn unit(scale: u32) -> Decimal {
    Decimal::new(1, scale)
}

proptest! {
    #[test]
    fn text_round_trips(amount in decimal(), currency in currency()) {
        let money = Money::new(amount, currency);
        let text = money.to_string();
        let back: Money = text.parse().unwrap();
        prop_assert_eq!(back, money);
        prop_assert_eq!(back.to_string(), text);
    }

    #[test]
    fn json_round_trips(amount in decimal(), currency in currency()) {
        let money = Money::new(amount, currency);
        let back: Money = serde_json::from_str(&serde_json::to_string(&money).unwrap()).unwrap();
        prop_assert_eq!(back, money);
        prop_assert_eq!(back.amount().scale(), amount.scale());
    }

    #[test]
    fn addition_commutes_and_subtraction_undoes_it(a in moderate(), b in moderate(), currency in currency()) {
        let (a, b) = (Money::new(a, currency), Money::new(b, currency));
        prop_assert_eq!(a.checked_add(b).unwrap(), b.checked_add(a).unwrap());
        prop_assert_eq!(a.checked_add(b).unwrap().checked_sub(b).unwrap(), a);
    }

    #[test]
    fn different_currencies_never_mix(a in decimal(), b in decimal(), x in currency(), y in currency()) {
        prop_assume!(x != y);
        let (a, b) = (Money::new(a, x), Money::new(b, y));
        prop_assert_eq!(a.checked_add(b).unwrap_err().kind(), ErrorKind::CurrencyMismatch);
        prop_assert_eq!(a.checked_sub(b).unwrap_err().kind(), ErrorKind::CurrencyMismatch);
        prop_assert_eq!(a.checked_cmp(&b).unwrap_err().kind(), ErrorKind::CurrencyMismatch);
    }

    #[test]
    fn amounts_near_the_limit_overflow_as_errors(below in 0_i64..1_000_000, extra in 1_i64..i64::MAX) {
        let big = Money::new(Decimal::MAX - Decimal::from(below), Currency::EUR);
        let add = Money::new(Decimal::from(below) + Decimal::from(extra), Currency::EUR);
        prop_assert_eq!(big.checked_add(add).unwrap_err().kind(), ErrorKind::Overflow);
        let negative = big.checked_neg().unwrap();
        prop_assert_eq!(negative.checked_sub(add).unwrap_err().kind(), ErrorKind::Overflow);
        prop_assert_eq!(big.checked_mul(Decimal::from(extra.saturating_add(1))).unwrap_err().kind(), ErrorKind::Overflow);
    }

    #[test]
    fn multiplication_never_panics_and_is_exact_when_it_succeeds(a in decimal(), b in decimal()) {
        let money = Money::new(a, Currency::EUR);
        match money.checked_mul(b) {
            Ok(product) => {
                // Where rust_decimal's own product is exact too, both agree.
                if let Some(p) = a.checked_mul(b) {
                    if p.scale() == (a.scale() + b.scale()).min(28) && a.scale() + b.scale() <= 28 {
                        prop_assert_eq!(product.amount(), p);
                    }
                }
            }
            Err(e) => prop_assert!(matches!(e.kind(), ErrorKind::Overflow | ErrorKind::PrecisionLoss)),
        }
        let _ = money.checked_mul_rounded(b, RoundingMode::HalfEven, RoundTo::MinorUnits);
        let _ = money.checked_mul_rounded(b, RoundingMode::HalfEven, RoundTo::SignificantFigures(5));
    }

    #[test]
    fn exact_products_divide_back(a in moderate(), b in moderate()) {
        prop_assume!(!b.is_zero());
        // Products of everyday amounts can still exceed 7.9e28; those are overflow errors.
        match Money::new(a, Currency::EUR).checked_mul(b) {
            Ok(product) => prop_assert_eq!(product.amount().checked_div(b).unwrap(), a),
            Err(e) => prop_assert_eq!(e.kind(), ErrorKind::Overflow),
        }
    }

    #[test]
    fn rounding_is_idempotent_close_and_monotone(a in moderate(), b in moderate(), mode in mode(), scale in 0_u32..=6) {
        let to = RoundTo::Scale(scale);
        let (x, y) = (Money::new(a.min(b), Currency::EUR), Money::new(a.max(b), Currency::EUR));
        let rx = x.round(mode, to).unwrap();
        let ry = y.round(mode, to).unwrap();
        prop_assert_eq!(rx.round(mode, to).unwrap(), rx);
        let error = (rx.amount() - x.amount()).abs();
        if is_nearest(mode) {
            prop_assert!(error * Decimal::TWO <= unit(scale));
        } else {
            prop_assert!(error < unit(scale));
        }
        prop_assert!(rx.amount() <= ry.amount());
        prop_assert_eq!(rx.amount().scale(), scale);
    }

    #[test]
    fn rounded_products_round_once(a in moderate(), b in moderate(), mode in mode()) {
        // Rounding the exact product must equal rounding inside the multiplication.
        let money = Money::new(a, Currency::EUR);
        if let Ok(exact) = money.checked_mul(b) {
            let once = money.checked_mul_rounded(b, mode, RoundTo::MinorUnits).unwrap();
            prop_assert_eq!(once, exact.round(mode, RoundTo::MinorUnits).unwrap());
        }
    }

    #[test]
    fn allocation_conserves_and_respects_quotas(units in -1_000_000_000_000_i128..1_000_000_000_000, currency in minor_currency(), weights in proptest::collection::vec(0_u64..1000, 1..20)) {
        prop_assume!(weights.iter().any(|w| *w > 0));
        let total = Money::from_minor_units(units, currency).unwrap();
        let parts = total.allocate(&weights).unwrap();
        prop_assert_eq!(parts.len(), weights.len());
        prop_assert_eq!(Money::try_sum(currency, parts.clone()).unwrap(), total);
        let sum: u64 = weights.iter().sum();
        for (part, weight) in parts.iter().zip(&weights) {
            let got = part.to_minor_units().unwrap();
            if *weight == 0 {
                prop_assert_eq!(got, 0);
            }
            // |got - units × w / W| < 1 ⇔ |got × W - units × w| < W
            let diff = got * i128::from(sum) - units * i128::from(*weight);
            prop_assert!(diff.abs() < i128::from(sum));
        }
        let mirrored = total.checked_neg().unwrap().allocate(&weights).unwrap();
        for (p, n) in parts.iter().zip(&mirrored) {
            prop_assert_eq!(p.checked_neg().unwrap(), *n);
        }
    }

    #[test]
    fn equal_splits_differ_by_at_most_one_unit(units in -1_000_000_000_000_i128..1_000_000_000_000, n in 1_usize..200) {
        let total = Money::from_minor_units(units, Currency::EUR).unwrap();
        let parts = total.split(n).unwrap();
        prop_assert_eq!(Money::try_sum(Currency::EUR, parts.clone()).unwrap(), total);
        let cents: Vec<i128> = parts.iter().map(|p| p.to_minor_units().unwrap()).collect();
        let (lo, hi) = (cents.iter().min().unwrap(), cents.iter().max().unwrap());
        prop_assert!(hi - lo <= 1);
        prop_assert_eq!(parts, total.allocate(&vec![1; n]).unwrap());
    }

    #[test]
    fn convert_then_invert_comes_back_within_a_unit(units in 0_i128..1_000_000_000_000_000, rate in 1_u64..100_000_000, scale in 0_u32..8) {
        let rate = Decimal::new(i64::try_from(rate).unwrap(), scale);
        let r = ExchangeRate::new(Currency::USD, Currency::EUR, rate, day(2020, 10, 1), RateKind::Spot, "p").unwrap();
        let usd = Money::from_minor_units(units, Currency::USD).unwrap();
        let eur = r.convert(&usd).unwrap();
        let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
        let back = r.invert().unwrap().convert_rounded(&eur, cents).unwrap();
        prop_assert!((back.to_minor_units().unwrap() - units).abs() <= 1, "{} -> {} -> {}", usd, eur, back);
    }

    #[test]
    fn valuations_reproduce_their_total(amounts in proptest::collection::vec((moderate(), 0_usize..4), 0..30)) {
        let currencies = [Currency::EUR, Currency::USD, Currency::GBP, Currency::JPY];
        let mut table = RateTable::with_pivot(Currency::USD);
        for (quote, r) in [(Currency::EUR, "0.8498"), (Currency::GBP, "0.7704"), (Currency::JPY, "105.2095")] {
            table.insert(ExchangeRate::new(Currency::USD, quote, r.parse().unwrap(), day(2020, 10, 1), RateKind::MonthlyAverage, "FRED").unwrap()).unwrap();
        }
        let bag: MoneyBag = amounts.iter().map(|(a, c)| Money::new(*a, currencies[*c])).collect::<Result<_, _>>().unwrap();
        let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
        let v = bag.value_in(Currency::EUR, &table, day(2020, 10, 13), DatePolicy::LatestOnOrBefore { max_age_days: 31 }, cents).unwrap();
        prop_assert_eq!(v.conversions.len(), bag.len());
        let sum = Money::try_sum(Currency::EUR, v.conversions.iter().map(|c| c.converted)).unwrap();
        prop_assert_eq!(sum, v.total);
        for c in &v.conversions {
            if let Some(rate) = &c.rate {
                prop_assert_eq!(rate.convert_rounded(&c.original, cents).unwrap(), c.converted);
            }
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let _ = text.parse::<Money>();
        let _ = Currency::from_code(&text);
        let _ = text.parse::<partnerships::PartialDate>();
    }
}
