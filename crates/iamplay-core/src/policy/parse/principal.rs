//! `Principal`/`NotPrincipal`: each entry read into what it names (everyone, an account,
//! a user, role or session ARN, a service, an identity provider, a unique id).

use super::Parser;
use crate::code::Code;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::json::{JsonValue, Member};
use crate::policy::*;

impl Parser {
    pub(super) fn principals(&mut self, m: &Member) -> Vec<PrincipalEntry> {
        let mut out = Vec::new();
        match &m.value.value {
            JsonValue::String(s) => {
                let value = if s == "*" {
                    PrincipalValue::Everyone
                } else {
                    self.diags.push(
                        Diagnostic::error(
                            Code::PrincipalInvalid,
                            m.value.span,
                            format!("`{s}` is not a valid principal: the string form must be `*`"),
                        )
                        .with_help(format!("write `{{\"AWS\": \"{s}\"}}` for an account, user or role")),
                    );
                    PrincipalValue::Invalid
                };
                out.push(PrincipalEntry { kind: "*".into(), raw: s.clone(), span: m.value.span, value });
            }
            JsonValue::Object(kinds) => {
                if kinds.is_empty() {
                    self.diags.push(Diagnostic::error(
                        Code::PrincipalInvalid,
                        m.value.span,
                        format!("`{}` names no principal", m.key),
                    ));
                }
                for k in kinds {
                    let known = ["AWS", "Service", "Federated", "CanonicalUser"];
                    if !known.contains(&k.key.as_str()) {
                        let help = did_you_mean(&k.key, known).map_or_else(
                            || "principal kinds are `AWS`, `Service`, `Federated` and `CanonicalUser`".to_string(),
                            |s| format!("did you mean `{s}`?"),
                        );
                        self.diags.push(
                            Diagnostic::error(
                                Code::PrincipalInvalid,
                                k.key_span,
                                format!("`{}` is not a principal kind", k.key),
                            )
                            .with_help(help),
                        );
                        continue;
                    }
                    for (raw, span) in self.strings(k) {
                        let value = self.principal_value(&k.key, &raw, span);
                        out.push(PrincipalEntry { kind: k.key.clone(), raw, span, value });
                    }
                }
            }
            _ => self.diags.push(Diagnostic::error(
                Code::ValueType,
                m.value.span,
                format!(
                    "`{}` must be `*` or an object such as `{{\"AWS\": \"...\"}}`, not {}",
                    m.key,
                    m.value.kind_name()
                ),
            )),
        }
        out
    }

    pub(super) fn principal_value(&mut self, kind: &str, raw: &str, span: Span) -> PrincipalValue {
        if !self.no_variables(raw, span, "Principal") {
            return PrincipalValue::Invalid;
        }
        if raw == "*" {
            if kind == "AWS" {
                return PrincipalValue::Everyone;
            }
            self.diags.push(Diagnostic::error(
                Code::PrincipalWildcard,
                span,
                format!("`*` is only allowed as `\"Principal\": \"*\"` or `{{\"AWS\": \"*\"}}`, not for `{kind}`"),
            ));
            return PrincipalValue::Invalid;
        }
        if raw.contains(['*', '?']) {
            self.diags.push(
                Diagnostic::error(Code::PrincipalWildcard, span, format!("`{raw}` contains a wildcard: principals cannot be matched by pattern"))
                    .with_help("name each principal, or use `\"Principal\": \"*\"` with an `ArnLike` condition on `aws:PrincipalArn`"),
            );
            return PrincipalValue::Invalid;
        }
        match kind {
            "Service" => return PrincipalValue::Service(raw.to_ascii_lowercase()),
            "Federated" => return PrincipalValue::Federated(raw.to_string()),
            "CanonicalUser" => return PrincipalValue::CanonicalUser(raw.to_string()),
            _ => {}
        }
        if raw.len() == 12 && raw.bytes().all(|b| b.is_ascii_digit()) {
            return PrincipalValue::Account(raw.to_string());
        }
        if raw.len() >= 16 && raw.starts_with('A') && raw.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return PrincipalValue::UniqueId(raw.to_string());
        }
        let invalid = |p: &mut Self, msg: String| {
            p.diags.push(Diagnostic::error(Code::PrincipalInvalid, span, msg).with_help(
                "an AWS principal is a 12-digit account id or an ARN such as `arn:aws:iam::111122223333:user/alice`",
            ));
            PrincipalValue::Invalid
        };
        let parts: Vec<&str> = raw.splitn(6, ':').collect();
        let [arn, _partition, service, _region, account, resource] = parts.as_slice() else {
            return invalid(self, format!("`{raw}` is not an account id or a principal ARN"));
        };
        if *arn != "arn" {
            return invalid(self, format!("`{raw}` is not an account id or a principal ARN"));
        }
        let account = account.to_string();
        let kind = match (*service, resource.split('/').next().unwrap_or("")) {
            ("iam", "root") if *resource == "root" => return PrincipalValue::Account(account),
            ("iam", "user") => ArnKind::User,
            ("iam", "role") => ArnKind::Role,
            ("sts", "assumed-role") => ArnKind::AssumedRole,
            ("sts", "federated-user") => ArnKind::FederatedUser,
            ("iam", "group") => {
                self.diags.push(
                    Diagnostic::error(
                        Code::PrincipalGroup,
                        span,
                        format!("`{raw}` is a group, and a group is never a principal"),
                    )
                    .with_help("name the users, or attach this permission to the group as an identity-based policy"),
                );
                return PrincipalValue::Invalid;
            }
            _ => {
                return invalid(
                    self,
                    format!("`{raw}` is not a principal ARN (root, user, role, assumed-role or federated-user)"),
                )
            }
        };
        PrincipalValue::Arn { kind, account, arn: raw.to_string() }
    }
}
