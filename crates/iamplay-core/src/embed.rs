//! The snippet a docs author pastes to embed an example: an `<iframe>` of the playground
//! at `base` (the page's own address) showing the chosen editors, holding the texts as a
//! share link, with a first height estimated from the texts, and the script (`embed.js`,
//! served beside the playground) that then sizes the frame to what it shows.

use crate::share::{encode, Texts};

/// Roughly what the embed's parts take, in CSS pixels (the compact bar, an editor's title
/// and one line of text, the decision with its deciding statement, and at most this many
/// lines of an editor before it scrolls). Only the first height: `embed.js` corrects it.
const BAR: usize = 40;
const TITLE: usize = 36;
const LINE: usize = 18;
const RESULT: usize = 260;
const MAX_LINES: usize = 24;

/// The chosen editors, in the playground's order.
pub const EDITORS: [&str; 3] = ["policies", "principals", "request"];

/// The height the embed first gets: its editors, stacked, beside the result.
pub fn estimated_height(texts: &Texts, editors: &[&str]) -> usize {
    let lines = |name: &str| match name {
        "policies" => texts.policies.lines().count(),
        "principals" => texts.principals.lines().count(),
        _ => texts.request.lines().count(),
    };
    let stacked: usize = editors.iter().map(|e| TITLE + lines(e).clamp(1, MAX_LINES) * LINE + 12).sum();
    BAR + stacked.max(RESULT) + 16
}

/// The HTML to paste: the frame, then the script that sizes it. `base` ends with `/`
/// (the playground's folder); the attribute values are escaped.
/// `theme`: `light` or `dark` to fix the frame's colours (None: the reader's system's).
pub fn snippet(base: &str, editors: &[&str], read_only: bool, theme: Option<&str>, texts: &Texts) -> String {
    snippet_with(base, editors, read_only, theme, texts, &encode(texts))
}

/// [`snippet`] with the share fragment of `texts` already made (`fragment`, as
/// [`encode`] or [`crate::share::fragment_of_deflated`] make it).
pub fn snippet_with(
    base: &str,
    editors: &[&str],
    read_only: bool,
    theme: Option<&str>,
    texts: &Texts,
    fragment: &str,
) -> String {
    let chosen: Vec<&str> = EDITORS.into_iter().filter(|e| editors.contains(e)).collect();
    let readonly = if read_only { "&readonly=1" } else { "" };
    let theme = match theme {
        Some(t @ ("light" | "dark")) => format!("&theme={t}"),
        _ => String::new(),
    };
    let src = format!("{base}?embed={}{readonly}{theme}#s={fragment}", chosen.join(","));
    format!(
        "<iframe src=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\" title=\"IAM policy example\"></iframe>\n<script src=\"{}embed.js\" async></script>",
        attribute(&src),
        estimated_height(texts, &chosen),
        attribute(base)
    )
}

fn attribute(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(policy_lines: usize) -> Texts {
        Texts {
            policies: "{\n".repeat(policy_lines),
            principals: "{}".into(),
            request: r#"{"principal": "user/a", "action": "s3:GetObject", "resource": "*"}"#.into(),
        }
    }

    #[test]
    fn the_snippet_frames_the_chosen_editors_with_the_texts_and_sizes_itself() {
        let t = texts(12);
        let s = snippet("https://play.example/iam/", &["request", "policies"], true, None, &t);
        let src = format!("https://play.example/iam/?embed=policies,request&amp;readonly=1#s={}", encode(&t));
        assert!(s.starts_with(&format!("<iframe src=\"{src}\"")), "{s}");
        assert!(s.ends_with("<script src=\"https://play.example/iam/embed.js\" async></script>"), "{s}");
        assert!(!snippet("https://play.example/", &["policies"], false, None, &t).contains("readonly"));
        let dark = snippet("https://play.example/", &["policies"], false, Some("dark"), &t);
        assert!(dark.contains("?embed=policies&amp;theme=dark#s="), "{dark}");
        assert!(!snippet("https://play.example/", &["policies"], false, Some("\"><x"), &t).contains("theme"));
        // the share link reads back to the same texts
        let fragment = src.split("#s=").nth(1).unwrap_or_default();
        assert_eq!(crate::share::decode(fragment), Ok(t));
    }

    #[test]
    fn the_first_height_follows_the_texts() {
        let short = estimated_height(&texts(5), &["policies", "request"]);
        let long = estimated_height(&texts(20), &["policies", "request"]);
        assert!(long > short, "{long} > {short}");
        // a one-line request takes one line, not as much as the policy
        assert_eq!(
            estimated_height(&texts(20), &["policies", "request"]) - estimated_height(&texts(20), &["policies"]),
            TITLE + LINE + 12
        );
        // a very long text scrolls inside its editor instead of growing the frame
        assert_eq!(estimated_height(&texts(500), &["policies"]), estimated_height(&texts(MAX_LINES), &["policies"]));
    }
}
