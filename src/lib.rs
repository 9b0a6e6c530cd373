//! Typed, validated records of international strategic partnerships, and the money and figures
//! they report.
//!
//! `partnerships` models the organisations that form partnerships, the officials who represent
//! them, the frameworks they sign, the meetings that steer them, the programmes they fund and the
//! figures they report. Its canonical case is the seventh EU–IOM strategic meeting of
//! 13 October 2020, held under the Strategic Cooperation Framework of July 2012.
//!
//! # A tour
//!
//! The crate root holds what a user of that case reaches for first: the [`Dataset`] and its
//! records ([`Organisation`], [`Official`], [`Post`], [`Appointment`], [`Framework`],
//! [`Meeting`], [`Programme`]), [`Figure`] with its [`Quantity`] and [`Source`], [`Money`],
//! [`Currency`] and [`MoneyBag`], [`PartialDate`] and [`Period`], and [`Error`] with its
//! [`ErrorKind`]. Everything else lives in the module that says what it is:
//!
//! | module | what it holds |
//! |---|---|
//! | [`money`] | currencies, exact money arithmetic that cannot mix currencies or lose cents, rounding, allocation, dated exchange rates and rate tables, multi-currency sums valued with their working shown |
//! | [`date`] | dates at the precision a source gave them (`2012-07`) and periods with open or partial ends ("since 2017") |
//! | [`figure`] | a number as a source reported it, comparator included ("more than 84,000", "about EUR 1.88 billion"), its bounds, subjects and derivations, and the source it comes from |
//! | [`id`] | typed identifiers for every kind of record, and organisation identifiers in outside schemes such as IATI's (`XM-DAC-47066`) |
//! | [`model`] | the records: organisations and funds, officials, posts and appointments, frameworks, meetings and their participants, programmes and their funders, outcome metrics and portfolios |
//! | [`dataset`] | the container, with unique identifiers, resolved references and the model's queries: who held a post on a day, a framework's meetings in order, which sub-organisations took part for a party |
//! | [`validate`] | the rules a dataset is checked against, and the report of every problem at once |
//! | [`analysis`] | derived answers over the model and IATI activities alike: who funds whom, with the evidence; totals by type, year and currency, valued in one currency under the conventions of the field's tools; flat rows; funding links across publishers, chains, totals counted once and the portfolio behind a claim |
//! | [`formats`] | the dataset's JSON format and its schema, briefings, exchange-rate files, flat rows, graphs as DOT and Mermaid, Popolo and schema.org JSON-LD, and IATI 2.03: its records and typed codes, a streaming reader and a writer, and the conversion to and from the model |
//! | [`data`] | the embedded EU–IOM case, and the IMF's exchange rates against the SDR and the US dollar (feature `imf-rates`) |
//! | [`docs`] | the design, the security guarantees and the changelog |
//!
//! The layers depend one way: `money`, `date`, `figure` and `id` know nothing of `model`;
//! `model` knows nothing of `dataset`; `analysis` knows no wire format; only `formats` reads and
//! writes bytes.
//!
//! # Example
//!
//! The seed document reports "535 projects with an approximate value of EUR 1.88 billion" between
//! 2015 and 2019. Money keeps that value exact, splits it without losing a cent, refuses to mix it
//! with dollars, and converts dollars at a dated rate:
//!
//! ```
//! use chrono::NaiveDate;
//! use partnerships::money::{DatePolicy, ExchangeRate, RateKind, RateTable, RoundTo, Rounding, RoundingMode};
//! use partnerships::{Currency, ErrorKind, Money, MoneyBag};
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
//! use partnerships::id::{AppointmentId, FrameworkId, MeetingId, OfficialId, OrganisationId, PostId};
//! use partnerships::model::{MeetingMode, OrganisationKind, Participant};
//! use partnerships::validate::Rule;
//! use partnerships::{Appointment, Dataset, Framework, Meeting, Official, Organisation, Post};
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
//!         .build(),
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
//! - `csv` (default): read and write exchange-rate tables as CSV ([`formats::rates`]).
//! - `iati`: read and write IATI 2.03 XML (`formats::iati::read`, `formats::iati::write`,
//!   through `quick-xml`). IATI's records, codes and their conversion to and from the model
//!   need no feature.
//! - `schema`: the JSON Schema of the dataset format (`formats::json_schema`).
//!
//! The command line, `partnerships`, is the crate `partnerships-cli` in the same repository.
//!
//! # Guarantees
//!
//! No function of this crate panics on any input, and the crate has no `unsafe` code. Amounts
//! travel as strings in every serde format, never as floating-point numbers. Every public type
//! is `Send` and `Sync` except the IATI reader and writer, which hold one stream each and are
//! `Send` when it is. What the crate guarantees about hostile input, and how that is tested, is
//! in [`docs::security`].

#![forbid(unsafe_code)]

pub mod analysis;
pub mod data;
pub mod dataset;
pub mod date;
pub mod figure;
pub mod formats;
pub mod id;
pub mod model;
pub mod money;
pub mod validate;

mod error;
#[cfg(feature = "schema")]
mod schema;
mod serde_text;

pub use dataset::Dataset;
pub use date::{PartialDate, Period};
pub use error::{Error, ErrorKind};
pub use figure::{Figure, Quantity, Source};
pub use model::{Appointment, Framework, Meeting, Official, Organisation, Post, Programme};
pub use money::{Currency, Money, MoneyBag};

/// The documents behind the code: the design, the security guarantees and the changelog.
pub mod docs {
    /// The design of the library: who it is for, the concepts, the rules and the architecture.
    #[doc = include_str!("../DESIGN.md")]
    pub mod design {}

    /// What the crate guarantees about hostile input, how that is tested, and how to report a
    /// problem.
    #[doc = include_str!("../SECURITY.md")]
    pub mod security {}

    /// The changes of each release.
    #[doc = include_str!("../CHANGELOG.md")]
    pub mod changelog {}
}

// The README's example is compiled and run with the doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
