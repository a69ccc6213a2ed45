//! The referral package of an accident report for the provincial labour inspectorate (UU 23/2014 gives
//! inspection to the province): the Permenaker 03/1998 facts, whether it was reported within 2 x 24 hours,
//! and the victim's NIK or passport number masked (the inspectorate asks the company for the full record).
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, letterhead, one_page, text};

pub struct ReferralData {
    pub case_number: String,
    /// (label, value) rows in order.
    pub rows: Vec<(&'static str, String)>,
    pub late_note: Option<String>,
    pub prepared_on: String,
}

/// Long values wrap at about this many characters a line.
const WRAP: usize = 70;

fn wrap(value: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in value.split_whitespace() {
        let last = lines.last_mut().map(|l| l.chars().count()).unwrap_or(0);
        if last > 0 && last + word.chars().count() >= WRAP {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.truncate(4);
    lines
}

fn draw(content: &mut Content, r: &ReferralData) -> Result<(), qrcode::types::QrError> {
    let (left, mut y) = letterhead(
        content,
        "RUJUKAN LAPORAN KECELAKAAN KERJA",
        "Permenaker 03/1998 - kepada Pengawas Ketenagakerjaan Provinsi Banten",
        &r.case_number,
    );
    for (label, value) in &r.rows {
        text(content, FONT, 9.0, left, y, label);
        for (i, line) in wrap(value).iter().enumerate() {
            let prefix = if i == 0 { ": " } else { "  " };
            text(
                content,
                FONT,
                9.0,
                left + 140.0,
                y,
                &format!("{prefix}{line}"),
            );
            y -= 13.0;
        }
        y -= 2.0;
    }
    if let Some(note) = &r.late_note {
        text(content, BOLD, 10.0, left, y - 8.0, note);
    }
    text(
        content,
        FONT,
        8.0,
        left,
        60.0,
        &format!(
            "Disiapkan oleh d'naker DIGI pada {}. NIK/paspor korban disamarkan; data lengkap ada pada perusahaan.",
            r.prepared_on
        ),
    );
    Ok(())
}

/// Renders the referral package. Pure and synchronous.
pub fn render(data: &ReferralData) -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page(
        &format!("Rujukan kecelakaan kerja {}", data.case_number),
        |content| draw(content, data),
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
    fn long_text_wraps_and_is_capped() {
        let lines = wrap(&"panjang ".repeat(200));
        assert_eq!(lines.len(), 4);
        assert!(lines.iter().all(|l| l.chars().count() <= WRAP + 8));
    }
}
