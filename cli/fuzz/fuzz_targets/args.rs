//! The command line: any arguments, in any bytes, parse to a command or an error, never a
//! panic; an error asks for help or names what is wrong.
#![no_main]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let argv: Vec<OsString> = std::iter::once(OsString::from("partnerships"))
        .chain(data.split(|&b| b == 0).map(|a| OsString::from_vec(a.to_vec())))
        .collect();
    if let Err(error) = partnerships_cli::parse(argv) {
        assert!(!error.to_string().is_empty());
    }
});
