use partnerships::{ErrorKind, Money};

use super::{m, texts};

#[test]
fn parts_sum_to_the_total_and_leftovers_go_to_the_largest_remainders() {
    assert_eq!(
        texts(&m("EUR 100.00").allocate(&[1, 1, 1]).unwrap()),
        ["EUR 33.34", "EUR 33.33", "EUR 33.33"]
    );
    // Exact shares 0.3, 0.7 cents... of 0.05 by 3:7: 1.5 and 3.5 cents; the tie goes first.
    assert_eq!(
        texts(&m("EUR 0.05").allocate(&[3, 7]).unwrap()),
        ["EUR 0.02", "EUR 0.03"]
    );
    // Shares 1.2, 2.4, 3.6 cents of 0.07 by 1:2:3; the leftover unit goes to the largest remainder (.6).
    assert_eq!(
        texts(&m("EUR 0.07").allocate(&[1, 2, 3]).unwrap()),
        ["EUR 0.01", "EUR 0.02", "EUR 0.04"]
    );
}

#[test]
fn negative_totals_mirror_positive_ones() {
    let positive = m("EUR 100.00").allocate(&[1, 1, 1]).unwrap();
    let negative = m("EUR -100.00").allocate(&[1, 1, 1]).unwrap();
    assert_eq!(texts(&negative), ["EUR -33.34", "EUR -33.33", "EUR -33.33"]);
    for (p, n) in positive.iter().zip(&negative) {
        assert_eq!(p.checked_neg().unwrap(), *n);
    }
}

#[test]
fn zero_weights_get_zero() {
    let parts = m("EUR 0.05").allocate(&[0, 1, 0, 1, 0]).unwrap();
    assert_eq!(
        texts(&parts),
        ["EUR 0.00", "EUR 0.03", "EUR 0.00", "EUR 0.02", "EUR 0.00"]
    );
}

#[test]
fn amounts_are_brought_to_minor_units() {
    assert_eq!(
        texts(&m("EUR 1").allocate(&[1, 1]).unwrap()),
        ["EUR 0.50", "EUR 0.50"]
    );
    assert_eq!(
        texts(&m("JPY 1000").split(3).unwrap()),
        ["JPY 334", "JPY 333", "JPY 333"]
    );
    assert_eq!(
        texts(&m("BHD 1.000").split(3).unwrap()),
        ["BHD 0.334", "BHD 0.333", "BHD 0.333"]
    );
}

#[test]
fn currencies_without_minor_units_split_at_the_amounts_own_scale() {
    assert_eq!(
        texts(&m("XAU 1.00").split(3).unwrap()),
        ["XAU 0.34", "XAU 0.33", "XAU 0.33"]
    );
}

#[test]
fn impossible_allocations_say_why() {
    let cases: [(Money, &[u64], &str); 3] = [
        (
            m("EUR 1.00"),
            &[],
            "cannot allocate EUR 1.00: there are no weights",
        ),
        (
            m("EUR 1.00"),
            &[0, 0],
            "cannot allocate EUR 1.00: every weight is zero",
        ),
        (
            m("EUR 1.00"),
            &[u64::MAX, 1],
            "cannot allocate EUR 1.00: the weights add up to more than 18446744073709551615",
        ),
    ];
    for (money, weights, message) in cases {
        let err = money.allocate(weights).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Allocation);
        assert_eq!(err.to_string(), message);
    }
    assert_eq!(
        m("EUR 1.00").split(0).unwrap_err().to_string(),
        "cannot allocate EUR 1.00: cannot split into 0 parts"
    );
}

#[test]
fn amounts_finer_than_minor_units_split_at_their_own_last_place() {
    assert_eq!(
        texts(&m("EUR 1.001").split(2).unwrap()),
        ["EUR 0.501", "EUR 0.500"]
    );
    // Trailing zeros are not places of their own.
    assert_eq!(
        texts(&m("EUR 1.0000").split(3).unwrap()),
        ["EUR 0.34", "EUR 0.33", "EUR 0.33"]
    );
}

#[test]
fn absurd_part_counts_fail_cleanly() {
    let err = m("EUR 1.00").split(usize::MAX).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Allocation);
}

#[test]
fn the_largest_amounts_split_without_overflow() {
    let max = Money::new(
        rust_decimal::Decimal::new(i64::MAX, 2),
        partnerships::Currency::EUR,
    );
    let parts = max.allocate(&[u64::MAX - 1, 1]).unwrap();
    assert_eq!(Money::try_sum(max.currency(), parts).unwrap(), max);
    let huge = Money::new(rust_decimal::Decimal::MAX, partnerships::Currency::JPY);
    let parts = huge.allocate(&[u64::MAX / 2, u64::MAX / 3, 7]).unwrap();
    assert_eq!(Money::try_sum(huge.currency(), parts).unwrap(), huge);
}
