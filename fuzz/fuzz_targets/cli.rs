//! The examples' command lines: any arguments, in any bytes, parse to a command or an error,
//! never a panic; `--help` anywhere before an option's value asks for help.
#![no_main]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use libfuzzer_sys::fuzz_target;

#[path = "../../examples/support/args.rs"]
mod args;

use args::Command;

fuzz_target!(|data: &[u8]| {
    let argv: Vec<OsString> = data.split(|&b| b == 0).map(|a| OsString::from_vec(a.to_vec())).collect();
    let help = argv.iter().any(|a| a == "--help" || a == "-h");
    for (min, max) in [(0, 0), (0, 1), (1, 1)] {
        match args::files(argv.clone(), min, max) {
            Ok(Command::Help) => assert!(help),
            Ok(Command::Run(files)) => assert!((min..=max).contains(&files.len())),
            Err(message) => assert!(!message.is_empty()),
        }
    }
    match args::iati(argv) {
        Ok(Command::Run(parsed)) => assert!(!parsed.files.is_empty()),
        Ok(Command::Help) | Err(_) => {}
    }
});
