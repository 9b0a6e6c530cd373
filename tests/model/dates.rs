use std::cmp::Ordering;

use chrono::NaiveDate;
use partnerships::date::DatePrecision;
use partnerships::{ErrorKind, PartialDate, Period};
use proptest::prelude::*;

fn partial_date() -> impl Strategy<Value = PartialDate> {
    (0_i32..=9999, 1_u32..=12, 1_u32..=31, 0_u8..3).prop_map(|(y, m, d, precision)| match precision
    {
        0 => PartialDate::from_year(y).unwrap(),
        1 => PartialDate::from_year_month(y, m).unwrap(),
        _ => {
            let day = (1..=d)
                .rev()
                .find_map(|d| NaiveDate::from_ymd_opt(y, m, d))
                .unwrap();
            PartialDate::from_date(day).unwrap()
        }
    })
}

proptest! {
    #[test]
    fn text_round_trips_at_its_precision(d in partial_date()) {
        let text = d.to_string();
        let back: PartialDate = text.parse().unwrap();
        prop_assert_eq!(back, d);
        prop_assert_eq!(back.precision(), d.precision());
        prop_assert!(d.earliest() <= d.latest());
        prop_assert!(d.contains(d.earliest()) && d.contains(d.latest()));
    }

    #[test]
    fn ordering_is_antisymmetric_and_transitive(a in partial_date(), b in partial_date(), c in partial_date()) {
        prop_assert_eq!(a.partial_cmp(&b), b.partial_cmp(&a).map(Ordering::reverse));
        prop_assert_eq!(a.partial_cmp(&b) == Some(Ordering::Equal), a == b);
        if a < b && b < c {
            prop_assert!(a < c);
        }
        // Where the order is certain, sorting agrees with it.
        if a < b {
            prop_assert!(a.sort_key() < b.sort_key());
        }
    }

    #[test]
    fn a_period_never_ends_before_it_starts(a in partial_date(), b in partial_date()) {
        match Period::between(a, b) {
            Ok(p) => {
                prop_assert!(b.latest() >= a.earliest());
                prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
                prop_assert!(p.may_contain(a.earliest().max(b.earliest()).min(b.latest())) || p.may_contain(a.latest()));
            }
            Err(e) => {
                prop_assert!(b.latest() < a.earliest());
                prop_assert_eq!(e.kind(), ErrorKind::InvalidInput);
            }
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC{0,24}") {
        let _ = text.parse::<PartialDate>();
        let _ = text.parse::<Period>();
    }
}

#[test]
fn a_month_and_a_day_inside_it_have_no_order() {
    let december: PartialDate = "2016-12".parse().unwrap();
    let fifteenth: PartialDate = "2016-12-15".parse().unwrap();
    let november: PartialDate = "2016-11".parse().unwrap();
    assert_eq!(december.partial_cmp(&fifteenth), None);
    // Both operators must say no: that is the point of a partial order.
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    let neither = !(december < fifteenth) && !(december > fifteenth);
    assert!(neither);
    assert!(november < fifteenth);
    assert!(november < december);
    assert!("2016"
        .parse::<PartialDate>()
        .unwrap()
        .partial_cmp(&december)
        .is_none());
}

#[test]
fn dates_parse_only_iso_8601_at_three_precisions() {
    assert_eq!(
        "2012-07".parse::<PartialDate>().unwrap().precision(),
        DatePrecision::Month
    );
    for bad in [
        "",
        "12",
        "2012-7",
        "2012-13",
        "2021-02-29",
        "2012-07-01T00:00",
        "+2012",
        "２０１２",
        "2012--07",
        "10000",
    ] {
        let err = bad.parse::<PartialDate>().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("invalid date {bad:?}: expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD"),
            "{bad}"
        );
    }
    assert_eq!(
        "2020-02".parse::<PartialDate>().unwrap().latest(),
        NaiveDate::from_ymd_opt(2020, 2, 29).unwrap()
    );
}

#[test]
fn the_seed_periods_are_expressible() {
    let since_2017 = Period::since("2017".parse().unwrap());
    let between = Period::between("2015".parse().unwrap(), "2019".parse().unwrap()).unwrap();
    let since_launch = Period::since("2016-12".parse().unwrap());
    assert_eq!(
        [
            since_2017.to_string(),
            between.to_string(),
            since_launch.to_string()
        ],
        ["2017/..", "2015/2019", "2016-12/.."]
    );
    assert_eq!(
        "../..".parse::<Period>().unwrap(),
        Period::new(None, None).unwrap()
    );
    assert_eq!(
        "2015-2019".parse::<Period>().unwrap_err().to_string(),
        r#"invalid period "2015-2019": expected START/END in ISO 8601, with .. for an open end, such as "2015/2019" or "2017/..""#
    );
    assert_eq!(serde_json::to_string(&between).unwrap(), r#""2015/2019""#);
}
