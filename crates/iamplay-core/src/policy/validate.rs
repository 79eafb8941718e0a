//! The rules of one policy type (docs/semantics.md §1.6, §1.7): which elements it must have
//! and may not have, and its Sid rules.

use super::*;
use crate::code::Code;

/// Diagnostics for using `policy` as `ty`, and the indices of statements they break.
pub fn validate_for(policy: &Policy, ty: PolicyType) -> (Vec<Diagnostic>, Vec<usize>) {
    let mut out = Vec::new();
    let mut broken = Vec::new();
    let a_what = ty.with_article();
    if ty != PolicyType::Resource && ty != PolicyType::Trust {
        if let Some(span) = policy.id_span {
            out.push(Diagnostic::warning(Code::PolicyIdUnexpected, span, format!("`Id` is not used in {a_what}")));
        }
    }
    if ty == PolicyType::Scp && policy.version != Version::V2012 {
        out.push(Diagnostic::warning(
            Code::ScpVersion,
            policy.span.start_point(),
            "service control policies should use `\"Version\": \"2012-10-17\"`",
        ));
    }
    let iam_sids = ty != PolicyType::Resource;
    let mut sids: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for st in &policy.statements {
        let before = out.iter().filter(|d: &&Diagnostic| d.is_error()).count();
        let m = &st.members;
        if let Some((sid, span)) = &st.sid {
            if iam_sids && !sid.chars().all(|c| c.is_ascii_alphanumeric()) {
                out.push(
                    Diagnostic::error(
                        Code::SidInvalid,
                        *span,
                        format!("the Sid `{sid}` may contain only letters A–Z, a–z and digits in {a_what}"),
                    )
                    .with_help(format!(
                        "try `{}`",
                        sid.chars().filter(char::is_ascii_alphanumeric).collect::<String>()
                    )),
                );
            }
            if !sids.insert(sid.as_str()) {
                let d = Diagnostic::error(
                    Code::SidDuplicate,
                    *span,
                    format!("the Sid `{sid}` is used by an earlier statement"),
                )
                .with_help("Sids must be unique within a policy");
                out.push(if iam_sids { d } else { Diagnostic { severity: crate::diagnostic::Severity::Warning, ..d } });
            }
        }
        match ty {
            PolicyType::Identity | PolicyType::Boundary | PolicyType::Session | PolicyType::Scp => {
                for span in [m.principal, m.not_principal].into_iter().flatten() {
                    out.push(
                        Diagnostic::error(Code::StatementPrincipalForbidden, span, format!("{a_what} cannot name a principal"))
                            .with_help(match ty {
                                PolicyType::Scp => "an SCP applies to every principal of the account; use a condition on `aws:PrincipalArn` to single some out",
                                _ => "the principal is whoever the policy is attached to; remove this element",
                            }),
                    );
                }
                if m.resource.is_none() && m.not_resource.is_none() {
                    out.push(
                        Diagnostic::error(
                            Code::StatementResourceMissing,
                            st.span.start_point(),
                            format!("a statement of {a_what} needs `Resource` or `NotResource`"),
                        )
                        .with_help("add `\"Resource\": \"*\"` or the ARNs it should cover"),
                    );
                }
            }
            PolicyType::Resource => {
                if m.principal.is_none() && m.not_principal.is_none() {
                    out.push(
                        Diagnostic::error(Code::StatementPrincipalMissing, st.span.start_point(), "a statement of a resource-based policy needs `Principal`")
                            .with_help("name who the statement applies to, e.g. `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/alice\"}`"),
                    );
                }
                if let (Some(span), Some(Effect::Allow)) = (m.not_principal, st.effect) {
                    out.push(Diagnostic::warning(
                        Code::NotprincipalAllow,
                        span,
                        "`Allow` with `NotPrincipal` is not supported by AWS: this statement grants nothing",
                    ));
                }
            }
            PolicyType::Trust => {
                if m.principal.is_none() && m.not_principal.is_none() {
                    out.push(
                        Diagnostic::error(
                            Code::StatementPrincipalMissing,
                            st.span.start_point(),
                            "a statement of a role trust policy needs `Principal`",
                        )
                        .with_help("name who may assume the role"),
                    );
                }
                if let Some(span) = m.not_principal {
                    out.push(
                        Diagnostic::error(
                            Code::TrustNotprincipal,
                            span,
                            "a role trust policy cannot use `NotPrincipal`",
                        )
                        .with_help("name the trusted principals with `Principal`"),
                    );
                }
                for span in [m.resource, m.not_resource].into_iter().flatten() {
                    out.push(
                        Diagnostic::error(
                            Code::TrustResourceForbidden,
                            span,
                            "a role trust policy cannot have `Resource` or `NotResource`",
                        )
                        .with_help("the resource is always the role itself; remove this element"),
                    );
                }
                if let Some(p) = st.principal.as_ref().filter(|p| !p.negated) {
                    for e in &p.entries {
                        if e.kind == "*" && e.value == PrincipalValue::Everyone {
                            out.push(
                                Diagnostic::error(
                                    Code::TrustPrincipalWildcard,
                                    e.span,
                                    "a role trust policy cannot use `\"Principal\": \"*\"`",
                                )
                                .with_help("name the trusted accounts, users, roles or services"),
                            );
                        } else if e.value == PrincipalValue::Everyone {
                            out.push(
                                Diagnostic::warning(
                                    Code::TrustPrincipalEveryone,
                                    e.span,
                                    "`{\"AWS\": \"*\"}` lets any AWS principal assume this role",
                                )
                                .with_help("restrict it with conditions, or name the principals"),
                            );
                        }
                    }
                }
            }
            PolicyType::Rcp => {
                if let Some(span) = m.not_principal {
                    out.push(Diagnostic::error(
                        Code::StatementPrincipalForbidden,
                        span,
                        "a resource control policy cannot use `NotPrincipal`",
                    ));
                }
                if let Some(p) = st.principal.as_ref() {
                    for e in p.entries.iter().filter(|e| e.value != PrincipalValue::Everyone) {
                        out.push(
                            Diagnostic::error(
                                Code::RcpPrincipal,
                                e.span,
                                "a resource control policy's `Principal` must be `\"*\"`",
                            )
                            .with_help("limit principals with conditions such as `aws:PrincipalOrgID`"),
                        );
                    }
                }
                if let Some(span) = m.not_action {
                    out.push(
                        Diagnostic::error(Code::RcpNotaction, span, "a resource control policy cannot use `NotAction`")
                            .with_help("list the actions to deny in `Action`"),
                    );
                }
                if st.effect == Some(Effect::Allow) {
                    out.push(
                        Diagnostic::error(
                            Code::RcpAllow,
                            st.span.start_point(),
                            "resource control policies can only `Deny`",
                        )
                        .with_help("AWS attaches the full-access RCP at every level already; write `Deny` statements"),
                    );
                }
            }
        }
        if ty.has_principal()
            && ty != PolicyType::Trust
            && m.resource.is_none()
            && m.not_resource.is_none()
            && ty == PolicyType::Rcp
        {
            out.push(Diagnostic::error(
                Code::StatementResourceMissing,
                st.span.start_point(),
                "a statement of a resource control policy needs `Resource`",
            ));
        }
        if out.iter().filter(|d| d.is_error()).count() > before {
            broken.push(st.index);
        }
    }
    (out, broken)
}
