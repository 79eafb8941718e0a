//! Policy variables: `${aws:username}`, defaults `${aws:PrincipalTag/team, 'x'}`, and the
//! fixed `${*}` `${?}` `${$}`. Parsed once per policy value; substitution at evaluation
//! time produces either a string (equality operators) or a wildcard pattern (Like
//! operators, Resource). A substituted value's own `*`/`?` are literal characters.

use crate::key::KeyName;
use crate::pattern::{match_tokens, push_literal_tokens, push_pattern_tokens, GlobToken};
use std::borrow::Cow;
use std::cell::RefCell;

thread_local! {
    static TOKENS: RefCell<Vec<GlobToken>> = const { RefCell::new(Vec::new()) };
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Policy text; `*` and `?` in it are wildcards where the operator allows them.
    /// `tokens` is the text compiled as a pattern.
    Text { text: String, tokens: Vec<GlobToken> },
    /// A context key to substitute (name as written, and lowercased for lookup).
    Var { key: String, key_lc: KeyName, default: Option<String> },
    /// `${*}`, `${?}` or `${$}`: a literal character.
    Fixed(char),
}

impl Part {
    fn text(text: &str) -> Part {
        let mut tokens = Vec::new();
        push_pattern_tokens(&mut tokens, text);
        Part::Text { text: text.to_string(), tokens }
    }
}

/// A value that may hold policy variables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub raw: String,
    parts: Vec<Part>,
    has_vars: bool,
    /// The literal text every match starts with (up to the first wildcard or variable):
    /// a cheap early rejection before substituting.
    prefix: String,
}

/// Why a `${...}` could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariableError {
    pub message: String,
}

/// Reads context values for substitution: the single value of a key, or None when the
/// key is absent or multivalued.
pub trait Lookup {
    fn single(&self, key: &KeyName) -> Option<&str>;
}

impl Template {
    /// A value with no variables (Version 2008-10-17 or none: `${...}` stays literal).
    pub fn literal(raw: &str) -> Self {
        Template::new(raw, vec![Part::text(raw)], false)
    }

    /// Parses `${...}` variables in `raw`.
    pub fn parse(raw: &str) -> Result<Self, VariableError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = raw;
        let mut has_vars = false;
        while let Some(start) = rest.find("${") {
            text.push_str(rest.get(..start).unwrap_or(""));
            let after = rest.get(start + 2..).unwrap_or("");
            let Some(end) = after.find('}') else {
                return Err(VariableError { message: "`${` is not closed by `}`".into() });
            };
            let inner = after.get(..end).unwrap_or("");
            rest = after.get(end + 1..).unwrap_or("");
            if !text.is_empty() {
                parts.push(Part::text(&std::mem::take(&mut text)));
            }
            parts.push(parse_variable(inner)?);
            has_vars = true;
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::text(&text));
        }
        Ok(Template::new(raw, parts, has_vars))
    }

    fn new(raw: &str, parts: Vec<Part>, has_vars: bool) -> Self {
        let mut prefix = String::new();
        for part in &parts {
            match part {
                Part::Text { text: t, .. } => match t.find(['*', '?']) {
                    Some(i) => {
                        prefix.push_str(t.get(..i).unwrap_or(""));
                        break;
                    }
                    None => prefix.push_str(t),
                },
                Part::Fixed(c) => prefix.push(*c),
                Part::Var { .. } => break,
            }
        }
        Template { raw: raw.to_string(), parts, has_vars, prefix }
    }

    /// The literal text every matching value starts with.
    pub fn literal_prefix(&self) -> &str {
        &self.prefix
    }

    pub fn has_vars(&self) -> bool {
        self.has_vars
    }

    /// The context keys this value reads (lowercased, with the name as written).
    pub fn variables(&self) -> impl Iterator<Item = (&str, &KeyName)> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var { key, key_lc, .. } => Some((key.as_str(), key_lc)),
            _ => None,
        })
    }

    /// The value after substitution, or None when a variable has no value and no default.
    pub fn expand(&self, ctx: &dyn Lookup) -> Option<Cow<'_, str>> {
        if !self.has_vars {
            return Some(Cow::Borrowed(&self.raw));
        }
        let mut out = String::with_capacity(self.raw.len());
        for part in &self.parts {
            match part {
                Part::Text { text: t, .. } => out.push_str(t),
                Part::Fixed(c) => out.push(*c),
                Part::Var { key_lc, default, .. } => out.push_str(ctx.single(key_lc).or(default.as_deref())?),
            }
        }
        Some(Cow::Owned(out))
    }

    /// Whether `text` matches this value as a wildcard pattern after substitution
    /// (None: a variable has no value). Reuses one buffer: no allocation.
    pub fn glob_matches(&self, ctx: &dyn Lookup, text: &str) -> Option<bool> {
        if !crate::pattern::has_prefix(text.as_bytes(), self.prefix.as_bytes()) {
            return Some(false);
        }
        TOKENS.with(|cell| {
            let mut local = Vec::new();
            let mut guard = cell.try_borrow_mut();
            let buf = match guard.as_mut() {
                Ok(b) => &mut **b,
                Err(_) => &mut local,
            };
            buf.clear();
            for part in &self.parts {
                match part {
                    Part::Text { tokens, .. } => buf.extend_from_slice(tokens),
                    Part::Fixed(c) => push_literal_tokens(buf, c.encode_utf8(&mut [0u8; 4])),
                    Part::Var { key_lc, default, .. } => {
                        push_literal_tokens(buf, ctx.single(key_lc).or(default.as_deref())?)
                    }
                }
            }
            Some(match_tokens(buf, text))
        })
    }

    /// Whether `text` equals this value after substitution, compared piece by piece
    /// (None: a variable has no value). `fold` compares ignoring case.
    pub fn equals(&self, ctx: &dyn Lookup, text: &str, fold: bool) -> Option<bool> {
        if fold {
            // case folding can change lengths: compare the whole expanded value
            let expanded = self.expand(ctx)?;
            return Some(expanded.chars().flat_map(char::to_lowercase).eq(text.chars().flat_map(char::to_lowercase)));
        }
        let mut rest = text;
        let mut buf = [0u8; 4];
        for part in &self.parts {
            let piece: &str = match part {
                Part::Text { text: t, .. } => t,
                Part::Fixed(c) => c.encode_utf8(&mut buf),
                Part::Var { key_lc, default, .. } => ctx.single(key_lc).or(default.as_deref())?,
            };
            match rest.strip_prefix(piece) {
                Some(r) => rest = r,
                None => return Some(false),
            }
        }
        Some(rest.is_empty())
    }

    /// The parts, for callers that split a value before substituting (ARNs).
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }
}

fn parse_variable(inner: &str) -> Result<Part, VariableError> {
    match inner {
        "*" => return Ok(Part::Fixed('*')),
        "?" => return Ok(Part::Fixed('?')),
        "$" => return Ok(Part::Fixed('$')),
        "" => return Err(VariableError { message: "`${}` names no context key".into() }),
        _ => {}
    }
    let (key, default) = match inner.split_once(',') {
        None => (inner, None),
        Some((key, default)) => {
            let d = default.trim_start();
            let quoted = d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'');
            if !quoted {
                return Err(VariableError {
                    message: format!(
                        "the default value of `${{{inner}}}` must be in single quotes, as in `${{{key}, 'value'}}`"
                    ),
                });
            }
            (key, Some(d.get(1..d.len() - 1).unwrap_or("").to_string()))
        }
    };
    if key.is_empty() || key.chars().any(|c| c.is_whitespace() || c == '$' || c == '{' || c == '\'') {
        return Err(VariableError {
            message: format!("`${{{inner}}}` is not a valid variable: write `${{service:key}}` without spaces"),
        });
    }
    Ok(Part::Var { key: key.to_string(), key_lc: KeyName::new(key), default })
}

/// A lookup with no values (compiling patterns that hold no variables).
pub struct NoValues;

impl Lookup for NoValues {
    fn single(&self, _: &KeyName) -> Option<&str> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Ctx(HashMap<&'static str, &'static str>);
    impl Lookup for Ctx {
        fn single(&self, key: &KeyName) -> Option<&str> {
            self.0.get(key.as_str()).copied()
        }
    }

    #[test]
    fn substitutes_defaults_and_fixed_characters() -> Result<(), VariableError> {
        let ctx = Ctx(HashMap::from([("aws:username", "alice")]));
        let t = Template::parse("home/${aws:username}/*")?;
        assert_eq!(t.expand(&ctx).as_deref(), Some("home/alice/*"));
        let d = Template::parse("corp-${aws:PrincipalTag/team, 'company-wide'}")?;
        assert_eq!(d.expand(&ctx).as_deref(), Some("corp-company-wide"));
        let missing = Template::parse("${aws:PrincipalTag/team}")?;
        assert_eq!(missing.expand(&ctx), None);
        let star = Template::parse("b/${*}")?;
        assert_eq!(star.glob_matches(&ctx, "b/*"), Some(true));
        assert_eq!(star.glob_matches(&ctx, "b/abc"), Some(false));
        Ok(())
    }

    #[test]
    fn substituted_wildcards_are_literal() -> Result<(), VariableError> {
        let ctx = Ctx(HashMap::from([("aws:username", "*")]));
        let t = Template::parse("home/${aws:username}")?;
        assert_eq!(t.glob_matches(&ctx, "home/bob"), Some(false));
        assert_eq!(t.glob_matches(&ctx, "home/*"), Some(true));
        Ok(())
    }

    #[test]
    fn rejects_malformed_variables() {
        for bad in ["${aws:username", "${}", "${aws user}", "${a, default}"] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
    }
}
