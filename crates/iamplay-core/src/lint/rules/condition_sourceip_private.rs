//! `condition-sourceip-private` — warning, any policy.
//!
//! ## What it flags
//! An `IpAddress` or `NotIpAddress` condition on `aws:SourceIp` with a private, loopback or
//! link-local range (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`, `127.0.0.0/8`,
//! `169.254.0.0/16`, and in IPv6 `::1` and `fc00::/7`).
//!
//! ## Why
//! `aws:SourceIp` carries the public address a request comes from. A request from inside
//! a VPC through a VPC endpoint carries no `aws:SourceIp` at all, and a private range never
//! matches: an `Allow` on it allows nothing, a `Deny` with `NotIpAddress` denies everything.
//!
//! ## Example
//! ```json
//! "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/16"}}
//! ```
//!
//! ## Instead
//! `aws:VpcSourceIp` for addresses inside a VPC (with `aws:SourceVpc` or
//! `aws:SourceVpce`), `aws:SourceIp` for public ones.

use super::clauses;
use crate::code::Code;
use crate::condition::operator::Family;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::value::IpRange;

pub const RULE: Rule = Rule { code: Code::ConditionSourceipPrivate, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let on_source_ip = |(c, op): &(&crate::condition::Condition, &crate::condition::operator::Operator)| {
        op.family == Family::Ip && c.key.eq_ignore_ascii_case("aws:SourceIp")
    };
    for (c, _) in clauses(policy).filter(on_source_ip) {
        for v in &c.values {
            if let Some(r) = IpRange::parse(&v.raw).filter(IpRange::is_private) {
                out.push(
                    Diagnostic::warning(
                        RULE.code,
                        v.span,
                        format!("`{}` is a private range, but `aws:SourceIp` only carries public addresses", v.raw),
                    )
                    .with_help(format!("use `aws:VpcSourceIp` for addresses inside a VPC (prefix /{})", r.prefix)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    fn found(condition: &str) -> Vec<(String, String)> {
        run_on(&with_condition(condition), super::check)
    }

    #[test]
    fn flags_private_ranges_on_source_ip() {
        let f = found(r#"{"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "192.168.1.0/24"]}}"#);
        assert_eq!(f, pairs(&[("condition-sourceip-private", "\"192.168.1.0/24\"")]));
    }

    #[test]
    fn accepts_public_ranges_and_vpc_keys() {
        assert_eq!(found(r#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#), []);
        assert_eq!(found(r#"{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}"#), []);
    }
}
