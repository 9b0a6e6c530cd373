//! What the commands value amounts with: a currency, a convention and its rates.

use std::path::PathBuf;

use std::io::Write;

use partnerships::analysis::convention::{Convention, Rates, Valuer};
use partnerships::analysis::totals::{FlowValue, ValuedTotals};
use partnerships::formats::iati::Activity;
use partnerships::formats::rates::{read_any, RateFile};
use partnerships::money::DatePolicy;
use partnerships::Currency;
use serde_json::{json, Value};

use crate::output::Failure;

/// The options of a command that values amounts in one currency.
#[derive(Debug, clap::Args)]
pub struct Valuing {
    /// Value every amount in this currency (an ISO 4217 code such as USD or EUR), each at its
    /// own date, rounded once to the currency's minor units.
    #[arg(long = "in", value_name = "CURRENCY", value_parser = currency)]
    pub currency: Option<Currency>,
    /// How: iati-cloud (IMF monthly rates against the SDR, the month of the value date, as
    /// IATI.cloud converts), country-development-finance (IMF rates per dollar, the stamp
    /// closest to the value date, as the IATI Secretariat's Country Development Finance Data
    /// does), annual-average (the IMF annual average of the value date's year), or strict (the
    /// rate table given with --rates, no fallback).
    #[arg(
        long,
        value_name = "NAME",
        default_value = "iati-cloud",
        value_parser = convention,
        requires = "currency"
    )]
    pub convention: Convention,
    /// Rate files, of any layout the conventions read: a rate table CSV
    /// (base,quote,rate,date,kind,source) for strict, or a newer IMF monthly SDR table or IMF
    /// feed per US dollar, which extends the IMF tables the library ships.
    #[arg(long, value_name = "FILE", requires = "currency")]
    pub rates: Vec<PathBuf>,
    /// For strict: take the latest rate at most this many days before the date (0 takes only
    /// the date's own rate).
    #[arg(long, value_name = "DAYS", default_value_t = 0, requires = "currency")]
    pub max_age: u32,
}

impl Valuing {
    /// The currency asked for and the rates to value in it with, when a currency is asked for.
    pub(crate) fn rates(&self) -> Result<Option<(Currency, Rates<'static>)>, Failure> {
        let Some(currency) = self.currency else {
            return Ok(None);
        };
        let (rates, table) = load(&self.rates)?;
        if matches!(self.convention, Convention::Strict(_)) && !table {
            return Err(Failure::Input(
                "--convention strict converts only with your own rate table: give one with --rates FILE (base,quote,rate,date,kind,source)".to_owned(),
            ));
        }
        Ok(Some((currency, rates)))
    }

    /// The convention asked for, with the date policy for strict.
    pub(crate) fn convention(&self) -> Convention {
        match self.convention {
            Convention::Strict(_) => Convention::Strict(self.policy()),
            other => other,
        }
    }

    fn policy(&self) -> DatePolicy {
        if self.max_age > 0 {
            DatePolicy::LatestOnOrBefore {
                max_age_days: self.max_age,
            }
        } else {
            DatePolicy::Exact
        }
    }

    /// The conventions to value under: the one asked for, then, when comparing, every other
    /// the rates allow (strict only with a rate table of the user's).
    pub(crate) fn conventions(&self, compare: bool, rates: &Rates<'_>) -> Vec<Convention> {
        let mut all = vec![self.convention()];
        if compare {
            let strict = (!rates.table().is_empty()).then(|| Convention::Strict(self.policy()));
            for other in Convention::published().iter().copied().chain(strict) {
                if !all.contains(&other) {
                    all.push(other);
                }
            }
        }
        all
    }
}

/// The shipped IMF tables with the rate files at `paths` (of any layout the conventions read),
/// and whether one of them was a rate table of the user's.
pub(crate) fn load(paths: &[PathBuf]) -> Result<(Rates<'static>, bool), Failure> {
    let mut rates = Rates::shipped();
    let mut table = false;
    for path in paths {
        let shown = path.display().to_string();
        let file = std::fs::File::open(path)
            .map_err(|e| Failure::Input(format!("cannot read rates {shown}: {e}")))?;
        rates = match read_any(file, &shown).map_err(|e| Failure::Input(e.to_string()))? {
            RateFile::Table(read) => {
                table = true;
                rates.with_table(read)
            }
            RateFile::Series(series) => rates
                .with_series(series)
                .map_err(|e| Failure::Input(format!("{shown}: {e}")))?,
            _ => {
                return Err(Failure::Input(format!(
                    "{shown}: a rate file of a kind this command does not read"
                )))
            }
        };
    }
    Ok((rates, table))
}

/// A currency given on the command line: an ISO 4217 code such as `EUR`.
fn currency(text: &str) -> Result<Currency, String> {
    Currency::from_code(text).map_err(|e| e.to_string())
}

fn convention(text: &str) -> Result<Convention, String> {
    text.parse().map_err(|e: partnerships::Error| e.to_string())
}

/// Totals valued under one convention or several, side by side, each with the valuer that
/// keeps the rates it took.
pub(crate) struct Valuations<'r> {
    each: Vec<(Valuer<'r>, ValuedTotals)>,
}

impl<'r> Valuations<'r> {
    /// Empty totals in `currency` under each of `conventions`.
    pub(crate) fn new(
        rates: &'r Rates<'r>,
        currency: Currency,
        conventions: &[Convention],
    ) -> Result<Valuations<'r>, Failure> {
        let each = conventions
            .iter()
            .map(|c| {
                let valuer = Valuer::new(rates, *c, currency)
                    .map_err(|e| Failure::Input(format!("--in {currency}: {e}")))?;
                let totals = ValuedTotals::new(&valuer);
                Ok((valuer, totals))
            })
            .collect::<Result<_, Failure>>()?;
        Ok(Valuations { each })
    }

    /// Values the activity's transactions and budgets under every convention.
    pub(crate) fn add(&mut self, activity: &Activity) -> Result<(), partnerships::Error> {
        for (valuer, totals) in &mut self.each {
            totals.add(activity, valuer)?;
        }
        Ok(())
    }

    /// The first convention's totals as JSON, with the rates it used.
    pub(crate) fn json(&self) -> Value {
        self.each
            .first()
            .map_or(Value::Null, |(valuer, totals)| with_rates(totals, valuer))
    }

    /// Every convention's totals as JSON, with the rates each used, by name.
    pub(crate) fn all_json(&self) -> Value {
        self.each
            .iter()
            .map(|(valuer, totals)| {
                let name = totals.convention.name().to_owned();
                (name, with_rates(totals, valuer))
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    }

    /// The totals as text: per flow, a line per convention; then each convention's rates.
    pub(crate) fn print(&self, out: &mut impl Write) -> Result<(), Failure> {
        let Some((first, _)) = self.each.first() else {
            return Ok(());
        };
        writeln!(
            out,
            "\nValued in {}: each value at its own date, rounded once half-even to minor units, then summed",
            first.target()
        )?;
        for (valuer, _) in &self.each {
            let convention = valuer.convention();
            writeln!(out, "  {:<27}  {}", convention.name(), convention.summary())?;
        }
        let flows: std::collections::BTreeSet<_> = self
            .each
            .iter()
            .flat_map(|(_, totals)| totals.by_type.keys())
            .collect();
        for flow in flows {
            writeln!(out, "  {flow}")?;
            for (_, totals) in &self.each {
                let Some(value) = totals.by_type.get(flow) else {
                    continue;
                };
                writeln!(
                    out,
                    "    {:<27} {:>26}  {}",
                    totals.convention.name(),
                    value.total.grouped().to_string(),
                    counts(value)
                )?;
            }
        }
        for (valuer, totals) in &self.each {
            let used = valuer.rates_used();
            writeln!(
                out,
                "  rates used by {} ({}):",
                totals.convention.name(),
                used.len()
            )?;
            for (rate, stamp, n) in used.iter().take(10) {
                let stamp = stamp.map_or_else(String::new, |s| format!(", stamped {s}"));
                writeln!(out, "    {n:>7} x {rate}{stamp}")?;
            }
            if used.len() > 10 {
                writeln!(
                    out,
                    "    ... and {} more (all with --json)",
                    used.len().saturating_sub(10)
                )?;
            }
            for (fallback, n) in &totals.fallbacks {
                writeln!(out, "    {n:>7} x {fallback}")?;
            }
        }
        Ok(())
    }
}

/// `657 converted, 3 not: 2 no-value-date, 1 no-rate`.
pub(crate) fn counts(value: &FlowValue) -> String {
    let mut text = format!("{} converted", value.converted);
    if value.unconvertible_count() > 0 {
        let reasons: Vec<String> = value
            .unconvertible
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        text = format!(
            "{text}, {} not: {}",
            value.unconvertible_count(),
            reasons.join(", ")
        );
    }
    text
}

/// Valued totals as JSON: the currency, the convention, the rounding, and per transaction type
/// and per budget type the total with the values converted and not converted by reason, and the
/// fallbacks that fired.
pub(crate) fn totals_json(totals: &ValuedTotals) -> Value {
    let flows = |transactions: bool| -> serde_json::Map<String, Value> {
        totals
            .by_type
            .iter()
            .filter(|(flow, _)| flow.is_transaction() == transactions)
            .map(|(flow, v)| {
                let reasons: serde_json::Map<String, Value> = v
                    .unconvertible
                    .iter()
                    .map(|(reason, n)| (reason.name().to_owned(), json!(n)))
                    .collect();
                let entry = json!({"total": v.total.amount().to_string(), "converted": v.converted, "unconvertible": reasons});
                (flow.code().to_owned(), entry)
            })
            .collect()
    };
    json!({
        "currency": totals.currency.code(),
        "convention": totals.convention.name(),
        "rounding": "each value rounded once, half-even to the currency's minor units; totals are sums of the rounded values",
        "by_type": flows(true),
        "budgets": flows(false),
        "fallbacks": totals.fallbacks,
    })
}

/// Each rate a valuer used, with the published rates it came from (date, series, direction),
/// its stamp where the convention reports one, and how many values it converted.
pub(crate) fn rates_json(valuer: &Valuer<'_>) -> Value {
    valuer
        .rates_used()
        .into_iter()
        .map(|(rate, stamp, n)| json!({"rate": rate, "stamp": stamp, "values": n}))
        .collect::<Vec<_>>()
        .into()
}

/// [`totals_json`] with the rates the valuer used.
fn with_rates(totals: &ValuedTotals, valuer: &Valuer<'_>) -> Value {
    let mut json = totals_json(totals);
    if let Some(fields) = json.as_object_mut() {
        fields.insert("rates".to_owned(), rates_json(valuer));
    }
    json
}
