//! `Action`/`NotAction` and `Resource`/`NotResource`: patterns compiled for matching,
//! resource ARNs checked, policy variables parsed where they may stand.

use super::Parser;
use crate::arn::{arn_parts, split_arn};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::Member;
use crate::policy::*;

impl Parser {
    pub(super) fn no_variables(&mut self, raw: &str, span: Span, element: &str) -> bool {
        if raw.contains("${") && self.version == Version::V2012 {
            self.diags.push(
                Diagnostic::error(Code::VariableNotAllowed, span, format!("policy variables are not allowed in `{element}`"))
                    .with_help("variables may appear only in the resource part of `Resource`/`NotResource` and in the values of string and ARN conditions"),
            );
            return false;
        }
        true
    }

    pub(super) fn actions(&mut self, m: &Member) -> Vec<ActionPattern> {
        let mut out = Vec::new();
        for (raw, span) in self.strings(m) {
            self.no_variables(&raw, span, &m.key);
            if raw != "*" && !raw.contains(':') {
                self.diags.push(
                    Diagnostic::warning(
                        Code::ActionFormat,
                        span,
                        format!("`{raw}` is not of the form `service:ActionName`"),
                    )
                    .with_help("write the service prefix, a colon and the action, as in `s3:GetObject`"),
                );
            } else if let Some((service, _)) = raw.split_once(':') {
                if service.contains(['*', '?']) {
                    self.diags.push(Diagnostic::warning(
                        Code::ActionServiceWildcard,
                        span,
                        format!("the service prefix of `{raw}` contains a wildcard"),
                    ));
                }
            }
            out.push(ActionPattern { glob: Glob::new(&raw.to_ascii_lowercase()), raw, span });
        }
        out
    }

    pub(super) fn resources(&mut self, m: &Member) -> Vec<ResourcePattern> {
        let mut out = Vec::new();
        for (raw, span) in self.strings(m) {
            let mut ok = true;
            let short_service =
                raw.strip_prefix("arn:").and_then(|r| r.split(':').nth(1)).filter(|_| split_arn(&raw).is_none());
            if let Some(service) = short_service.filter(|s| s.contains(['*', '?'])) {
                ok = false;
                self.diags.push(
                    Diagnostic::error(Code::ResourceWildcardService, span, format!("the service of `{raw}` contains a wildcard"))
                        .with_help(format!("the service segment must be written out; to cover every resource write `*` (`{service}` matches every service)")),
                );
            }
            if let Some(parts) = arn_parts(&raw) {
                let service = parts.service;
                // variables stand in the resource part, and (as AWS's own managed policies
                // write `arn:*:kms:*:${aws:PrincipalAccount}:key/*`) in the region and
                // account; never in the partition or the service
                if (parts.partition.contains("${") || service.contains("${")) && self.version == Version::V2012 {
                    ok = false;
                    self.diags.push(
                        Diagnostic::error(
                            Code::VariableNotAllowed,
                            span,
                            format!("`{raw}` has a policy variable in its partition or service"),
                        )
                        .with_help("variables may stand in the region, the account and the resource part of an ARN"),
                    );
                }
                if service.contains(['*', '?']) {
                    ok = false;
                    self.diags.push(
                        Diagnostic::error(Code::ResourceWildcardService, span, format!("the service of `{raw}` contains a wildcard"))
                            .with_help("the service segment must be written out, as in `arn:aws:s3:::bucket`; to cover every resource write `*`"),
                    );
                }
            } else if raw != "*" && !raw.starts_with("arn:") {
                self.diags.push(
                    Diagnostic::warning(Code::ResourceFormat, span, format!("`{raw}` is neither `*` nor an ARN"))
                        .with_help("resources are written as ARNs, as in `arn:aws:s3:::bucket/*`"),
                );
            }
            let template = self.template(&raw, span);
            let glob = match &template {
                Some(t) if !t.has_vars() => ArnGlob::build(t, &crate::template::NoValues),
                _ => None,
            };
            if !ok {
                continue;
            }
            if let Some(template) = template {
                out.push(ResourcePattern { raw, span, template, glob });
            }
        }
        out
    }

    /// Parses variables (Version 2012-10-17) or keeps the text literal.
    pub(super) fn template(&mut self, raw: &str, span: Span) -> Option<Template> {
        if self.version != Version::V2012 {
            return Some(Template::literal(raw));
        }
        match Template::parse(raw) {
            Ok(t) => Some(t),
            Err(e) => {
                self.diags.push(
                    Diagnostic::error(Code::VariableMalformed, span, e.message)
                        .with_help("variables are written `${aws:username}` or `${aws:PrincipalTag/team, 'default'}`"),
                );
                None
            }
        }
    }
}
