//! Graphs as plain data, for the graph formats to draw ([`formats::graph`](crate::formats::graph)):
//! the funding links between activities ([`Linker::graph`](crate::analysis::links::Linker::graph)),
//! and a whole dataset ([`of_dataset`]): organisations with their dated parents, officials with
//! the posts they held on a day, meetings with who took part for whom and who hosted, programmes
//! with their funders (through funds) and implementers, frameworks with their parties.
//!
//! # Example
//!
//! ```
//! use partnerships::analysis::graph::{of_dataset, NodeKind};
//!
//! let eu_iom = partnerships::data::eu_iom_2020();
//! let graph = of_dataset(&eu_iom, chrono::NaiveDate::from_ymd_opt(2020, 10, 13));
//! assert!(graph.nodes.iter().any(|n| n.kind == NodeKind::Meeting));
//! assert!(graph.edges.iter().any(|e| e.label == "host, on behalf of EU"));
//! ```

use chrono::NaiveDate;
use serde::Serialize;

use crate::dataset::Dataset;
use crate::model::{Capacity, Funder};
use crate::money::Money;

use crate::analysis::links::Grade;

/// What a node of a [`Graph`] stands for.
///
/// # Example
///
/// ```
/// use partnerships::analysis::graph::NodeKind;
///
/// assert_ne!(NodeKind::Organisation, NodeKind::Activity);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NodeKind {
    /// An organisation.
    Organisation,
    /// An IATI activity.
    Activity,
    /// An official.
    Official,
    /// A meeting.
    Meeting,
    /// A programme.
    Programme,
    /// A fund.
    Fund,
    /// A framework.
    Framework,
}

/// A node of a [`Graph`].
///
/// # Example
///
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphNode {
    /// Unique in the graph: the kind and the identifier (`org:XM-DAC-47066`, `meeting:m7`).
    pub id: String,
    /// What it stands for.
    pub kind: NodeKind,
    /// What to show; may hold a line break.
    pub label: String,
}

/// An edge of a [`Graph`].
///
/// # Example
///
/// ```
/// use partnerships::analysis::graph::GraphEdge;
///
/// let edge = GraphEdge::dashed("org:dg-near", "org:european-commission", "part of");
/// assert!(edge.dashed && edge.grade.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    /// The node it leaves.
    pub from: String,
    /// The node it reaches.
    pub to: String,
    /// What to show.
    pub label: String,
    /// The link's grade, for a funding link.
    pub grade: Option<Grade>,
    /// The amount counted, for a funding link with one.
    pub amount: Option<Money>,
    /// Drawn dashed: a relation (publishing, being part of) rather than a flow or an act.
    pub dashed: bool,
}

impl GraphEdge {
    /// A solid edge with a label.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::graph::GraphEdge;
    ///
    /// assert!(!GraphEdge::solid("official:a", "meeting:m7", "host").dashed);
    /// ```
    #[must_use]
    pub fn solid(
        from: impl Into<String>,
        to: impl Into<String>,
        label: impl Into<String>,
    ) -> GraphEdge {
        GraphEdge {
            from: from.into(),
            to: to.into(),
            label: label.into(),
            grade: None,
            amount: None,
            dashed: false,
        }
    }

    /// A dashed edge with a label.
    ///
    /// # Example
    ///
    /// See [`GraphEdge`].
    #[must_use]
    pub fn dashed(
        from: impl Into<String>,
        to: impl Into<String>,
        label: impl Into<String>,
    ) -> GraphEdge {
        GraphEdge {
            dashed: true,
            ..GraphEdge::solid(from, to, label)
        }
    }
}

/// Nodes and edges: plain data that the graph formats draw.
///
/// # Example
///
/// See [the module](self).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Graph {
    /// The nodes, each once.
    pub nodes: Vec<GraphNode>,
    /// The edges, between nodes of the graph.
    pub edges: Vec<GraphEdge>,
}

impl Graph {
    fn node(&mut self, id: String, kind: NodeKind, label: String) {
        if !self.nodes.iter().any(|n| n.id == id) {
            self.nodes.push(GraphNode { id, kind, label });
        }
    }
}

/// The node of an organisation.
fn org(id: &crate::id::OrganisationId) -> String {
    format!("org:{id}")
}

/// The graph of a dataset. Officials are shown with the posts they held on `on` (every post
/// they held, with its tenure, when no day is given); a parent link shows its period.
///
/// # Example
///
/// See [the module](self).
#[must_use]
pub fn of_dataset(dataset: &Dataset, on: Option<NaiveDate>) -> Graph {
    let mut graph = Graph::default();
    graph.organisations(dataset);
    graph.officials(dataset, on);
    graph.meetings(dataset);
    graph.programmes(dataset);
    // Only edges between nodes the dataset has: a reference it cannot resolve draws nothing.
    let known: std::collections::HashSet<&str> =
        graph.nodes.iter().map(|n| n.id.as_str()).collect();
    let edges = std::mem::take(&mut graph.edges)
        .into_iter()
        .filter(|e| known.contains(e.from.as_str()) && known.contains(e.to.as_str()))
        .collect();
    graph.edges = edges;
    graph
}

impl Graph {
    /// Organisations with their parents, and funds with their managers.
    fn organisations(&mut self, dataset: &Dataset) {
        for o in dataset.organisations() {
            self.node(
                org(&o.id),
                NodeKind::Organisation,
                o.short_name().to_owned(),
            );
            for parent in &o.parents {
                let label = match &parent.period {
                    Some(period) => format!("part of, {period}"),
                    None => "part of".to_owned(),
                };
                self.edges
                    .push(GraphEdge::dashed(org(&o.id), org(&parent.parent), label));
            }
        }
        for f in dataset.funds() {
            let id = format!("fund:{}", f.id);
            let label = f.acronym.clone().unwrap_or_else(|| f.name.clone());
            self.node(id.clone(), NodeKind::Fund, label);
            if let Some(manager) = &f.managed_by {
                self.edges
                    .push(GraphEdge::dashed(id, org(manager), "managed by"));
            }
        }
    }

    /// Officials with the posts they held on `on`, or every post with its tenure.
    fn officials(&mut self, dataset: &Dataset, on: Option<NaiveDate>) {
        for official in dataset.officials() {
            let id = format!("official:{}", official.id);
            self.node(id.clone(), NodeKind::Official, official.name.clone());
            let held = dataset.appointments().iter().filter(|a| {
                a.official == official.id
                    && match (on, &a.tenure) {
                        (Some(day), Some(tenure)) => tenure.may_contain(day),
                        _ => true,
                    }
            });
            for a in held {
                let Some(post) = dataset.post(&a.post) else {
                    continue;
                };
                let mut title = dataset.title_of(a).unwrap_or_else(|| post.title.clone());
                if let (None, Some(tenure)) = (on, &a.tenure) {
                    title = format!("{title}, {tenure}");
                }
                self.edges
                    .push(GraphEdge::solid(id.clone(), org(&post.organisation), title));
            }
        }
    }

    /// Frameworks with their parties, meetings with who took part for whom.
    fn meetings(&mut self, dataset: &Dataset) {
        for framework in dataset.frameworks() {
            let id = format!("framework:{}", framework.id);
            self.node(id.clone(), NodeKind::Framework, framework.name.clone());
            for party in &framework.parties {
                self.edges
                    .push(GraphEdge::dashed(org(party), id.clone(), "party"));
            }
        }
        for meeting in dataset.meetings() {
            let id = format!("meeting:{}", meeting.id);
            let mut label = match meeting.ordinal {
                Some(n) => format!("meeting {n}, {}", meeting.date),
                None => format!("meeting, {}", meeting.date),
            };
            if let Some(mode) = meeting.mode {
                label = format!("{label}, {mode}");
            }
            self.node(id.clone(), NodeKind::Meeting, label);
            let framework = format!("framework:{}", meeting.framework);
            self.edges
                .push(GraphEdge::dashed(id.clone(), framework, "under"));
            for p in &meeting.participants {
                let represents = dataset
                    .organisation(&p.represents)
                    .map_or_else(|| p.represents.to_string(), |o| o.short_name().to_owned());
                let capacity = match p.capacity {
                    Capacity::Participant => "took part".to_owned(),
                    other => other.to_string(),
                };
                self.edges.push(GraphEdge::solid(
                    format!("official:{}", p.official),
                    id.clone(),
                    format!("{capacity}, on behalf of {represents}"),
                ));
            }
        }
    }

    /// Programmes with their funders (organisations or funds) and implementers.
    fn programmes(&mut self, dataset: &Dataset) {
        for programme in dataset.programmes() {
            let id = format!("programme:{}", programme.id);
            let label = programme
                .acronym
                .clone()
                .unwrap_or_else(|| programme.name.clone());
            self.node(id.clone(), NodeKind::Programme, label);
            for funder in &programme.funders {
                let from = match funder {
                    Funder::Organisation(o) => org(o),
                    Funder::Fund(f) => format!("fund:{f}"),
                };
                self.edges.push(GraphEdge::solid(from, id.clone(), "funds"));
            }
            for implementer in &programme.implementers {
                self.edges
                    .push(GraphEdge::solid(org(implementer), id.clone(), "implements"));
            }
        }
    }
}
