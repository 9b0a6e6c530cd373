//! The examples' command lines, read from the operating system's arguments as they are: an
//! argument that is not UTF-8 is a path like any other, never a panic.
// Each example uses the part it needs.
#![allow(dead_code)]

use std::ffi::OsString;
use std::path::PathBuf;

use partnerships::Currency;

/// What a command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Command<T> {
    /// `-h` or `--help` was given: print the usage and succeed.
    Help,
    /// Run with these arguments.
    Run(T),
}

fn is_help(arg: &OsString) -> bool {
    arg == "-h" || arg == "--help"
}

fn option_name(arg: &OsString) -> Option<String> {
    let text = arg.to_string_lossy();
    (text.starts_with("--") || (text.starts_with('-') && text.len() > 1)).then(|| text.into_owned())
}

/// Between `min` and `max` file arguments (`-` for standard input), and nothing else.
pub(crate) fn files(
    args: impl IntoIterator<Item = OsString>,
    min: usize,
    max: usize,
) -> Result<Command<Vec<PathBuf>>, String> {
    let args: Vec<OsString> = args.into_iter().collect();
    if args.iter().any(is_help) {
        return Ok(Command::Help);
    }
    let mut files = Vec::new();
    for arg in args {
        match option_name(&arg) {
            Some(option) => return Err(format!("unknown option {option}")),
            None => files.push(PathBuf::from(arg)),
        }
    }
    match files.len() {
        n if n < min || n > max => Err(match (min, max) {
            (0, 0) => "expected no arguments".to_owned(),
            (0, max) => format!("expected at most {max} FILE"),
            (min, max) if min == max => format!("expected {min} FILE"),
            (min, _) => format!("expected at least {min} FILE"),
        }),
        _ => Ok(Command::Run(files)),
    }
}

/// The command line of the `iati` example.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct IatiArgs {
    /// The IATI files to read.
    pub(crate) files: Vec<PathBuf>,
    /// A rate table CSV.
    pub(crate) rates: Option<PathBuf>,
    /// The currency to value amounts in.
    pub(crate) currency: Option<Currency>,
    /// Whether to print JSON.
    pub(crate) json: bool,
}

/// `FILE... [--rates FILE] [--in CURRENCY] [--json]`.
pub(crate) fn iati(args: impl IntoIterator<Item = OsString>) -> Result<Command<IatiArgs>, String> {
    let mut parsed = IatiArgs::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if is_help(&arg) {
            return Ok(Command::Help);
        }
        match arg.to_str() {
            Some("--json") => parsed.json = true,
            Some("--rates") => {
                parsed.rates = Some(PathBuf::from(args.next().ok_or("--rates needs a FILE")?));
            }
            Some("--in") => {
                let code = args.next().ok_or("--in needs a currency code")?;
                let code = code
                    .into_string()
                    .map_err(|code| format!("--in: {code:?} is not a currency code"))?;
                let currency = Currency::from_code(&code).map_err(|e| format!("--in: {e}"))?;
                parsed.currency = Some(currency);
            }
            _ => match option_name(&arg) {
                Some(option) if option != "-" => return Err(format!("unknown option {option}")),
                _ => parsed.files.push(PathBuf::from(arg)),
            },
        }
    }
    if parsed.files.is_empty() {
        return Err("expected at least one FILE".to_owned());
    }
    Ok(Command::Run(parsed))
}

/// The command line of the `partners` example.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct PartnersArgs {
    /// The funder's IATI organisation identifier.
    pub(crate) funder: String,
    /// The implementer's.
    pub(crate) implementer: String,
    /// The role codes asked for (default `1` funding and `4` implementing).
    pub(crate) roles: (String, String),
    /// Everything else, as for the `iati` example.
    pub(crate) rest: IatiArgs,
}

/// `--funder REF --implementer REF [--roles R,S] FILE... [--rates FILE] [--in CURRENCY] [--json]`.
pub(crate) fn partners(
    args: impl IntoIterator<Item = OsString>,
) -> Result<Command<PartnersArgs>, String> {
    let mut funder = None;
    let mut implementer = None;
    let mut roles = ("1".to_owned(), "4".to_owned());
    let mut rest = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value"))?
                .into_string()
                .map_err(|value| format!("{name}: {value:?} is not UTF-8"))
        };
        match arg.to_str() {
            Some("--funder") => funder = Some(value("--funder")?),
            Some("--implementer") => implementer = Some(value("--implementer")?),
            Some("--roles") => {
                let given = value("--roles")?;
                let (a, b) = given
                    .split_once(',')
                    .ok_or("--roles takes two role codes, as in 1,4")?;
                roles = (a.trim().to_owned(), b.trim().to_owned());
            }
            Some("--rates" | "--in") => {
                rest.push(arg);
                rest.extend(args.next());
            }
            _ => rest.push(arg),
        }
    }
    let rest = match iati(rest)? {
        Command::Help => return Ok(Command::Help),
        Command::Run(rest) => rest,
    };
    Ok(Command::Run(PartnersArgs {
        funder: funder.ok_or("--funder is required")?,
        implementer: implementer.ok_or("--implementer is required")?,
        roles,
        rest,
    }))
}

/// What to run with, or the exit status once the usage (asked for, exit 0) or the error with the
/// usage (exit 2) is printed.
pub(crate) fn or_exit<T>(
    parsed: Result<Command<T>, String>,
    usage: &str,
) -> Result<T, std::process::ExitCode> {
    match parsed {
        Ok(Command::Run(arguments)) => Ok(arguments),
        Ok(Command::Help) => {
            println!("{usage}");
            Err(std::process::ExitCode::SUCCESS)
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{usage}");
            Err(std::process::ExitCode::from(2))
        }
    }
}
