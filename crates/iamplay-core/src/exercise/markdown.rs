//! Exercise instructions and hints are Markdown, rendered to HTML safely: raw HTML is
//! shown as text (an HTML block as a code block), images become links and are never
//! loaded, and links keep only `http:`, `https:`, `mailto:` and relative addresses.
//! Parsing is pulldown-cmark's (CommonMark, maintained, no dependencies needed here).

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// A link or image address that is safe to keep.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if ["http://", "https://", "mailto:"].iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // relative: no scheme before the first `/`, `?` or `#`
    let head = lower.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !lower.starts_with("//")
}

pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    // for each open link or image: was it kept (as a link)?
    let mut open: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::CodeBlock)),
        Event::Start(Tag::Link { link_type, dest_url, title, id })
        | Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let keep = safe_url(&dest_url);
            open.push(keep);
            keep.then_some(Event::Start(Tag::Link { link_type: plain(link_type), dest_url, title, id }))
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            open.pop().unwrap_or(false).then_some(Event::End(TagEnd::Link))
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn plain(t: LinkType) -> LinkType {
    match t {
        LinkType::Email => LinkType::Email,
        LinkType::Autolink => LinkType::Autolink,
        _ => LinkType::Inline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders_and_raw_html_never_does() {
        let html = to_safe_html("Let **alice** read `reports`.\n\n- one\n- two");
        assert!(
            html.contains("<strong>alice</strong>")
                && html.contains("<code>reports</code>")
                && html.contains("<li>one</li>")
        );
        let html = to_safe_html("<script>alert(1)</script>\n\nand <img src=x onerror=alert(1)> inline");
        assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;") && html.contains("&lt;img"), "{html}");
    }

    #[test]
    fn only_safe_links_survive_and_images_are_never_loaded() {
        let html = to_safe_html("[a](https://docs.aws.amazon.com/) [b](javascript:alert(1)) [c](../x.html) ![d](https://evil.example/x.png)");
        assert!(html.contains("href=\"https://docs.aws.amazon.com/\""), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"../x.html\""), "{html}");
        assert!(!html.contains("<img") && html.contains("href=\"https://evil.example/x.png\""), "{html}");
        assert!(html.contains(">b<") || html.contains(" b "), "the text of a dropped link stays: {html}");
    }
}
