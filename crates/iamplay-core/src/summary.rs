//! A policy's summary, as the AWS console shows it: per service, each access level the
//! policy allows, "full" when it allows every action of that level in the service on every
//! resource without a condition, "limited" otherwise (`NotAction` counted by expanding it
//! against AWS's catalog); and the grants known to allow privilege escalation, from a
//! closed list, each with where it is described. Facts only: words are made at the edge.

use crate::policy::{Effect, Policy, Statement};
use crate::vocabulary::Vocabulary;

/// The console's access levels, in its order.
pub const LEVELS: [&str; 5] = ["List", "Read", "Write", "Permissions management", "Tagging"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicySummary {
    /// Each service the policy allows something in, by prefix.
    pub services: Vec<ServiceSummary>,
    /// Services some Deny statement names actions of (their levels are never "full").
    pub denied: Vec<String>,
    pub escalations: Vec<Escalation>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceSummary {
    pub prefix: String,
    pub name: String,
    /// The levels allowed, in [`LEVELS`] order.
    pub levels: Vec<LevelGrant>,
    /// The Resource patterns of the statements allowing it (`NotResource` ones as `not …`).
    pub resources: Vec<String>,
    /// Some allowing statement has a condition.
    pub conditional: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelGrant {
    pub level: &'static str,
    /// Actions of this level the policy allows, and how many the service has.
    pub allowed: usize,
    pub of: usize,
    /// Every action of the level, on every resource, without a condition, none denied.
    pub full: bool,
}

/// One grant of the closed list that allows privilege escalation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Escalation {
    pub risk: &'static Risk,
    /// The allowing statements (indexes in the policy), for each action the risk needs.
    pub statements: Vec<usize>,
}

/// A known way to gain more permissions than a policy grants directly.
#[derive(Debug, PartialEq, Eq)]
pub struct Risk {
    pub id: &'static str,
    /// Every one of these must be allowed (lowercase `service:action`).
    pub actions: &'static [&'static str],
    /// `iam:PassRole` must be allowed on every role (`*`), not on named roles.
    pub any_role: bool,
    pub why: &'static str,
    /// Where it is described.
    pub source: &'static str,
}

const RHINO: &str = "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/";
const PASSROLE: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html";

/// The closed list (Rhino Security Labs' methods, and AWS's page on passing roles).
pub static RISKS: &[Risk] = &[
    Risk {
        id: "passrole-any-role",
        actions: &["iam:passrole"],
        any_role: true,
        why: "passes any role, however powerful, to a service that then acts with it",
        source: PASSROLE,
    },
    Risk {
        id: "create-policy-version",
        actions: &["iam:createpolicyversion"],
        any_role: false,
        why: "writes a new default version of a managed policy, with any permissions",
        source: RHINO,
    },
    Risk {
        id: "set-default-policy-version",
        actions: &["iam:setdefaultpolicyversion"],
        any_role: false,
        why: "makes an older, broader version of a managed policy the one in force",
        source: RHINO,
    },
    Risk {
        id: "attach-user-policy",
        actions: &["iam:attachuserpolicy"],
        any_role: false,
        why: "attaches any managed policy (AdministratorAccess) to a user",
        source: RHINO,
    },
    Risk {
        id: "attach-group-policy",
        actions: &["iam:attachgrouppolicy"],
        any_role: false,
        why: "attaches any managed policy to a group its caller is in",
        source: RHINO,
    },
    Risk {
        id: "attach-role-policy",
        actions: &["iam:attachrolepolicy"],
        any_role: false,
        why: "attaches any managed policy to a role its caller can assume",
        source: RHINO,
    },
    Risk {
        id: "put-user-policy",
        actions: &["iam:putuserpolicy"],
        any_role: false,
        why: "writes an inline policy with any permissions into a user",
        source: RHINO,
    },
    Risk {
        id: "put-group-policy",
        actions: &["iam:putgrouppolicy"],
        any_role: false,
        why: "writes an inline policy with any permissions into a group",
        source: RHINO,
    },
    Risk {
        id: "put-role-policy",
        actions: &["iam:putrolepolicy"],
        any_role: false,
        why: "writes an inline policy with any permissions into a role",
        source: RHINO,
    },
    Risk {
        id: "add-user-to-group",
        actions: &["iam:addusertogroup"],
        any_role: false,
        why: "joins a group and gets its policies",
        source: RHINO,
    },
    Risk {
        id: "update-assume-role-policy",
        actions: &["iam:updateassumerolepolicy"],
        any_role: false,
        why: "rewrites a role's trust policy to let its caller assume the role",
        source: RHINO,
    },
    Risk {
        id: "create-access-key",
        actions: &["iam:createaccesskey"],
        any_role: false,
        why: "makes access keys for another user and acts as that user",
        source: RHINO,
    },
    Risk {
        id: "create-login-profile",
        actions: &["iam:createloginprofile"],
        any_role: false,
        why: "sets a console password for a user that has none and signs in as it",
        source: RHINO,
    },
    Risk {
        id: "update-login-profile",
        actions: &["iam:updateloginprofile"],
        any_role: false,
        why: "changes another user's console password",
        source: RHINO,
    },
    Risk {
        id: "lambda-with-passrole",
        actions: &["lambda:createfunction", "iam:passrole"],
        any_role: false,
        why: "creates a function with a passed role and runs code as that role",
        source: RHINO,
    },
    Risk {
        id: "lambda-update-code",
        actions: &["lambda:updatefunctioncode"],
        any_role: false,
        why: "replaces a function's code, which runs with the function's role",
        source: RHINO,
    },
    Risk {
        id: "ec2-with-passrole",
        actions: &["ec2:runinstances", "iam:passrole"],
        any_role: false,
        why: "launches an instance with a passed role and uses the role's credentials on it",
        source: RHINO,
    },
    Risk {
        id: "cloudformation-with-passrole",
        actions: &["cloudformation:createstack", "iam:passrole"],
        any_role: false,
        why: "creates a stack that acts with a passed role",
        source: RHINO,
    },
    Risk {
        id: "glue-with-passrole",
        actions: &["glue:createdevendpoint", "iam:passrole"],
        any_role: false,
        why: "creates a Glue development endpoint with a passed role and logs in to it",
        source: RHINO,
    },
];

/// Whether the statement's Action (or NotAction) covers `action_lc` (lowercase).
fn covers(st: &Statement, action_lc: &str) -> bool {
    st.action.as_ref().is_some_and(|a| a.patterns.iter().any(|p| p.glob.is_match(action_lc)) != a.negated)
}

/// Whether the statement allows every resource: a `Resource` of `*` (not `NotResource`).
fn every_resource(st: &Statement) -> bool {
    st.resource.as_ref().is_some_and(|r| !r.negated && r.patterns.iter().any(|p| p.raw == "*"))
}

/// Whether the statement allows every role (of an account, or of all): every resource, or
/// an IAM pattern whose name part is `*` or `role/*`.
fn every_role(st: &Statement) -> bool {
    every_resource(st)
        || st.resource.as_ref().is_some_and(|r| {
            !r.negated
                && r.patterns.iter().any(|p| {
                    let parts: Vec<&str> = p.raw.splitn(6, ':').collect();
                    matches!(parts.as_slice(), [_, _, "iam", _, _, "*" | "role/*" | "role*"])
                })
        })
}

/// The statements that could name actions of `prefix` (all, when a pattern's service part
/// has a wildcard or the statement uses NotAction).
fn may_touch(st: &Statement, prefix: &str) -> bool {
    let Some(block) = &st.action else { return false };
    block.negated
        || block.patterns.iter().any(|p| match p.raw.split_once(':') {
            Some((service, _)) => service.contains(['*', '?']) || service.eq_ignore_ascii_case(prefix),
            None => true,
        })
}

/// The summary of a policy against AWS's catalog. Broken statements are left out.
pub fn summarize(policy: &Policy, aws: &dyn Vocabulary) -> PolicySummary {
    let usable: Vec<&Statement> = policy.statements.iter().filter(|s| !s.broken).collect();
    let allows: Vec<&Statement> = usable.iter().copied().filter(|s| s.effect == Some(Effect::Allow)).collect();
    let denies: Vec<&Statement> = usable.iter().copied().filter(|s| s.effect == Some(Effect::Deny)).collect();
    let mut services = Vec::new();
    let mut denied = Vec::new();
    for prefix in aws.prefixes() {
        let allowing: Vec<&Statement> = allows.iter().copied().filter(|s| may_touch(s, prefix)).collect();
        let denying: Vec<&Statement> = denies.iter().copied().filter(|s| may_touch(s, prefix)).collect();
        if allowing.is_empty() && denying.is_empty() {
            continue;
        }
        // per level: (actions, allowed, allowed fully)
        let mut counts = [(0usize, 0usize, 0usize); LEVELS.len()];
        // which of `allowing` allow some action of the service (kept in document order)
        let mut used = vec![false; allowing.len()];
        let mut any_denied = false;
        for name in aws.actions(prefix) {
            let full_name = format!("{prefix}:{name}");
            let lc = full_name.to_ascii_lowercase();
            let Some(level) = aws.access_level(&full_name).and_then(|l| LEVELS.iter().position(|x| *x == l)) else {
                continue;
            };
            let Some(count) = counts.get_mut(level) else { continue };
            count.0 += 1;
            let is_denied = denying.iter().any(|s| covers(s, &lc));
            // denied everywhere, always: not allowed at all
            let denied_always = denying.iter().any(|s| covers(s, &lc) && every_resource(s) && s.conditions.is_empty());
            any_denied |= is_denied;
            let (mut allowed, mut fully) = (false, false);
            for (s, u) in allowing.iter().zip(used.iter_mut()) {
                if covers(s, &lc) {
                    *u = true;
                    allowed = true;
                    fully |= every_resource(s) && s.conditions.is_empty();
                }
            }
            if allowed && !denied_always {
                count.1 += 1;
                count.2 += usize::from(fully && !is_denied);
            }
        }
        if any_denied {
            denied.push(prefix.to_string());
        }
        let used: Vec<&Statement> = allowing.iter().zip(&used).filter(|(_, u)| **u).map(|(s, _)| *s).collect();
        if used.is_empty() {
            continue;
        }
        let levels = LEVELS
            .iter()
            .zip(counts)
            .filter(|(_, (_, allowed, _))| *allowed > 0)
            .map(|(level, (of, allowed, full))| LevelGrant { level, allowed, of, full: full == of })
            .collect();
        let mut resources: Vec<String> = Vec::new();
        for s in &used {
            for p in s.resource.iter().flat_map(|r| r.patterns.iter().map(move |p| (r.negated, p))) {
                let shown = if p.0 { format!("not {}", p.1.raw) } else { p.1.raw.clone() };
                if !resources.contains(&shown) {
                    resources.push(shown);
                }
            }
        }
        services.push(ServiceSummary {
            prefix: prefix.to_string(),
            name: aws.service_name(prefix).unwrap_or(prefix).to_string(),
            levels,
            resources,
            conditional: used.iter().any(|s| !s.conditions.is_empty()),
        });
    }
    let escalations = RISKS
        .iter()
        .filter_map(|risk| {
            // the allowing statements of each action the risk needs, in document order
            let mut granting = vec![false; allows.len()];
            for action in risk.actions {
                let wide = |s: &Statement| !risk.any_role || *action != "iam:passrole" || every_role(s);
                let mut found = false;
                for (s, g) in allows.iter().zip(granting.iter_mut()) {
                    if covers(s, action) && wide(s) {
                        *g = true;
                        found = true;
                    }
                }
                if !found {
                    return None;
                }
            }
            let statements = allows.iter().zip(&granting).filter(|(_, g)| **g).map(|(s, _)| s.index).collect();
            Some(Escalation { risk, statements })
        })
        .collect();
    PolicySummary { services, denied, escalations }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::TestVocabulary;

    fn policy(statements: &str) -> Policy {
        let text = format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#);
        let sc = crate::scenario::load_parts(&format!(r#"{{"p": {text}}}"#), r#"{"account": "111122223333"}"#, "[]");
        sc.policies.first().map(|p| p.policy.clone()).expect("the policy loads")
    }

    fn levels(s: &PolicySummary, prefix: &str) -> Vec<(&'static str, usize, usize, bool)> {
        let service = s.services.iter().find(|x| x.prefix == prefix).expect("the service");
        service.levels.iter().map(|l| (l.level, l.allowed, l.of, l.full)).collect()
    }

    #[test]
    fn full_and_limited_levels_per_service() {
        let s = summarize(
            &policy(
                r#"{"Effect": "Allow", "Action": "s3:List*", "Resource": "*"},
                       {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#,
            ),
            &TestVocabulary,
        );
        assert_eq!(levels(&s, "s3"), [("List", 2, 2, true), ("Read", 1, 2, false)]);
        assert!(!s.services.iter().any(|x| x.prefix == "ec2"));
        assert_eq!(s.services[0].resources, ["*", "arn:aws:s3:::b/*"]);
        // a condition makes it limited
        let s = summarize(
            &policy(
                r#"{"Effect": "Allow", "Action": "s3:List*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}"#,
            ),
            &TestVocabulary,
        );
        assert_eq!(levels(&s, "s3"), [("List", 2, 2, false)]);
        assert!(s.services[0].conditional);
    }

    #[test]
    fn not_action_is_counted_by_expanding_it_and_a_deny_limits() {
        let s = summarize(
            &policy(
                r#"{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"},
                       {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                       {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}"#,
            ),
            &TestVocabulary,
        );
        assert_eq!(levels(&s, "ec2"), [("Write", 3, 3, true)]);
        // PutObject is denied everywhere: not counted as allowed
        assert_eq!(levels(&s, "s3"), [("List", 2, 2, true), ("Read", 2, 2, true)]);
        assert_eq!(s.denied, ["s3"]);
        // denied on one bucket: still allowed, but limited
        let s = summarize(
            &policy(
                r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                       {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"}"#,
            ),
            &TestVocabulary,
        );
        assert_eq!(levels(&s, "s3"), [("List", 2, 2, true), ("Read", 2, 2, true), ("Write", 1, 1, false)]);
    }

    fn risks(statements: &str) -> Vec<&'static str> {
        summarize(&policy(statements), &TestVocabulary).escalations.iter().map(|e| e.risk.id).collect()
    }

    #[test]
    fn each_escalation_of_the_list_is_flagged_and_only_with_what_it_needs() {
        for risk in RISKS {
            let actions: Vec<String> = risk.actions.iter().map(|a| format!("\"{a}\"")).collect();
            let statement = format!(r#"{{"Effect": "Allow", "Action": [{}], "Resource": "*"}}"#, actions.join(", "));
            assert!(risks(&statement).contains(&risk.id), "{}: {statement}", risk.id);
            // one action short of a pair: not this risk
            if let [first, _] = risk.actions {
                let short = format!(r#"{{"Effect": "Allow", "Action": "{first}", "Resource": "*"}}"#);
                assert!(!risks(&short).contains(&risk.id), "{}: {short}", risk.id);
            }
            // denied: an Allow of nothing else is no risk
            let other = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#;
            assert!(!risks(other).contains(&risk.id), "{}", risk.id);
        }
        // PassRole on one named role is not "any role"; on role/* in any account it is
        let named =
            r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/web"}"#;
        assert!(!risks(named).contains(&"passrole-any-role"));
        let any = r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/*"}"#;
        assert!(risks(any).contains(&"passrole-any-role"));
        // a wildcard grants them all
        assert_eq!(risks(r#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#).len(), RISKS.len());
    }
}
