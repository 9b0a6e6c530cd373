//! One record's elements, held while it is mapped: an arena of nodes in document order, reused
//! from record to record so that reading allocates only what the typed values keep.

use std::cell::Cell;
use std::ops::Range;

use super::report::ImportReport;

/// A node's index in its tree.
pub(crate) type NodeId = usize;

/// A span of the tree's text buffer.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Debug)]
struct Node {
    name: Span,
    /// The name's [`key`], compared before the name.
    key: u64,
    text: Span,
    attrs: Range<u32>,
    /// One past the last descendant: children are found by skipping subtrees.
    end: u32,
    /// Where its start tag begins, in decoded bytes.
    offset: u64,
    read: Cell<bool>,
    text_read: Cell<bool>,
}

#[derive(Debug)]
struct Attr {
    name: Span,
    /// The name's [`key`], compared before the name.
    key: u64,
    value: Span,
    read: Cell<bool>,
}

/// The tree of one `iati-activity` or `iati-organisation` element.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
    buffer: String,
    open: Vec<NodeId>,
    /// Kept from record to record for [`Tree::count_unread`]: its stack of open ancestors and
    /// the path it builds.
    ancestors: Vec<(NodeId, usize)>,
    path: String,
}

/// Why a tree could not take more: it would pass the limit on a record's size.
#[derive(Debug)]
pub(crate) struct TooLarge;

impl Tree {
    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
        self.attrs.clear();
        self.buffer.clear();
        self.open.clear();
    }

    /// The bytes the tree holds in its text buffer.
    pub(crate) fn text_len(&self) -> usize {
        self.buffer.len()
    }

    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    fn append(&mut self, text: &str) -> Result<Span, TooLarge> {
        let start = u32::try_from(self.buffer.len()).map_err(|_| TooLarge)?;
        let end =
            u32::try_from(self.buffer.len().saturating_add(text.len())).map_err(|_| TooLarge)?;
        self.buffer.push_str(text);
        Ok(Span { start, end })
    }

    /// Opens an element; `empty` closes it at once.
    pub(crate) fn open(
        &mut self,
        name: &str,
        offset: u64,
        empty: bool,
    ) -> Result<NodeId, TooLarge> {
        self.drop_whitespace_before_child();
        let key = key(name);
        let name = self.append(name)?;
        let first_attr = u32::try_from(self.attrs.len()).map_err(|_| TooLarge)?;
        let id = self.nodes.len();
        let end = u32::try_from(id.saturating_add(1)).map_err(|_| TooLarge)?;
        self.nodes.push(Node {
            name,
            key,
            text: Span::default(),
            attrs: first_attr..first_attr,
            end,
            offset,
            read: Cell::new(false),
            text_read: Cell::new(false),
        });
        if !empty {
            self.open.push(id);
        }
        Ok(id)
    }

    /// Adds an attribute to the element opened last.
    pub(crate) fn attribute(
        &mut self,
        node: NodeId,
        name: &str,
        value: &str,
    ) -> Result<(), TooLarge> {
        // Namespace declarations are syntax, not data: they count as read.
        let read = name_is_namespace_declaration(name);
        let key = key(name);
        self.buffer.reserve(name.len().saturating_add(value.len()));
        let name = self.append(name)?;
        let value = self.append(value)?;
        self.attrs.push(Attr {
            name,
            key,
            value,
            read: Cell::new(read),
        });
        let end = u32::try_from(self.attrs.len()).map_err(|_| TooLarge)?;
        if let Some(n) = self.nodes.get_mut(node) {
            n.attrs.end = end;
        }
        Ok(())
    }

    /// Takes back the attributes of the element opened last (`id`), and their text.
    pub(crate) fn forget_attributes(&mut self, id: NodeId) {
        let Some(node) = self.nodes.get_mut(id) else {
            return;
        };
        let first = node.attrs.start;
        node.attrs.end = first;
        if let Some(attr) = self.attrs.get(first as usize) {
            self.buffer.truncate(attr.name.start as usize);
        }
        self.attrs.truncate(first as usize);
    }

    /// Forgets the innermost open element's text when it is only the whitespace that indents
    /// the child about to open: it is layout, not data, and would cost a copy per element.
    fn drop_whitespace_before_child(&mut self) {
        let Some(&id) = self.open.last() else { return };
        let Some(node) = self.nodes.get_mut(id) else {
            return;
        };
        let span = node.text;
        if span.end as usize == self.buffer.len()
            && self
                .buffer
                .get(span.range())
                .is_some_and(|t| t.bytes().all(|b| b.is_ascii_whitespace()))
        {
            self.buffer.truncate(span.start as usize);
            node.text = Span::default();
        }
    }

    /// Whether `text` would be dropped as layout: whitespace after the innermost open element's
    /// first child, or outside any element.
    pub(crate) fn is_layout(&self, text: &str) -> bool {
        self.open.is_empty()
            || (self.drops_whitespace() && text.bytes().all(|b| b.is_ascii_whitespace()))
    }

    /// Whether whitespace alone would be dropped here as layout.
    pub(crate) fn drops_whitespace(&self) -> bool {
        self.open
            .last()
            .is_none_or(|&id| self.nodes.len() > id.saturating_add(1))
    }

    /// Appends text to the innermost open element.
    pub(crate) fn text(&mut self, text: &str) -> Result<(), TooLarge> {
        if self.is_layout(text) {
            return Ok(());
        }
        let Some(&id) = self.open.last() else {
            return Ok(());
        };
        let current = self.nodes.get(id).map(|n| n.text).unwrap_or_default();
        let span = if current.end as usize == self.buffer.len() && current.end > current.start {
            // Contiguous with what the element already has (text, then an entity, then text).
            self.append(text).map(|added| Span {
                start: current.start,
                end: added.end,
            })?
        } else if current.end > current.start {
            // Text after a child element: move the element's text to the end and continue it.
            let earlier = self
                .buffer
                .get(current.range())
                .unwrap_or_default()
                .to_owned();
            let moved = self.append(&earlier)?;
            self.append(text).map(|added| Span {
                start: moved.start,
                end: added.end,
            })?
        } else {
            self.append(text)?
        };
        if let Some(n) = self.nodes.get_mut(id) {
            n.text = span;
        }
        Ok(())
    }

    /// Closes the innermost open element; returns false when none is open.
    pub(crate) fn close(&mut self) -> bool {
        let end = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        match self.open.pop().and_then(|id| self.nodes.get_mut(id)) {
            Some(node) => {
                node.end = end;
                true
            }
            None => false,
        }
    }

    fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    fn str(&self, span: Span) -> &str {
        self.buffer.get(span.range()).unwrap_or_default()
    }

    pub(crate) fn name(&self, id: NodeId) -> &str {
        self.node(id).map_or("", |n| self.str(n.name))
    }

    /// Whether the element is called `name`.
    pub(crate) fn is(&self, id: NodeId, name: &str) -> bool {
        self.node(id)
            .is_some_and(|n| same_name(n.key, n.name, key(name), name, &self.buffer))
    }

    /// The element's own text, marking the element read.
    pub(crate) fn text_of(&self, id: NodeId) -> &str {
        self.node(id).map_or("", |n| {
            n.read.set(true);
            n.text_read.set(true);
            self.str(n.text)
        })
    }

    /// Where the element's start tag begins, in decoded bytes.
    pub(crate) fn offset(&self, id: NodeId) -> u64 {
        self.node(id).map_or(0, |n| n.offset)
    }

    pub(crate) fn mark_read(&self, id: NodeId) {
        if let Some(n) = self.node(id) {
            n.read.set(true);
        }
    }

    /// The value of an attribute by its qualified name, marking it read.
    pub(crate) fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        let node = self.node(id)?;
        let attrs = self
            .attrs
            .get(node.attrs.start as usize..node.attrs.end as usize)
            .filter(|attrs| !attrs.is_empty())?;
        let wanted = key(name);
        attrs
            .iter()
            .find(|a| same_name(a.key, a.name, wanted, name, &self.buffer))
            .map(|a| {
                a.read.set(true);
                self.str(a.value)
            })
    }

    /// The element's children, in document order.
    pub(crate) fn children(&self, id: NodeId) -> Children<'_> {
        let (next, end) = self
            .node(id)
            .map_or((0, 0), |n| (id.saturating_add(1), n.end as usize));
        Children {
            tree: self,
            next,
            end,
        }
    }

    /// Counts every element and attribute under `root` (itself included) that mapping did not
    /// read, by path, into the report, and the text of read elements whose text was not read.
    ///
    /// One pass over the nodes in document order, keeping the chain of open ancestors; a path
    /// is built only for what was not read.
    pub(crate) fn count_unread(&mut self, root: NodeId, report: &mut ImportReport) {
        let mut ancestors = std::mem::take(&mut self.ancestors);
        let mut path = std::mem::take(&mut self.path);
        ancestors.clear();
        self.count_unread_with(root, report, &mut ancestors, &mut path);
        self.ancestors = ancestors;
        self.path = path;
    }

    fn count_unread_with(
        &self,
        root: NodeId,
        report: &mut ImportReport,
        ancestors: &mut Vec<(NodeId, usize)>,
        path: &mut String,
    ) {
        let end = self.node(root).map_or(root, |n| n.end as usize);
        let nodes = self.nodes.get(root..end).unwrap_or_default();
        for (id, node) in (root..).zip(nodes) {
            while ancestors.last().is_some_and(|&(_, end)| end <= id) {
                ancestors.pop();
            }
            ancestors.push((id, node.end as usize));
            let attrs = self
                .attrs
                .get(node.attrs.start as usize..node.attrs.end as usize)
                .unwrap_or_default();
            let read = node.read.get();
            let unread_text =
                read && !node.text_read.get() && !self.str(node.text).trim_ascii().is_empty();
            if read && !unread_text && attrs.iter().all(|a| a.read.get()) {
                continue;
            }
            path.clear();
            for (i, &(ancestor, _)) in ancestors.iter().enumerate() {
                if i > 0 {
                    path.push('/');
                }
                path.push_str(self.name(ancestor));
            }
            if !read {
                report.unread(path);
            }
            let element_end = path.len();
            for attr in attrs.iter().filter(|a| !a.read.get()) {
                path.push_str("/@");
                path.push_str(self.str(attr.name));
                report.unread(path);
                path.truncate(element_end);
            }
            if unread_text {
                path.push_str("/text()");
                report.unread(path);
            }
        }
    }
}

/// A name's first eight bytes, zero-padded, as an integer: two names of the same length, at most
/// eight bytes, are equal exactly when their keys are.
fn key(name: &str) -> u64 {
    if let Some(first) = name.as_bytes().first_chunk::<8>() {
        return u64::from_le_bytes(*first);
    }
    let mut bytes = [0u8; 8];
    bytes
        .iter_mut()
        .zip(name.as_bytes())
        .for_each(|(slot, byte)| *slot = *byte);
    u64::from_le_bytes(bytes)
}

/// Whether the stored name (`key`, `span` in `buffer`) is `name`, whose key is `wanted`.
fn same_name(key: u64, span: Span, wanted: u64, name: &str, buffer: &str) -> bool {
    key == wanted
        && span.end.wrapping_sub(span.start) as usize == name.len()
        && (name.len() <= 8 || buffer.as_bytes().get(span.range()) == Some(name.as_bytes()))
}

fn name_is_namespace_declaration(name: &str) -> bool {
    name == "xmlns" || name.starts_with("xmlns:")
}

/// Iterator over an element's children.
pub(crate) struct Children<'t> {
    tree: &'t Tree,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.tree.node(id).map_or(self.end, |n| n.end as usize);
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::Tree;

    #[test]
    fn names_are_told_apart_by_key_length_and_text() {
        let mut tree = Tree::default();
        let root = tree.open("narrative", 0, false).unwrap();
        for (name, value) in [
            ("xml:lang", "en"),
            ("xml:langs", "fr"),
            ("ab", "1"),
            ("ab\0", "2"),
            ("type", "3"),
        ] {
            tree.attribute(root, name, value).unwrap();
        }
        assert!(tree.is(root, "narrative"));
        assert!(!tree.is(root, "narratives"));
        assert!(!tree.is(root, "narrativ"));
        assert_eq!(tree.attr(root, "xml:lang"), Some("en"));
        assert_eq!(tree.attr(root, "xml:langs"), Some("fr"));
        assert_eq!(tree.attr(root, "xml:lan"), None);
        assert_eq!(tree.attr(root, "ab"), Some("1"));
        assert_eq!(tree.attr(root, "ab\0"), Some("2"));
        assert_eq!(tree.attr(root, "a"), None);
        assert_eq!(tree.attr(root, "type"), Some("3"));
        assert_eq!(tree.attr(root, "types"), None);
    }
}
