//! Dates, periods and identifiers from text: no panic, and what parses prints back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerships::id::{OrganisationId, OrganisationIdentifier};
use partnerships::model::CountryCode;
use partnerships::{PartialDate, Period};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = text.parse::<PartialDate>() {
        assert_eq!(d.to_string().parse::<PartialDate>().expect("round trip"), d);
        assert!(d.earliest() <= d.latest());
    }
    if let Ok(p) = text.parse::<Period>() {
        assert_eq!(p.to_string().parse::<Period>().expect("round trip"), p);
    }
    if let Ok(id) = text.parse::<OrganisationId>() {
        assert_eq!(id.as_str(), text);
    }
    if let Ok(id) = text.parse::<OrganisationIdentifier>() {
        assert_eq!(id.to_string().parse::<OrganisationIdentifier>().expect("round trip"), id);
    }
    let _ = text.parse::<CountryCode>();
});
