//! The shape of the public API: a small crate root, a small `formats::iati`, and no two public
//! types with one name, read from the sources so that growth is a decision.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn src(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(path)
}

/// The names a module file makes public at its own level: `pub mod`, and each name of its
/// `pub use` items (with `#[cfg]` ones included: a feature adds names too).
fn public_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut items = text.split(';');
    for item in &mut items {
        let item = item.trim_start();
        let item = item
            .rsplit_once('\n')
            .map_or(item, |(_, last)| last)
            .trim_start();
        let lines: Vec<&str> = item.lines().collect();
        let statement = lines.join(" ");
        if let Some(module) = statement.strip_prefix("pub mod ") {
            names.push(module.split_whitespace().next().unwrap_or("").to_owned());
        } else if let Some(used) = statement.strip_prefix("pub use ") {
            let inside = used
                .split_once('{')
                .map_or(used, |(_, rest)| rest.trim_end_matches('}'));
            let listed = if used.contains('{') {
                inside.split(',').map(str::trim).collect::<Vec<_>>()
            } else {
                vec![used.rsplit("::").next().unwrap_or("")]
            };
            names.extend(
                listed
                    .into_iter()
                    .filter(|n| !n.is_empty())
                    .map(|n| n.rsplit(" as ").next().unwrap_or(n).to_owned()),
            );
        }
    }
    names
}

/// Each statement of `text` on one line, so that multi-line `pub use` lists read whole.
fn statements(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(",\n", ", ")
        .replace("{\n", "{")
        .replace("\n}", "}")
}

#[test]
fn the_crate_root_has_at_most_thirty_public_names() {
    let text = statements(&std::fs::read_to_string(src("lib.rs")).unwrap());
    // `pub mod docs { ... }` is written out in lib.rs; its inner modules are its own.
    let names = public_names(&text);
    assert!(names.contains(&"Dataset".to_owned()), "{names:?}");
    assert!(names.contains(&"docs".to_owned()) || text.contains("pub mod docs {"));
    let count = names.len() + usize::from(text.contains("pub mod docs {"));
    assert!(count <= 30, "{count} names at the crate root: {names:?}");
}

#[test]
fn formats_iati_has_at_most_twenty_five_public_names() {
    let text = statements(&std::fs::read_to_string(src("formats/iati.rs")).unwrap());
    let names = public_names(&text);
    assert!(names.contains(&"IatiReader".to_owned()), "{names:?}");
    assert!(names.len() <= 25, "{} names: {names:?}", names.len());
}

#[test]
fn no_two_public_types_share_a_name() {
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in sources(&src("")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let line = line.trim_start();
            for kind in ["pub struct ", "pub enum ", "pub type ", "pub trait "] {
                if let Some(rest) = line.strip_prefix(kind) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    // Macro bodies name their types with `$`.
                    if !name.is_empty() {
                        seen.entry(name)
                            .or_default()
                            .push(path.display().to_string());
                    }
                }
            }
        }
    }
    let shared: Vec<_> = seen.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(shared.is_empty(), "{shared:#?}");
    assert!(seen.len() > 100, "the scan found only {} types", seen.len());
}
