//! What the string under the pointer names, for the editors' hover: an action or action
//! pattern (a policy's `Action` or `NotAction`, a request's `action`), or a condition key
//! (a member of a condition operator). Found with the completions' forward scan, so the
//! text may be broken while it is typed.

use crate::complete::place;

/// A name and where its string's content is (byte offsets, `to` exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pointed {
    pub from: usize,
    pub to: usize,
    pub name: Named,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Named {
    /// `s3:GetObject`, or a pattern such as `s3:Get*`.
    Action(String),
    /// `aws:SourceIp`, `s3:prefix`, `aws:RequestTag/Owner`.
    ConditionKey(String),
}

/// What the string at `cursor` (a byte offset) of `editor`'s `text` (`policies` or
/// `request`) names; None outside such a string.
pub fn pointed(editor: &str, text: &str, cursor: usize) -> Option<Pointed> {
    let p = place(text, cursor)?;
    let to = string_end(text, p.from)?;
    if cursor > to {
        return None;
    }
    let value = text.get(p.from..to)?.to_string();
    let key = |back: usize| p.keys.iter().rev().nth(back).cloned().flatten();
    let name = match (editor, p.is_key) {
        ("policies", false) if matches!(key(0).as_deref(), Some("Action" | "NotAction")) => Named::Action(value),
        ("policies", true) if key(1).as_deref() == Some("Condition") => Named::ConditionKey(value),
        ("request", false) if key(0).as_deref() == Some("action") => Named::Action(value),
        _ => return None,
    };
    Some(Pointed { from: p.from, to, name })
}

/// Where the string whose content starts at `from` ends (its closing quote), on the same
/// line; None for a string left open or one with escapes (no name has them).
fn string_end(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let end = rest.find(['"', '\\', '\n'])?;
    (rest.as_bytes().get(end) == Some(&b'"')).then_some(from + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(editor: &str, text_with_cursor: &str) -> Option<(Named, String)> {
        let cursor = text_with_cursor.find('|').expect("a cursor");
        let text = text_with_cursor.replacen('|', "", 1);
        pointed(editor, &text, cursor).map(|p| (p.name, text.get(p.from..p.to).unwrap_or_default().to_string()))
    }

    #[test]
    fn actions_and_patterns_under_action_notaction_and_a_requests_action() {
        let policy = r#"{"p": {"Statement": [{"Effect": "Allow", "Action": ["s3:Get|*", "ec2:RunInstances"], "Resource": "*"}]}}"#;
        assert_eq!(at("policies", policy), Some((Named::Action("s3:Get*".into()), "s3:Get*".into())));
        // at either end of the string's content
        let start = r#"{"p": {"Statement": [{"NotAction": "|iam:*"}]}}"#;
        assert_eq!(at("policies", start).map(|(n, _)| n), Some(Named::Action("iam:*".into())));
        let end = r#"{"p": {"Statement": [{"Action": "iam:PassRole|"}]}}"#;
        assert_eq!(at("policies", end).map(|(n, _)| n), Some(Named::Action("iam:PassRole".into())));
        let request = r#"{"principal": "user/alice", "action": "s3:Put|Object"}"#;
        assert_eq!(at("request", request).map(|(n, _)| n), Some(Named::Action("s3:PutObject".into())));
    }

    #[test]
    fn condition_keys_are_the_members_of_an_operator() {
        let policy = r#"{"p": {"Statement": [{"Condition": {"IpAddress": {"aws:Source|Ip": "10.0.0.0/8"}}}]}}"#;
        assert_eq!(at("policies", policy).map(|(n, _)| n), Some(Named::ConditionKey("aws:SourceIp".into())));
        // the value is not a key, nor is the operator
        let value = r#"{"p": {"Statement": [{"Condition": {"IpAddress": {"aws:SourceIp": "10.0|.0.0/8"}}}]}}"#;
        assert_eq!(at("policies", value), None);
        let operator = r#"{"p": {"Statement": [{"Condition": {"IpAdd|ress": {}}}]}}"#;
        assert_eq!(at("policies", operator), None);
    }

    #[test]
    fn nothing_elsewhere_or_in_a_string_left_open() {
        assert_eq!(at("policies", r#"{"p": {"Statement": [{"Resource": "arn:|aws:s3:::b"}]}}"#), None);
        assert_eq!(at("policies", r#"{"p": {"Statement": [{"Action": |"s3:*"}]}}"#), None);
        assert_eq!(at("policies", r#"{"p": {"Statement": [{"Action": "s3:Get|"#), None);
        assert_eq!(at("principals", r#"{"users": {"al|ice": {}}}"#), None);
        assert_eq!(at("policies", "|"), None);
    }
}
