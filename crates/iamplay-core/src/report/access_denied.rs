//! The words and the JSON of an AccessDenied message read as a request
//! (`iamplay explain-error`, the playground's "Paste an AccessDenied message"): what the
//! message says, and whether the scenario reproduces it.

use crate::access_denied::{principal_reference, Agreement, Denial, Layer, Message, Unreadable};
use crate::scenario::Decision;
use serde::Serialize;

/// What the message says, as JSON.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadingOut {
    /// The caller's ARN as written.
    pub caller: String,
    /// The scenario's reference for it (`user/alice`, `role/web`), when it is a user or a role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// `ExplicitDeny`, `ImplicitDeny`, or null when the message gives no reason.
    pub decision: Option<&'static str>,
    /// The policy type AWS named: `identity`, `resource`, `boundary`, `session`, `scp`,
    /// `rcp`, `vpc-endpoint`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<&'static str>,
    /// The denying policy's ARN, when AWS gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The request to add to the scenario, as JSON text.
    pub request: String,
}

fn layer_code(l: Layer) -> &'static str {
    l.policy_type().map_or("vpc-endpoint", |t| t.as_str())
}

/// What AWS said; `home` is the scenario's default account, when there is a scenario.
pub fn reading(m: &Message, home: Option<&str>) -> ReadingOut {
    let (decision, layer, policy) = match &m.denial {
        Denial::Explicit { layer, policy } => (Some("ExplicitDeny"), Some(layer_code(*layer)), policy.clone()),
        Denial::Implicit { layer } => (Some("ImplicitDeny"), Some(layer_code(*layer)), None),
        Denial::Unstated => (None, None, None),
    };
    ReadingOut {
        caller: m.principal.clone(),
        principal: principal_reference(&m.principal, home),
        action: m.action.clone(),
        resource: m.resource.clone(),
        decision,
        layer,
        policy,
        request: crate::access_denied::request_json(m, home),
    }
}

/// One line: what AWS said.
pub fn reading_words(m: &Message) -> String {
    let on = m.resource.as_deref().map_or(String::new(), |r| format!(" on {r}"));
    let why = match &m.denial {
        Denial::Explicit { layer, policy: Some(p) } => format!("an explicit deny in a {} ({p})", layer.words()),
        Denial::Explicit { layer, policy: None } => format!("an explicit deny in a {}", layer.words()),
        Denial::Implicit { layer } => format!("no {} allows it (an implicit deny)", layer.words()),
        Denial::Unstated => "AWS gives no reason".to_string(),
    };
    format!("AWS denied {} {}{on}: {why}", m.principal, m.action)
}

/// The agreement as a code (JSON) and in words.
pub fn agreement_out(a: &Agreement) -> (&'static str, String) {
    let decision = |d: Decision| match d {
        Decision::Allow => "allows it",
        Decision::ExplicitDeny => "denies it explicitly",
        Decision::ImplicitDeny => "denies it implicitly",
    };
    match a {
        Agreement::Reproduced => ("reproduced", "The scenario reproduces it: the same deny, in the same layer.".into()),
        Agreement::OtherLayer { decision: d, layer: Some(t) } => {
            let named = Layer::of(*t).map_or("trust policy", Layer::words);
            ("other-layer", format!("The scenario {}, but in a {named}, not where AWS said.", decision(*d)))
        }
        Agreement::OtherLayer { decision: d, layer: None } => {
            ("other-layer", format!("The scenario {}, but not in the layer AWS named.", decision(*d)))
        }
        Agreement::Allowed => (
            "allowed",
            "The scenario allows it: something AWS sees is not in it (a policy, a condition's context, the layer AWS named).".into(),
        ),
        Agreement::NotModelled(l) => {
            ("not-modelled", format!("A {} is not part of a scenario, so this cannot be reproduced here.", l.words()))
        }
        Agreement::NoReason { decision: d } => {
            ("no-reason", format!("The scenario {}; the message gives no reason to compare with.", decision(*d)))
        }
    }
}

pub fn unreadable_words(u: &Unreadable) -> String {
    match u {
        Unreadable::Encoded => "This is an encoded authorization message: decode it first with `aws sts decode-authorization-message --encoded-message …` (it needs the sts:DecodeAuthorizationMessage permission), then paste what it says.".into(),
        Unreadable::NotAccessDenied => "This is not an AccessDenied message: it has no \"is not authorized to perform:\".".into(),
        Unreadable::Incomplete(what) => format!("This AccessDenied message cannot be read: {what}."),
    }
}
