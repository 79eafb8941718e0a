//! ARN-aware wildcard matching for `Resource`/`NotResource` and the `Arn*` condition
//! operators: partition, service, region and account are compared segment by segment
//! (a wildcard cannot leave its segment), the resource part (everything after the fifth
//! colon, colons included) is one segment, and a pattern that ends early with a `*`
//! segment lets that `*` swallow the rest of the value (`arn:aws:ec2:*`). A pattern that
//! is not an ARN (`*`) is matched against the whole value.
//!
//! A pattern is one token list plus the bounds of its segments, so a pattern holding
//! policy variables is rebuilt per request into a reused buffer without allocating.

use crate::pattern::{match_tokens, push_literal_tokens, GlobToken, ONE, STAR};
use crate::template::{Lookup, Part, Template};
use std::cell::RefCell;

/// A pattern ready to match, after variable substitution.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArnGlob {
    /// Literal bytes every match starts with (up to the first wildcard).
    prefix: Vec<u8>,
    tokens: Vec<GlobToken>,
    /// (start, end) of each segment in `tokens`; at most 6.
    segments: Vec<(usize, usize)>,
}

thread_local! {
    static SCRATCH: RefCell<ArnGlob> = RefCell::new(ArnGlob::default());
}

impl ArnGlob {
    /// Builds the matcher from a template; None when a variable has no value.
    pub fn build(template: &Template, ctx: &dyn Lookup) -> Option<ArnGlob> {
        let mut g = ArnGlob::default();
        g.fill(template, ctx).then_some(g)
    }

    /// Whether `value` matches `template` after substitution (None: a variable has no
    /// value, so the pattern matches nothing). Reuses one buffer: no allocation.
    pub fn template_matches(template: &Template, ctx: &dyn Lookup, value: &str) -> Option<bool> {
        if !crate::pattern::has_prefix(value.as_bytes(), template.literal_prefix().as_bytes()) {
            return Some(false);
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut g) => g.fill(template, ctx).then(|| g.is_match(value)),
            Err(_) => ArnGlob::build(template, ctx).map(|g| g.is_match(value)),
        })
    }

    fn fill(&mut self, template: &Template, ctx: &dyn Lookup) -> bool {
        self.tokens.clear();
        self.segments.clear();
        let mut seg_start = 0;
        for part in template.parts() {
            match part {
                Part::Text { tokens, .. } => {
                    if self.segments.len() >= 5 {
                        self.tokens.extend_from_slice(tokens);
                        continue;
                    }
                    for t in tokens {
                        if *t == b':' && self.segments.len() < 5 {
                            self.segments.push((seg_start, self.tokens.len()));
                            self.tokens.push(*t);
                            seg_start = self.tokens.len();
                        } else {
                            self.tokens.push(*t);
                        }
                    }
                }
                Part::Fixed(c) => push_literal_tokens(&mut self.tokens, c.encode_utf8(&mut [0u8; 4])),
                Part::Var { key_lc, default, .. } => match ctx.single(key_lc).or(default.as_deref()) {
                    Some(v) => push_literal_tokens(&mut self.tokens, v),
                    None => return false,
                },
            }
        }
        self.segments.push((seg_start, self.tokens.len()));
        self.prefix.clear();
        let literal = self.tokens.iter().take_while(|t| **t != STAR && **t != ONE);
        self.prefix.extend(literal);
        true
    }

    fn segment(&self, i: usize) -> &[GlobToken] {
        self.segments.get(i).and_then(|(a, b)| self.tokens.get(*a..*b)).unwrap_or(&[])
    }

    fn is_arn(&self) -> bool {
        self.segments.len() >= 2 && self.segment(0) == b"arn"
    }

    pub fn is_match(&self, value: &str) -> bool {
        if !crate::pattern::has_prefix(value.as_bytes(), &self.prefix) {
            return false;
        }
        if !self.is_arn() {
            return match_tokens(&self.tokens, value);
        }
        let k = self.segments.len();
        // the segments the literal prefix covers with their colon are equal already: in
        // the prefix, pattern tokens and value bytes correspond one to one
        let covered = self.segments.iter().take(k - 1).take_while(|(_, end)| *end < self.prefix.len()).count();
        let start = match covered.checked_sub(1).and_then(|j| self.segments.get(j)) {
            Some((_, colon)) => colon + 1,
            None => 0,
        };
        let mut rest = value.get(start..).unwrap_or_default();
        for i in covered..k {
            let seg = self.segment(i);
            if i + 1 == k {
                if k == 6 || !rest.contains(':') {
                    return match_tokens(seg, rest);
                }
                // pattern ended early: only a trailing `*` may cover the remaining segments
                return seg.last() == Some(&STAR) && match_tokens(seg, rest);
            }
            let Some(colon) = rest.as_bytes().iter().position(|b| *b == b':') else { return false };
            if !match_tokens(seg, rest.get(..colon).unwrap_or_default()) {
                return false;
            }
            rest = rest.get(colon + 1..).unwrap_or_default();
        }
        false
    }
}

/// The parts of an ARN pattern as written: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArnParts<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    /// Everything after the fifth colon (colons included).
    pub resource: &'a str,
}

/// Splits an ARN pattern into its parts; the colon of a policy variable (`${aws:x}`) is
/// not a separator. None when it is not an ARN (`*`, or fewer than five colons).
pub fn arn_parts(raw: &str) -> Option<ArnParts<'_>> {
    let rest = raw.strip_prefix("arn:")?;
    let mut cuts = Vec::with_capacity(4);
    let mut in_variable = false;
    let bytes = rest.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'$' if bytes.get(i + 1) == Some(&b'{') => in_variable = true,
            b'}' => in_variable = false,
            b':' if !in_variable => {
                cuts.push(i);
                if cuts.len() == 4 {
                    break;
                }
            }
            _ => {}
        }
    }
    let [a, b, c, d] = cuts.as_slice() else { return None };
    Some(ArnParts {
        partition: rest.get(..*a)?,
        service: rest.get(a + 1..*b)?,
        region: rest.get(b + 1..*c)?,
        account: rest.get(c + 1..*d)?,
        resource: rest.get(d + 1..)?,
    })
}

/// The segments of an ARN pattern as written, for validation: (service, resource part).
pub fn split_arn(raw: &str) -> Option<(&str, &str)> {
    arn_parts(raw).map(|p| (p.service, p.resource))
}

/// Services whose resource part starts with a resource-type word (`user/…`, `instance/…`).
const TYPED_SERVICES: &[&str] = &[
    "iam",
    "sts",
    "ec2",
    "kms",
    "lambda",
    "dynamodb",
    "rds",
    "secretsmanager",
    "ecr",
    "ecs",
    "logs",
    "cloudformation",
    "elasticloadbalancing",
    "autoscaling",
    "ssm",
    "cloudwatch",
    "events",
    "states",
];

/// The resource-type word of a resource part, when the service has one.
pub fn resource_type_word<'a>(service: &str, resource: &'a str) -> Option<&'a str> {
    if !TYPED_SERVICES.contains(&service) || resource == "*" {
        return None;
    }
    match resource.find(['/', ':']) {
        Some(i) => resource.get(..i),
        None if service == "iam" || service == "sts" => (resource != "root").then_some(resource),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Glob;
    use crate::template::NoValues;

    fn m(p: &str, v: &str) -> bool {
        ArnGlob::build(&Template::literal(p), &NoValues).is_some_and(|g| g.is_match(v))
    }

    #[test]
    fn segments_are_compared_separately() {
        let p = "arn:aws:someservice:*:111122223333:finance/*";
        let v = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
        assert!(!m(p, v));
        assert!(Glob::new(p).is_match(v), "a plain string match crosses colons");
        assert!(m("arn:aws:sns:*:111122223333:topic-*", "arn:aws:sns:us-east-1:111122223333:topic-a"));
        assert!(!m("arn:aws:sns:*:111122223333:topic-*", "arn:aws:sns:us-east-1:999999999999:topic-a"));
    }

    #[test]
    fn resource_part_may_hold_colons_and_slashes() {
        assert!(m("arn:aws:lambda:us-east-1:1:function:f:*", "arn:aws:lambda:us-east-1:1:function:f:prod"));
        assert!(m("arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1/2/test/object.jpg"));
        assert!(!m("arn:aws:s3:::MyBucket/*", "arn:aws:s3:::mybucket/a"));
    }

    #[test]
    fn trailing_star_swallows_later_segments() {
        assert!(m("arn:aws:ec2:*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));
        assert!(!m("arn:aws:ec2", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));
        assert!(!m("arn:aws:s3:::*", "*"));
        assert!(m("*", "*"));
        assert!(m("*", "arn:aws:s3:::b"));
    }

    #[test]
    fn substituted_values_are_literal_and_do_not_split() -> Result<(), crate::template::VariableError> {
        struct Ctx;
        impl Lookup for Ctx {
            fn single(&self, _: &crate::key::KeyName) -> Option<&str> {
                Some("a:*")
            }
        }
        let t = Template::parse("arn:aws:s3:::b/${aws:username}")?;
        assert_eq!(ArnGlob::template_matches(&t, &Ctx, "arn:aws:s3:::b/a:*"), Some(true));
        assert_eq!(ArnGlob::template_matches(&t, &Ctx, "arn:aws:s3:::b/a:x"), Some(false));
        assert_eq!(ArnGlob::template_matches(&t, &NoValues, "arn:aws:s3:::b/a:*"), None);
        Ok(())
    }

    #[test]
    fn finds_the_type_word() {
        assert_eq!(resource_type_word("iam", "u*"), Some("u*"));
        assert_eq!(resource_type_word("iam", "user/*"), Some("user"));
        assert_eq!(resource_type_word("s3", "my*bucket/key"), None);
        assert_eq!(split_arn("arn:aws:*:us-east-1:1:x"), Some(("*", "x")));
        let p = arn_parts("arn:*:kms:*:${aws:PrincipalAccount}:key/*");
        assert_eq!(p.map(|p| (p.account, p.resource)), Some(("${aws:PrincipalAccount}", "key/*")));
        assert_eq!(split_arn("arn:aws:s3"), None);
    }
}
