//! The words of "allowed only if…" (iamplay_core::allowed_if), for every front-end.

use crate::allowed_if::{AllowOption, AllowedIf};
use crate::scenario::Scenario;

/// "Allow if aws:MultiFactorAuthPresent is true and aws:SourceIp is 203.0.113.0
/// (IpAddress 203.0.113.0/24), by mfa#0"; "Explicit deny if aws:SecureTransport is false,
/// by tls#1"; "Allow if aws:RequestedRegion is eu-west-1, which lifts the deny of scp#0".
pub fn option_words(sc: &Scenario, o: &AllowOption) -> String {
    let values: Vec<String> = o
        .values
        .iter()
        .map(|v| {
            let listed = v.policy_values.join(", ");
            if listed == v.value {
                format!("{} is {}", v.key, v.value)
            } else {
                format!("{} is {} ({} {listed})", v.key, v.value, v.operator)
            }
        })
        .collect();
    let statement = format!("{}#{}", sc.policy_name(o.statement.policy), o.statement.statement);
    match (o.gives, o.lifts_deny) {
        (_, true) => format!("Allow if {}, which lifts the deny of {statement}", values.join(" and ")),
        (crate::scenario::Decision::ExplicitDeny, _) => {
            format!("Explicit deny if {}, by {statement}", values.join(" and "))
        }
        _ => format!("Allow if {}, by {statement}", values.join(" and ")),
    }
}

/// Said when statements read keys the request lacks but no values of one statement allow it.
pub const NOT_SUMMARISED: &str = "Statements in play read context keys this request lacks, but values for them alone do not allow it: the decision also depends on something else (the values it has, a deny, a gate, or several statements at once), so it cannot be summarised exactly.";

/// Every option's words, and the note when there is none to give.
pub fn words(sc: &Scenario, found: &AllowedIf) -> (Vec<String>, Option<&'static str>) {
    (found.options.iter().map(|o| option_words(sc, o)).collect(), found.not_summarised.then_some(NOT_SUMMARISED))
}
