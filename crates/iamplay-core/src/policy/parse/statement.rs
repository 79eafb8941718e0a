//! One statement: its members read into the model, the rules that hold between them
//! (an `Effect`; `Action` or `NotAction`, not both; the same for resources and principals).

use super::{MaxByStart, Parser, STATEMENT_MEMBERS};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::Json;
use crate::policy::*;

impl Parser {
    pub(super) fn statement(&mut self, index: usize, json: &Json) -> Statement {
        let errors_before = self.error_count();
        let mut st = Statement {
            index,
            span: json.span,
            sid: None,
            effect: None,
            principal: None,
            action: None,
            resource: None,
            conditions: Vec::new(),
            members: StatementMembers::default(),
            broken: false,
        };
        let members = json.as_object().unwrap_or(&[]);
        // a repeated name is reported as repeated; as unknown, once
        let mut unknown = std::collections::HashSet::new();
        for m in members {
            match m.key.as_str() {
                "Sid" => match m.value.as_str() {
                    Some(s) => st.sid = Some((s.to_string(), m.value.span)),
                    None => self.diags.push(Diagnostic::error(
                        Code::ValueType,
                        m.value.span,
                        format!("`Sid` must be a string, not {}", m.value.kind_name()),
                    )),
                },
                "Effect" => match m.value.as_str() {
                    Some("Allow") => st.effect = Some(Effect::Allow),
                    Some("Deny") => st.effect = Some(Effect::Deny),
                    other => {
                        let help = match other.map(str::to_ascii_lowercase).as_deref() {
                            Some("allow") => "write `Allow`: the value is case-sensitive".to_string(),
                            Some("deny") => "write `Deny`: the value is case-sensitive".to_string(),
                            _ => "`Effect` is `Allow` or `Deny`".to_string(),
                        };
                        let shown = other.map_or_else(|| m.value.kind_name().to_string(), |s| format!("`{s}`"));
                        self.diags.push(
                            Diagnostic::error(
                                Code::StatementEffectInvalid,
                                m.value.span,
                                format!("`Effect` must be `Allow` or `Deny`, not {shown}"),
                            )
                            .with_help(help),
                        );
                    }
                },
                "Action" | "NotAction" => {
                    let negated = m.key == "NotAction";
                    if negated {
                        st.members.not_action = Some(m.key_span);
                    } else {
                        st.members.action = Some(m.key_span);
                    }
                    let patterns = self.actions(m);
                    if st.action.is_none() {
                        st.action = Some(ActionBlock { negated, patterns });
                    }
                }
                "Resource" | "NotResource" => {
                    let negated = m.key == "NotResource";
                    if negated {
                        st.members.not_resource = Some(m.key_span);
                    } else {
                        st.members.resource = Some(m.key_span);
                    }
                    let patterns = self.resources(m);
                    if st.resource.is_none() {
                        st.resource = Some(ResourceBlock { negated, patterns });
                    }
                }
                "Principal" | "NotPrincipal" => {
                    let negated = m.key == "NotPrincipal";
                    if negated {
                        st.members.not_principal = Some(m.key_span);
                    } else {
                        st.members.principal = Some(m.key_span);
                    }
                    let entries = self.principals(m);
                    if st.principal.is_none() {
                        st.principal = Some(PrincipalBlock { negated, entries });
                    }
                }
                "Condition" => {
                    st.members.condition = Some(m.key_span);
                    st.conditions = self.conditions(&m.value);
                }
                _ if unknown.insert(m.key.as_str()) => self.unknown_member(m, STATEMENT_MEMBERS, "statement"),
                _ => {}
            }
        }
        if json.get("Effect").is_none() {
            self.diags.push(
                Diagnostic::error(
                    Code::StatementEffectMissing,
                    json.span.start_point(),
                    "the statement has no `Effect`",
                )
                .with_help("add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`"),
            );
        }
        match (st.members.action, st.members.not_action) {
            (None, None) => self.diags.push(
                Diagnostic::error(
                    Code::StatementActionMissing,
                    json.span.start_point(),
                    "the statement has neither `Action` nor `NotAction`",
                )
                .with_help("add `\"Action\": \"service:ActionName\"`"),
            ),
            (Some(a), Some(n)) => self.diags.push(
                Diagnostic::error(
                    Code::StatementActionConflict,
                    a.max_by_start(n),
                    "a statement may have `Action` or `NotAction`, not both",
                )
                .with_help("keep one of them; to exclude actions from a grant, add a separate `Deny` statement"),
            ),
            _ => {}
        }
        if let (Some(a), Some(n)) = (st.members.resource, st.members.not_resource) {
            self.diags.push(Diagnostic::error(
                Code::StatementResourceConflict,
                a.max_by_start(n),
                "a statement may have `Resource` or `NotResource`, not both",
            ));
        }
        if let (Some(a), Some(n)) = (st.members.principal, st.members.not_principal) {
            self.diags.push(Diagnostic::error(
                Code::StatementPrincipalConflict,
                a.max_by_start(n),
                "a statement may have `Principal` or `NotPrincipal`, not both",
            ));
        }
        st.broken = self.error_count() > errors_before;
        st
    }
}
