//! Completions for CodeMirror's completion source: the core's (iamplay_core::complete),
//! with AWS's names once the catalog is here, in UTF-16 offsets.

use wasm_bindgen::JsValue;

#[derive(serde::Serialize)]
struct CmCompletion {
    from: usize,
    options: Vec<CmOption>,
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

pub fn at(testid: &str, text: &str, pos: u32, policies: &str, principals: &str) -> JsValue {
    let editor = testid.strip_prefix("editor-").unwrap_or_default();
    let others = iamplay_core::complete::Texts { policies, principals };
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
    serde_wasm_bindgen::to_value(&CmCompletion { from, options: options.collect() }).unwrap_or(JsValue::NULL)
}
