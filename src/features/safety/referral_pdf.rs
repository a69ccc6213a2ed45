//! The referral package of an accident report for the provincial labour inspectorate (UU 23/2014 gives
//! inspection to the province): the Permenaker 03/1998 facts, whether it was reported within 2 x 24 hours,
//! and the victim's NIK or passport number masked (the inspectorate asks the company for the full record).
//!
//! Nothing is cut: a long account wraps onto as many lines as it needs and the package continues on further
//! pages, each naming the case and its page number.
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, PAGE_H, letterhead, pages, text};

pub struct ReferralData {
    pub case_number: String,
    /// (label, value) rows in order.
    pub rows: Vec<(&'static str, String)>,
    pub late_note: Option<String>,
    pub prepared_on: String,
}

/// Long values wrap at about this many characters a line.
const WRAP: usize = 70;
const LINE: f32 = 13.0;
/// Content stays above the footer.
const BOTTOM: f32 = 85.0;
/// Where a continuation page's content starts (below its header).
const CONTINUED_TOP: f32 = PAGE_H - 95.0;
const VALUE_X: f32 = 140.0;

/// The lines of a value, about `WRAP` characters each; a word longer than a line is split.
fn wrap(value: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let chunks = value.split_whitespace().flat_map(|word| {
        let chars: Vec<char> = word.chars().collect();
        chars
            .chunks(WRAP)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
    });
    for word in chunks {
        let last = lines.last().map(|l| l.chars().count()).unwrap_or(0);
        if last > 0 && last + word.chars().count() >= WRAP {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
    }
    lines
}

/// One piece of text at a place on a page.
struct Item {
    bold: bool,
    size: f32,
    x: f32,
    y: f32,
    text: String,
}

/// Lays the rows out over as many pages as they need; `first_top` is where page 1's content starts.
fn layout(r: &ReferralData, left: f32, first_top: f32) -> Vec<Vec<Item>> {
    let mut pages: Vec<Vec<Item>> = vec![vec![]];
    let mut y = first_top;
    let item = |bold, size, x, y, text: String| Item {
        bold,
        size,
        x,
        y,
        text,
    };
    for (label, value) in &r.rows {
        for (i, line) in wrap(value).into_iter().enumerate() {
            let mut fresh_page = false;
            if y < BOTTOM {
                pages.push(vec![]);
                y = CONTINUED_TOP;
                fresh_page = true;
            }
            let page = pages.last_mut().expect("at least one page");
            if i == 0 {
                page.push(item(false, 9.0, left, y, (*label).to_owned()));
            } else if fresh_page {
                page.push(item(false, 9.0, left, y, format!("{label} (lanjutan)")));
            }
            let prefix = if i == 0 { ": " } else { "  " };
            page.push(item(
                false,
                9.0,
                left + VALUE_X,
                y,
                format!("{prefix}{line}"),
            ));
            y -= LINE;
        }
        y -= 2.0;
    }
    if let Some(note) = &r.late_note {
        if y - 8.0 < BOTTOM {
            pages.push(vec![]);
            y = CONTINUED_TOP + 8.0;
        }
        let page = pages.last_mut().expect("at least one page");
        page.push(item(true, 10.0, left, y - 8.0, note.clone()));
    }
    pages
}

fn letterhead_of(content: &mut Content, r: &ReferralData) -> (f32, f32) {
    letterhead(
        content,
        "RUJUKAN LAPORAN KECELAKAAN KERJA",
        "Permenaker 03/1998 - kepada Pengawas Ketenagakerjaan Provinsi Banten",
        &r.case_number,
    )
}

/// Renders the referral package. Pure and synchronous.
pub fn render(data: &ReferralData) -> Result<Vec<u8>, qrcode::types::QrError> {
    // Where page 1's content starts, from a letterhead drawn aside.
    let (left, top) = letterhead_of(&mut Content::new(), data);
    let laid_out = layout(data, left, top);
    let count = laid_out.len();
    pages(
        &format!("Rujukan kecelakaan kerja {}", data.case_number),
        count,
        |i, content| {
            if i == 0 {
                letterhead_of(content, data);
            } else {
                text(
                    content,
                    BOLD,
                    10.0,
                    left,
                    PAGE_H - 60.0,
                    &format!(
                        "Rujukan kecelakaan kerja {} - lanjutan (halaman {} dari {count})",
                        data.case_number,
                        i + 1
                    ),
                );
            }
            for it in laid_out.get(i).into_iter().flatten() {
                let font = if it.bold { BOLD } else { FONT };
                text(content, font, it.size, it.x, it.y, &it.text);
            }
            text(
                content,
                FONT,
                8.0,
                left,
                60.0,
                &format!(
                    "Disiapkan oleh d'naker DIGI pada {}. NIK/paspor korban disamarkan; data lengkap ada pada perusahaan. Halaman {} dari {count}.",
                    data.prepared_on,
                    i + 1
                ),
            );
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_referral_is_a_pdf_with_its_case_number_and_late_note() {
        let data = ReferralData {
            case_number: "K3/3603/2026/00001".into(),
            rows: vec![
                ("Perusahaan", "PT Maju Jaya".into()),
                ("Uraian kejadian", "kata ".repeat(60)),
            ],
            late_note: Some("Dilaporkan 63 jam setelah kejadian (lewat 2 x 24 jam).".into()),
            prepared_on: "2026-12-05".into(),
        };
        let bytes = render(&data).expect("rendered");
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("K3/3603/2026/00001") && text.contains("63 jam"));
    }

    #[test]
    fn long_text_wraps_without_losing_a_word() {
        let value = (0..400)
            .map(|n| format!("w{n:04}"))
            .collect::<Vec<_>>()
            .join(" ");
        let lines = wrap(&value);
        assert!(lines.len() > 4);
        assert!(lines.iter().all(|l| l.chars().count() <= WRAP + 8));
        assert_eq!(lines.join(" "), value);
        // A word longer than a line is split, not dropped.
        let long = "x".repeat(200);
        assert_eq!(wrap(&long).concat(), long);
    }

    #[test]
    fn a_3000_character_account_continues_on_further_pages_in_full() {
        let words: Vec<String> = (0..375).map(|n| format!("k{n:06}")).collect();
        let description = words.join(" ");
        assert!(description.chars().count() >= 2999);
        let data = ReferralData {
            case_number: "K3/3603/2026/00002".into(),
            rows: vec![
                ("Perusahaan", "PT Maju Jaya".into()),
                ("Uraian kejadian", description),
                ("Saksi", "s".repeat(500)),
            ],
            late_note: None,
            prepared_on: "2026-12-05".into(),
        };
        let bytes = render(&data).expect("rendered");
        let body = String::from_utf8_lossy(&bytes);
        assert!(
            words.iter().all(|w| body.contains(w.as_str())),
            "every word is in the PDF"
        );
        assert!(!body.contains("/Count 1"), "a continuation page");
        assert!(body.contains("lanjutan (halaman 2 dari "));
    }
}
