//! The company's receipt of an accident report (tanda terima laporan kecelakaan kerja): the case number,
//! when it happened and was reported, whether within 2 x 24 hours, whether the referral package has gone
//! to the provincial inspectorate, and a QR code to the receipt in the portal (for the office's records).
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, letterhead, one_page, qr, text};

pub struct AccidentReceipt {
    pub case_number: String,
    /// (label, value) rows in order; values are short (the full account is in the referral package).
    pub rows: Vec<(&'static str, String)>,
    pub url: String,
}

fn draw(content: &mut Content, r: &AccidentReceipt) -> Result<(), qrcode::types::QrError> {
    let (left, top) = letterhead(
        content,
        "TANDA TERIMA LAPORAN KECELAKAAN KERJA",
        "Permenaker 03/1998 tentang Tata Cara Pelaporan dan Pemeriksaan Kecelakaan",
        &r.case_number,
    );
    let mut y = top;
    for (label, value) in &r.rows {
        text(content, FONT, 10.0, left, y, label);
        let value: String = value.chars().take(60).collect();
        text(content, FONT, 10.0, left + 150.0, y, &format!(": {value}"));
        y -= 18.0;
    }
    qr(content, &r.url, left + 370.0, y - 130.0, 120.0)?;
    text(
        content,
        BOLD,
        9.0,
        left + 370.0,
        y - 142.0,
        &format!("Nomor kasus {}", r.case_number),
    );
    text(
        content,
        FONT,
        8.0,
        left,
        60.0,
        "Dokumen ini diterbitkan secara elektronik oleh d'naker DIGI dan sah tanpa tanda tangan basah.",
    );
    Ok(())
}

/// Renders the receipt. Pure and synchronous.
pub fn render(receipt: &AccidentReceipt) -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page(
        &format!("Tanda terima laporan kecelakaan {}", receipt.case_number),
        |content| draw(content, receipt),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_receipt_is_a_pdf_with_its_case_number() {
        let receipt = AccidentReceipt {
            case_number: "K3/3603/2026/00001".into(),
            rows: vec![("Perusahaan", "PT Maju Jaya".into())],
            url: "https://dnaker.example/k3/kecelakaan/1/tanda-terima.pdf".into(),
        };
        let bytes = render(&receipt).expect("rendered");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(String::from_utf8_lossy(&bytes).contains("K3/3603/2026/00001"));
    }
}
