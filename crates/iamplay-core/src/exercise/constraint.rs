//! Least-privilege constraints on a learner's policies (docs/exercises.md#constraints):
//! what each kind means, reading one from an exercise, and testing it against the
//! learner's texts with the location of every element that breaks it.

use super::Editor;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::read::Reader;
use crate::json::{Json, JsonValue};
use crate::policy::{Effect, Statement};
use crate::scenario::{PolicyEntry, Scenario};
use crate::source::{SourceId, Span};

#[derive(Clone, Debug, PartialEq)]
pub enum ConstraintKind {
    NoServiceWildcard,
    NoWildcardResource,
    NoNotAction,
    NoNotResource,
    MaxStatements(usize),
    PolicyExists { policy: String, attached_to: Option<(String, String)> },
    NoUserPolicies { users: Option<Vec<String>> },
}

const KINDS: &[&str] = &[
    "noServiceWildcard",
    "noWildcardResource",
    "noNotAction",
    "noNotResource",
    "maxStatements",
    "policyExists",
    "noUserPolicies",
];

#[derive(Clone, Debug, PartialEq)]
pub struct Constraint {
    pub kind: ConstraintKind,
    /// Only these policies (None: all of the learner's policies).
    pub policies: Option<Vec<String>>,
    /// Shown to the learner.
    pub description: String,
}

/// One element that breaks a constraint.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub message: String,
    /// In the Policies or Principals source.
    pub span: Span,
    pub policy: Option<String>,
    pub statement: Option<usize>,
}

impl Constraint {
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            ConstraintKind::NoServiceWildcard => "noServiceWildcard",
            ConstraintKind::NoWildcardResource => "noWildcardResource",
            ConstraintKind::NoNotAction => "noNotAction",
            ConstraintKind::NoNotResource => "noNotResource",
            ConstraintKind::MaxStatements(_) => "maxStatements",
            ConstraintKind::PolicyExists { .. } => "policyExists",
            ConstraintKind::NoUserPolicies { .. } => "noUserPolicies",
        }
    }

    /// Whether testing it needs the Principals text (not only the loaded policies).
    pub fn reads_principals(&self) -> bool {
        matches!(
            self.kind,
            ConstraintKind::PolicyExists { attached_to: Some(_), .. } | ConstraintKind::NoUserPolicies { .. }
        )
    }

    pub(super) fn read(r: &mut Reader, json: &Json) -> Option<Constraint> {
        let members = r.object(json, "a constraint")?;
        let kind_json = r.required(json, "kind", "the constraint", None)?;
        let kind_name = r.string(kind_json, "`kind`")?;
        let params: &[&str] = match kind_name.as_str() {
            "maxStatements" => &["kind", "description", "policies", "max"],
            "policyExists" => &["kind", "description", "policy", "attachedTo"],
            "noUserPolicies" => &["kind", "description", "users"],
            k if KINDS.contains(&k) => &["kind", "description", "policies"],
            _ => {
                let mut d = Diagnostic::error(
                    Code::ExerciseConstraint,
                    kind_json.span,
                    format!("`{kind_name}` is not a kind of constraint"),
                );
                d.help = Some(match crate::diagnostic::did_you_mean(&kind_name, KINDS.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the kinds are {}", KINDS.join(", ")),
                });
                r.diagnostics.push(d);
                return None;
            }
        };
        r.fields(members, params, &format!("a `{kind_name}` constraint"));
        let policies = json
            .get("policies")
            .map(|m| r.string_list(&m.value, "a policy name").into_iter().map(|(s, _)| s).collect());
        let kind = match kind_name.as_str() {
            "noServiceWildcard" => ConstraintKind::NoServiceWildcard,
            "noWildcardResource" => ConstraintKind::NoWildcardResource,
            "noNotAction" => ConstraintKind::NoNotAction,
            "noNotResource" => ConstraintKind::NoNotResource,
            "maxStatements" => {
                let m = r.required(json, "max", "a `maxStatements` constraint", None)?;
                match &m.value {
                    JsonValue::Number(n) if n.parse::<usize>().is_ok() => {
                        ConstraintKind::MaxStatements(n.parse().ok()?)
                    }
                    _ => {
                        r.error(Code::ExerciseConstraint, m.span, "`max` must be a whole number, 0 or more");
                        return None;
                    }
                }
            }
            "policyExists" => {
                let p = r.required(json, "policy", "a `policyExists` constraint", None)?;
                let policy = r.non_empty_string(p, "`policy`")?;
                let attached_to = match json.get("attachedTo") {
                    Some(m) => {
                        let text = r.string(&m.value, "`attachedTo`")?;
                        match text.split_once('/') {
                            Some((k @ ("user" | "group" | "role"), name)) if !name.is_empty() => {
                                Some((k.to_string(), name.to_string()))
                            }
                            _ => {
                                r.error(
                                    Code::ExerciseConstraint,
                                    m.value.span,
                                    "`attachedTo` is `user/NAME`, `group/NAME` or `role/NAME`",
                                );
                                return None;
                            }
                        }
                    }
                    None => None,
                };
                ConstraintKind::PolicyExists { policy, attached_to }
            }
            _ => ConstraintKind::NoUserPolicies {
                users: json
                    .get("users")
                    .map(|m| r.string_list(&m.value, "a user name").into_iter().map(|(s, _)| s).collect()),
            },
        };
        let description = match json.get("description") {
            Some(m) => r.non_empty_string(&m.value, "`description`")?,
            None => default_description(&kind, policies.as_deref()),
        };
        Some(Constraint { kind, policies, description })
    }

    /// The elements of the learner's texts that break this constraint. `principals` is
    /// the Principals text parsed (None when it is not JSON).
    pub fn test(&self, sc: &Scenario, principals: Option<&Json>, editable: &[Editor]) -> Vec<Violation> {
        let mine = |p: &&PolicyEntry| {
            let by_editor = match p.name_span.source {
                SourceId::Policies => editable.contains(&Editor::Policies) && !p.inline,
                SourceId::Principals => editable.contains(&Editor::Principals) && p.inline,
                _ => false,
            };
            by_editor && self.policies.as_ref().is_none_or(|names| names.contains(&p.name))
        };
        let allow_statements = || {
            sc.policies
                .iter()
                .filter(mine)
                .flat_map(|p| p.policy.statements.iter().map(move |s| (p, s)))
                .filter(|(_, s)| s.effect == Some(Effect::Allow))
        };
        let at = |p: &PolicyEntry, s: &Statement, span: Span, message: String| Violation {
            message,
            span,
            policy: Some(p.name.clone()),
            statement: Some(s.index),
        };
        match &self.kind {
            ConstraintKind::NoServiceWildcard => allow_statements()
                .flat_map(|(p, s)| {
                    let patterns = s.action.iter().filter(|a| !a.negated).flat_map(|a| a.patterns.iter());
                    patterns.filter(|a| covers_a_service(&a.raw)).map(move |a| {
                        at(p, s, a.span, format!("`{}` allows every action of {}", a.raw, service_of(&a.raw)))
                    })
                })
                .collect(),
            ConstraintKind::NoWildcardResource => allow_statements()
                .flat_map(|(p, s)| {
                    let patterns = s.resource.iter().filter(|r| !r.negated).flat_map(|r| r.patterns.iter());
                    patterns
                        .filter(|r| r.raw == "*")
                        .map(move |r| at(p, s, r.span, "`Resource: \"*\"` allows every resource".into()))
                })
                .collect(),
            ConstraintKind::NoNotAction => allow_statements()
                .filter_map(|(p, s)| {
                    s.members.not_action.map(|span| {
                        at(p, s, span, "`NotAction` in an Allow grants every action it does not list".into())
                    })
                })
                .collect(),
            ConstraintKind::NoNotResource => allow_statements()
                .filter_map(|(p, s)| {
                    s.members.not_resource.map(|span| {
                        at(p, s, span, "`NotResource` in an Allow grants every resource it does not list".into())
                    })
                })
                .collect(),
            ConstraintKind::MaxStatements(max) => {
                let all: Vec<_> = sc
                    .policies
                    .iter()
                    .filter(mine)
                    .flat_map(|p| p.policy.statements.iter().map(move |s| (p, s)))
                    .collect();
                all.get(*max)
                    .map(|(p, s)| {
                        vec![at(p, s, s.span, format!("{} statements where at most {max} are allowed", all.len()))]
                    })
                    .unwrap_or_default()
            }
            ConstraintKind::PolicyExists { policy, attached_to } => {
                policy_exists(sc, principals, policy, attached_to.as_ref())
            }
            ConstraintKind::NoUserPolicies { users } => no_user_policies(principals, users.as_deref()),
        }
    }
}

fn default_description(kind: &ConstraintKind, policies: Option<&[String]>) -> String {
    let scope = match policies {
        Some(names) => format!(" (in {})", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
        None => String::new(),
    };
    match kind {
        ConstraintKind::NoServiceWildcard => format!("No Allow grants a whole service (`*`, `s3:*`){scope}"),
        ConstraintKind::NoWildcardResource => format!("No Allow has `Resource: \"*\"`{scope}"),
        ConstraintKind::NoNotAction => format!("No Allow uses `NotAction`{scope}"),
        ConstraintKind::NoNotResource => format!("No Allow uses `NotResource`{scope}"),
        ConstraintKind::MaxStatements(n) => format!("At most {n} statement{}{scope}", if *n == 1 { "" } else { "s" }),
        ConstraintKind::PolicyExists { policy, attached_to: Some((k, n)) } => {
            format!("A policy named `{policy}` is attached to {k} `{n}`")
        }
        ConstraintKind::PolicyExists { policy, attached_to: None } => format!("A policy named `{policy}` exists"),
        ConstraintKind::NoUserPolicies { users: Some(u) } => {
            format!(
                "No policies attached directly to {}",
                u.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            )
        }
        ConstraintKind::NoUserPolicies { users: None } => "No policies attached directly to users".into(),
    }
}

/// An action pattern whose part after the service prefix is only wildcards (`*`, `s3:*`).
pub fn covers_a_service(pattern: &str) -> bool {
    let action = pattern.split_once(':').map_or(pattern, |(_, a)| a);
    action.contains('*') && action.chars().all(|c| c == '*' || c == '?')
}

fn service_of(pattern: &str) -> String {
    match pattern.split_once(':') {
        Some((svc, _)) if !svc.contains(['*', '?']) => format!("`{svc}`"),
        _ => "every service".into(),
    }
}

fn start_of(principals: Option<&Json>) -> Span {
    principals.map_or(Span::new(SourceId::Principals, 0, 0), |p| p.span.start_point())
}

fn policy_exists(
    sc: &Scenario,
    principals: Option<&Json>,
    policy: &str,
    attached_to: Option<&(String, String)>,
) -> Vec<Violation> {
    let defined = sc.policies.iter().any(|p| !p.inline && p.name == policy && p.name_span.source == SourceId::Policies);
    if !defined {
        return vec![Violation {
            message: format!("no policy named `{policy}` is defined in the Policies editor"),
            span: Span::new(SourceId::Policies, 0, 0),
            policy: None,
            statement: None,
        }];
    }
    let Some((kind, name)) = attached_to else { return Vec::new() };
    let plural = format!("{kind}s");
    let owner = principals.and_then(|p| p.get(&plural)).and_then(|m| m.value.get(name));
    let Some(owner) = owner else {
        return vec![Violation {
            message: format!("there is no {kind} `{name}` in the Principals editor"),
            span: start_of(principals),
            policy: None,
            statement: None,
        }];
    };
    let listed = owner.value.get("policies").is_some_and(|m| match &m.value.value {
        JsonValue::Array(items) => items.iter().any(|i| i.as_str() == Some(policy)),
        JsonValue::String(s) => s == policy,
        _ => false,
    });
    if listed {
        return Vec::new();
    }
    vec![Violation {
        message: format!("{kind} `{name}` does not list `{policy}` in its `policies`"),
        span: owner.key_span,
        policy: Some(policy.to_string()),
        statement: None,
    }]
}

fn no_user_policies(principals: Option<&Json>, users: Option<&[String]>) -> Vec<Violation> {
    let Some(list) = principals.and_then(|p| p.get("users")).and_then(|m| m.value.as_object()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for user in list.iter().filter(|u| users.is_none_or(|names| names.contains(&u.key))) {
        for field in ["policies", "inline"] {
            let Some(m) = user.value.get(field) else { continue };
            let empty = match &m.value.value {
                JsonValue::Array(items) => items.is_empty(),
                JsonValue::Object(members) => members.is_empty(),
                _ => false,
            };
            if !empty {
                out.push(Violation {
                    message: format!("user `{}` has policies of its own (`{field}`); give them to a group", user.key),
                    span: m.key_span,
                    policy: None,
                    statement: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_wildcards_are_only_whole_services() {
        for p in ["*", "s3:*", "s3:**", "ec2:*?", "*:*"] {
            assert!(covers_a_service(p), "{p}");
        }
        for p in ["s3:Get*", "s3:GetObject", "s3:?", "iam:*Role"] {
            assert!(!covers_a_service(p), "{p}");
        }
    }
}
