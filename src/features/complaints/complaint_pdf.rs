//! The documents of a case, drawn on one A4 page each: the referral package to the body that decides, the
//! mediator's written recommendation (anjuran), and the joint agreement (Perjanjian Bersama).
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, letterhead, one_page, text};

/// What one document shows: label/value rows, then titled paragraphs (wrapped, cut at the page's end).
pub struct Document {
    pub title: &'static str,
    pub basis: &'static str,
    pub number: String,
    pub rows: Vec<(&'static str, String)>,
    pub paragraphs: Vec<(&'static str, String)>,
    pub footer: &'static str,
}

/// Splits text into lines of at most `width` characters at spaces (long words are cut).
pub fn wrap(value: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in value.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let word: String = word.chars().take(width).collect();
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        lines.push(line);
    }
    lines
}

const BOTTOM: f32 = 80.0;

fn draw(content: &mut Content, doc: &Document) {
    let (left, mut y) = letterhead(content, doc.title, doc.basis, &doc.number);
    for (label, value) in &doc.rows {
        text(content, FONT, 10.0, left, y, label);
        for line in wrap(value, 70) {
            if y < BOTTOM {
                return;
            }
            text(content, BOLD, 10.0, left + 140.0, y, &line);
            y -= 14.0;
        }
        y -= 2.0;
    }
    for (heading, value) in &doc.paragraphs {
        y -= 8.0;
        if y < BOTTOM {
            return;
        }
        text(content, BOLD, 10.0, left, y, heading);
        y -= 14.0;
        for line in wrap(value, 95) {
            if y < BOTTOM {
                return;
            }
            text(content, FONT, 9.5, left, y, &line);
            y -= 12.5;
        }
    }
}

/// Renders a document. Pure and synchronous.
pub fn render(doc: &Document) -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page(&format!("{} {}", doc.title, doc.number), |content| {
        draw(content, doc);
        text(content, FONT, 8.0, 50.0, 50.0, doc.footer);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_lines_short() {
        let lines = wrap("satu dua tiga empat lima enam tujuh", 10);
        assert_eq!(lines, vec!["satu dua", "tiga empat", "lima enam", "tujuh"]);
        assert!(
            wrap(&"x".repeat(50), 10)
                .iter()
                .all(|l| l.chars().count() <= 10)
        );
        let doc = Document {
            title: "ANJURAN",
            basis: "UU 2/2004 Ps 13",
            number: "ADU-34679ACDEF".into(),
            rows: vec![("Perusahaan", "PT Uji".into())],
            paragraphs: vec![("Isi", "kata ".repeat(2000))],
            footer: "",
        };
        assert!(render(&doc).expect("pdf").starts_with(b"%PDF"));
    }
}
