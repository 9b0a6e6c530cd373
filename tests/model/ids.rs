use partnerships::id::{OrganisationId, OrganisationIdentifier, PostId};
use partnerships::ErrorKind;

#[test]
fn identifiers_follow_one_documented_syntax() {
    for good in [
        "eu",
        "dg-echo",
        "eeas/dsg-economic",
        "meeting:7",
        "A.b_c",
        "7",
    ] {
        assert!(OrganisationId::new(good).is_ok(), "{good}");
    }
    for bad in ["", "-x", "DG ECHO", "é", "x\u{0}", &"a".repeat(129)] {
        let err = OrganisationId::new(bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Parse);
    }
    assert_eq!(
        PostId::new("a b").unwrap_err().to_string(),
        r#"invalid post identifier "a b": expected 1 to 128 ASCII letters, digits, '-', '_', '.', ':' or '/', starting with a letter or digit"#
    );
    assert_eq!(
        serde_json::to_string(&OrganisationId::new("iom").unwrap()).unwrap(),
        r#""iom""#
    );
    assert!(serde_json::from_str::<OrganisationId>(r#""i o m""#).is_err());
}

#[test]
fn iati_organisation_identifiers_are_checked_for_shape() {
    for good in [
        "XM-DAC-47066",
        "XI-IATI-EC_ECHO",
        "XI-IATI-EC_INTPA",
        "NL-KVK-41198677",
        "DE-1",
        "GB-GOV-1",
    ] {
        let id = OrganisationIdentifier::iati(good).unwrap();
        assert_eq!(
            id.to_string().parse::<OrganisationIdentifier>().unwrap(),
            id
        );
    }
    for bad in [
        "",
        "IOM",
        "xm-dac-47066",
        "XM-DAC 47066",
        "XM-DAC-47066/1",
        "XM-",
        "X-1",
    ] {
        assert!(OrganisationIdentifier::iati(bad).is_err(), "{bad}");
    }
    let wikidata = OrganisationIdentifier::new("wikidata", "Q206202").unwrap();
    assert_eq!(
        serde_json::to_string(&wikidata).unwrap(),
        r#"{"scheme":"wikidata","value":"Q206202"}"#
    );
    assert!(serde_json::from_str::<OrganisationIdentifier>(
        r#"{"scheme":"iati","value":"bad id"}"#
    )
    .is_err());
}
