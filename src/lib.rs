//! Typed, validated records of international strategic partnerships, and the money and figures
//! they report.
//!
//! `partnerships` models the organisations that form partnerships, the officials who represent
//! them, the frameworks they sign, the meetings that steer them, the programmes they fund and the
//! figures they report. Its canonical case is the seventh EU–IOM strategic meeting of
//! 13 October 2020, held under the Strategic Cooperation Framework of July 2012.
//!
//! - [`money`]: currencies, exact money arithmetic that cannot mix currencies or lose cents,
//!   allocation, dated exchange rates and multi-currency sums valued with their working shown;
//! - [`PartialDate`] and [`Period`]: dates at the precision a source gave them (`2012-07`) and
//!   stretches of time with open or partial ends ("since 2017");
//! - [`Figure`]: a number as a source reported it, comparator included ("more than 84,000",
//!   "about EUR 1.88 billion"), and [`Source`], the document it comes from;
//! - [`id`]: typed identifiers for every kind of record, and organisation identifiers in outside
//!   schemes such as IATI's (`XM-DAC-47066`);
//! - [`model`]: organisations, funds, officials, posts and appointments, frameworks, meetings,
//!   programmes, outcome metrics and portfolios;
//! - [`Dataset`]: the container, with unique identifiers, [validation](Dataset::validate) that
//!   reports every problem at once (the rules are listed in [`validate`]), and the queries people
//!   ask: who held a post on a day, the meetings of a framework in order, who funds and
//!   implements what, which sub-organisations took part for a party.
//!
//! The design, the concepts and the rules the library follows are in the [`design`] module.
//!
//! # Example
//!
//! The seed document reports "535 projects with an approximate value of EUR 1.88 billion" between
//! 2015 and 2019. Money keeps that value exact, splits it without losing a cent, refuses to mix it
//! with dollars, and converts dollars at a dated rate:
//!
//! ```
//! use chrono::NaiveDate;
//! use partnerships::{
//!     Currency, DatePolicy, ErrorKind, ExchangeRate, Money, MoneyBag, RateKind, RateTable,
//!     RoundTo, Rounding, RoundingMode,
//! };
//! use rust_decimal::Decimal;
//!
//! let portfolio: Money = "EUR 1880000000.00".parse()?;
//! assert_eq!(portfolio.human(3).to_string(), "EUR 1.88 billion");
//!
//! // 535 parts that add up to the total exactly.
//! let parts = portfolio.split(535)?;
//! assert_eq!(Money::try_sum(Currency::EUR, parts)?, portfolio);
//!
//! // EUR and USD never add by accident.
//! let dollars: Money = "USD 1000000.00".parse()?;
//! assert_eq!(portfolio.checked_add(dollars).unwrap_err().kind(), ErrorKind::CurrencyMismatch);
//!
//! // They add in a bag, and the bag is valued at a dated rate, with its working.
//! let october = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
//! let mut rates = RateTable::with_pivot(Currency::USD);
//! rates.insert(ExchangeRate::new(
//!     Currency::USD, Currency::EUR, Decimal::new(8498, 4), october,
//!     RateKind::MonthlyAverage, "Federal Reserve H.10 via FRED",
//! )?)?;
//! let bag: MoneyBag = [portfolio, dollars].into_iter().collect::<Result<_, _>>()?;
//! let meeting_day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
//! let valuation = bag.value_in(
//!     Currency::EUR, &rates, meeting_day,
//!     DatePolicy::LatestOnOrBefore { max_age_days: 31 },
//!     Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits),
//! )?;
//! assert_eq!(valuation.total.grouped().to_string(), "EUR 1,880,849,800.00");
//! # Ok::<(), partnerships::Error>(())
//! ```
//!
//! # A partnership
//!
//! ```
//! use chrono::NaiveDate;
//! use partnerships::*;
//!
//! let mut data = Dataset::new();
//! let eu = OrganisationId::new("eu")?;
//! let iom = OrganisationId::new("iom")?;
//! data.insert_organisation(Organisation::new(eu.clone(), OrganisationKind::SupranationalUnion, "European Union"))?;
//! data.insert_organisation(Organisation::new(iom.clone(), OrganisationKind::IntergovernmentalOrganisation, "International Organization for Migration"))?;
//! data.insert_official(Official::new(OfficialId::new("antonio-vitorino")?, "António Vitorino"))?;
//! data.insert_post(Post::new(PostId::new("iom-dg")?, iom.clone(), "Director General"))?;
//! let mut appointment = Appointment::new(AppointmentId::new("vitorino")?, OfficialId::new("antonio-vitorino")?, PostId::new("iom-dg")?);
//! appointment.tenure = Some("2018-10/..".parse()?);
//! data.insert_appointment(appointment)?;
//!
//! let scf = FrameworkId::new("eu-iom-scf")?;
//! let mut framework = Framework::new(scf.clone(), "EU-IOM Strategic Cooperation Framework");
//! framework.parties = vec![eu, iom.clone()];
//! framework.established = Some("2012-07".parse()?);
//! data.insert_framework(framework)?;
//!
//! let mut dg = Participant::new(OfficialId::new("antonio-vitorino")?, iom);
//! dg.post = Some(PostId::new("iom-dg")?);
//! data.insert_meeting(
//!     Meeting::builder(MeetingId::new("seventh")?, scf.clone(), "2020-10-13".parse()?)
//!         .ordinal(7)
//!         .mode(MeetingMode::Virtual)
//!         .participant(dg)
//!         .build()?,
//! )?;
//!
//! // Every rule over every record: here only a note that meetings 1 to 6 are not recorded.
//! let report = data.validate();
//! assert!(!report.has_errors());
//! assert_eq!(report.problems()[0].rule, Rule::OrdinalGap);
//!
//! let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
//! let held = data.posts_held_by(&OfficialId::new("antonio-vitorino")?, day);
//! assert_eq!(data.title_of(held[0]).as_deref(), Some("Director General, International Organization for Migration"));
//! # Ok::<(), partnerships::Error>(())
//! ```
//!
//! # Crate features
//!
//! - `csv` (default): read and write exchange-rate tables as CSV ([`RateTable::read_csv`]).
//! - `schema`: the JSON Schema of the dataset format (`formats::json_schema`).
//! - `iati`: the streaming IATI 2.03 reader (`formats::iati`).
//!
//! # Guarantees
//!
//! No function of this crate panics on any input, and the crate has no `unsafe` code. Amounts
//! travel as strings in every serde format, never as floating-point numbers. What the crate
//! guarantees about hostile input, and how that is tested, is in the [`security`] module.

#![forbid(unsafe_code)]

pub mod data;
pub mod formats;
pub mod id;
pub mod model;
pub mod money;
pub mod validate;

mod dataset;
mod date;
mod error;
mod figure;
#[cfg(feature = "schema")]
mod schema;
mod serde_text;

pub use dataset::{Dataset, Involvement, MeetingSeries, Role, SeriesEntry, DATASET_FORMAT};
pub use date::{DatePrecision, PartialDate, Period};
pub use error::{Error, ErrorKind};
pub use figure::{
    Bound, Comparator, Derivation, Figure, FigureBuilder, FigureValue, Quantity, Source, Subject,
    Unit,
};
pub use id::{
    AppointmentId, FigureId, FrameworkId, FundId, MeetingId, OfficialId, OrganisationId,
    OrganisationIdentifier, OutcomeId, PortfolioId, PostId, ProgrammeId, SourceId,
};
pub use model::{
    Appointment, Attestation, Budget, Capacity, CountryCode, DocumentRef, Framework, Fund, Funder,
    Meeting, MeetingBuilder, MeetingMode, Official, Organisation, OrganisationKind, OutcomeMetric,
    ParentLink, Participant, Portfolio, Post, Programme, ProgrammeBuilder, ProgrammeStatus,
    ResultLevel, Succession,
};
pub use money::{
    Conversion, Currency, DatePolicy, ExchangeRate, Grouped, Human, Money, MoneyBag, RateKind,
    RateTable, RoundTo, Rounding, RoundingMode, RouteStep, Valuation,
};
pub use validate::{Problem, Report, Rule, Severity};

/// The design of the library: who it is for, the concepts, the rules and the architecture.
#[doc = include_str!("../DESIGN.md")]
pub mod design {}

/// What the crate guarantees about hostile input, how that is tested, and how to report a problem.
#[doc = include_str!("../SECURITY.md")]
pub mod security {}

/// The changes of each release.
#[doc = include_str!("../CHANGELOG.md")]
pub mod changelog {}

// The README's example is compiled and run with the doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
