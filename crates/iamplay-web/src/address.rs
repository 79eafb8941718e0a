//! What the page's address asks for: the mode (playground, embed, exercise), the embed's
//! options, a share link in the fragment. Links the page builds are relative (`?…`,
//! `#…`), never made from `location.pathname`, so a host that serves the page under an
//! odd path (`//evil.example/`) cannot turn them into links to another site.

/// The compact layout for docs sites: `?embed=policies,request&readonly=1`.
#[derive(Clone, Debug, PartialEq)]
pub struct Embed {
    pub editors: Vec<&'static str>,
    pub read_only: bool,
    /// The page is inside another page's frame (embed rules apply whatever the URL says).
    pub framed: bool,
}

/// The editors an embed may show, in order.
pub const EDITORS: [&str; 3] = ["policies", "principals", "request"];

fn params() -> Option<web_sys::UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()
}

/// The value of query parameter `name` (`Some("")` when present without a value).
pub fn param(name: &str) -> Option<String> {
    params()?.get(name)
}

/// Whether this page is shown inside another page's frame.
pub fn framed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        // a top window that cannot be read is another site's
        _ => true,
    }
}

/// The embed layout, when the address asks for it or the page is framed.
pub fn embed() -> Option<Embed> {
    let framed = framed();
    let asked = param("embed");
    if asked.is_none() && !framed {
        return None;
    }
    let chosen = asked.unwrap_or_default();
    let editors =
        EDITORS.into_iter().filter(|e| chosen.is_empty() || chosen.split(',').any(|x| x.trim() == *e)).collect();
    let read_only = param("readonly").is_some_and(|v| v != "0");
    Some(Embed { editors, read_only, framed })
}

/// The share link in the address's fragment (`#s=…`), without its `s=`.
pub fn share_link() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.trim_start_matches('#').strip_prefix("s=").map(str::to_string)
}

/// Takes the share link out of the address (keeping its path and query), once the texts
/// are no longer the link's: a reload then opens the work as it is now, not the link.
pub fn forget_share_link() {
    let Some(w) = web_sys::window() else { return };
    let location = w.location();
    if !location.hash().is_ok_and(|h| h.starts_with("#s=")) {
        return;
    }
    let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here));
    }
}

/// A relative link to the playground holding `fragment` (`#s=…`).
pub fn playground_link(fragment: &str) -> String {
    format!("./#{fragment}")
}
