//! The seed case, built through the public API from the facts of the INTPA news announcement of
//! 13 October 2020 (the seventh EU–IOM strategic meeting), and the questions asked of it.

use chrono::NaiveDate;
use partnerships::{dataset::*, figure::*, id::*, model::*, money::*, *};
use rust_decimal::Decimal;

pub(crate) fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 10, 13).unwrap()
}

fn org(
    data: &mut Dataset,
    id: &str,
    kind: OrganisationKind,
    name: &str,
    acronym: Option<&str>,
    parent: Option<&str>,
) {
    let mut o = Organisation::new(OrganisationId::new(id).unwrap(), kind, name);
    o.acronym = acronym.map(str::to_owned);
    o.parents
        .extend(parent.map(|p| ParentLink::new(OrganisationId::new(p).unwrap())));
    o.sources.push(seed_source());
    data.insert_organisation(o).unwrap();
}

fn seed_source() -> SourceId {
    SourceId::new("intpa-2020-10-13").unwrap()
}

/// An official, the post held on the meeting day, and the appointment the source attests.
fn holder(
    data: &mut Dataset,
    official: &str,
    name: &str,
    post: &str,
    organisation: &str,
    title: &str,
    acting: bool,
) {
    let official_id = OfficialId::new(official).unwrap();
    let mut person = Official::new(official_id.clone(), name);
    person.sources.push(seed_source());
    data.insert_official(person).unwrap();
    let post_id = PostId::new(post).unwrap();
    if data.post(&post_id).is_none() {
        let mut p = Post::new(
            post_id.clone(),
            OrganisationId::new(organisation).unwrap(),
            title,
        );
        p.sources.push(seed_source());
        data.insert_post(p).unwrap();
    }
    let mut a = Appointment::new(
        AppointmentId::new(format!("{official}/{post}")).unwrap(),
        official_id,
        post_id,
    );
    a.acting = acting;
    a.attested.push(Attestation {
        date: day(),
        source: seed_source(),
    });
    a.sources.push(seed_source());
    data.insert_appointment(a).unwrap();
}

fn participant(official: &str, post: &str, represents: &str) -> Participant {
    let mut p = Participant::new(
        OfficialId::new(official).unwrap(),
        OrganisationId::new(represents).unwrap(),
    );
    p.post = Some(PostId::new(post).unwrap());
    p
}

fn figure(
    id: &str,
    quantity: Quantity,
    unit: Unit,
    counts: &str,
    period: &str,
    about: Subject,
) -> Figure {
    Figure::builder(FigureId::new(id).unwrap(), quantity, unit)
        .counts(counts)
        .period(period.parse().unwrap())
        .as_of("2020-10-13".parse().unwrap())
        .about(about)
        .source(seed_source())
        .build()
        .unwrap()
}

#[allow(clippy::too_many_lines)]
pub(crate) fn seed() -> Dataset {
    use OrganisationKind::*;
    let mut data = Dataset::new();
    let mut source = Source::new(
        seed_source(),
        "Strengthened partnerships on migration discussed at the Seventh EU-IOM strategic meeting",
    );
    source.publisher = Some("Directorate-General for International Partnerships".to_owned());
    source.published = Some("2020-10-13".parse().unwrap());
    data.insert_source(source).unwrap();

    org(
        &mut data,
        "eu",
        SupranationalUnion,
        "European Union",
        Some("EU"),
        None,
    );
    org(
        &mut data,
        "iom",
        IntergovernmentalOrganisation,
        "International Organization for Migration",
        Some("IOM"),
        None,
    );
    org(
        &mut data,
        "european-commission",
        Institution,
        "European Commission",
        None,
        Some("eu"),
    );
    org(
        &mut data,
        "eeas",
        ServiceOrAgency,
        "European External Action Service",
        Some("EEAS"),
        Some("eu"),
    );
    org(
        &mut data,
        "dg-echo",
        DirectorateGeneral,
        "Directorate-General for European Civil Protection and Humanitarian Aid Operations",
        Some("DG ECHO"),
        Some("european-commission"),
    );
    org(
        &mut data,
        "dg-near",
        DirectorateGeneral,
        "Directorate-General for European Neighbourhood Policy and Enlargement Negotiations",
        Some("DG NEAR"),
        Some("european-commission"),
    );
    org(
        &mut data,
        "dg-devco",
        DirectorateGeneral,
        "Directorate-General for International Cooperation and Development",
        Some("DG DEVCO"),
        Some("european-commission"),
    );
    org(
        &mut data,
        "dg-home",
        DirectorateGeneral,
        "Directorate-General for Migration and Home Affairs",
        Some("DG HOME"),
        Some("european-commission"),
    );
    org(
        &mut data,
        "eu-member-states",
        StateGroup,
        "Member States of the European Union",
        None,
        None,
    );

    let mut eutf = Fund::new(
        FundId::new("eutf-africa").unwrap(),
        "EU Emergency Trust Fund for Africa",
    );
    eutf.sources.push(seed_source());
    data.insert_fund(eutf).unwrap();

    holder(
        &mut data,
        "stefano-sannino",
        "Stefano Sannino",
        "eeas-dsg-economic-political",
        "eeas",
        "Deputy Secretary-General for Economic and Political Affairs",
        false,
    );
    holder(
        &mut data,
        "antonio-vitorino",
        "António Vitorino",
        "iom-director-general",
        "iom",
        "Director General",
        false,
    );
    holder(
        &mut data,
        "laura-thompson",
        "Laura Thompson",
        "iom-deputy-director-general",
        "iom",
        "Deputy Director General",
        false,
    );
    holder(
        &mut data,
        "paraskevi-michou",
        "Paraskevi Michou",
        "dg-echo-director-general",
        "dg-echo",
        "Director-General",
        false,
    );
    holder(
        &mut data,
        "maciej-popowski",
        "Maciej Popowski",
        "dg-near-director-general",
        "dg-near",
        "Director-General",
        true,
    );
    holder(
        &mut data,
        "marjeta-jager",
        "Marjeta Jager",
        "dg-devco-deputy-director-general",
        "dg-devco",
        "Deputy Director-General",
        false,
    );
    holder(
        &mut data,
        "johannes-luchner",
        "Johannes Luchner",
        "dg-home-deputy-director-general",
        "dg-home",
        "Deputy Director-General",
        false,
    );

    let scf = FrameworkId::new("eu-iom-scf").unwrap();
    let mut framework = Framework::new(scf.clone(), "EU-IOM Strategic Cooperation Framework");
    framework.parties = vec![
        OrganisationId::new("eu").unwrap(),
        OrganisationId::new("iom").unwrap(),
    ];
    framework.areas = [
        "migration",
        "development",
        "humanitarian response",
        "human rights",
    ]
    .map(String::from)
    .to_vec();
    framework.established = Some("2012-07".parse().unwrap());
    framework.established_by = Some(seed_source());
    framework.sources.push(seed_source());
    data.insert_framework(framework).unwrap();

    let mut pact = DocumentRef::new("New Pact on Migration and Asylum");
    pact.date = Some("2020-09-23".parse().unwrap());
    pact.event = Some("proposed".to_owned());
    pact.by = Some(OrganisationId::new("european-commission").unwrap());
    let meeting = Meeting::builder(MeetingId::new("eu-iom-strategic-meeting-7").unwrap(), scf.clone(), "2020-10-13".parse().unwrap())
        .ordinal(7)
        .mode(MeetingMode::Virtual)
        .host(OfficialId::new("stefano-sannino").unwrap(), Some(PostId::new("eeas-dsg-economic-political").unwrap()), OrganisationId::new("eu").unwrap())
        .participant(participant("antonio-vitorino", "iom-director-general", "iom"))
        .participant(participant("laura-thompson", "iom-deputy-director-general", "iom"))
        .participant(participant("paraskevi-michou", "dg-echo-director-general", "european-commission"))
        .participant(participant("maciej-popowski", "dg-near-director-general", "european-commission"))
        .participant(participant("marjeta-jager", "dg-devco-deputy-director-general", "european-commission"))
        .participant(participant("johannes-luchner", "dg-home-deputy-director-general", "european-commission"))
        .topic("developments in migration policy, including the New Pact on Migration and Asylum")
        .topic("implementation of migration policies on the ground, including migration partnerships and humanitarian work")
        .topic("the way forward for EU-IOM strategic cooperation")
        .document(pact)
        .source(seed_source())
        .build()
        ;
    data.insert_meeting(meeting).unwrap();

    let ji = ProgrammeId::new("eu-iom-joint-initiative").unwrap();
    let about_ji = Subject::Programme(ji.clone());
    let since_launch = "2016-12/..";
    let results = [
        ("ji-returns", Quantity::more_than(Decimal::from(84_000)), "migrants protected and assisted in returning to their home country"),
        ("ji-reintegration", Quantity::exactly(Decimal::from(97_000)), "returning migrants granted post-arrival reception and reintegration assistance"),
        ("ji-search-and-rescue", Quantity::more_than(Decimal::from(25_000)), "migrants in distress assisted through search and rescue operations carried out by IOM in the Sahara desert"),
    ];
    let mut programme = Programme::builder(
        ji.clone(),
        "EU-IOM Joint Initiative for Migrant Protection and Reintegration",
    )
    .launched("2016-12".parse().unwrap())
    .funder(Funder::Fund(FundId::new("eutf-africa").unwrap()))
    .implementer(OrganisationId::new("iom").unwrap())
    .region("Africa")
    .source(seed_source());
    for (id, quantity, counts) in results {
        data.insert_figure(figure(
            id,
            quantity,
            Unit::People,
            counts,
            since_launch,
            about_ji.clone(),
        ))
        .unwrap();
        let outcome = OutcomeId::new(id).unwrap();
        let mut metric =
            OutcomeMetric::new(outcome.clone(), ji.clone(), ResultLevel::Output, counts);
        metric.actual = Some(FigureId::new(id).unwrap());
        metric.sources.push(seed_source());
        data.insert_outcome(metric).unwrap();
        programme = programme.outcome(outcome);
    }
    data.insert_programme(programme.build()).unwrap();

    let iom = Subject::Organisation(OrganisationId::new("iom").unwrap());
    data.insert_figure(figure(
        "iom-humanitarian-countries",
        Quantity::exactly(Decimal::from(34)),
        Unit::Countries,
        "countries in which IOM provided humanitarian assistance with EU support",
        "2017/..",
        iom,
    ))
    .unwrap();

    let contributors = Figure::builder(
        FigureId::new("eu-contributor-rank").unwrap(),
        Quantity::exactly(Decimal::ONE),
        Unit::Rank,
    )
    .counts("contributors to IOM's budget")
    .as_of("2020-10-13".parse().unwrap())
    .about(Subject::Organisation(OrganisationId::new("eu").unwrap()))
    .about(Subject::Organisation(
        OrganisationId::new("eu-member-states").unwrap(),
    ))
    .source(seed_source())
    .build()
    .unwrap();
    data.insert_figure(contributors).unwrap();

    let portfolio_id = PortfolioId::new("ec-iom-2015-2019").unwrap();
    let about_portfolio = Subject::Portfolio(portfolio_id.clone());
    data.insert_figure(figure(
        "ec-iom-projects",
        Quantity::exactly(Decimal::from(535)),
        Unit::Projects,
        "projects of the European Commission and IOM",
        "2015/2019",
        about_portfolio.clone(),
    ))
    .unwrap();
    let value: Money = "EUR 1880000000.00".parse().unwrap();
    data.insert_figure(figure(
        "ec-iom-value",
        Quantity::about(value),
        Unit::Money,
        "",
        "2015/2019",
        about_portfolio,
    ))
    .unwrap();
    let mut portfolio = Portfolio::new(
        portfolio_id.clone(),
        FigureId::new("ec-iom-projects").unwrap(),
        FigureId::new("ec-iom-value").unwrap(),
    );
    portfolio.parties = vec![
        OrganisationId::new("european-commission").unwrap(),
        OrganisationId::new("iom").unwrap(),
    ];
    portfolio.period = Some("2015/2019".parse().unwrap());
    portfolio.average_value = Some(FigureId::new("ec-iom-average").unwrap());
    portfolio.sources.push(seed_source());
    data.insert_portfolio(portfolio).unwrap();
    let average = data
        .portfolio_average(&portfolio_id, FigureId::new("ec-iom-average").unwrap())
        .unwrap();
    data.insert_figure(average).unwrap();
    data
}

#[test]
fn the_seed_case_validates_with_only_the_gap_note() {
    let report = seed().validate();
    let lines: Vec<String> = report.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            r#"note frameworks[0]: meetings 1 to 6 of framework "eu-iom-scf" are not recorded [ordinal-gap]"#
        ]
    );
}

#[test]
fn the_host_of_the_seventh_meeting_and_his_post() {
    let data = seed();
    let meeting = data
        .meeting(&MeetingId::new("eu-iom-strategic-meeting-7").unwrap())
        .unwrap();
    let host = meeting.hosts().next().unwrap();
    assert_eq!(
        data.official(&host.official).unwrap().name,
        "Stefano Sannino"
    );
    assert_eq!(host.represents.as_str(), "eu");
    let appointments = data.holders_of(host.post.as_ref().unwrap(), day());
    assert_eq!(appointments.len(), 1);
    assert_eq!(
        data.title_of(appointments[0]).unwrap(),
        "Deputy Secretary-General for Economic and Political Affairs, EEAS"
    );
    assert_eq!(meeting.mode, Some(MeetingMode::Virtual));
    assert_eq!(meeting.documents[0].date.unwrap().to_string(), "2020-09-23");
}

#[test]
fn four_directorates_general_took_part_for_the_eu() {
    let data = seed();
    let involved = data.involved_in(&FrameworkId::new("eu-iom-scf").unwrap(), day());
    let parties: Vec<&str> = involved.iter().map(|i| i.party.id.as_str()).collect();
    assert_eq!(parties, ["eu", "iom"]);
    let dgs: Vec<&str> = involved[0]
        .members
        .iter()
        .filter(|o| o.kind == OrganisationKind::DirectorateGeneral)
        .map(|o| o.short_name())
        .collect();
    assert_eq!(dgs, ["DG ECHO", "DG NEAR", "DG DEVCO", "DG HOME"]);
    let others: Vec<&str> = involved[0]
        .members
        .iter()
        .filter(|o| o.kind != OrganisationKind::DirectorateGeneral)
        .map(|o| o.short_name())
        .collect();
    assert_eq!(others, ["EU", "EEAS", "European Commission"]);
    assert_eq!(
        involved[1]
            .members
            .iter()
            .map(|o| o.short_name())
            .collect::<Vec<_>>(),
        ["IOM"]
    );
}

#[test]
fn titles_say_acting_where_the_appointment_does() {
    let data = seed();
    let posts = data.posts_held_by(&OfficialId::new("maciej-popowski").unwrap(), day());
    assert_eq!(
        data.title_of(posts[0]).unwrap(),
        "Acting Director-General, DG NEAR"
    );
    let posts = data.posts_held_by(&OfficialId::new("antonio-vitorino").unwrap(), day());
    assert_eq!(data.title_of(posts[0]).unwrap(), "Director General, IOM");
    assert!(data
        .posts_held_by(
            &OfficialId::new("antonio-vitorino").unwrap(),
            NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()
        )
        .is_empty());
}

#[test]
fn what_the_joint_initiative_reports() {
    let data = seed();
    let ji = Subject::Programme(ProgrammeId::new("eu-iom-joint-initiative").unwrap());
    let reported: Vec<String> = data
        .figures_about(&ji)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        reported,
        [
            "more than 84,000 migrants protected and assisted in returning to their home country",
            "97,000 returning migrants granted post-arrival reception and reintegration assistance",
            "more than 25,000 migrants in distress assisted through search and rescue operations carried out by IOM in the Sahara desert",
        ]
    );
    let programme = data
        .programme(&ProgrammeId::new("eu-iom-joint-initiative").unwrap())
        .unwrap();
    assert_eq!(programme.life().unwrap().to_string(), "2016-12/..");
    assert_eq!(
        partnerships::analysis::partners::Partners::new()
            .programmes(
                &data,
                "iom",
                &partnerships::formats::iati::code::OrganisationRole::IMPLEMENTING
            )
            .len(),
        1
    );
}

#[test]
fn the_portfolio_average_is_about_because_its_value_is() {
    let data = seed();
    let average = data
        .figure(&FigureId::new("ec-iom-average").unwrap())
        .unwrap();
    assert_eq!(average.quantity().comparator(), Comparator::About);
    assert_eq!(average.to_string(), "about EUR 3.51 million per project");
    assert_eq!(
        average.quantity().value(),
        &FigureValue::Money("EUR 3514018.69".parse().unwrap())
    );
    assert_eq!(average.period().unwrap().to_string(), "2015/2019");
    match average.derivation() {
        Derivation::Derived { inputs, method } => {
            assert_eq!(
                inputs.iter().map(FigureId::as_str).collect::<Vec<_>>(),
                ["ec-iom-value", "ec-iom-projects"]
            );
            assert_eq!(method, "quotient");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_series_of_meetings_has_a_gap_before_the_seventh() {
    let data = seed();
    let series = data.meeting_series(&FrameworkId::new("eu-iom-scf").unwrap());
    assert_eq!(series.entries.len(), 1);
    assert_eq!(
        (series.entries[0].ordinal, series.entries[0].stated),
        (7, true)
    );
    assert_eq!(series.gaps, [1..=6]);
}

#[test]
fn names_with_diacritics_survive_json() {
    let data = seed();
    let json = serde_json::to_string(&data).unwrap();
    assert!(json.contains("António Vitorino"));
    let back: Dataset = serde_json::from_str(&json).unwrap();
    assert_eq!(back, data);
    assert_eq!(
        back.official(&OfficialId::new("antonio-vitorino").unwrap())
            .unwrap()
            .name,
        "António Vitorino"
    );
}

#[test]
fn the_embedded_dataset_is_the_seed_case_built_through_the_api() {
    assert_eq!(data::eu_iom_2020(), seed());
}

#[test]
fn the_embedded_json_is_the_canonical_form_of_the_dataset() {
    let canonical = serde_json::to_string_pretty(&data::eu_iom_2020()).unwrap() + "\n";
    assert_eq!(canonical, data::EU_IOM_2020_JSON);
}

#[test]
fn every_fact_of_the_embedded_dataset_cites_the_source() {
    let data = data::eu_iom_2020();
    let seed = [seed_source()];
    let cites = |sources: &[SourceId]| sources == seed;
    assert!(data.organisations().iter().all(|r| cites(&r.sources)));
    assert!(data.funds().iter().all(|r| cites(&r.sources)));
    assert!(data.officials().iter().all(|r| cites(&r.sources)));
    assert!(data.posts().iter().all(|r| cites(&r.sources)));
    assert!(data
        .appointments()
        .iter()
        .all(|r| cites(&r.sources) && r.attested.len() == 1));
    assert!(data.frameworks().iter().all(|r| cites(&r.sources)));
    assert!(data.meetings().iter().all(|r| cites(&r.sources)));
    assert!(data.programmes().iter().all(|r| cites(&r.sources)));
    assert!(data.outcomes().iter().all(|r| cites(&r.sources)));
    assert!(data.portfolios().iter().all(|r| cites(&r.sources)));
    assert!(data.figures().iter().all(|r| cites(r.sources())));
    assert_eq!(data.len(), 47);
}
