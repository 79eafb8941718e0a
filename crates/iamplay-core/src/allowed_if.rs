//! "Allowed only if…": the context values a request lacks that would change its decision.
//! For a request that is not allowed, each Allow statement whose conditions read keys the
//! request does not carry gives a candidate — for each such clause a value that satisfies
//! it (a listed value, a number past a bound, a CIDR's address, a pattern with its
//! wildcards filled) — and a Deny that stops it only because a key is missing (a negated
//! operator: `StringNotEquals` on a key the request lacks matches) is lifted by a value it
//! lists. For a request that is not explicitly denied, each Deny statement that would
//! match once keys it reads are given says "Explicit deny if…". Every option is checked
//! by deciding the request with its values added, and is offered only when that gives
//! the decision it promises. When Allow statements depend on missing keys but no single
//! statement's values allow the request (other policies, denies, several statements at
//! once), it says so instead.

use crate::condition::operator::{Compare, Family};
use crate::condition::Condition;
use crate::context::Origin;
use crate::decision::{evaluate, evaluate_statement, Depth, PartMatch, StatementRef};
use crate::policy::Effect;
use crate::scenario::{Decision, Request, Scenario};

/// Values that change the request's decision, from one statement's conditions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowOption {
    /// What the request is once the values are added: Allow, or ExplicitDeny.
    pub gives: Decision,
    /// The statement whose conditions the values satisfy (for a lifted deny: the Deny
    /// statement whose condition they make false).
    pub statement: StatementRef,
    /// True when the values lift a Deny (its negated condition no longer matches).
    pub lifts_deny: bool,
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

/// A value that makes a clause false although it matches while its key is missing: a
/// listed value of a negated clause (`StringNotEquals`, `NotIpAddress`, …), or the other
/// boolean for `BoolIfExists` (the "deny without MFA" guard, `false` → `true`): the value
/// that lifts a Deny written with it.
fn violating(c: &Condition) -> Option<(String, Vec<String>)> {
    let op = c.operator.as_ref()?;
    let listed = || c.values.iter().map(|v| v.raw.clone()).collect::<Vec<_>>();
    if op.family == Family::Bool && op.if_exists && !op.negated {
        let all = listed();
        let other = match all.as_slice() {
            [one] if one.eq_ignore_ascii_case("false") => "true",
            [one] if one.eq_ignore_ascii_case("true") => "false",
            _ => return None,
        };
        return Some((other.to_string(), all));
    }
    if !op.negated || c.values.is_empty() || op.family == Family::Binary {
        return None;
    }
    let raw = c.values.iter().map(|v| v.raw.clone()).find(|r| !r.contains("${"))?;
    let value = match (op.family, op.compare) {
        (Family::Ip, _) => raw.split('/').next().unwrap_or_default().to_string(),
        (_, Compare::Like) => raw.replace(['*', '?'], "x"),
        (Family::Numeric | Family::Date, _) => return None,
        _ => raw,
    };
    Some((value, c.values.iter().map(|v| v.raw.clone()).collect()))
}

fn setting(c: &Condition, (value, policy_values): (String, Vec<String>)) -> Setting {
    Setting { key: c.key.clone(), value, operator: c.operator_name.clone(), policy_values }
}

/// The request's decision with `values` added to its context.
fn tried(sc: &Scenario, req: &Request, values: &[Setting]) -> Decision {
    let mut tried = req.clone();
    for v in values {
        tried.context.set(&v.key, vec![v.value.clone()], Origin::Request);
    }
    evaluate(sc, &tried).decision
}

/// Whether a statement's action, resource and principal fit the request.
fn fits(st: &crate::policy::Statement, broken: bool, req: &Request) -> bool {
    let trace = evaluate_statement(st, broken, req, Depth::Whole);
    let part = |m: &Option<PartMatch>| m.as_ref().is_none_or(|m| m.matched);
    part(&trace.action) && part(&trace.resource) && trace.principal.as_ref().is_none_or(|m| m.matched)
}

/// [`allowed_if`], without the options that need a key AWS's catalog says a request for
/// this action never carries (`s3:prefix` for `s3:GetObject`): values nobody can send.
pub fn allowed_if_with(
    sc: &Scenario,
    req: &Request,
    vocabulary: Option<&dyn crate::vocabulary::Vocabulary>,
) -> AllowedIf {
    let mut found = allowed_if(sc, req);
    if let Some(v) = vocabulary {
        found.options.retain(|o| {
            let keys: Vec<String> = o.values.iter().map(|s| s.key.clone()).collect();
            crate::vocabulary::never_carried(v, &req.action, &keys).is_empty()
        });
    }
    found
}

/// What the request lacks to have another decision: values that allow a request that is
/// not allowed, and values that make an explicit deny of one that is not denied.
pub fn allowed_if(sc: &Scenario, req: &Request) -> AllowedIf {
    let decided = evaluate(sc, req);
    // only the policies in play for this request (the caller's, the resource's, the gates)
    let in_play: Vec<usize> = decided.policies.iter().map(|t| t.policy).collect();
    let mut out = AllowedIf::default();
    if decided.decision != Decision::ExplicitDeny {
        denied_if(sc, req, &in_play, &mut out);
    }
    if decided.decision == Decision::ExplicitDeny {
        lifted_if(sc, req, &decided, &mut out);
    }
    if decided.decision == Decision::Allow {
        return out;
    }
    let depends = options_from(sc, req, &in_play, Effect::Allow, &mut out);
    out.not_summarised = depends && !out.options.iter().any(|o| o.gives == Decision::Allow);
    out
}

/// "Explicit deny if…": the Deny statements in play that fit the request and would match
/// once the keys they read that it lacks are given.
fn denied_if(sc: &Scenario, req: &Request, in_play: &[usize], out: &mut AllowedIf) {
    options_from(sc, req, in_play, Effect::Deny, out);
}

/// The options from the statements in play of `effect` that fit the request and read
/// keys it lacks: values that satisfy those clauses, kept when deciding the request with
/// them gives what the statement would (Allow; an explicit deny). For a Deny, a negated
/// clause on a missing key already matches, so only the others need a value. Whether any
/// such statement was found (the request depends on keys it lacks).
fn options_from(sc: &Scenario, req: &Request, in_play: &[usize], effect: Effect, out: &mut AllowedIf) -> bool {
    let gives = if effect == Effect::Deny { Decision::ExplicitDeny } else { Decision::Allow };
    let mut depends = false;
    for (p, entry) in sc.policies.iter().enumerate().filter(|(p, _)| in_play.contains(p)) {
        for (s, st) in entry.policy.statements.iter().enumerate() {
            if st.effect != Some(effect) {
                continue;
            }
            let needs_value =
                |c: &&Condition| effect == Effect::Allow || c.operator.as_ref().is_some_and(|o| !o.negated);
            let missing: Vec<&Condition> =
                st.conditions.iter().filter(|c| req.context.get(&c.key).is_none()).filter(needs_value).collect();
            // only statements whose action, resource and principal fit the request
            if missing.is_empty() || !fits(st, entry.broken.get(s).copied().unwrap_or(false), req) {
                continue;
            }
            depends = true;
            let Some(values) =
                missing.iter().map(|c| satisfying(c).map(|v| setting(c, v))).collect::<Option<Vec<Setting>>>()
            else {
                continue;
            };
            let already = out.options.iter().any(|o| o.values == values);
            if !already && tried(sc, req, &values) == gives {
                let statement = StatementRef { policy: p, statement: s };
                out.options.push(AllowOption { gives, statement, lifts_deny: false, values });
            }
        }
    }
    depends
}

/// An explicit deny that holds only because a key is missing (a negated clause on it
/// matches): a value the clause lists lifts it; offered when the request is then allowed.
fn lifted_if(sc: &Scenario, req: &Request, decided: &crate::decision::Evaluation, out: &mut AllowedIf) {
    let denies: Vec<StatementRef> = decided.decided_by.clone();
    // every deny that decided must be lifted at once: one value per deny, the first that can
    let mut values: Vec<Setting> = Vec::new();
    for d in &denies {
        let Some(st) = sc.policies.get(d.policy).and_then(|e| e.policy.statements.get(d.statement)) else { return };
        let lift = st
            .conditions
            .iter()
            .filter(|c| req.context.get(&c.key).is_none())
            .find_map(|c| violating(c).map(|v| setting(c, v)));
        let Some(lift) = lift else { return };
        if !values.iter().any(|v| v.key == lift.key) {
            values.push(lift);
        }
    }
    let Some(first) = denies.first() else { return };
    if !values.is_empty() && tried(sc, req, &values) == Decision::Allow {
        out.options.push(AllowOption { gives: Decision::Allow, statement: *first, lifts_deny: true, values });
    }
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
    fn a_deny_that_would_match_once_a_key_is_given_is_an_explicit_deny_option() {
        let policies = r#"{
            "p": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                {"Sid": "EuOnly", "Effect": "Deny", "Action": "ec2:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}},
                {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}
        }"#;
        let principals = r#"{"account": "111122223333", "users": {"alice": {"policies": ["p"]}}}"#;
        let ask = |action: &str| {
            let requests = format!(r#"{{"principal": "user/alice", "action": "{action}", "resource": "*"}}"#);
            let sc = crate::scenario::load_parts(policies, principals, &requests);
            assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
            let found = allowed_if(&sc, sc.requests.first().and_then(Option::as_ref).expect("a request"));
            (crate::report::allowed_if::words(&sc, &found).0, found)
        };
        // allowed, but the TLS guard denies once aws:SecureTransport is false
        let (words, found) = ask("s3:GetObject");
        assert_eq!(words, ["Explicit deny if aws:SecureTransport is false, by p#1"]);
        assert_eq!(found.options.first().map(|o| o.gives), Some(Decision::ExplicitDeny));
        assert!(!found.not_summarised);
        // denied because aws:RequestedRegion is missing (StringNotEquals matches): the listed
        // region lifts it
        let (words, found) = ask("ec2:RunInstances");
        assert_eq!(words, ["Allow if aws:RequestedRegion is eu-west-1, which lifts the deny of p#2"]);
        assert!(found.options.first().is_some_and(|o| o.lifts_deny && o.gives == Decision::Allow));
        // the usual MFA guard: Deny with BoolIfExists aws:MultiFactorAuthPresent false
        let policies = r#"{"p": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
            {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}}"#;
        let requests = r#"{"principal": "user/alice", "action": "s3:GetObject", "resource": "*"}"#;
        let sc = crate::scenario::load_parts(policies, principals, requests);
        let found = allowed_if(&sc, sc.requests.first().and_then(Option::as_ref).expect("a request"));
        assert_eq!(
            crate::report::allowed_if::words(&sc, &found).0,
            ["Allow if aws:MultiFactorAuthPresent is true (BoolIfExists false), which lifts the deny of p#1"]
        );
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
