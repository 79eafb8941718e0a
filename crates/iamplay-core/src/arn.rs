//! ARN-aware wildcard matching for `Resource`/`NotResource` and the `Arn*` condition
//! operators: partition, service, region and account are compared segment by segment
//! (a wildcard cannot leave its segment), the resource part (everything after the fifth
//! colon, colons included) is one segment, and a pattern that ends early with a `*`
//! segment lets that `*` swallow the rest of the value (`arn:aws:ec2:*`). A pattern that
//! is not an ARN (`*`) is matched against the whole value.

use crate::pattern::Glob;
use crate::template::{Lookup, Part, Template};

/// A pattern ready to match, after variable substitution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArnGlob {
    segments: Vec<Glob>,
    is_arn: bool,
    whole: Glob,
}

impl ArnGlob {
    /// Builds the matcher from a template; None when a variable has no value.
    pub fn build(template: &Template, ctx: &dyn Lookup) -> Option<ArnGlob> {
        let mut segments = vec![Glob::default()];
        let mut whole = Glob::default();
        for part in template.parts() {
            match part {
                Part::Text(text) => {
                    whole.push_pattern(text);
                    let mut pieces = text.split(':');
                    if let (Some(first), Some(seg)) = (pieces.next(), segments.last_mut()) {
                        seg.push_pattern(first);
                    }
                    for piece in pieces {
                        if segments.len() < 6 {
                            segments.push(Glob::new(piece));
                        } else if let Some(seg) = segments.last_mut() {
                            seg.push_literal(":");
                            seg.push_pattern(piece);
                        }
                    }
                }
                Part::Fixed(c) => {
                    let s = c.to_string();
                    whole.push_literal(&s);
                    if let Some(seg) = segments.last_mut() {
                        seg.push_literal(&s);
                    }
                }
                Part::Var {
                    key_lc, default, ..
                } => {
                    let value = ctx.single(key_lc).or(default.as_deref())?;
                    whole.push_literal(value);
                    if let Some(seg) = segments.last_mut() {
                        seg.push_literal(value);
                    }
                }
            }
        }
        let is_arn =
            segments.len() >= 2 && segments.first().is_some_and(|s| *s == Glob::literal("arn"));
        Some(ArnGlob {
            segments,
            is_arn,
            whole,
        })
    }

    pub fn is_match(&self, value: &str) -> bool {
        if !self.is_arn {
            return self.whole.is_match(value);
        }
        let k = self.segments.len();
        let mut rest = value;
        for (i, seg) in self.segments.iter().enumerate() {
            let last = i + 1 == k;
            if last {
                if k == 6 || !rest.contains(':') {
                    return seg.is_match(rest);
                }
                // pattern ended early: only a trailing `*` may cover the remaining segments
                return seg.ends_with_star() && seg.is_match(rest);
            }
            match rest.split_once(':') {
                Some((head, tail)) => {
                    if !seg.is_match(head) {
                        return false;
                    }
                    rest = tail;
                }
                None => return false,
            }
        }
        false
    }
}

/// The segments of an ARN pattern as written, for validation: (service, resource part).
pub fn split_arn(raw: &str) -> Option<(&str, &str)> {
    let mut it = raw.splitn(6, ':');
    if it.next()? != "arn" {
        return None;
    }
    let _partition = it.next()?;
    let service = it.next()?;
    let _region = it.next()?;
    let _account = it.next()?;
    Some((service, it.next().unwrap_or("")))
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

    struct NoCtx;
    impl Lookup for NoCtx {
        fn single(&self, _: &str) -> Option<&str> {
            None
        }
    }

    fn m(p: &str, v: &str) -> bool {
        ArnGlob::build(&Template::literal(p), &NoCtx).is_some_and(|g| g.is_match(v))
    }

    #[test]
    fn segments_are_compared_separately() {
        let p = "arn:aws:someservice:*:111122223333:finance/*";
        let v = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
        assert!(!m(p, v));
        assert!(
            Glob::new(p).is_match(v),
            "a plain string match crosses colons"
        );
        assert!(m(
            "arn:aws:sns:*:111122223333:topic-*",
            "arn:aws:sns:us-east-1:111122223333:topic-a"
        ));
        assert!(!m(
            "arn:aws:sns:*:111122223333:topic-*",
            "arn:aws:sns:us-east-1:999999999999:topic-a"
        ));
    }

    #[test]
    fn resource_part_may_hold_colons_and_slashes() {
        assert!(m(
            "arn:aws:lambda:us-east-1:1:function:f:*",
            "arn:aws:lambda:us-east-1:1:function:f:prod"
        ));
        assert!(m(
            "arn:aws:s3:::b/*/test/*",
            "arn:aws:s3:::b/1/2/test/object.jpg"
        ));
        assert!(!m("arn:aws:s3:::MyBucket/*", "arn:aws:s3:::mybucket/a"));
    }

    #[test]
    fn trailing_star_swallows_later_segments() {
        assert!(m(
            "arn:aws:ec2:*",
            "arn:aws:ec2:us-east-1:111122223333:instance/i-1"
        ));
        assert!(!m(
            "arn:aws:ec2",
            "arn:aws:ec2:us-east-1:111122223333:instance/i-1"
        ));
        assert!(!m("arn:aws:s3:::*", "*"));
        assert!(m("*", "*"));
        assert!(m("*", "arn:aws:s3:::b"));
    }

    #[test]
    fn finds_the_type_word() {
        assert_eq!(resource_type_word("iam", "u*"), Some("u*"));
        assert_eq!(resource_type_word("iam", "user/*"), Some("user"));
        assert_eq!(resource_type_word("s3", "my*bucket/key"), None);
        assert_eq!(split_arn("arn:aws:*:us-east-1:1:x"), Some(("*", "x")));
    }
}
