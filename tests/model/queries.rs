use chrono::NaiveDate;
use partnerships::*;

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
    let ids = |ps: Vec<&Programme>| ps.iter().map(|p| p.id.to_string()).collect::<Vec<_>>();
    assert_eq!(
        ids(data.programmes_with_role(&commission, Role::Funder)),
        ["a"]
    );
    assert_eq!(ids(data.programmes_with_role(&iom, Role::Funder)), ["b"]);
    assert_eq!(
        ids(data.programmes_with_role(&iom, Role::Implementer)),
        ["a"]
    );
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
