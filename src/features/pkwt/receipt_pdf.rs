//! The registration receipt (tanda bukti pencatatan PKWT): the contract's registered facts and a QR code to
//! the public verification page, which shows only masked fields.
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, letterhead, one_page, qr, text};

pub struct ReceiptData {
    pub registration_number: String,
    pub company_name: String,
    pub worker_name: String,
    pub worker_id_masked: String,
    pub position: String,
    pub workplace: String,
    pub contract_kind: String,
    pub start_date: String,
    pub end_date: String,
    pub wage: String,
    pub signed: String,
    pub registered_on: String,
    pub officer_name: String,
    pub late: bool,
    pub verify_url: String,
}

fn draw(content: &mut Content, r: &ReceiptData) -> Result<(), qrcode::types::QrError> {
    let (left, first_row) = letterhead(
        content,
        "TANDA BUKTI PENCATATAN PKWT",
        "Perjanjian Kerja Waktu Tertentu - PP 35/2021 Pasal 14",
        &r.registration_number,
    );
    let top = first_row + 120.0;
    let rows = [
        ("Perusahaan", r.company_name.as_str()),
        ("Nama pekerja", r.worker_name.as_str()),
        ("NIK / paspor", r.worker_id_masked.as_str()),
        ("Jabatan", r.position.as_str()),
        ("Tempat kerja", r.workplace.as_str()),
        ("Jenis PKWT", r.contract_kind.as_str()),
        (
            "Jangka waktu",
            &format!("{} s.d. {}", r.start_date, r.end_date),
        ),
        ("Upah", r.wage.as_str()),
        ("Ditandatangani", r.signed.as_str()),
        ("Dicatat pada", r.registered_on.as_str()),
        ("Petugas", r.officer_name.as_str()),
    ];
    let mut y = top - 125.0;
    for (label, value) in rows {
        text(content, FONT, 10.0, left, y, label);
        text(content, FONT, 10.0, left + 110.0, y, &format!(": {value}"));
        y -= 18.0;
    }
    if r.late {
        text(
            content,
            BOLD,
            10.0,
            left,
            y - 6.0,
            "Catatan: dicatatkan lebih dari 3 hari kerja sejak penandatanganan.",
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
        &format!(
            "Tanda bukti pencatatan PKWT {}",
            receipt.registration_number
        ),
        |content| draw(content, receipt),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_is_a_small_pdf_with_its_number() {
        let receipt = ReceiptData {
            registration_number: "PKWT/3603/2026/000001".into(),
            company_name: "PT Maju Jaya".into(),
            worker_name: "Siti Aminah".into(),
            worker_id_masked: "3603********0001".into(),
            position: "Operator".into(),
            workplace: "Cikupa".into(),
            contract_kind: "Jangka waktu".into(),
            start_date: "2026-01-05".into(),
            end_date: "2026-07-04".into(),
            wage: "Rp 5.300.000".into(),
            signed: "Tangerang, 2026-01-02".into(),
            registered_on: "2026-01-05".into(),
            officer_name: "Petugas".into(),
            late: true,
            verify_url: "http://localhost/verifikasi/pkwt/AbCd".into(),
        };
        let bytes = render(&receipt).expect("rendered");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 30_000, "{} bytes", bytes.len());
        assert!(String::from_utf8_lossy(&bytes).contains("PKWT/3603/2026/000001"));
    }
}
