//! The one check for a return address taken from a request (`/bahasa/id?kembali=…`, `/masuk?kembali=…`,
//! the sign-in form's `next`): only a path of this portal is ever redirected to. Shared by the server (the
//! redirects) and the browser (the sign-in page), so both refuse the same addresses.
//!
//! Browsers are lenient where a naive check is strict: they drop TAB, CR and LF anywhere in a URL, trim
//! leading controls and spaces, and read `\` as `/`, so `/\t/evil.example` or `/\evil.example` become
//! `//evil.example`, another site. Rather than list what to strip, only plain printable ASCII is accepted,
//! and the address is decoded (several times, for double encoding) and checked again, so what a later hop
//! or a careless decoder might turn the address into is local too.

/// A return address longer than this is not followed (a search with every filter is far shorter).
pub const MAX_LEN: usize = 1024;
/// Layers of percent-encoding looked through (`%252F` is `%2F` is `/`).
const DECODE_ROUNDS: usize = 4;

/// `raw` if it is a path of this portal, else `None`.
pub fn local_path(raw: &str) -> Option<&str> {
    let local = raw.len() <= MAX_LEN
        // Printable ASCII only: no controls, spaces or Unicode (it goes into a `Location` header as is).
        && raw.bytes().all(|b| b.is_ascii_graphic())
        && path_is_local(raw)
        && decoded_is_local(raw);
    local.then_some(raw)
}

/// One `/`, then no `//` and no `\` in the path (a `\` is a `/` to a browser).
fn path_is_local(address: &str) -> bool {
    let path = address.split(['?', '#']).next().unwrap_or_default();
    address.starts_with('/') && !path.contains("//") && !address.contains('\\')
}

fn decoded_is_local(raw: &str) -> bool {
    let mut current = raw.as_bytes().to_vec();
    for _ in 0..DECODE_ROUNDS {
        let decoded = percent_decode(&current);
        if decoded == current {
            return true;
        }
        let Ok(text) = std::str::from_utf8(&decoded) else {
            return false;
        };
        if text.chars().any(is_hidden) || !path_is_local(text) {
            return false;
        }
        current = decoded;
    }
    // Still changing after that many rounds: nobody links like this.
    false
}

/// Characters a browser or a person's eye may drop: controls (C0, DEL, C1), whitespace other than a
/// space, and the invisible formatting ones (zero-width, direction overrides, byte-order mark).
fn is_hidden(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}')
}

fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let pair = bytes
            .get(i + 1)
            .copied()
            .and_then(hex)
            .zip(bytes.get(i + 2).copied().and_then(hex));
        match (bytes[i], pair) {
            (b'%', Some((high, low))) => {
                // Two hex digits: at most 0xFF, so the cast keeps every bit.
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn paths_of_this_portal_are_followed() {
        for ok in [
            "/",
            "/lowongan?q=las+besi&kecamatan=36.03.18&hal=2",
            "/bursa-kerja/3",
            "/lowongan?q=caf%C3%A9%20besar",
            "/lowongan#hasil",
            "/regulasi?url=https%3A%2F%2Fexample.org",
        ] {
            assert_eq!(local_path(ok), Some(ok), "{ok:?}");
        }
    }

    /// Known open-redirect bypasses (OWASP, PortSwigger and bug-bounty lists), raw and as they arrive
    /// after the query string is decoded once.
    #[test]
    fn known_bypasses_are_refused() {
        let long = format!("/{}", "a".repeat(super::MAX_LEN));
        for refused in [
            "",
            "evil.example",
            "//evil.example",
            "///evil.example",
            "////evil.example",
            "/%09/evil.example",
            "/\t/evil.example",
            "/%0d%0a/evil.example",
            "/\r\n/evil.example",
            "/\n/evil.example",
            "/%00/evil.example",
            "/\0/evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "\\/\\/evil.example",
            "\\\\evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2F%2Fevil.example",
            "/%2f%2fevil.example",
            "/%2Fevil.example",
            "/%252F%252Fevil.example",
            "/%25252F%25252Fevil.example",
            "/%255Cevil.example",
            "/%2509/evil.example",
            "https://evil.example",
            "https:evil.example",
            "https:/evil.example",
            "http:\\\\evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            " /\t/evil.example",
            " //evil.example",
            "/ /evil.example",
            "/\u{0085}/evil.example",
            "/%C2%85/evil.example",
            "/\u{200B}/evil.example",
            "/%E2%80%8B/evil.example",
            "/\u{202E}/evil.example",
            "/%E2%80%AE/evil.example",
            "/\u{FEFF}/evil.example",
            "/%EF%BB%BF/evil.example",
            "/\u{2028}/evil.example",
            "/%E2%80%A8/evil.example",
            "/\u{3000}/evil.example",
            "/\u{FF0F}\u{FF0F}evil.example",
            "/%FF/invalid-utf8",
            "/%7F/evil.example",
            "/\x7F/evil.example",
            "/@evil.example\\@portal",
            "/.\\evil.example",
            &long,
        ] {
            assert_eq!(local_path(refused), None, "{refused:?}");
        }
    }
}
