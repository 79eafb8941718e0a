//! Why a request's resource missed a statement's Resource patterns, in words, for the
//! commonest near misses: a bucket where its objects are named (or the other way), an
//! account or Region where the pattern has none (or none where it has one), another
//! partition or service, an instance profile where its role belongs; and for a condition's
//! value, another case or a service named without `.amazonaws.com`. Words only: matching itself is the decision layer's.

/// The six fields of an ARN (`arn:partition:service:region:account:resource`).
fn fields(arn: &str) -> Option<[&str; 6]> {
    let mut it = arn.splitn(6, ':');
    Some([it.next()?, it.next()?, it.next()?, it.next()?, it.next()?, it.next()?])
}

/// The closest reason `resource` is not matched by `pattern`, when one of the common ones
/// fits.
pub fn resource_near_miss(pattern: &str, resource: &str) -> Option<String> {
    if let Some(bucket) = pattern.strip_suffix("/*") {
        if bucket == resource {
            return Some(format!("the pattern's `/*` names what is inside `{resource}`, not `{resource}` itself"));
        }
    }
    if resource.strip_prefix(pattern).is_some_and(|rest| rest.starts_with('/')) {
        return Some(format!("the pattern names `{pattern}` itself, not what is inside it: add `/*`"));
    }
    let (p, r) = (fields(pattern)?, fields(resource)?);
    let names = ["partition", "service", "Region", "account"];
    for (i, name) in names.iter().enumerate() {
        let (pv, rv) = (p.get(i + 1).copied().unwrap_or_default(), r.get(i + 1).copied().unwrap_or_default());
        if pv == rv || pv.contains(['*', '?', '$']) {
            continue;
        }
        return Some(match (pv.is_empty(), rv.is_empty()) {
            (true, false) => format!("the pattern has no {name}; the resource has `{rv}`"),
            (false, true) => format!("the pattern's {name} is `{pv}`; the resource has none"),
            _ => format!("the {name} differs: `{pv}` in the pattern, `{rv}` in the resource"),
        });
    }
    // the resource type: the resource part up to its first `/` or `:`
    let type_of = |part: &str| part.split_once(['/', ':']).map(|(kind, _)| kind.to_string());
    let (pt, rt) = (type_of(p[5])?, type_of(r[5])?);
    if pt == rt || pt.contains(['*', '?', '$']) {
        return None;
    }
    // an S3 bucket's ARN has no Region or account, and its resource part starts with the
    // bucket's name, not a type
    let bucket_arn = |f: &[&str]| f.get(2) == Some(&"s3") && f.get(3) == Some(&"") && f.get(4) == Some(&"");
    if bucket_arn(&p) && bucket_arn(&r) {
        return Some(format!("the bucket differs: `{pt}` in the pattern, `{rt}` in the resource"));
    }
    if pt == "instance-profile" && rt == "role" {
        let words = "the pattern names an instance profile, the resource is a role: iam:PassRole passes the role a profile holds, so name the role's ARN";
        return Some(words.into());
    }
    Some(format!("the resource type differs: `{pt}` in the pattern, `{rt}` in the resource"))
}

/// The closest reason a condition's `request` value did not equal its `policy` value,
/// when one of the common ones fits: another case, spaces around it, a service named
/// without `.amazonaws.com`.
pub fn value_near_miss(policy: &str, request: &str) -> Option<String> {
    if policy == request {
        return None;
    }
    if policy.eq_ignore_ascii_case(request) {
        return Some(format!("`{policy}` and `{request}` differ only in case; the IgnoreCase operators ignore it"));
    }
    if policy.trim() == request.trim() {
        return Some(format!("`{policy}` has spaces around it that the request's value has not"));
    }
    if request.strip_suffix(".amazonaws.com") == Some(policy) {
        return Some(format!("a service is named by its principal, `{request}`, not `{policy}`"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{resource_near_miss, value_near_miss};

    #[test]
    fn the_common_near_misses_are_named() {
        let bucket = "arn:aws:s3:::reports";
        assert_eq!(
            resource_near_miss("arn:aws:s3:::reports/*", bucket).as_deref(),
            Some("the pattern's `/*` names what is inside `arn:aws:s3:::reports`, not `arn:aws:s3:::reports` itself")
        );
        assert!(resource_near_miss(bucket, "arn:aws:s3:::reports/q1.csv").is_some_and(|m| m.ends_with("add `/*`")));
        assert_eq!(
            resource_near_miss(
                "arn:aws:logs:us-east-1::log-group:x",
                "arn:aws:logs:us-east-1:111122223333:log-group:x"
            )
            .as_deref(),
            Some("the pattern has no account; the resource has `111122223333`")
        );
        assert!(
            resource_near_miss("arn:aws:s3:::a", "arn:aws:sqs:us-east-1:1:q").is_some_and(|m| m.contains("service"))
        );
        assert_eq!(resource_near_miss("arn:aws:s3:::*", "arn:aws:s3:::b/k"), None);
        assert_eq!(resource_near_miss("x", "y"), None);
        let (profile, role) = ("arn:aws:iam::111122223333:instance-profile/web", "arn:aws:iam::111122223333:role/web");
        assert!(resource_near_miss(profile, role).is_some_and(|m| m.contains("names an instance profile")));
        assert_eq!(
            resource_near_miss("arn:aws:ec2:*:*:volume/v", "arn:aws:ec2:us-east-1:1:instance/i").as_deref(),
            Some("the resource type differs: `volume` in the pattern, `instance` in the resource")
        );
        assert_eq!(resource_near_miss("arn:aws:ec2:*:*:*/v", "arn:aws:ec2:us-east-1:1:instance/i"), None);
        // an S3 object ARN starts with its bucket's name, not a resource type
        assert_eq!(
            resource_near_miss("arn:aws:s3:::example-bucket/*", "arn:aws:s3:::reports-bucket/2026/q3.csv").as_deref(),
            Some("the bucket differs: `example-bucket` in the pattern, `reports-bucket` in the resource")
        );
    }

    #[test]
    fn condition_values_that_nearly_match_are_named() {
        assert!(value_near_miss("ec2", "ec2.amazonaws.com").is_some_and(|m| m.contains("`ec2.amazonaws.com`")));
        assert!(value_near_miss("Eu-West-1", "eu-west-1").is_some_and(|m| m.contains("case")));
        assert!(value_near_miss("dev ", "dev").is_some_and(|m| m.contains("spaces")));
        assert_eq!(value_near_miss("dev", "dev"), None);
        assert_eq!(value_near_miss("dev", "prod"), None);
    }
}
