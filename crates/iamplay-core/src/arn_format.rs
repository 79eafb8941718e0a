//! Whether a policy's Resource pattern can name a resource of an ARN format as AWS's
//! Service Authorization Reference writes it (`arn:${Partition}:s3:::${BucketName}`).
//!
//! Both sides are patterns, so the question is whether some ARN matches both: a walk over
//! pairs of positions (linear in the product of the two lengths; a format is short). In
//! the policy, `*` is any text, `?` one character and a policy variable any text. In the
//! format, a `${Name}` part is one character or more (a final one may be empty: an API
//! Gateway method ARN for `/` ends in `GET/`), without `:` unless it ends the format, and
//! may hold `/` (a role's path, an object's key, a log group's name `/aws/lambda/f`) —
//! except a bucket name, which never holds one, so that `arn:aws:s3:::reports/*` is an
//! object and not a bucket.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PolicyToken {
    Char(u8),
    One,
    Any,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FormatToken {
    Char(u8),
    /// A variable part: one character or more (none at all when `empty`: it ends the format).
    Part {
        slash: bool,
        colon: bool,
        empty: bool,
    },
}

fn policy_tokens(pattern: &str) -> Vec<PolicyToken> {
    let b = pattern.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'*' => out.push(PolicyToken::Any),
            b'?' => out.push(PolicyToken::One),
            b'$' if b.get(i + 1) == Some(&b'{') => match b.get(i..).and_then(|r| r.iter().position(|x| *x == b'}')) {
                Some(end) => {
                    out.push(PolicyToken::Any);
                    i += end;
                }
                None => out.push(PolicyToken::Char(c)),
            },
            _ => out.push(PolicyToken::Char(c)),
        }
        i += 1;
    }
    out
}

fn format_tokens(format: &str) -> Vec<FormatToken> {
    let b = format.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'$' && b.get(i + 1) == Some(&b'{') {
            if let Some(end) = b.get(i..).and_then(|r| r.iter().position(|x| *x == b'}')) {
                let name = format.get(i + 2..i + end).unwrap_or_default();
                let last = i + end + 1 == b.len();
                let bucket = name.ends_with("BucketName");
                out.push(FormatToken::Part { slash: !bucket, colon: last && !bucket, empty: last && !bucket });
                i += end + 1;
                continue;
            }
        }
        out.push(FormatToken::Char(c));
        i += 1;
    }
    out
}

/// Whether some ARN matches both the policy's `pattern` and the catalog's `format`.
pub fn can_name(pattern: &str, format: &str) -> bool {
    if !starts_agree(pattern, format) {
        return false;
    }
    let p = policy_tokens(pattern);
    let f = format_tokens(format);
    let (n, m) = (p.len(), f.len());
    // state (i, j, inside): i policy tokens and j format tokens done; `inside`: the
    // variable part at j has taken a character already
    let index = |i: usize, j: usize, inside: bool| (i * (m + 1) + j) * 2 + usize::from(inside);
    let mut seen = vec![false; (n + 1) * (m + 1) * 2];
    let mut todo = vec![(0, 0, false)];
    while let Some((i, j, inside)) = todo.pop() {
        let Some(slot) = seen.get_mut(index(i, j, inside)) else { continue };
        if *slot {
            continue;
        }
        *slot = true;
        if i == n && j == m {
            return true;
        }
        // moves that take no character
        if let Some(PolicyToken::Any) = p.get(i) {
            todo.push((i + 1, j, inside));
        }
        if inside || matches!(f.get(j), Some(FormatToken::Part { empty: true, .. })) {
            todo.push((i, j + 1, false));
        }
        // moves that take one character on both sides
        let (Some(pt), Some(ft)) = (p.get(i), f.get(j)) else { continue };
        let next_i = if *pt == PolicyToken::Any { i } else { i + 1 };
        let (next_j, next_inside) = match ft {
            FormatToken::Char(_) => (j + 1, false),
            FormatToken::Part { .. } => (j, true),
        };
        let shared = match (pt, ft) {
            (PolicyToken::Char(a), FormatToken::Char(b)) => a == b,
            (PolicyToken::Char(a), FormatToken::Part { slash, colon, .. }) => {
                (*a != b'/' || *slash) && (*a != b':' || *colon)
            }
            (_, FormatToken::Char(_)) | (_, FormatToken::Part { .. }) => true, // a letter fits both
        };
        if shared {
            todo.push((next_i, next_j, next_inside));
        }
    }
    false
}

/// A quick test that rules out most of a service's formats without the walk (a service
/// has up to a few hundred): where the policy's first five parts hold no wildcard or
/// variable, the fixed text at the start of its resource part and of the format's must
/// agree as far as both go (`bucket-0/*` is no `accesspoint/${AccessPointName}`).
fn starts_agree(pattern: &str, format: &str) -> bool {
    let (mut policy, mut formats) = (pattern.splitn(6, ':'), format.splitn(6, ':'));
    for _ in 0..5 {
        match (policy.next(), formats.next()) {
            (Some(p), Some(_)) if !p.contains(['*', '?', '$']) => {}
            _ => return true, // the walk decides
        }
    }
    let (Some(p), Some(f)) = (policy.next(), formats.next()) else { return true };
    let fixed = |s: &str, stops: &[char]| s.find(stops).map_or(s.len(), |i| i);
    let n = fixed(p, &['*', '?', '$']).min(fixed(f, &['$']));
    p.as_bytes().get(..n) == f.as_bytes().get(..n)
}

#[cfg(test)]
mod tests {
    use super::can_name;

    const BUCKET: &str = "arn:${Partition}:s3:::${BucketName}";
    const OBJECT: &str = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
    const ROLE: &str = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
    const LOG_GROUP: &str = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";

    #[test]
    fn a_bucket_is_not_an_object_and_an_object_is_not_a_bucket() {
        assert!(can_name("arn:aws:s3:::reports", BUCKET));
        assert!(!can_name("arn:aws:s3:::reports/*", BUCKET));
        assert!(can_name("arn:aws:s3:::reports/*", OBJECT));
        assert!(!can_name("arn:aws:s3:::reports", OBJECT));
        assert!(can_name("arn:aws:s3:::reports*", OBJECT), "a star may hold the slash");
        assert!(can_name("arn:aws:s3:::${aws:username}-data", BUCKET));
        assert!(can_name("arn:aws:s3:::*", BUCKET) && can_name("arn:aws:s3:::*", OBJECT));
    }

    #[test]
    fn paths_and_names_with_slashes_end_a_format() {
        assert!(can_name("arn:aws:iam::111122223333:role/service-role/x", ROLE));
        assert!(can_name("arn:aws:logs:*:*:log-group:/aws/lambda/*", LOG_GROUP));
        assert!(can_name("arn:aws:iam::*:role/*", ROLE));
        assert!(!can_name("arn:aws:iam::111122223333:user/alice", ROLE));
        assert!(!can_name("arn:aws:iam::111122223333:role", ROLE), "a name has a character at least");
        assert!(can_name("arn:aws:iam::*:role?x", ROLE));
        assert!(!can_name("arn:aws:s3:::b", ROLE));
        assert!(can_name("*", ROLE) && can_name("arn:*", BUCKET));
    }

    #[test]
    fn log_groups_with_slashes_and_empty_final_parts_match() {
        let stream = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
        assert!(can_name("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-fn:*", stream));
        assert!(can_name("arn:aws:logs:us-east-1:1:log-group:/ci/builds:log-stream:run-42", stream));
        let method =
            "arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/${Stage}/${Method}/${ApiSpecificResourcePath}";
        assert!(can_name("arn:aws:execute-api:us-west-2:123456789012:abc123/prod/GET/", method));
    }

    #[test]
    fn long_patterns_are_decided_without_blowing_up() {
        let long = format!("arn:aws:s3:::{}", "*a".repeat(1000));
        assert!(can_name(&long, OBJECT));
        assert!(!can_name(&format!("{long}:x"), BUCKET), "no colon in a bucket name");
    }
}
