//! Datasets and tables shipped inside the crate.
//!
//! - [`eu_iom_2020`]: the partnership dataset of the seed case;
//! - `IMF_SDR_MONTHLY` and `IMF_USD_ANNUAL` (feature `imf-rates`, on by default): the
//!   International Monetary Fund's exchange rates as the field's tools use them, built at
//!   compile time, so that nothing is parsed when a program starts. Source: International
//!   Monetary Fund, International Financial Statistics.
//!   - `IMF_SDR_MONTHLY`: the monthly average value of one unit of 65 currencies in SDR, from
//!     1994-01 to 2025-04, with the gaps of the source (the euro from 1998-10; twelve legacy
//!     currencies end 1998-12; BHD, COP, HUF, IDR, IRR, ISK, LYD, NPR, TND end 2024-04): the
//!     table IATI.cloud converts with (`direct_indexing/data_sources/currency_monthlyaverage.json`
//!     of zimmerman-team/IATI.cloud, 2025-04-15), 17,519 values.
//!   - `IMF_USD_ANNUAL`: the annual average units of about 170 currencies per US dollar (IMF
//!     series ENDA, as codeforIATI/imf-exchangerates publishes it, 2025-10-31), 1940 to 2024.
//!     The IMF keys it by country; each currency's values are one country's, chosen on purpose:
//!     the euro area's for EUR, the currency union's for XAF, XCD and XOF, and otherwise the
//!     country whose code the currency's begins with. Rows coded USD that are not dollars
//!     (Haiti's gourdes; Ecuador and El Salvador before dollarisation) and the Yemen Arab
//!     Republic's rials coded YDD are not taken; values with more than 28 decimal places (BRL
//!     before 1961) are left out, not rounded. The US dollar is the reference, 1 by definition.
//!
//! - [`country_currency`]: the currency of each country, as the field's tools map recipient
//!   countries to currencies.
//!
//! Newer files of both layouts are read with [`formats::rates`](crate::formats::rates) and
//! replace or extend a shipped table ([`RateSeries::extend`](crate::money::RateSeries::extend)).
//!
//! [`eu_iom_2020`] is the seventh EU–IOM strategic meeting of 13 October 2020, built from the
//! news announcement the Directorate-General for International Partnerships published that day
//! and from nothing else: every record cites it, and what it does not say stays unknown (no
//! tenure dates, no identifiers in outside schemes, no partner countries by name).

use crate::dataset::Dataset;

// Generated: its layout is the generator's, so that `--check` compares it byte for byte.
#[cfg(feature = "imf-rates")]
#[rustfmt::skip]
#[path = "data/rate_tables.rs"]
mod rate_tables;

#[cfg(feature = "imf-rates")]
pub use rate_tables::{IMF_SDR_MONTHLY, IMF_USD_ANNUAL};

#[rustfmt::skip]
#[path = "data/country_currencies.rs"]
mod country_currencies;

/// The currency of a country (ISO 3166-1 alpha-2 code), as the field's tools map recipient
/// countries to currencies: codeforIATI's map (`imf-exchangerates`, `currencies.json`), which
/// the Country Development Finance Data values each country's share with. `None` for a code the
/// map lacks or gives no currency (it gives none for AQ, BU, CS, GS, NL, NT, PS, TP, YU and ZR).
///
/// # Example
///
/// ```
/// use partnerships::{data, Currency};
///
/// assert_eq!(data::country_currency("SN"), Some(Currency::XOF));
/// assert_eq!(data::country_currency("DE"), Some(Currency::EUR));
/// assert_eq!(data::country_currency("NL"), None); // the map gives no currency
/// assert_eq!(data::country_currency("298"), None); // a region
/// ```
#[must_use]
pub fn country_currency(country: &str) -> Option<crate::money::Currency> {
    let table = &country_currencies::COUNTRY_CURRENCIES;
    table
        .binary_search_by(|(code, _)| (*code).cmp(country))
        .ok()
        .and_then(|index| table.get(index))
        .map(|(_, currency)| *currency)
}

/// The JSON text of [`eu_iom_2020`], in the dataset format `partnerships/1`.
pub const EU_IOM_2020_JSON: &str = include_str!("data/eu-iom-2020.json");

/// The seventh EU–IOM strategic meeting (13 October 2020) and what the announcement reports:
/// the Strategic Cooperation Framework of July 2012, the meeting's host and participants with
/// the posts they held that day, the EU–IOM Joint Initiative and its results, the 2015–2019
/// portfolio of the Commission and IOM, and IOM's humanitarian assistance with EU support.
///
/// It validates with no error and one note: meetings 1 to 6 of the framework are not recorded.
///
/// # Example
///
/// ```
/// use partnerships::id::MeetingId;
/// use partnerships::data;
///
/// let eu_iom = data::eu_iom_2020();
/// let meeting = eu_iom.meeting(&MeetingId::new("eu-iom-strategic-meeting-7")?).unwrap();
/// assert_eq!(meeting.ordinal, Some(7));
/// assert!(!eu_iom.validate().has_errors());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[must_use]
pub fn eu_iom_2020() -> Dataset {
    // The crate's tests read this text and compare it with the same case built through the
    // API, so it always parses; the empty fallback is never taken.
    serde_json::from_str(EU_IOM_2020_JSON).unwrap_or_default()
}
