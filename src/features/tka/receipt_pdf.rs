//! The DKPTKA payment receipt: the validated bill and a QR code to the public verification page, which
//! shows only masked fields.
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, letterhead, one_page, qr, text};

pub struct ReceiptData {
    pub bill_number: String,
    pub company_name: String,
    pub rptka_number: String,
    pub period: String,
    pub positions_months: String,
    pub amount_usd: String,
    pub rate: String,
    pub amount_idr: String,
    pub payment: String,
    pub validated_on: String,
    pub verify_url: String,
}

fn draw(content: &mut Content, r: &ReceiptData) -> Result<(), qrcode::types::QrError> {
    let (left, first_row) = letterhead(
        content,
        "TANDA TERIMA PEMBAYARAN DKPTKA",
        "Dana Kompensasi Penggunaan Tenaga Kerja Asing - PP 34/2021, perpanjangan RPTKA",
        &r.bill_number,
    );
    let rows = [
        ("Perusahaan", r.company_name.as_str()),
        ("Nomor RPTKA", r.rptka_number.as_str()),
        ("Masa", r.period.as_str()),
        ("Jabatan x bulan", r.positions_months.as_str()),
        ("Jumlah (USD)", r.amount_usd.as_str()),
        ("Kurs", r.rate.as_str()),
        ("Jumlah (Rupiah)", r.amount_idr.as_str()),
        ("Pembayaran", r.payment.as_str()),
        ("Divalidasi", r.validated_on.as_str()),
    ];
    let mut y = first_row;
    for (label, value) in rows {
        text(content, FONT, 10.0, left, y, label);
        text(content, BOLD, 10.0, left + 120.0, y, value);
        y -= 18.0;
    }
    qr(content, &r.verify_url, left, y - 170.0, 150.0)?;
    text(
        content,
        FONT,
        9.0,
        left + 165.0,
        y - 40.0,
        "Pindai untuk memeriksa keaslian tanda terima ini:",
    );
    text(content, FONT, 9.0, left + 165.0, y - 54.0, &r.verify_url);
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
        &format!("Tanda terima DKPTKA {}", receipt.bill_number),
        |content| draw(content, receipt),
    )
}
