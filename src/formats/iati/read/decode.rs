//! Decoding one record's values from its tree: strings, codes, dates, numbers, booleans,
//! currencies, narratives, organisations and amounts, leniently, with a diagnostic for
//! everything read with a guess refused or a mapping applied.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::report::{Diagnostic, DiagnosticKind, ImportReport};
use super::tree::{NodeId, Tree};
use crate::formats::iati::code::{self, Code, DescriptionType, List, OrganisationType};
use crate::formats::iati::records::{
    parse_number, Coded, Description, Narrative, OrgRef, ReportingOrg, Value,
};
use crate::money::{Currency, Money};

/// What mapping a record writes to and needs besides its tree.
pub(crate) struct Context<'r> {
    pub(crate) report: &'r mut ImportReport,
    /// How many diagnostics the report keeps in full.
    pub(crate) keep: usize,
    pub(crate) check_lists: bool,
    /// Line and column of a decoded offset within the record.
    pub(crate) positions: &'r dyn Fn(u64) -> (u64, u64),
}

/// A path starting at `root`, with room for the depth of real files.
fn path_from(root: &str) -> Vec<&str> {
    let mut path = Vec::with_capacity(8);
    path.push(root);
    path
}

pub(super) struct Mapper<'t, 'r> {
    pub(super) tree: &'t Tree,
    pub(super) context: Context<'r>,
    pub(super) record: Option<&'t str>,
    /// The names on the path to the element being mapped, joined only for a diagnostic.
    pub(super) path: Vec<&'t str>,
    pub(super) default_currency: Option<Currency>,
    /// The language code found last: narratives of one record mostly repeat it.
    pub(super) last_lang: Option<&'static str>,
}

/// What both kinds of record open with: their identifier, and the attributes of the root that
/// both carry.
pub(super) struct Opening {
    pub(super) identifier: String,
    /// Whether the identifier was written with whitespace around it.
    pub(super) padded: bool,
    pub(super) version: Option<String>,
    pub(super) default_language: Option<Code>,
    pub(super) last_updated: Option<String>,
}

impl<'t, 'r> Mapper<'t, 'r> {
    /// A mapper for the record at `root`, called `root_name`, and what it opens with. The
    /// identifier (the text of the child `identifier_element`) is read first, so that every
    /// diagnostic names the record. The file's version is the root's
    /// `@iati-activities:version` or `@iati-organisations:version` (as d-portal writes it) when
    /// the file's root gives none.
    pub(super) fn open(
        tree: &'t Tree,
        root: NodeId,
        context: Context<'r>,
        (root_name, identifier_element): (&'t str, &'t str),
    ) -> (Mapper<'t, 'r>, Opening) {
        let file_version = context.report.version.clone();
        let mut m = Mapper {
            tree,
            context,
            record: None,
            path: path_from(root_name),
            default_currency: None,
            last_lang: None,
        };
        tree.mark_read(root);
        let written = tree
            .children(root)
            .find(|&c| tree.is(c, identifier_element))
            .map_or("", |c| tree.text_of(c));
        let identifier = written.trim_ascii();
        if !identifier.is_empty() {
            m.record = Some(identifier);
        }
        let version_attr = if root_name == "iati-organisation" {
            "iati-organisations:version"
        } else {
            "iati-activities:version"
        };
        let own_version = m.string(root, version_attr);
        let opening = Opening {
            identifier: identifier.to_owned(),
            padded: identifier.len() != written.len(),
            version: file_version.or(own_version),
            default_language: m.lang(root),
            last_updated: m.string(root, "last-updated-datetime"),
        };
        (m, opening)
    }

    /// Reads the record's default currency, which values without their own take, and reports
    /// an identifier that is missing or empty; both after the root's other attributes, so that
    /// diagnostics come in the order of the record's parts.
    pub(super) fn close_opening(
        &mut self,
        root: NodeId,
        identifier_element: &str,
        opening: &Opening,
    ) -> Option<Currency> {
        self.default_currency = self.currency(root, "default-currency");
        if opening.identifier.is_empty() {
            self.diagnose(
                root,
                identifier_element,
                DiagnosticKind::BlankIdentifier,
                format!("no {identifier_element}, or an empty one: the record cannot be told from others"),
            );
        } else if opening.padded {
            self.diagnose(
                root,
                identifier_element,
                DiagnosticKind::IdentifierWhitespace,
                format!(
                    "spaces or line breaks around {:?}: read and compared trimmed",
                    opening.identifier
                ),
            );
        }
        self.default_currency
    }
}

impl<'t> Mapper<'t, '_> {
    pub(super) fn enter(&mut self, name: &'t str) {
        self.path.push(name);
    }

    pub(super) fn leave(&mut self) {
        self.path.pop();
    }

    /// Maps the first child called `name` with `f`, inside its path.
    pub(super) fn child<T>(
        &mut self,
        node: NodeId,
        name: &'t str,
        f: impl FnOnce(&mut Self, NodeId) -> T,
    ) -> Option<T> {
        let child = self.tree.children(node).find(|&c| self.tree.is(c, name))?;
        self.enter(name);
        let value = f(self, child);
        self.leave();
        Some(value)
    }

    /// Maps every child called `name` with `f`.
    pub(super) fn each<T>(
        &mut self,
        node: NodeId,
        name: &'t str,
        mut f: impl FnMut(&mut Self, NodeId) -> T,
    ) -> Vec<T> {
        self.each_some(node, name, |m, c| Some(f(m, c)))
    }

    /// Maps every child called `name` with `f`, keeping what it gives.
    pub(super) fn each_some<T>(
        &mut self,
        node: NodeId,
        name: &'t str,
        mut f: impl FnMut(&mut Self, NodeId) -> Option<T>,
    ) -> Vec<T> {
        let tree = self.tree;
        let mut out = Vec::new();
        for child in tree.children(node).filter(|&c| tree.is(c, name)) {
            self.enter(name);
            out.extend(f(self, child));
            self.leave();
        }
        out
    }

    #[cold]
    pub(super) fn diagnose(
        &mut self,
        node: NodeId,
        attr: &str,
        kind: DiagnosticKind,
        message: String,
    ) {
        let (line, column) = (self.context.positions)(self.tree.offset(node));
        let mut path = self.path.join("/");
        if !attr.is_empty() {
            path.push_str("/@");
            path.push_str(attr);
        }
        let diagnostic = Diagnostic {
            kind,
            line,
            column,
            record: self.record.map(str::to_owned),
            path,
            message,
        };
        self.context.report.push(diagnostic, self.context.keep);
    }

    pub(super) fn string(&mut self, node: NodeId, attr: &str) -> Option<String> {
        self.tree.attr(node, attr).map(str::to_owned)
    }

    /// A code attribute, trimmed; empty is absent.
    pub(super) fn code_str(&mut self, node: NodeId, attr: &str) -> Option<&'t str> {
        let text = self.tree.attr(node, attr)?.trim_ascii();
        (!text.is_empty()).then_some(text)
    }

    pub(super) fn code(&mut self, node: NodeId, attr: &str) -> Option<Code> {
        self.code_str(node, attr).map(code::unlisted)
    }

    /// A trimmed attribute that is not a code (a year, a reference).
    pub(super) fn trimmed(&mut self, node: NodeId, attr: &str) -> Option<String> {
        self.code_str(node, attr).map(str::to_owned)
    }

    /// A code from a codelist, checked against it when checks are on.
    pub(super) fn code_in(&mut self, node: NodeId, attr: &str, list: List) -> Option<Code> {
        let code = self.code_str(node, attr)?;
        self.check(node, attr, list, code);
        Some(list.intern(code))
    }

    pub(super) fn check(&mut self, node: NodeId, attr: &str, list: List, code: &str) {
        if self.context.check_lists && !list.contains(code) {
            self.diagnose(
                node,
                attr,
                DiagnosticKind::Codelist,
                format!("{code:?} is not in the {} codelist", list.name),
            );
        }
    }

    /// The `@code` of an element whose only content it is; a code written as the element's
    /// text instead is read, with a warning.
    pub(super) fn code_of_str(&mut self, node: NodeId) -> Option<&'t str> {
        self.tree.mark_read(node);
        match self.code_str(node, "code") {
            Some(code) => Some(code),
            None => self.text_instead(node, "code"),
        }
    }

    pub(super) fn code_of(&mut self, node: NodeId) -> Option<Code> {
        self.code_of_str(node).map(code::unlisted)
    }

    /// A language code, as written.
    pub(super) fn lang(&mut self, node: NodeId) -> Option<Code> {
        let lang = self.tree.attr(node, "xml:lang")?;
        if let Some(last) = self.last_lang.filter(|last| *last == lang) {
            return Some(Code::listed(last));
        }
        let code = code::LANGUAGE.intern(lang);
        if let Some(found) = code.as_static() {
            self.last_lang = Some(found);
        }
        Some(code)
    }

    /// The element's text where the standard wants it in `attr`, with a warning; `None` when
    /// there is no text.
    pub(super) fn text_instead(&mut self, node: NodeId, attr: &str) -> Option<&'t str> {
        let text = self.tree.text_of(node).trim_ascii();
        if text.is_empty() {
            return None;
        }
        self.diagnose(
            node,
            attr,
            DiagnosticKind::MisplacedValue,
            format!("read from the element's text {text:?}"),
        );
        Some(text)
    }

    /// An element whose only content is `@code`, from a codelist.
    pub(super) fn code_of_in(&mut self, node: NodeId, list: List) -> Option<Code> {
        let code = self.code_of_str(node)?;
        self.check(node, "code", list, code);
        Some(list.intern(code))
    }

    /// A coded element whose code is from `list` when its vocabulary is `default_vocabulary`
    /// or absent, and whose vocabulary is from `vocabularies`.
    pub(super) fn coded_in(
        &mut self,
        node: NodeId,
        list: List,
        vocabularies: Option<List>,
        default_vocabulary: &str,
    ) -> Coded {
        self.coded_with(node, Some(list), vocabularies, default_vocabulary)
    }

    pub(super) fn mapped_code(
        &mut self,
        node: NodeId,
        attr: &str,
        v1: &[(&str, &'static str)],
        list: List,
    ) -> Option<Code> {
        let code = match self.code_str(node, attr) {
            Some(code) => code,
            None if attr == "code" => self.text_instead(node, attr)?,
            None => return None,
        };
        if let Some((_, new)) = v1.iter().find(|(old, _)| old.eq_ignore_ascii_case(code)) {
            self.diagnose(
                node,
                attr,
                DiagnosticKind::VersionOneCode,
                format!("version-1 code {code:?} read as {new:?}"),
            );
            return Some(Code::listed(new));
        }
        self.check(node, attr, list, code);
        Some(list.intern(code))
    }

    pub(super) fn date(&mut self, node: NodeId, attr: &str) -> Option<NaiveDate> {
        let text = self.tree.attr(node, attr)?.trim_ascii();
        if text.is_empty() {
            return None;
        }
        if let Some(date) = parse_date(text) {
            Some(date)
        } else {
            self.diagnose(
                node,
                attr,
                DiagnosticKind::InvalidDate,
                format!("{text:?} is not a date (YYYY-MM-DD); left out"),
            );
            None
        }
    }

    pub(super) fn decimal(&mut self, node: NodeId, attr: &str) -> Option<Decimal> {
        let text = self.tree.attr(node, attr)?;
        self.number(node, attr, text)
    }

    pub(super) fn number(&mut self, node: NodeId, attr: &str, text: &str) -> Option<Decimal> {
        let trimmed = text.trim_ascii();
        if trimmed.is_empty() {
            return None;
        }
        if let Some(number) = parse_number(trimmed) {
            Some(number)
        } else {
            self.diagnose(
                node,
                attr,
                DiagnosticKind::InvalidNumber,
                format!("{trimmed:?} is not a number; left out"),
            );
            None
        }
    }

    pub(super) fn boolean(&mut self, node: NodeId, attr: &str) -> Option<bool> {
        let text = self.tree.attr(node, attr)?.trim_ascii();
        match text {
            "" => None,
            "1" | "true" => Some(true),
            "0" | "false" => Some(false),
            _ => {
                let lenient = match text.to_ascii_lowercase().as_str() {
                    "true" | "yes" | "y" => Some(true),
                    "false" | "no" | "n" => Some(false),
                    _ => None,
                };
                if let Some(value) = lenient {
                    self.diagnose(
                        node,
                        attr,
                        DiagnosticKind::LenientBoolean,
                        format!("{text:?} read as {value}"),
                    );
                    Some(value)
                } else {
                    self.diagnose(
                        node,
                        attr,
                        DiagnosticKind::InvalidBoolean,
                        format!("{text:?} is not a boolean; left out"),
                    );
                    None
                }
            }
        }
    }

    pub(super) fn currency(&mut self, node: NodeId, attr: &str) -> Option<Currency> {
        let text = self.tree.attr(node, attr)?.trim_ascii();
        if text.is_empty() {
            return None;
        }
        match Currency::from_code(text).or_else(|_| Currency::from_code(&text.to_ascii_uppercase()))
        {
            Ok(currency) => Some(currency),
            Err(e) => {
                self.diagnose(node, attr, DiagnosticKind::UnknownCurrency, e.to_string());
                None
            }
        }
    }

    /// The `narrative` children; an element with no narrative but text of its own (version 1)
    /// gives that text.
    pub(super) fn narratives(&mut self, node: NodeId) -> Vec<Narrative> {
        let tree = self.tree;
        tree.mark_read(node);
        let narratives = self.each(node, "narrative", |m, n| Narrative {
            lang: m.lang(n),
            text: tree.text_of(n).to_owned(),
        });
        if narratives.is_empty() {
            let own = tree.text_of(node);
            if !own.trim_ascii().is_empty() {
                let lang = self.lang(node);
                return vec![Narrative {
                    lang,
                    text: own.trim_ascii().to_owned(),
                }];
            }
        }
        narratives
    }

    pub(super) fn narratives_of(&mut self, node: NodeId, name: &'t str) -> Vec<Narrative> {
        self.child(node, name, Mapper::narratives)
            .unwrap_or_default()
    }

    pub(super) fn org_ref(&mut self, node: NodeId, activity_id_attr: &str) -> OrgRef {
        let names = self.narratives(node);
        OrgRef {
            reference: self.trimmed(node, "ref"),
            kind: self
                .code_in(node, "type", code::ORGANISATION_TYPE)
                .map(OrganisationType::from),
            activity_id: if activity_id_attr.is_empty() {
                None
            } else {
                self.trimmed(node, activity_id_attr)
            },
            names,
        }
    }

    pub(super) fn reporting_org(&mut self, node: NodeId) -> ReportingOrg {
        let secondary_reporter = self.boolean(node, "secondary-reporter");
        ReportingOrg {
            org: self.org_ref(node, ""),
            secondary_reporter,
        }
    }

    pub(super) fn coded(&mut self, node: NodeId) -> Coded {
        self.coded_with(node, None, None, "")
    }

    pub(super) fn coded_with(
        &mut self,
        node: NodeId,
        list: Option<List>,
        vocabularies: Option<List>,
        default_vocabulary: &str,
    ) -> Coded {
        let narratives = self.narratives(node);
        let vocabulary = match (self.code_str(node, "vocabulary"), vocabularies) {
            (Some(vocabulary), Some(vocabularies)) => {
                self.check(node, "vocabulary", vocabularies, vocabulary);
                Some(vocabularies.intern(vocabulary))
            }
            (vocabulary, None) => vocabulary.map(code::unlisted),
            (None, Some(_)) => None,
        };
        let in_list = list.filter(|_| {
            vocabulary
                .as_deref()
                .is_none_or(|v| v == default_vocabulary)
        });
        let code = match (self.code_str(node, "code"), in_list) {
            (Some(code), Some(list)) => {
                self.check(node, "code", list, code);
                list.intern(code)
            }
            (Some(code), None) => code::unlisted(code),
            (None, _) => {
                self.diagnose(
                    node,
                    "code",
                    DiagnosticKind::MissingRequired,
                    "no @code".to_owned(),
                );
                Code::listed("")
            }
        };
        Coded {
            code,
            vocabulary,
            vocabulary_uri: self.string(node, "vocabulary-uri"),
            percentage: self.decimal(node, "percentage"),
            significance: self.code(node, "significance"),
            narratives,
        }
    }

    pub(super) fn description(&mut self, node: NodeId) -> Description {
        Description {
            kind: self.code(node, "type").map(DescriptionType::from),
            narratives: self.narratives(node),
        }
    }

    /// A `value` element: money in its own currency or the default one, never a guess.
    pub(super) fn value(&mut self, node: NodeId) -> Value {
        self.tree.mark_read(node);
        let text = self.tree.text_of(node).to_owned();
        let written = self
            .tree
            .attr(node, "currency")
            .map(str::trim_ascii)
            .filter(|c| !c.is_empty());
        let had_currency_attr = written.is_some();
        let explicit = written.and_then(|_| self.currency(node, "currency"));
        let value_date = self.date(node, "value-date");
        let amount = self.number(node, "", &text);
        let currency = explicit.or(if had_currency_attr {
            None
        } else {
            self.default_currency
        });
        if currency.is_none() && !had_currency_attr {
            self.diagnose(
                node,
                "",
                DiagnosticKind::MissingCurrency,
                format!(
                    "no @currency and no @default-currency for {:?}",
                    text.trim_ascii()
                ),
            );
        }
        let money = amount
            .zip(currency)
            .map(|(amount, currency)| Money::new(amount, currency));
        let unknown_currency = written.filter(|_| explicit.is_none()).map(str::to_owned);
        Value {
            money,
            currency: explicit,
            unknown_currency,
            value_date,
            text,
        }
    }

    pub(super) fn value_of(&mut self, node: NodeId, name: &'t str) -> Option<Value> {
        self.child(node, name, Mapper::value)
    }

    /// A child's `@iso-date`; a date written as the element's text instead (when the attribute
    /// is missing or not a date) is read, with a warning.
    pub(super) fn period_date(&mut self, node: NodeId, name: &'t str) -> Option<NaiveDate> {
        self.child(node, name, |m, c| {
            m.tree.mark_read(c);
            let text = m.tree.text_of(c).trim_ascii();
            let from_text = parse_date(text);
            let attr = m
                .tree
                .attr(c, "iso-date")
                .map(str::trim_ascii)
                .filter(|a| !a.is_empty());
            match (attr.map(|a| (a, parse_date(a))), from_text) {
                (Some((_, Some(date))), _) => Some(date),
                (Some((a, None)), Some(date)) => {
                    m.diagnose(
                        c,
                        "iso-date",
                        DiagnosticKind::MisplacedValue,
                        format!("{a:?} is not a date; read the element's text {text:?}"),
                    );
                    Some(date)
                }
                (None, Some(date)) => {
                    m.diagnose(
                        c,
                        "iso-date",
                        DiagnosticKind::MisplacedValue,
                        format!("read from the element's text {text:?}"),
                    );
                    Some(date)
                }
                (_, None) => m.date(c, "iso-date"),
            }
        })
        .flatten()
    }

    pub(super) fn codes_of(&mut self, node: NodeId, name: &'t str, list: List) -> Vec<Code> {
        self.each_some(node, name, |m, c| m.code_of_in(c, list))
    }

    pub(super) fn texts_of(&mut self, node: NodeId, name: &'t str) -> Vec<String> {
        let tree = self.tree;
        self.each(node, name, |_, c| tree.text_of(c).trim_ascii().to_owned())
    }
}

/// A day as IATI writes one: `YYYY-MM-DD`, or a date-time or zoned date, which is still the day
/// it names.
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let rest_ok = bytes.len() == 10 || matches!(bytes.get(10), Some(b'T' | b'Z' | b'+' | b'-'));
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, ..] = *bytes else {
        return None;
    };
    let digit = |b: u8| char::from(b).to_digit(10);
    let number = |digits: &[u8]| {
        digits
            .iter()
            .try_fold(0u32, |n, &b| n.checked_mul(10)?.checked_add(digit(b)?))
    };
    let year = i32::try_from(number(&[y1, y2, y3, y4])?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(&[m1, m2])?, number(&[d1, d2])?)?;
    rest_ok.then_some(date)
}
