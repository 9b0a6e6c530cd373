//! `partnerships links` and `partnerships trace`: funding links across publishers, the totals
//! they count once, and the chains they form.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use partnerships::analysis::convention::{Rates, Valuer};
use partnerships::analysis::links::{Direction, Funding, Link, LinkOptions, Linker, Links, Trace};
use partnerships::analysis::partners::Partners;
use partnerships::formats::graph::{to_dot, to_mermaid};
use partnerships::{Currency, Period};
use serde_json::json;

use crate::input::{self, FileRead};
use crate::output::{self, Failure, Outcome};
use crate::{rates, Status};

/// What links and traces share: the threshold, the currency and rates, and the output.
#[derive(Debug, clap::Args)]
pub struct Linking {
    /// The least score of an inferred link, out of 100.
    #[arg(long, value_name = "SCORE", default_value_t = 55, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub threshold: u8,
    /// What amounts are compared and summed in (EUR unless --in says otherwise), and with which
    /// rates.
    #[command(flatten)]
    pub valuing: rates::Valuing,
    /// How to print.
    #[command(flatten)]
    pub format: Format,
}

/// How a graph or a result is printed.
#[derive(Debug, clap::Args)]
#[group(multiple = false)]
pub struct Format {
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print the graph of links as Graphviz DOT (`dot -Tsvg`).
    #[arg(long)]
    pub dot: bool,
    /// Print the graph of links as a Mermaid flowchart.
    #[arg(long)]
    pub mermaid: bool,
}

/// Finds which activities of a funder and of an implementer are the same funded action, across
/// publishers: by an identifier one cites (exactly or normalised), or by evidence (each names
/// the other, countries, periods, titles, amounts converted at their own dates), each link with
/// its grade (explicit, strong, weak, related), score and evidence. Reports broken citations
/// with their reason, and totals counted once: a flow both sides publish counts with the
/// funder's figure.
///
/// Every file given is linked, so give the files of both publishers (and of any intermediary).
/// Organisations are IATI organisation identifiers; a part counts (`XI-IATI-EC` finds every
/// directorate-general). Amounts are compared and summed in EUR unless --in says otherwise, each
/// at its own value date under --convention.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships links --funder XI-IATI-EC --implementer XM-DAC-47066 ec-*.xml iom-*.xml
  partnerships links --funder XI-IATI-EC --implementer XM-DAC-47066 FILE... --period 2015/2019 --json
  partnerships links --funder XI-IATI-EC_ECHO --implementer XM-DAC-47066 FILE... --dot | dot -Tsvg > links.svg

Every file given is linked: give the files of both publishers, and of any intermediary. Amounts
are compared and summed in EUR unless --in says otherwise, each at its own value date.

Exit status: 0 when every file was read without an error-level diagnostic, 1 when a file stopped
early or has one, 2 when a file cannot be opened or the arguments are wrong.")]
pub struct Args {
    /// The funder's IATI organisation identifier, such as XI-IATI-EC.
    #[arg(long, value_name = "REF")]
    pub funder: String,
    /// The implementer's IATI organisation identifier, such as XM-DAC-47066.
    #[arg(long, value_name = "REF")]
    pub implementer: String,
    /// IATI activity files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Count and value the funded actions that run at some time in this period, such as
    /// 2015/2019.
    #[arg(long, value_name = "PERIOD", value_parser = period)]
    pub period: Option<Period>,
    /// Threshold, currency, output.
    #[command(flatten)]
    pub linking: Linking,
}

/// Walks funding links from an organisation's activities, downstream (to those it funds, and
/// on) or upstream (to those that fund it, and on), across publishers, showing the
/// organisations money passes through. A link back into the path is a cycle and is not
/// followed; `--depth` bounds the walk. Amounts are compared in EUR unless --in says otherwise.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships trace --from XI-IATI-EC FILE...
  partnerships trace --from XM-DAC-47066 --upstream --depth 3 FILE... --json
  partnerships trace --from XI-IATI-EC FILE... --mermaid

Amounts are compared in EUR unless --in says otherwise.

Exit status: as for links.")]
pub struct TraceArgs {
    /// The organisation to start from, an IATI organisation identifier.
    #[arg(long, value_name = "REF")]
    pub from: String,
    /// IATI activity files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The most links a path may follow.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub depth: usize,
    /// Walk to those that fund the organisation, rather than to those it funds.
    #[arg(long)]
    pub upstream: bool,
    /// Threshold, currency, output.
    #[command(flatten)]
    pub linking: Linking,
}

fn period(text: &str) -> Result<Period, String> {
    text.parse().map_err(|e: partnerships::Error| e.to_string())
}

/// Every activity of the files, linked.
struct Linked {
    linker: Linker,
    links: Links,
    reads: Vec<FileRead>,
}

impl Linking {
    /// The currency and rates to value in: those asked for, else EUR with the shipped rates.
    fn rates(&self) -> Result<(Currency, Rates<'static>), Failure> {
        Ok(self
            .valuing
            .rates()?
            .unwrap_or((Currency::EUR, Rates::shipped())))
    }

    /// Reads every activity of the files and links them, with a valuer into `currency` under
    /// the convention asked for, which the caller goes on valuing with.
    fn link<'r>(
        &self,
        files: &[PathBuf],
        currency: Currency,
        rates: &'r Rates<'r>,
    ) -> Result<(Linked, Valuer<'r>), Failure> {
        let mut valuer = Valuer::new(rates, self.valuing.convention(), currency)
            .map_err(|e| Failure::Input(format!("--in {currency}: {e}")))?;
        let options = LinkOptions {
            threshold: self.threshold,
            ..LinkOptions::default()
        };
        let mut linker = Linker::with_partners(Partners::new()).with_options(options);
        let reads = input::each_activity(files, |a| linker.add(a))?;
        let links = linker.link(&mut valuer);
        Ok((
            Linked {
                linker,
                links,
                reads,
            },
            valuer,
        ))
    }

    /// Draws the links as DOT or Mermaid when asked to; whether it did.
    fn draw(&self, linker: &Linker, links: &[&Link]) -> Result<bool, Failure> {
        let graph = linker.graph(links);
        let drawn = if self.format.dot {
            to_dot(&graph)
        } else if self.format.mermaid {
            to_mermaid(&graph)
        } else {
            return Ok(false);
        };
        let mut out = output::stdout();
        out.write_all(drawn.as_bytes())?;
        out.flush()?;
        Ok(true)
    }
}

fn status(reads: &[FileRead]) -> Status {
    if reads.iter().any(FileRead::has_problems) {
        Status::Problems
    } else {
        Status::Done
    }
}

pub(crate) fn run(args: &Args) -> Outcome {
    let (currency, rates) = args.linking.rates()?;
    let (
        Linked {
            linker,
            links,
            reads,
        },
        mut valuer,
    ) = args.linking.link(&args.files, currency, &rates)?;
    let funding = linker.funding(&links, &args.funder, &args.implementer, &mut valuer);
    let portfolio = args
        .period
        .map(|p| funding.portfolio("found", Some(p)))
        .transpose()
        .map_err(|e| Failure::Input(format!("--period: {e}")))?;
    let drawn = args
        .linking
        .draw(&linker, &funding.links.iter().collect::<Vec<_>>())?;
    if drawn {
        // The graph was the output.
    } else if args.linking.format.json {
        output::json(&json!({
            "funder": args.funder,
            "implementer": args.implementer,
            "currency": currency.code(),
            "convention": valuer.convention().name(),
            "links": funding.links,
            "broken": funding.broken,
            "totals": funding.totals,
            "actions": funding.actions,
            "portfolio": portfolio,
            "crowded": links.crowded,
            "graph": linker.graph(&funding.links.iter().collect::<Vec<_>>()),
            "activities": linker.len(),
            "files": reads.iter().map(FileRead::json).collect::<Vec<_>>(),
        }))?;
    } else {
        print_links(&funding, &linker, &links, portfolio.as_ref(), &valuer)?;
    }
    Ok(status(&reads))
}

fn amount(link: &Link) -> String {
    let side = |a: &Option<partnerships::analysis::links::Amount>| {
        a.as_ref()
            .map_or_else(|| "none".to_owned(), ToString::to_string)
    };
    format!(
        "funder {}, implementer {}",
        side(&link.funder_amount),
        side(&link.implementer_amount)
    )
}

fn print_links(
    funding: &Funding,
    linker: &Linker,
    links: &Links,
    portfolio: Option<&partnerships::analysis::links::PortfolioCheck>,
    valuer: &Valuer<'_>,
) -> Result<(), Failure> {
    let mut out = output::stdout();
    writeln!(
        out,
        "{} links between {} and {} among {} activities ({} links across all publishers)",
        funding.links.len(),
        funding.funder,
        funding.implementer,
        linker.len(),
        links.links.len()
    )?;
    for link in &funding.links {
        writeln!(
            out,
            "\n{} {} → {}\n  score {}; {}",
            link.grade,
            link.funder_activity,
            link.implementer_activity,
            link.score,
            amount(link)
        )?;
        for finding in &link.evidence {
            writeln!(out, "  {finding}")?;
        }
    }
    if !funding.broken.is_empty() {
        writeln!(out, "\n{} broken citations:", funding.broken.len())?;
        for b in &funding.broken {
            let candidates = if b.candidates.is_empty() {
                String::new()
            } else {
                format!(" ({})", b.candidates.join("; "))
            };
            writeln!(
                out,
                "  {}: {} in {}: {}{candidates}",
                b.citing_activity, b.cited, b.field, b.reason
            )?;
        }
    }
    let totals = &funding.totals;
    writeln!(
        out,
        "\n{} funded actions; totals in {} ({}):",
        funding.actions.len(),
        valuer.target(),
        valuer.convention()
    )?;
    writeln!(out, "  naive, both sides added  {}", totals.naive.grouped())?;
    writeln!(
        out,
        "  each action once         {}",
        totals.deduplicated.grouped()
    )?;
    writeln!(
        out,
        "  counted twice            {} ({} actions both sides publish)",
        totals.counted_twice.grouped(),
        totals.deduplicated_actions
    )?;
    writeln!(out, "  rule: {}", totals.rule)?;
    if totals.without_value > 0 || !totals.not_converted.is_empty() {
        writeln!(
            out,
            "  {} actions without a figure; {} values not converted",
            totals.without_value,
            totals.not_converted.len()
        )?;
    }
    if !links.crowded.is_empty() {
        writeln!(
            out,
            "\n{} activities had too many activities to compare with and were not compared: {}",
            links.crowded.len(),
            links.crowded.join(", ")
        )?;
    }
    if let Some(check) = portfolio {
        writeln!(
            out,
            "\nIn {}: {}, {} counted once",
            check.period.as_deref().unwrap_or("any period"),
            check.count,
            check
                .total()
                .map_or_else(String::new, |m| m.grouped().to_string())
        )?;
    }
    out.flush()?;
    Ok(())
}

pub(crate) fn trace(args: &TraceArgs) -> Outcome {
    let (currency, rates) = args.linking.rates()?;
    let (
        Linked {
            linker,
            links,
            reads,
        },
        _,
    ) = args.linking.link(&args.files, currency, &rates)?;
    let direction = if args.upstream {
        Direction::Upstream
    } else {
        Direction::Downstream
    };
    let trace = linker.trace(&links, &args.from, direction, args.depth);
    let used: BTreeSet<usize> = trace
        .paths
        .iter()
        .flat_map(|p| p.links.iter().copied())
        .collect();
    let drawn: Vec<&Link> = used.iter().filter_map(|&k| links.links.get(k)).collect();
    if args.linking.draw(&linker, &drawn)? {
        // The graph was the output.
    } else if args.linking.format.json {
        let link_of = |k: &usize| links.links.get(*k);
        output::json(&json!({
            "trace": trace,
            "links": trace.paths.iter().map(|p| p.links.iter().filter_map(link_of).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "graph": linker.graph(&drawn),
            "activities": linker.len(),
            "files": reads.iter().map(FileRead::json).collect::<Vec<_>>(),
        }))?;
    } else {
        print_trace(&trace, &links)?;
    }
    Ok(status(&reads))
}

fn print_trace(trace: &Trace, links: &Links) -> Result<(), Failure> {
    let mut out = output::stdout();
    let way = match trace.direction {
        Direction::Upstream => "upstream",
        _ => "downstream",
    };
    writeln!(
        out,
        "{} paths {way} from {} (at most {} links deep)",
        trace.paths.len(),
        trace.from,
        trace.depth
    )?;
    for path in &trace.paths {
        writeln!(out)?;
        for (k, (activity, publisher)) in path.activities.iter().zip(&path.publishers).enumerate() {
            let via = k
                .checked_sub(1)
                .and_then(|before| path.links.get(before))
                .and_then(|&l| links.links.get(l))
                .map_or_else(String::new, |l| format!("  [{} {}]", l.grade, l.score));
            writeln!(
                out,
                "  {:indent$}{activity} ({publisher}){via}",
                "",
                indent = k.saturating_mul(2)
            )?;
        }
    }
    if !trace.intermediaries.is_empty() {
        writeln!(out, "\nThrough: {}", trace.intermediaries.join(", "))?;
    }
    if trace.cut_at_depth > 0 || trace.cycles > 0 {
        writeln!(
            out,
            "\n{} paths cut at depth {}; {} links back into a path not followed",
            trace.cut_at_depth, trace.depth, trace.cycles
        )?;
    }
    out.flush()?;
    Ok(())
}
