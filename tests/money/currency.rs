use partnerships::{Currency, ErrorKind};

use super::day;
use crate::data;

#[test]
fn every_iati_currency_code_resolves() {
    let xml = std::fs::read_to_string(data("iati/Currency.xml")).unwrap();
    let codes: Vec<&str> = xml
        .split("<code>")
        .skip(1)
        .map(|rest| rest.split("</code>").next().unwrap().trim())
        .collect();
    assert!(codes.len() > 150, "found only {} codes", codes.len());
    for code in codes {
        let currency = Currency::from_code(code).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(currency.code(), code);
    }
}

#[test]
fn every_iso_code_resolves_with_its_published_numeric_code_and_minor_units() {
    let mut reader = csv::Reader::from_path(data("iso4217/codes-all.csv")).unwrap();
    let mut current = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let (code, numeric, minor, withdrawn) = (&row[2], &row[3], &row[4], &row[5]);
        if code.is_empty() {
            continue;
        }
        let currency = Currency::from_code(code).unwrap();
        assert!(currency.is_iso4217());
        if withdrawn.is_empty() {
            current += 1;
            assert_eq!(currency.withdrawn(), None, "{code}");
            assert_eq!(currency.numeric_code(), numeric.parse().ok(), "{code}");
            assert_eq!(currency.minor_units(), minor.parse().ok(), "{code}");
        }
    }
    assert!(current > 250);
}

#[test]
fn the_table_is_sorted_and_has_no_duplicate_code() {
    let codes: Vec<&str> = Currency::all().map(Currency::code).collect();
    assert_eq!(codes.len(), 308);
    assert!(codes.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn minor_units_cover_every_published_case() {
    assert_eq!(Currency::JPY.minor_units(), Some(0));
    assert_eq!(Currency::EUR.minor_units(), Some(2));
    assert_eq!(Currency::BHD.minor_units(), Some(3));
    assert_eq!(Currency::CLF.minor_units(), Some(4));
    assert_eq!(Currency::XAU.minor_units(), None);
    assert_eq!(Currency::XDR.minor_units(), None);
    assert_eq!(Currency::XXX.minor_units(), None);
}

#[test]
fn lower_case_code_is_refused_with_a_suggestion() {
    let err = Currency::from_code("eur").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownCurrency);
    assert_eq!(
        err.to_string(),
        r#"unknown currency code "eur" (codes are upper case: did you mean "EUR"?)"#
    );
}

#[test]
fn unknown_code_is_refused_without_a_suggestion() {
    assert_eq!(
        Currency::from_code("ABC").unwrap_err().to_string(),
        r#"unknown currency code "ABC""#
    );
    assert_eq!(
        Currency::from_code("").unwrap_err().to_string(),
        r#"unknown currency code """#
    );
    assert!(Currency::from_code("EURO").is_err());
    assert!(Currency::from_code(" EUR").is_err());
}

#[test]
fn numeric_codes_resolve_by_date_because_iso_reuses_them() {
    assert_eq!(
        Currency::from_numeric(532, day(2010, 1, 1)).unwrap(),
        Currency::ANG
    );
    assert_eq!(
        Currency::from_numeric(532, day(2025, 3, 31)).unwrap(),
        Currency::ANG
    );
    assert_eq!(
        Currency::from_numeric(532, day(2025, 4, 1)).unwrap(),
        Currency::XCG
    );
    // 024: the kwanza (withdrawn 1991-03), then the new kwanza (withdrawn 2000-02).
    assert_eq!(
        Currency::from_numeric(24, day(1990, 6, 1)).unwrap(),
        Currency::AOK
    );
    assert_eq!(
        Currency::from_numeric(24, day(1995, 6, 1)).unwrap(),
        Currency::AON
    );
    assert_eq!(
        Currency::from_numeric(24, day(2001, 1, 1))
            .unwrap_err()
            .to_string(),
        "no currency held numeric code 024 on 2001-01-01"
    );
    assert_eq!(
        Currency::from_numeric(840, day(2020, 10, 13)).unwrap(),
        Currency::USD
    );
}

#[test]
fn withdrawal_dates_keep_their_precision() {
    assert_eq!(Currency::BGN.withdrawn().unwrap().to_string(), "2026-01");
    assert!(Currency::BGN.is_active_on(day(2026, 1, 31)));
    assert!(!Currency::BGN.is_active_on(day(2026, 2, 1)));
    // "1989 to 1990" in the list: the year is kept.
    let ranged = Currency::all()
        .find(|c| c.withdrawn().is_some_and(|d| d.to_string().len() == 4))
        .unwrap();
    assert!(ranged.is_active_on(day(1990, 12, 31)));
}

#[test]
fn fund_codes_and_iati_additions_are_flagged() {
    assert!(Currency::CLF.is_fund());
    assert!(Currency::BOV.is_fund());
    assert!(!Currency::EUR.is_fund());
    assert!(!Currency::XBT.is_iso4217());
    assert_eq!(Currency::XBT.name(), "Bitcoin");
}

#[test]
fn currencies_order_by_code() {
    let mut list = vec![Currency::USD, Currency::EUR, Currency::CHF];
    list.sort();
    assert_eq!(list, [Currency::CHF, Currency::EUR, Currency::USD]);
    assert_eq!(format!("{:?}", Currency::EUR), "Currency(EUR)");
}
