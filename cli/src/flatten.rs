//! `partnerships flatten`: whole corpora of IATI files as flat transaction and budget rows.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use indicatif::ProgressBar;
use partnerships::analysis::convention::Rates;
use partnerships::analysis::flat::{FlatActivity, FlatReport, Flattener, TransactionTypes};
use partnerships::formats::flat::{datapackage, CsvRows};
use partnerships::formats::iati::read::FileOutcome;
use partnerships::formats::iati::IatiReader;
use partnerships::validate::Severity;
use serde_json::{json, Value};

use crate::output::{self, Failure, Outcome};
use crate::{rates, Status};

/// Turns IATI activity files into flat rows, the Country Development Finance Data's: one row
/// per transaction (types 1 to 4 unless --all-transaction-types) and per budget quarter, by
/// recipient country or region and DAC sector, valued in US dollars, euros and the recipient's
/// currency at the IMF monthly rate closest to each value date. The rows of every transaction
/// and budget add up exactly to its value.
///
/// Files are read in parallel, one streaming reader per file; memory depends on the number of
/// threads, not on the corpus. A file that cannot be read, or stops early, is reported and the
/// run goes on. The output directory gets transactions.csv, budgets.csv, activities.csv and a
/// Frictionless datapackage.json (--format csv), or transactions/, budgets/ and activities/
/// directories of Parquet files (--format parquet), and report.json: what was made, and what
/// was left out or kept incomplete, by reason.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships flatten tests/data/iati/real --out flat
  partnerships flatten corpus/ --out flat --format parquet --partition year
  partnerships flatten corpus/ --out flat --rates imf_exchangerates.csv --threads 4
  duckdb -c \"select country_code, sum(value_usd) from 'flat/transactions/**/*.parquet' group by 1\"

Exit status: 0 when every file was read whole, 1 when a file could not be read, stopped early
(its other rows are written), or gave nothing because it is not XML or not IATI, 2 when the
output cannot be written or the arguments are wrong.")]
pub struct Args {
    /// IATI activity files, or directories to search for *.xml files.
    #[arg(required = true, value_name = "DIR_OR_FILE")]
    pub inputs: Vec<PathBuf>,
    /// The directory to write to (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// csv (with a Frictionless data package) or parquet.
    #[arg(long, value_name = "FORMAT", default_value = "csv", value_parser = ["csv", "parquet"])]
    pub format: String,
    /// For parquet: none, reporting-org or year, as Hive-style directories.
    #[arg(long, value_name = "BY", default_value = "none", value_parser = ["none", "reporting-org", "year"])]
    pub partition: String,
    /// Rate files that extend the IMF tables the library ships: a newer IMF monthly SDR table or
    /// the IMF feed per US dollar that iatiflattener reads.
    #[arg(long, value_name = "FILE")]
    pub rates: Vec<PathBuf>,
    /// Take every transaction type, not only 1 to 4.
    #[arg(long)]
    pub all_transaction_types: bool,
    /// The languages of the text columns (title, organisations), comma-separated.
    #[arg(
        long,
        value_name = "LANGS",
        default_value = "en,fr",
        value_delimiter = ','
    )]
    pub lang: Vec<String>,
    /// Threads to read with (0: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Rows a worker gathers before it writes them.
const BATCH_ROWS: usize = 4096;

/// What reading one file gave.
struct FileDone {
    path: PathBuf,
    report: FlatReport,
    problem: Option<String>,
}

pub(crate) fn run(args: &Args) -> Outcome {
    if args.format != "parquet" && args.partition != "none" {
        return Err(Failure::Input(format!(
            "--partition {} splits Parquet tables: give --format parquet too",
            args.partition
        )));
    }
    let files = expand(&args.inputs)?;
    let (rates, _) = rates::load(&args.rates)?;
    let langs: Vec<&str> = args.lang.iter().map(String::as_str).collect();
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::Input(format!("cannot create {}: {e}", args.out.display())))?;
    let types = if args.all_transaction_types {
        TransactionTypes::All
    } else {
        TransactionTypes::Published
    };
    let threads = if args.threads == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        args.threads
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::Input(format!("cannot start {threads} threads: {e}")))?;
    // A queue of files, the largest first, taken one at a time by each thread: no thread is
    // left with a big file at the end while the others wait.
    let mut by_size: Vec<(u64, &PathBuf)> = files
        .iter()
        .map(|p| (std::fs::metadata(p).map_or(0, |m| m.len()), p))
        .collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let total = by_size
        .iter()
        .map(|(size, _)| *size)
        .fold(0, u64::saturating_add);
    let bar = output::progress(total);
    let sink = Mutex::new(Sink::open(args, &langs)?);
    let work = Work {
        rates: &rates,
        types,
        langs: &langs,
        sink: &sink,
        parquet: args.format == "parquet",
        failed: Mutex::new(None),
        bar: &bar,
        rows: AtomicU64::new(0),
        problems: AtomicU64::new(0),
    };
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<FileDone>> = Mutex::new(Vec::with_capacity(files.len()));
    pool.broadcast(|_| {
        while let Some((_, path)) = by_size.get(next.fetch_add(1, Ordering::Relaxed)) {
            if work.stopped() {
                break;
            }
            let one = work.file(path);
            if let Ok(mut all) = done.lock() {
                all.push(one);
            }
        }
    });
    bar.finish_and_clear();
    if let Some(failure) = work.failed.into_inner().ok().flatten() {
        return Err(failure);
    }
    let written = sink
        .into_inner()
        .map_err(|_| Failure::Input("a writer thread stopped".to_owned()))?
        .finish(&langs)?;
    let mut done = done.into_inner().unwrap_or_default();
    done.sort_by(|a, b| a.path.cmp(&b.path));
    let mut report = FlatReport::default();
    for file in &done {
        report.merge(&file.report);
    }
    let failed: Vec<String> = done.iter().filter_map(|f| f.problem.clone()).collect();
    for problem in &failed {
        eprintln!("partnerships: {problem}");
    }
    let summary = summary(&report, &done, &failed, &written, args);
    let path = args.out.join("report.json");
    let text = serde_json::to_string_pretty(&summary).map_err(std::io::Error::from)?;
    std::fs::write(&path, text).map_err(Failure::Output)?;
    if args.json {
        output::json(&summary)?;
    } else {
        print(&report, &done, &failed, &args.out)?;
    }
    Ok(if failed.is_empty() {
        Status::Done
    } else {
        Status::Problems
    })
}

/// The files to read: each file given, and every `*.xml` under each directory, sorted.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    if files.is_empty() {
        return Err(Failure::Input(
            "no *.xml file in the directories given".to_owned(),
        ));
    }
    Ok(files)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::Input(format!("cannot read {}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Where the rows go: three CSV files, or Parquet tables. Workers take turns at it, each
/// with a batch of rows already encoded (CSV) or flattened (Parquet).
enum Sink {
    Csv {
        transactions: File,
        budgets: File,
        activities: File,
        paths: Vec<PathBuf>,
    },
    #[cfg(feature = "parquet")]
    Parquet(partnerships::formats::flat::ParquetRows),
}

impl Sink {
    fn open(args: &Args, langs: &[&str]) -> Result<Sink, Failure> {
        if args.format == "parquet" {
            return Sink::parquet(args, langs);
        }
        let out = &args.out;
        let open = |name: &str| -> Result<(PathBuf, File), Failure> {
            let path = out.join(name);
            let file = File::create(&path).map_err(Failure::Output)?;
            Ok((path, file))
        };
        let (tp, transactions) = open("transactions.csv")?;
        let (bp, budgets) = open("budgets.csv")?;
        let (ap, activities) = open("activities.csv")?;
        let mut sink = Sink::Csv {
            transactions,
            budgets,
            activities,
            paths: vec![tp, bp, ap],
        };
        // The header rows: an empty writer's output.
        let (t, b, a) = CsvRows::new(Vec::new(), Vec::new(), Vec::new(), langs)
            .into_inner()
            .map_err(|e| Failure::Input(e.to_string()))?;
        sink.csv(&t, &b, &a)?;
        Ok(sink)
    }

    #[cfg(feature = "parquet")]
    fn parquet(args: &Args, langs: &[&str]) -> Result<Sink, Failure> {
        use partnerships::formats::flat::{ParquetRows, Partitioning};
        let partitioning: Partitioning = args
            .partition
            .parse()
            .map_err(|e: partnerships::Error| Failure::Input(e.to_string()))?;
        ParquetRows::create(&args.out, langs, partitioning)
            .map(Sink::Parquet)
            .map_err(|e| Failure::Input(format!("cannot write Parquet: {e}")))
    }

    #[cfg(not(feature = "parquet"))]
    fn parquet(_args: &Args, _langs: &[&str]) -> Result<Sink, Failure> {
        Err(Failure::Input(
            "this build writes no Parquet: build the command line with the `parquet` feature"
                .to_owned(),
        ))
    }

    // Without Parquet there is one kind of sink.
    #[cfg_attr(not(feature = "parquet"), allow(irrefutable_let_patterns))]
    fn csv(&mut self, t: &[u8], b: &[u8], a: &[u8]) -> Result<(), Failure> {
        if let Sink::Csv {
            transactions,
            budgets,
            activities,
            ..
        } = self
        {
            transactions.write_all(t).map_err(Failure::Output)?;
            budgets.write_all(b).map_err(Failure::Output)?;
            activities.write_all(a).map_err(Failure::Output)?;
        }
        Ok(())
    }

    #[cfg_attr(
        not(feature = "parquet"),
        allow(clippy::unused_self, clippy::unnecessary_wraps, unused_variables)
    )]
    fn flat(&mut self, activities: &[(String, usize, FlatActivity)]) -> Result<(), Failure> {
        #[cfg(feature = "parquet")]
        if let Sink::Parquet(parquet) = self {
            for (file, index, flat) in activities {
                parquet
                    .write(file, *index, flat)
                    .map_err(|e| Failure::Input(format!("cannot write Parquet: {e}")))?;
            }
        }
        Ok(())
    }

    /// Closes the files, writes the CSV tables' data package, and lists what was written.
    fn finish(self, langs: &[&str]) -> Result<Vec<PathBuf>, Failure> {
        match self {
            Sink::Csv {
                transactions,
                budgets,
                activities,
                mut paths,
            } => {
                for mut file in [transactions, budgets, activities] {
                    file.flush().map_err(Failure::Output)?;
                }
                let package = paths.first().and_then(|p| p.parent()).map_or_else(
                    || PathBuf::from("datapackage.json"),
                    |d| d.join("datapackage.json"),
                );
                let text = serde_json::to_string_pretty(&datapackage(langs))
                    .map_err(std::io::Error::from)?;
                std::fs::write(&package, text).map_err(Failure::Output)?;
                paths.push(package);
                Ok(paths)
            }
            #[cfg(feature = "parquet")]
            Sink::Parquet(parquet) => parquet
                .finish()
                .map_err(|e| Failure::Input(format!("cannot write Parquet: {e}"))),
        }
    }
}

/// What every worker shares.
struct Work<'a> {
    rates: &'a Rates<'a>,
    types: TransactionTypes,
    langs: &'a [&'a str],
    sink: &'a Mutex<Sink>,
    parquet: bool,
    /// The first failure to write, which stops every worker.
    failed: Mutex<Option<Failure>>,
    bar: &'a ProgressBar,
    rows: AtomicU64,
    problems: AtomicU64,
}

impl Work<'_> {
    fn stopped(&self) -> bool {
        self.failed.lock().map_or(true, |f| f.is_some())
    }

    fn fail(&self, failure: Failure) {
        if let Ok(mut first) = self.failed.lock() {
            first.get_or_insert(failure);
        }
    }

    /// Reads one file, flattening each activity and writing its rows in batches.
    fn file(&self, path: &Path) -> FileDone {
        let shown = path.display().to_string();
        let mut done = FileDone {
            path: path.to_owned(),
            report: FlatReport::default(),
            problem: None,
        };
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        let reader = File::open(path)
            .map_err(|e| format!("cannot open {shown}: {e}"))
            .and_then(|file| {
                IatiReader::new(BufReader::with_capacity(1 << 16, file))
                    .map_err(|e| format!("cannot read {shown}: {e}"))
            });
        let mut reader = match reader {
            Ok(reader) => reader,
            Err(problem) => {
                self.bar.inc(size);
                self.problems.fetch_add(1, Ordering::Relaxed);
                done.problem = Some(problem);
                return done;
            }
        };
        let Ok(flattener) = Flattener::new(self.rates) else {
            done.problem = Some(format!("{shown}: cannot value in dollars and euros"));
            return done;
        };
        let mut flattener = flattener.with_transaction_types(self.types);
        let mut batch = Batch::new(self.sink, self.langs, self.parquet);
        let (mut index, mut seen) = (0_usize, 0_u64);
        loop {
            match reader.next_activity() {
                Ok(Some(activity)) => {
                    let flat = flattener.activity(&activity);
                    self.rows.fetch_add(flat.rows() as u64, Ordering::Relaxed);
                    batch.add(&shown, index, flat);
                    index = index.saturating_add(1);
                }
                Ok(None) => break,
                Err(error) => {
                    done.problem = Some(format!("{shown}: {error}"));
                    break;
                }
            }
            if batch.full() {
                if let Err(failure) = batch.flush() {
                    self.fail(failure);
                    break;
                }
                let position = reader.position();
                self.bar.inc(position.saturating_sub(seen));
                seen = position;
            }
        }
        if let Err(failure) = batch.flush() {
            self.fail(failure);
        }
        // A file that gave nothing says why.
        let report = reader.report();
        let gave_nothing = matches!(
            report.outcome(),
            FileOutcome::NotXml | FileOutcome::NotIati | FileOutcome::NoRoot
        );
        if done.problem.is_none() && gave_nothing {
            let why = report
                .diagnostics
                .iter()
                .find(|d| d.severity() == Severity::Error)
                .map(ToString::to_string)
                .unwrap_or_default();
            done.problem = Some(format!("{shown}: {}: {why}", report.outcome()));
        }
        self.bar.inc(size.saturating_sub(seen));
        if done.problem.is_some() {
            self.problems.fetch_add(1, Ordering::Relaxed);
        }
        self.bar.set_message(format!(
            "{} rows, {} problems",
            self.rows.load(Ordering::Relaxed),
            self.problems.load(Ordering::Relaxed)
        ));
        done.report = flattener.into_report();
        done
    }
}

/// A worker's rows waiting to be written: encoded as CSV on the worker's own thread, or kept
/// for the Parquet writer.
struct Batch<'a> {
    sink: &'a Mutex<Sink>,
    langs: &'a [&'a str],
    parquet: bool,
    csv: Option<CsvRows<Vec<u8>>>,
    activities: Vec<(String, usize, FlatActivity)>,
    rows: usize,
}

impl<'a> Batch<'a> {
    fn new(sink: &'a Mutex<Sink>, langs: &'a [&'a str], parquet: bool) -> Batch<'a> {
        Batch {
            sink,
            langs,
            parquet,
            csv: None,
            activities: Vec::new(),
            rows: 0,
        }
    }

    fn add(&mut self, file: &str, index: usize, flat: FlatActivity) {
        self.rows = self.rows.saturating_add(flat.rows().max(1));
        if self.parquet {
            self.activities.push((file.to_owned(), index, flat));
        } else {
            let langs = self.langs;
            let csv = self.csv.get_or_insert_with(|| {
                CsvRows::new(Vec::new(), Vec::new(), Vec::new(), langs).without_headers()
            });
            // Writing to memory cannot fail.
            let _ = csv.write(file, index, &flat);
        }
    }

    fn full(&self) -> bool {
        self.rows >= BATCH_ROWS
    }

    fn flush(&mut self) -> Result<(), Failure> {
        self.rows = 0;
        let mut sink = self
            .sink
            .lock()
            .map_err(|_| Failure::Input("a writer thread stopped".to_owned()))?;
        if let Some(csv) = self.csv.take() {
            let (t, b, a) = csv
                .into_inner()
                .map_err(|e| Failure::Input(e.to_string()))?;
            sink.csv(&t, &b, &a)?;
        }
        sink.flat(&self.activities)?;
        self.activities.clear();
        Ok(())
    }
}

fn counts<K: ToString>(map: &std::collections::BTreeMap<K, u64>) -> Value {
    Value::Object(map.iter().map(|(k, v)| (k.to_string(), json!(v))).collect())
}

fn summary(
    report: &FlatReport,
    done: &[FileDone],
    failed: &[String],
    written: &[PathBuf],
    args: &Args,
) -> Value {
    json!({
        "files": done.len(),
        "problems": failed,
        "activities": report.activities,
        "transactions": report.transactions,
        "budgets": report.budgets,
        "transaction_rows": report.transaction_rows,
        "budget_rows": report.budget_rows,
        "left_out": counts(&report.left_out),
        "flagged_rows": counts(&report.flagged),
        "usd_by_country_and_type": report
            .usd_by_country_and_type
            .iter()
            .map(|((country, kind), sum)| json!({"country_code": country, "transaction_type": kind, "value_usd": sum.to_string()}))
            .collect::<Vec<_>>(),
        "format": args.format,
        "written": written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
    })
}

fn print(
    report: &FlatReport,
    done: &[FileDone],
    failed: &[String],
    out_dir: &Path,
) -> Result<(), Failure> {
    let mut out = output::stdout();
    writeln!(
        out,
        "{} files, {} activities: {} transaction rows of {} transactions, {} budget rows of {} budgets, in {}",
        done.len(),
        report.activities,
        report.transaction_rows,
        report.transactions,
        report.budget_rows,
        report.budgets,
        out_dir.display()
    )?;
    if !report.left_out.is_empty() {
        writeln!(
            out,
            "left out (transactions and budgets that give no rows):"
        )?;
        for (why, n) in &report.left_out {
            writeln!(out, "  {why}: {n}")?;
        }
    }
    if !report.flagged.is_empty() {
        writeln!(out, "rows kept with a column empty or a code unknown:")?;
        for (what, n) in &report.flagged {
            writeln!(out, "  {what}: {n}")?;
        }
    }
    if !failed.is_empty() {
        writeln!(
            out,
            "{} files could not be read whole (see standard error)",
            failed.len()
        )?;
    }
    out.flush()?;
    Ok(())
}
