//! The receipt of a submitted manpower report (tanda terima WLKP): the version's main figures and a QR
//! code to the public verification page.
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, letterhead, one_page, qr, text};

pub struct ReceiptData {
    pub receipt_number: String,
    pub rows: Vec<(&'static str, String)>,
    pub superseded: bool,
    pub verify_url: String,
}

fn draw(content: &mut Content, r: &ReceiptData) -> Result<(), qrcode::types::QrError> {
    let (left, top) = letterhead(
        content,
        "TANDA TERIMA WAJIB LAPOR KETENAGAKERJAAN",
        "UU 7/1981 tentang Wajib Lapor Ketenagakerjaan di Perusahaan",
        &r.receipt_number,
    );
    let mut y = top;
    for (label, value) in &r.rows {
        text(content, FONT, 10.0, left, y, label);
        text(content, FONT, 10.0, left + 150.0, y, &format!(": {value}"));
        y -= 18.0;
    }
    if r.superseded {
        text(
            content,
            BOLD,
            10.0,
            left,
            y - 6.0,
            "Catatan: versi ini telah digantikan oleh koreksi yang lebih baru.",
        );
    }
    qr(content, &r.verify_url, left + 370.0, top - 250.0, 120.0)?;
    text(
        content,
        FONT,
        8.0,
        left + 370.0,
        top - 262.0,
        "Pindai untuk memeriksa keaslian",
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
pub fn render(receipt: &ReceiptData) -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page(
        &format!("Tanda terima WLKP {}", receipt.receipt_number),
        |content| draw(content, receipt),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_is_a_small_pdf_with_its_number() {
        let receipt = ReceiptData {
            receipt_number: "WLKP/3603/2026/00001-2".into(),
            rows: vec![
                ("Perusahaan", "PT Maju Jaya".into()),
                ("Jumlah pekerja", "120".into()),
            ],
            superseded: true,
            verify_url: "http://localhost/verifikasi/wlkp/AbCd".into(),
        };
        let bytes = render(&receipt).expect("rendered");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 30_000, "{} bytes", bytes.len());
        assert!(String::from_utf8_lossy(&bytes).contains("WLKP/3603/2026/00001-2"));
    }
}
