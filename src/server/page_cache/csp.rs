//! A kept page's policy: its nonce, shared by everyone who gets the copy, replaced by hashes.
use base64::{Engine, engine::general_purpose::STANDARD};
use sha2::{Digest, Sha256};

/// The policy with its nonce replaced by the SHA-256 of each inline script and style carrying it.
/// `None` when the policy names a nonce the page does not use as expected.
pub(super) fn policy_without_nonce(policy: &str, html: &str) -> Option<String> {
    let Some(nonce) = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
    else {
        return Some(policy.to_owned());
    };
    let nonce_source = format!("'nonce-{nonce}'");
    let scripts = inline_hashes(html, "script", nonce);
    let styles = inline_hashes(html, "style", nonce);
    let directives: Vec<String> = policy
        .split(';')
        .map(|directive| {
            let sources = match directive.split_whitespace().next() {
                Some("script-src") => &scripts,
                Some("style-src") => &styles,
                _ => return directive.to_owned(),
            };
            directive
                .split_whitespace()
                .flat_map(|source| {
                    if source == nonce_source {
                        sources.clone()
                    } else {
                        vec![source.to_owned()]
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let rewritten = directives
        .iter()
        .map(|d| d.trim())
        .collect::<Vec<_>>()
        .join("; ");
    (!rewritten.contains("'nonce-")).then_some(rewritten)
}

/// `'sha256-…'` sources for the inline `<tag nonce="…">…</tag>` elements of a page.
pub(super) fn inline_hashes(html: &str, tag: &str, nonce: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let nonce_attribute = format!("nonce=\"{nonce}\"");
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let attributes = &after[..tag_end];
        let inside = &after[tag_end + 1..];
        let Some(content_end) = inside.find(&close) else {
            break;
        };
        let content = &inside[..content_end];
        let element_name_ends =
            attributes.is_empty() || attributes.starts_with(char::is_whitespace);
        if element_name_ends && attributes.contains(&nonce_attribute) && !content.is_empty() {
            let hash = STANDARD.encode(Sha256::digest(content.as_bytes()));
            let source = format!("'sha256-{hash}'");
            if !hashes.contains(&source) {
                hashes.push(source);
            }
        }
        rest = &inside[content_end + close.len()..];
    }
    hashes
}
