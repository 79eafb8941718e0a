//! Completions for CodeMirror's completion source: the core's (iamplay_core::complete),
//! with AWS's names once the catalog is here, in UTF-16 offsets.

use wasm_bindgen::JsValue;

#[derive(serde::Serialize)]
struct CmCompletion {
    from: usize,
    options: Vec<CmOption>,
    /// An AWS managed policy's ARN may go here (extras.js fetches their list once).
    #[serde(rename = "awsManagedHere")]
    aws_managed_here: bool,
}

#[derive(serde::Serialize)]
struct CmOption {
    label: String,
    detail: String,
    #[serde(rename = "type")]
    kind: &'static str,
    boost: i8,
    /// An ARN format: its `${Placeholder}` parts become fields to fill in.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    template: bool,
}

thread_local! {
    /// The ARNs of AWS managed policies (from `aws-managed/index.json`), once it is here.
    static AWS_MANAGED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps the ARNs listed by AWS managed policies' index (`{"data", "policies": {ARN:
/// version}}`) for completions; the error says why it cannot be read.
pub fn load_aws_managed(index: &str) -> Result<(), String> {
    let j = iamplay_core::json::parse(index, iamplay_core::source::SourceId::Policies).map_err(|e| e.message)?;
    let listed = j.get("policies").and_then(|m| m.value.as_object()).ok_or("no `policies` object")?;
    let arns = listed.iter().map(|m| m.key.clone()).collect();
    AWS_MANAGED.with(|a| *a.borrow_mut() = arns);
    Ok(())
}

pub fn at(testid: &str, text: &str, pos: u32, policies: &str, principals: &str) -> JsValue {
    AWS_MANAGED.with(|a| at_with(testid, text, pos, policies, principals, &a.borrow()))
}

fn at_with(testid: &str, text: &str, pos: u32, policies: &str, principals: &str, aws_managed: &[String]) -> JsValue {
    let editor = testid.strip_prefix("editor-").unwrap_or_default();
    let others = iamplay_core::complete::Texts { policies, principals, aws_managed };
    let aws = crate::catalog::get().map(|c| c as &dyn iamplay_core::vocabulary::Vocabulary);
    let cursor = iamplay_core::source::byte_of_utf16(text, pos as usize);
    let Some(found) = iamplay_core::complete::complete(editor, text, cursor, &others, aws) else {
        return JsValue::NULL;
    };
    let from = iamplay_core::source::utf16_of_byte(text, found.from);
    let options = found.options.into_iter().map(|o| CmOption {
        label: o.label,
        detail: o.detail,
        kind: o.kind,
        boost: o.boost,
        template: o.template,
    });
    let completion = CmCompletion { from, options: options.collect(), aws_managed_here: found.aws_managed_here };
    serde_wasm_bindgen::to_value(&completion).unwrap_or(JsValue::NULL)
}
