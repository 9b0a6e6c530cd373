use chrono::NaiveDate;
use partnerships::analysis::partners::{MatchedBy, Partners};
use partnerships::formats::iati::code::OrganisationRole;
use partnerships::{dataset::*, id::*, model::*};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn ancestors_follow_links_valid_on_the_date() {
    let mut data = Dataset::new();
    let id = |s: &str| OrganisationId::new(s).unwrap();
    for name in ["ec", "old-parent"] {
        data.insert_organisation(Organisation::new(
            id(name),
            OrganisationKind::Institution,
            name,
        ))
        .unwrap();
    }
    let mut dg = Organisation::new(id("dg"), OrganisationKind::DirectorateGeneral, "DG");
    let mut old = ParentLink::new(id("old-parent"));
    old.period = Some("2000/2010".parse().unwrap());
    let mut current = ParentLink::new(id("ec"));
    current.period = Some("2011/..".parse().unwrap());
    dg.parents = vec![old, current];
    data.insert_organisation(dg).unwrap();
    let names = |d: NaiveDate| {
        data.ancestors(&id("dg"), d)
            .iter()
            .map(|o| o.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(day(2005, 1, 1)), ["old-parent"]);
    assert_eq!(names(day(2020, 1, 1)), ["ec"]);
}

#[test]
fn funders_include_managers_of_funds_and_implementers_are_direct() {
    let mut data = Dataset::new();
    let commission = OrganisationId::new("ec").unwrap();
    let mut fund = Fund::new(FundId::new("f").unwrap(), "Fund");
    fund.managed_by = Some(commission.clone());
    data.insert_fund(fund).unwrap();
    let iom = OrganisationId::new("iom").unwrap();
    data.insert_programme(
        Programme::builder(ProgrammeId::new("a").unwrap(), "A")
            .funder(Funder::Fund(FundId::new("f").unwrap()))
            .implementer(iom.clone())
            .build(),
    )
    .unwrap();
    data.insert_programme(
        Programme::builder(ProgrammeId::new("b").unwrap(), "B")
            .funder(Funder::Organisation(iom.clone()))
            .build(),
    )
    .unwrap();
    let partners = Partners::new();
    let ids = |org: &OrganisationId, role: &OrganisationRole| {
        partners
            .programmes(&data, org.as_str(), role)
            .iter()
            .map(|(p, by)| (p.id.to_string(), *by))
            .collect::<Vec<_>>()
    };
    let (funding, implementing) = (OrganisationRole::FUNDING, OrganisationRole::IMPLEMENTING);
    assert_eq!(
        ids(&commission, &funding),
        [("a".to_owned(), MatchedBy::Fund)]
    );
    assert_eq!(
        ids(&iom, &funding),
        [("b".to_owned(), MatchedBy::Identifier)]
    );
    assert_eq!(
        ids(&iom, &implementing),
        [("a".to_owned(), MatchedBy::Identifier)]
    );
    assert!(ids(&iom, &OrganisationRole::ACCOUNTABLE).is_empty());
}

#[test]
fn holders_of_a_post_change_with_the_date() {
    let mut data = Dataset::new();
    let post = PostId::new("dg").unwrap();
    for (who, tenure) in [
        ("first", "2010-01-01/2015-06-30"),
        ("second", "2015-07-01/.."),
    ] {
        let mut a = Appointment::new(
            AppointmentId::new(who).unwrap(),
            OfficialId::new(who).unwrap(),
            post.clone(),
        );
        a.tenure = Some(tenure.parse().unwrap());
        data.insert_appointment(a).unwrap();
    }
    let holder = |d| {
        data.holders_of(&post, d)
            .iter()
            .map(|a| a.official.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(holder(day(2012, 1, 1)), ["first"]);
    assert_eq!(holder(day(2015, 7, 1)), ["second"]);
    assert!(holder(day(2009, 1, 1)).is_empty());
}
