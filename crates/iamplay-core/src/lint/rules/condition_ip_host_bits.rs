//! `condition-ip-host-bits` — suggestion, any policy.
//!
//! ## What it flags
//! An IP range in an `IpAddress` or `NotIpAddress` condition whose address has bits set
//! past its prefix: `203.0.113.5/24`. Access Analyzer: "Improve IP range" (suggestion).
//!
//! ## Why
//! The bits past the prefix are ignored: `203.0.113.5/24` is the range `203.0.113.0/24`,
//! 256 addresses. Written so, it reads like one address, or like a range that starts at
//! `.5`, and whoever reads the policy may trust it to allow less than it does.
//!
//! ## Example
//! ```json
//! "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.5/24"}}
//! ```
//!
//! ## Instead
//! The range as AWS reads it, `203.0.113.0/24`, or the one address, `203.0.113.5/32`.

use super::clauses;
use crate::code::Code;
use crate::condition::operator::Family;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::value::IpRange;
use std::net::IpAddr;

pub const RULE: Rule = Rule { code: Code::ConditionIpHostBits, applies_to: None, check: Check::Text(check) };

/// The range's network address (the address with the bits past the prefix cleared).
fn network(range: &IpRange) -> IpAddr {
    match range.addr {
        IpAddr::V4(a) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(range.prefix.min(32))).unwrap_or(0);
            IpAddr::V4((u32::from(a) & mask).into())
        }
        IpAddr::V6(a) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(range.prefix.min(128))).unwrap_or(0);
            IpAddr::V6((u128::from(a) & mask).into())
        }
    }
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, _) in clauses(policy).filter(|(_, op)| op.family == Family::Ip) {
        for v in c.values.iter().filter(|v| v.raw.contains('/')) {
            let Some(range) = IpRange::parse(&v.raw) else { continue };
            let net = network(&range);
            if net != range.addr {
                out.push(
                    Diagnostic::suggestion(
                        RULE.code,
                        v.span,
                        format!(
                            "`{}` has bits set past its prefix: AWS reads it as `{net}/{}`",
                            v.raw.trim(),
                            range.prefix
                        ),
                    )
                    .with_help(format!(
                        "write `{net}/{}` for the range, or `/{}` after the address for it alone",
                        range.prefix,
                        if net.is_ipv4() { 32 } else { 128 }
                    )),
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
    fn flags_ranges_with_host_bits() {
        let f = found(r#"{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "203.0.113.5/24"]}}"#);
        assert_eq!(f, pairs(&[("condition-ip-host-bits", "\"203.0.113.5/24\"")]));
        assert_eq!(found(r#"{"NotIpAddress": {"aws:SourceIp": "2001:db8::1/32"}}"#).len(), 1);
    }

    #[test]
    fn accepts_network_addresses_single_addresses_and_zero_prefixes() {
        assert_eq!(
            found(r#"{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "203.0.113.5", "203.0.113.5/32"]}}"#),
            []
        );
        assert_eq!(found(r#"{"IpAddress": {"aws:SourceIp": ["0.0.0.0/0", "2001:db8::/32", "::/0"]}}"#), []);
    }
}
