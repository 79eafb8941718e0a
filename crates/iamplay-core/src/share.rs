//! Share links: the playground's three editor texts in a URL fragment, versioned,
//! deflated and base64url-encoded, and read back field by field (a link that cannot be
//! read is refused with a reason, never half-applied).

use base64::Engine;

const PREFIX: &str = "v1.";
/// Inflated share links larger than this are refused (a link is not a file transfer).
const MAX_STATE: usize = 2 * 1024 * 1024;

/// The three raw editor texts (broken ones included: nothing typed is lost).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Texts {
    pub policies: String,
    pub principals: String,
    pub request: String,
}

pub fn to_json(t: &Texts) -> String {
    serde_json::json!({"v": 1, "policies": t.policies, "principals": t.principals, "request": t.request}).to_string()
}

/// Reads the state object, checking each field.
pub fn from_json(text: &str) -> Result<Texts, String> {
    let v: serde_json::Value = crate::json::value(text).ok_or_else(|| "its content is not JSON".to_string())?;
    if v.get("v").and_then(serde_json::Value::as_u64) != Some(1) {
        return Err("it was made by an unknown version of the playground".into());
    }
    let field = |name: &str| -> Result<String, String> {
        v.get(name)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("its `{name}` text is missing"))
    };
    Ok(Texts { policies: field("policies")?, principals: field("principals")?, request: field("request")? })
}

/// The fragment (without `#`) that holds this state.
pub fn encode(t: &Texts) -> String {
    fragment_of_deflated(&miniz_oxide::deflate::compress_to_vec(to_json(t).as_bytes(), 9))
}

/// The fragment for [`to_json`] of a state already compressed as raw deflate (any
/// compressor: the playground uses the browser's own, so its first wasm module carries
/// none). [`decode`] reads it as it reads [`encode`]'s.
pub fn fragment_of_deflated(deflated: &[u8]) -> String {
    format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(deflated))
}

/// Reads a fragment made by [`encode`]; the error says why it cannot be read.
pub fn decode(fragment: &str) -> Result<Texts, String> {
    let data = fragment.strip_prefix(PREFIX).ok_or("it is not a playground link of a version this page reads")?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| "it is cut short or altered (not base64url)")?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_STATE).map_err(|e| {
        if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            "it holds more than 2 MiB of text, more than a link opens (use Export and Import for large work)"
        } else {
            "it is cut short or altered (cannot be decompressed)"
        }
    })?;
    let text = String::from_utf8(inflated).map_err(|_| "its content is not text")?;
    from_json(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_too_large_to_open_says_so() {
        let big = Texts { policies: "a".repeat(3 * 1024 * 1024), principals: String::new(), request: String::new() };
        let why = decode(&encode(&big)).unwrap_err();
        assert!(why.contains("more than 2 MiB"), "{why}");
        let mut cut = encode(&Texts { policies: "{}".into(), principals: "{}".into(), request: "{}".into() });
        cut.truncate(cut.len() - 3);
        assert!(decode(&cut).is_err());
    }

    #[test]
    fn share_links_round_trip_and_refuse_damage() {
        let t = Texts { policies: "{\"p\": {}}".into(), principals: "{ broken".into(), request: "é ✓".into() };
        let link = encode(&t);
        assert_eq!(decode(&link), Ok(t));
        assert!(decode("v2.abc").is_err());
        assert!(decode(link.get(..link.len() / 2).unwrap_or_default()).is_err());
        assert!(decode("v1.!!!").is_err());
    }
}
