//! Chains of funding links across publishers, walked from an organisation downstream (funder →
//! implementer → sub-implementer) or upstream, and the graph of links and chains.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Link, Linker, Links};
use crate::analysis::graph::{Graph, GraphEdge, GraphNode, NodeKind};

/// Which way a trace walks.
///
/// # Example
///
/// ```
/// use partnerships::analysis::links::Direction;
///
/// assert_eq!("upstream".parse::<Direction>()?, Direction::Upstream);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Direction {
    /// From a funder to those it funds, and on.
    Downstream,
    /// From an implementer to those that fund it, and on.
    Upstream,
}

impl std::str::FromStr for Direction {
    type Err = crate::Error;

    fn from_str(text: &str) -> Result<Direction, crate::Error> {
        match text {
            "downstream" | "down" => Ok(Direction::Downstream),
            "upstream" | "up" => Ok(Direction::Upstream),
            _ => Err(crate::Error::parse(
                "direction",
                text,
                "expected downstream or upstream",
            )),
        }
    }
}

/// The chains from an organisation's activities along funding links.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::analysis::convention::{Convention, Rates, Valuer};
/// use partnerships::analysis::links::{Direction, Linker};
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::Currency;
///
/// // The Commission funds UNHCR, which passes the money on to IOM.
/// let files = [
///     r#"<iati-activity><iati-identifier>XI-IATI-EC_FPI-2020/1</iati-identifier><reporting-org ref="XI-IATI-EC_FPI"/>
///        <transaction><transaction-type code="2"/><receiver-org ref="XM-DAC-41121" receiver-activity-id="XM-DAC-41121-A"/></transaction></iati-activity>"#,
///     r#"<iati-activity><iati-identifier>XM-DAC-41121-A</iati-identifier><reporting-org ref="XM-DAC-41121"/>
///        <transaction><transaction-type code="2"/><receiver-org ref="XM-DAC-47066" receiver-activity-id="XM-DAC-47066-B"/></transaction></iati-activity>"#,
///     r#"<iati-activity><iati-identifier>XM-DAC-47066-B</iati-identifier><reporting-org ref="XM-DAC-47066"/></iati-activity>"#,
/// ];
/// let mut linker = Linker::new();
/// for xml in files {
///     linker.add(&IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity"));
/// }
/// let rates = Rates::default();
/// let links = linker.link(&mut Valuer::new(&rates, Convention::IatiCloud, Currency::EUR)?);
/// let trace = linker.trace(&links, "XI-IATI-EC", Direction::Downstream, 5);
/// assert_eq!(trace.paths.len(), 1);
/// assert_eq!(trace.paths[0].activities, ["XI-IATI-EC_FPI-2020/1", "XM-DAC-41121-A", "XM-DAC-47066-B"]);
/// assert_eq!(trace.intermediaries, ["XM-DAC-41121"]);
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// The organisation traced from.
    pub from: String,
    /// Which way.
    pub direction: Direction,
    /// The deepest a path may go, in links.
    pub depth: usize,
    /// Every path of one link or more, from one of the organisation's activities.
    pub paths: Vec<Path>,
    /// Organisations money passes through on a path: neither its first publisher nor its last.
    pub intermediaries: Vec<String>,
    /// Paths cut short by the depth guard.
    pub cut_at_depth: usize,
    /// Links not followed because they lead back into the path.
    pub cycles: usize,
}

/// One chain of links.
///
/// # Example
///
/// See [`Trace`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    /// The activities along it, in the direction walked.
    pub activities: Vec<String>,
    /// Their publishers.
    pub publishers: Vec<String>,
    /// The links, by position in [`Links::links`].
    pub links: Vec<usize>,
}

impl Linker {
    /// Walks the links from the activities `from` (an organisation, or a part of it) publishes,
    /// downstream or upstream, at most `depth` links deep; a link back into the path is a cycle
    /// and is not followed.
    ///
    /// # Example
    ///
    /// See [`Trace`].
    #[must_use]
    pub fn trace(&self, links: &Links, from: &str, direction: Direction, depth: usize) -> Trace {
        let mut next: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, link) in links.links.iter().enumerate() {
            let start = match direction {
                Direction::Downstream => link.ends.0,
                Direction::Upstream => link.ends.1,
            };
            next.entry(start).or_default().push(k);
        }
        let step = |k: usize| -> Option<usize> {
            let link = links.links.get(k)?;
            Some(match direction {
                Direction::Downstream => link.ends.1,
                Direction::Upstream => link.ends.0,
            })
        };
        let mut trace = Trace {
            from: from.to_owned(),
            direction,
            depth,
            paths: Vec::new(),
            intermediaries: Vec::new(),
            cut_at_depth: 0,
            cycles: 0,
        };
        let roots = (0..self.profiles.len())
            .filter(|&i| self.publisher(i).is_some_and(|p| self.same_org(p, from)));
        for root in roots {
            // Depth-first, with the path so far; each entry is the next link to try.
            let mut stack: Vec<(Vec<usize>, Vec<usize>)> = vec![(vec![root], Vec::new())];
            while let Some((nodes, path)) = stack.pop() {
                let Some(&last) = nodes.last() else {
                    continue;
                };
                let onward: Vec<usize> = next.get(&last).cloned().unwrap_or_default();
                let mut extended = false;
                if path.len() >= depth {
                    if !onward.is_empty() {
                        trace.cut_at_depth = trace.cut_at_depth.saturating_add(1);
                    }
                } else {
                    for k in onward.into_iter().rev() {
                        let Some(to) = step(k) else {
                            continue;
                        };
                        if nodes.contains(&to) {
                            trace.cycles = trace.cycles.saturating_add(1);
                            continue;
                        }
                        let mut nodes = nodes.clone();
                        nodes.push(to);
                        let mut path = path.clone();
                        path.push(k);
                        stack.push((nodes, path));
                        extended = true;
                    }
                }
                if !extended && !path.is_empty() {
                    trace.paths.push(self.path(&nodes, path));
                }
            }
        }
        let mut between = BTreeSet::new();
        for path in &trace.paths {
            let (Some(first), Some(last)) = (path.publishers.first(), path.publishers.last())
            else {
                continue;
            };
            for publisher in path.publishers.iter().skip(1) {
                if publisher != first && publisher != last {
                    between.insert(publisher.clone());
                }
            }
        }
        trace.intermediaries = between.into_iter().collect();
        trace
    }

    fn path(&self, nodes: &[usize], links: Vec<usize>) -> Path {
        let profiles = nodes.iter().filter_map(|&i| self.profiles.get(i));
        Path {
            activities: profiles.clone().map(|p| p.identifier.clone()).collect(),
            publishers: profiles
                .map(|p| p.reporter.clone().unwrap_or_default())
                .collect(),
            links,
        }
    }

    /// The graph of `links`: their publishers and activities as nodes, each activity joined to
    /// its publisher, and each link an edge from the funder's activity to the implementer's
    /// with its grade and the amount counted (the funder's, else the implementer's).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::links::Linker;
    ///
    /// let graph = Linker::new().graph(&[]);
    /// assert!(graph.nodes.is_empty() && graph.edges.is_empty());
    /// ```
    #[must_use]
    pub fn graph(&self, links: &[&Link]) -> Graph {
        let mut nodes: BTreeMap<String, GraphNode> = BTreeMap::new();
        let mut edges = Vec::new();
        for link in links {
            for (index, org) in [
                (link.ends.0, &link.funder),
                (link.ends.1, &link.implementer),
            ] {
                nodes
                    .entry(format!("org:{org}"))
                    .or_insert_with(|| GraphNode {
                        id: format!("org:{org}"),
                        kind: NodeKind::Organisation,
                        label: org.clone(),
                    });
                let Some(profile) = self.profiles.get(index) else {
                    continue;
                };
                let id = format!("activity:{}", profile.identifier);
                if !nodes.contains_key(&id) {
                    let mut title: String = profile.title.chars().take(60).collect();
                    if profile.title.chars().count() > 60 {
                        title.push('…');
                    }
                    nodes.insert(
                        id.clone(),
                        GraphNode {
                            id: id.clone(),
                            kind: NodeKind::Activity,
                            label: if title.is_empty() {
                                profile.identifier.clone()
                            } else {
                                format!("{}\n{title}", profile.identifier)
                            },
                        },
                    );
                    edges.push(GraphEdge::dashed(format!("org:{org}"), id, "publishes"));
                }
            }
            let amount = link
                .funder_amount
                .as_ref()
                .and_then(|a| a.converted)
                .or_else(|| link.implementer_amount.as_ref().and_then(|a| a.converted));
            let label = match amount {
                Some(m) => format!("{} {}, {}", link.grade, link.score, m.grouped()),
                None => format!("{} {}", link.grade, link.score),
            };
            edges.push(GraphEdge {
                from: format!("activity:{}", link.funder_activity),
                to: format!("activity:{}", link.implementer_activity),
                label,
                grade: Some(link.grade),
                amount,
                dashed: false,
            });
        }
        Graph {
            nodes: nodes.into_values().collect(),
            edges,
        }
    }
}
