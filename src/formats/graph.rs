//! Graphs drawn as text: Graphviz DOT and Mermaid flowcharts, from the plain
//! [`Graph`] the analysis layer builds. Its JSON is its serde
//! form.
//!
//! Organisations are boxes, activities and programmes rounded, officials ellipses (stadiums in
//! Mermaid), meetings hexagons, funds folders (parallelograms), frameworks notes (subroutines);
//! flows and acts are solid edges, relations (publishing, being part of) dashed. Labels are
//! escaped for each language, so any
//! identifier or title draws.
//!
//! # Example
//!
//! ```
//! use partnerships::analysis::graph::{Graph, GraphEdge, GraphNode, NodeKind};
//! use partnerships::formats::graph::{to_dot, to_mermaid};
//!
//! let graph = Graph {
//!     nodes: vec![
//!         GraphNode { id: "org:XM-DAC-47066".to_owned(), kind: NodeKind::Organisation, label: "XM-DAC-47066".to_owned() },
//!         GraphNode { id: "activity:A \"1\"".to_owned(), kind: NodeKind::Activity, label: "A \"1\"".to_owned() },
//!     ],
//!     edges: vec![GraphEdge::dashed("org:XM-DAC-47066", "activity:A \"1\"", "publishes")],
//! };
//! assert!(to_dot(&graph).contains(r#""n1" [label="A \"1\"", shape=box, style=rounded];"#));
//! assert!(to_mermaid(&graph).contains(r#"n1("A #quot;1#quot;")"#));
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::analysis::graph::{Graph, NodeKind};

/// Short node names, `n0`, `n1`, … in the order of the graph's nodes.
fn names(graph: &Graph) -> HashMap<&str, String> {
    graph
        .nodes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.id.as_str(), format!("n{k}")))
        .collect()
}

/// Text inside a DOT double-quoted string.
fn dot_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text inside a Mermaid quoted label: its own entity escapes, so quotes and brackets draw.
fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' => out.push_str("<br/>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The graph in Graphviz DOT, drawn left to right.
///
/// # Example
///
/// See [the module](self).
#[must_use]
pub fn to_dot(graph: &Graph) -> String {
    let names = names(graph);
    let mut out = String::from("digraph links {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (k, node) in graph.nodes.iter().enumerate() {
        let style = match node.kind {
            NodeKind::Organisation => "shape=box, style=bold",
            NodeKind::Official => "shape=ellipse",
            NodeKind::Meeting => "shape=hexagon",
            NodeKind::Fund => "shape=folder",
            NodeKind::Framework => "shape=note",
            _ => "shape=box, style=rounded",
        };
        let _ = writeln!(
            out,
            "  \"n{k}\" [label=\"{}\", {style}];",
            dot_text(&node.label)
        );
    }
    for edge in &graph.edges {
        let (Some(from), Some(to)) = (names.get(edge.from.as_str()), names.get(edge.to.as_str()))
        else {
            continue;
        };
        let style = if edge.dashed { "dashed" } else { "solid" };
        let _ = writeln!(
            out,
            "  \"{from}\" -> \"{to}\" [label=\"{}\", style={style}];",
            dot_text(&edge.label)
        );
    }
    out.push_str("}\n");
    out
}

/// The graph as a Mermaid flowchart, drawn left to right.
///
/// # Example
///
/// See [the module](self).
#[must_use]
pub fn to_mermaid(graph: &Graph) -> String {
    let names = names(graph);
    let mut out = String::from("flowchart LR\n");
    for (k, node) in graph.nodes.iter().enumerate() {
        let label = mermaid_text(&node.label);
        let (open, close) = match node.kind {
            NodeKind::Organisation => ("[", "]"),
            NodeKind::Official => ("([", "])"),
            NodeKind::Meeting => ("{{", "}}"),
            NodeKind::Fund => ("[/", "/]"),
            NodeKind::Framework => ("[[", "]]"),
            _ => ("(", ")"),
        };
        let _ = writeln!(out, "  n{k}{open}\"{label}\"{close}");
    }
    for edge in &graph.edges {
        let (Some(from), Some(to)) = (names.get(edge.from.as_str()), names.get(edge.to.as_str()))
        else {
            continue;
        };
        let arrow = if edge.dashed { "-.->" } else { "-->" };
        let _ = writeln!(
            out,
            "  {from} {arrow}|\"{}\"| {to}",
            mermaid_text(&edge.label)
        );
    }
    out
}
