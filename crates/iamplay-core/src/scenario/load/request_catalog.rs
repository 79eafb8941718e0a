//! What AWS's catalog says of a request, when a front-end supplies it: an action AWS does
//! not list (`request-action-unknown`), and a resource the action never acts on
//! (`request-resource-type`): an ARN of another resource type, an ARN for an action that
//! takes only `*`, or `*` for an action that always names one resource of a required type
//! (`*` may stand for the several an action such as `ec2:RunInstances` names). Findings only: the
//! request is decided all the same, on its text.

use super::Loader;
use crate::arn_format::can_name;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::vocabulary::{unlisted, Unlisted, Vocabulary};
#[cfg(not(target_arch = "wasm32"))]
use std::collections::HashMap;

/// Which of a request's spans a finding is on.
#[derive(Clone, Copy)]
pub(super) enum On {
    Action,
    Resource,
}

/// The finding of each action and resource asked about so far (by action, then resource;
/// `None` for a request without one): the requests of a CLI batch ask about a few
/// actions, and one resource many times, and working a finding out was a fifth of
/// deciding them. Not in the playground's wasm: it decides a handful of requests, and the
/// maps' code would cost its first module 1.5 KB of download.
#[cfg(not(target_arch = "wasm32"))]
pub(super) type Findings = HashMap<String, HashMap<Option<String>, Option<(On, Diagnostic)>>>;

impl Loader<'_> {
    pub(super) fn check_with_catalog(&mut self, action: &str, action_span: Span, resource: Option<(&str, Span)>) {
        let provider = self.aws;
        let Some(aws) = provider.vocabulary() else { return };
        #[cfg(not(target_arch = "wasm32"))]
        let found = {
            let by_resource = match self.catalog_findings.get_mut(action) {
                Some(known) => known,
                None => self.catalog_findings.entry(action.to_string()).or_default(),
            };
            let text = resource.map(|(r, _)| r.to_string());
            match by_resource.get(&text) {
                Some(found) => found.clone(),
                None => by_resource.entry(text).or_insert_with(|| finding(aws, action, action_span, resource)).clone(),
            }
        };
        #[cfg(target_arch = "wasm32")]
        let found = finding(aws, action, action_span, resource);
        if let Some((on, mut d)) = found {
            d.span = match (on, resource) {
                (On::Resource, Some((_, span))) => span,
                _ => action_span,
            };
            self.r.push(d);
        }
    }
}

/// The finding on a request's action, or else on its resource.
fn finding(aws: &dyn Vocabulary, action: &str, span: Span, resource: Option<(&str, Span)>) -> Option<(On, Diagnostic)> {
    let (prefix, name) = action.split_once(':')?;
    let version = aws.data_version();
    let unknown = match unlisted(aws, action) {
        Some(Unlisted::Service { near }) => Some((format!("AWS has no service `{prefix}`"), near.map(str::to_string))),
        Some(Unlisted::Action { service_name, near }) => {
            Some((format!("{service_name} has no action `{name}`"), near.map(|n| format!("{prefix}:{n}"))))
        }
        None => None,
    };
    if let Some((message, near)) = unknown {
        let d = match near {
            Some(n) => Diagnostic::warning(Code::RequestActionUnknown, span, message)
                .with_help(format!("did you mean `{n}`? (AWS's catalog: {version})")),
            None => Diagnostic::suggestion(Code::RequestActionUnknown, span, message).with_help(format!(
                "AWS's catalog ({version}) does not list it; a new, retired or undocumented action is not listed either"
            )),
        };
        return Some((On::Action, d));
    }
    let (resource, span) = resource?;
    resource_finding(aws, action, resource, span).map(|d| (On::Resource, d))
}

/// The finding on a request's resource, if any (see the module's doc).
fn resource_finding(aws: &dyn Vocabulary, action: &str, resource: &str, span: Span) -> Option<Diagnostic> {
    let types = aws.resource_types(action)?;
    let version = aws.data_version();
    let shown: Vec<String> = types.iter().take(3).map(|t| format!("{} `{}`", t.name, t.arn)).collect();
    let code = Code::RequestResourceType;
    // an action that names several resources at once (`ec2:RunInstances`: an image, an
    // instance, a network interface, …) is asked about one of them, or `*` for short
    let several = types.iter().filter(|t| t.required).count() > 1;
    if resource == "*" && several {
        return None;
    }
    if resource == "*" {
        // only a required type: with optional ones only (`cloudwatch:GetMetricData`, and
        // `s3:GetObject`'s object or access point object) AWS may well ask about `*`
        let required = types.iter().find(|t| t.required)?;
        return Some(
            Diagnostic::warning(
                code,
                span,
                format!("a request for `{action}` names the {} it acts on, never `*`", required.name),
            )
            .with_help(format!(
                "name it as `{}` (AWS's catalog: {version}); with `*`, only statements whose Resource matches `*` apply",
                required.arn
            )),
        );
    }
    if types.is_empty() {
        return Some(
            Diagnostic::suggestion(code, span, format!("`{action}` takes no resource: AWS asks about `*`"))
                .with_help(format!("write `\"resource\": \"*\"` (AWS's catalog: {version})")),
        );
    }
    if types.iter().any(|t| can_name(resource, t.arn)) {
        return None;
    }
    Some(
        Diagnostic::warning(code, span, format!("`{resource}` is none of the resource types `{action}` acts on"))
            .with_help(format!("it acts on {} (AWS's catalog: {version})", shown.join(", "))),
    )
}
