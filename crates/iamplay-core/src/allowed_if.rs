//! "Allowed only if…": for a request that is not allowed, the context values it lacks that
//! would allow it. Each Allow statement whose conditions read keys the request does not
//! carry gives a candidate — for each such clause a value that satisfies it (a listed
//! value, a number past a bound, a CIDR's address, a pattern with its wildcards filled) —
//! and a candidate is offered only if the request, with those values added, is then
//! allowed: every option is checked by deciding it, so none promises what it does not do.
//! When statements depend on missing keys but no single statement's values allow the
//! request (other policies, denies, several statements at once), it says so instead.

use crate::condition::operator::{Compare, Family};
use crate::condition::Condition;
use crate::context::Origin;
use crate::decision::{evaluate, evaluate_statement, Depth, PartMatch, StatementRef};
use crate::policy::Effect;
use crate::scenario::{Decision, Request, Scenario};

/// Values that allow the request, from one statement's conditions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowOption {
    pub statement: StatementRef,
    /// (key as the policy writes it, value, the clause's operator and policy values).
    pub values: Vec<Setting>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    pub key: String,
    pub value: String,
    pub operator: String,
    pub policy_values: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowedIf {
    pub options: Vec<AllowOption>,
    /// Statements read keys the request lacks, but no option could be found that allows it.
    pub not_summarised: bool,
}

/// A value of the key that satisfies the clause, when one can be read off it.
fn satisfying(c: &Condition) -> Option<(String, Vec<String>)> {
    let op = c.operator.as_ref()?;
    if op.negated || c.values.is_empty() || op.family == Family::Null || op.family == Family::Binary {
        return None;
    }
    let raw = c.values.iter().map(|v| v.raw.clone()).find(|r| !r.contains("${"))?;
    let value = match (op.family, op.compare) {
        (Family::Ip, _) => raw.split('/').next().unwrap_or_default().to_string(),
        (_, Compare::Like) => raw.replace(['*', '?'], "x"),
        (Family::Numeric, Compare::LessThan) => (raw.parse::<f64>().ok()? - 1.0).to_string(),
        (Family::Numeric, Compare::GreaterThan) => (raw.parse::<f64>().ok()? + 1.0).to_string(),
        _ => raw,
    };
    Some((value, c.values.iter().map(|v| v.raw.clone()).collect()))
}

/// What the request lacks to be allowed (nothing for an allowed request).
pub fn allowed_if(sc: &Scenario, req: &Request) -> AllowedIf {
    let decided = evaluate(sc, req);
    if decided.decision == Decision::Allow {
        return AllowedIf::default();
    }
    // only the policies in play for this request (the caller's, the resource's, the gates)
    let in_play: Vec<usize> = decided.policies.iter().map(|t| t.policy).collect();
    let mut out = AllowedIf::default();
    let mut depends = false;
    for (p, entry) in sc.policies.iter().enumerate().filter(|(p, _)| in_play.contains(p)) {
        for (s, st) in entry.policy.statements.iter().enumerate() {
            if st.effect != Some(Effect::Allow) {
                continue;
            }
            let missing: Vec<&Condition> = st.conditions.iter().filter(|c| req.context.get(&c.key).is_none()).collect();
            if missing.is_empty() {
                continue;
            }
            // only statements whose action, resource and principal fit the request
            let trace = evaluate_statement(st, entry.broken.get(s).copied().unwrap_or(false), req, Depth::Whole);
            let fits = |m: &Option<PartMatch>| m.as_ref().is_none_or(|m| m.matched);
            if !(fits(&trace.action) && fits(&trace.resource) && trace.principal.as_ref().is_none_or(|m| m.matched)) {
                continue;
            }
            depends = true;
            let Some(values) = missing
                .iter()
                .map(|c| {
                    satisfying(c).map(|(value, policy_values)| Setting {
                        key: c.key.clone(),
                        value,
                        operator: c.operator_name.clone(),
                        policy_values,
                    })
                })
                .collect::<Option<Vec<Setting>>>()
            else {
                continue;
            };
            let mut tried = req.clone();
            for v in &values {
                tried.context.set(&v.key, vec![v.value.clone()], Origin::Request);
            }
            let already = out.options.iter().any(|o| o.values == values);
            if !already && evaluate(sc, &tried).decision == Decision::Allow {
                out.options.push(AllowOption { statement: StatementRef { policy: p, statement: s }, values });
            }
        }
    }
    out.not_summarised = depends && out.options.is_empty();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICIES: &str = r#"{
        "mfa": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]},
        "small": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
            "Condition": {"NumericLessThan": {"s3:max-keys": "100"}, "StringLike": {"s3:prefix": "home/*"}}}]},
        "never": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*",
            "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}},
            {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}
    }"#;
    const PRINCIPALS: &str =
        r#"{"account": "111122223333", "users": {"alice": {"policies": ["mfa", "small", "never"]}, "bob": {}}}"#;

    fn options(action: &str) -> AllowedIf {
        options_of("alice", action)
    }

    fn options_of(user: &str, action: &str) -> AllowedIf {
        let requests =
            format!(r#"[{{"principal": "user/{user}", "action": "{action}", "resource": "arn:aws:s3:::b"}}]"#);
        let sc = crate::scenario::load_parts(POLICIES, PRINCIPALS, &requests);
        assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
        allowed_if(&sc, sc.requests.first().and_then(Option::as_ref).expect("a request"))
    }

    #[test]
    fn each_option_is_the_values_that_allow_it() {
        let found = options("s3:GetObject");
        let values: Vec<(&str, &str)> =
            found.options.iter().flat_map(|o| o.values.iter().map(|v| (v.key.as_str(), v.value.as_str()))).collect();
        assert_eq!(values, [("aws:MultiFactorAuthPresent", "true"), ("aws:SourceIp", "203.0.113.0")]);
        let found = options("s3:ListBucket");
        let values: Vec<(&str, &str)> =
            found.options.iter().flat_map(|o| o.values.iter().map(|v| (v.key.as_str(), v.value.as_str()))).collect();
        assert_eq!(values, [("s3:max-keys", "99"), ("s3:prefix", "home/x")]);
    }

    #[test]
    fn a_deny_that_wins_anyway_gives_no_option_and_says_so() {
        let found = options("s3:PutObject");
        assert!(found.options.is_empty());
        assert!(found.not_summarised);
        // an action no conditioned statement names: nothing to say, and nothing left unsaid
        let none = options("s3:DeleteObject");
        assert_eq!(none, AllowedIf::default());
        // another user's policies are not in play: nothing for bob, who has none
        assert_eq!(options_of("bob", "s3:GetObject"), AllowedIf::default());
    }
}
