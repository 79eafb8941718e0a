//! `principal-service-format` — warning, any policy.
//!
//! ## What it flags
//! A `Service` principal that is not a service principal's name (in any case): a name ending in
//! `.amazonaws.com` (or `.amazonaws.com.cn` in China), such as `ec2.amazonaws.com` or
//! `logs.eu-west-1.amazonaws.com`. Access Analyzer: "Invalid service principal format"
//! (an error there).
//!
//! ## Why
//! A service calls in as its service principal, by that full name: `ec2`, an ARN or a
//! URL matches no caller, so the statement never applies and the service is denied.
//!
//! ## Example
//! ```json
//! "Principal": {"Service": "ec2"}
//! ```
//!
//! ## Instead
//! The service principal's name: `"Principal": {"Service": "ec2.amazonaws.com"}`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PrincipalValue};

pub const RULE: Rule = Rule { code: Code::PrincipalServiceFormat, applies_to: None, check: Check::Text(check) };

/// `name.amazonaws.com` or `name.amazonaws.com.cn`, the name of lowercase letters, digits,
/// dots and hyphens.
fn is_service_principal(raw: &str) -> bool {
    let name = raw.strip_suffix(".amazonaws.com").or_else(|| raw.strip_suffix(".amazonaws.com.cn"));
    name.is_some_and(|n| {
        !n.is_empty()
            && !n.starts_with(['.', '-'])
            && n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    })
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let entries = policy.statements.iter().filter_map(|st| st.principal.as_ref()).flat_map(|p| &p.entries);
    for e in entries.filter(|e| matches!(e.value, PrincipalValue::Service(_))) {
        // service principals compare case-insensitively, as the evaluator reads them
        let guess = e.raw.to_ascii_lowercase();
        if e.raw == "*" || is_service_principal(&guess) {
            continue;
        }
        let help =
            if !guess.contains('.') && !guess.is_empty() && is_service_principal(&format!("{guess}.amazonaws.com")) {
                format!("did you mean `{guess}.amazonaws.com`?")
            } else {
                "a service principal is the service's name and `.amazonaws.com`, such as `ec2.amazonaws.com`"
                    .to_string()
            };
        out.push(
            Diagnostic::warning(
                RULE.code,
                e.span,
                format!("`{}` is not a service principal's name: no service calls as it", e.raw),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(principal: &str) -> Vec<(String, String)> {
        let st = format!(r#"{{"Effect": "Allow", "Principal": {principal}, "Action": "sts:AssumeRole"}}"#);
        run_on(&with_statement(&st), super::check)
    }

    #[test]
    fn flags_names_no_service_calls_as() {
        assert_eq!(found(r#"{"Service": "ec2"}"#), pairs(&[("principal-service-format", "\"ec2\"")]));
        assert_eq!(
            found(r#"{"Service": ["https://ec2.amazonaws.com", "arn:aws:iam::aws:service/ec2", ".amazonaws.com"]}"#)
                .len(),
            3
        );
    }

    #[test]
    fn accepts_service_principals() {
        let names =
            r#"["ec2.amazonaws.com", "logs.eu-west-1.amazonaws.com", "ec2.amazonaws.com.cn", "Lambda.amazonaws.com"]"#;
        assert_eq!(found(&format!(r#"{{"Service": {names}}}"#)), []);
    }
}
