//! The issued document of a request (an approval, a registration or a receipt), with a QR code to its
//! public verification page. A deemed approval carries the statement that says why it was issued.
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, letterhead, one_page, qr, text};

pub struct DocumentData {
    pub title: String,
    pub legal_basis: String,
    pub number: String,
    pub type_name: String,
    pub company_name: String,
    pub request_code: String,
    /// (label, value) of the form, in the type's order.
    pub lines: Vec<(String, String)>,
    pub issued_on: String,
    pub valid_until: Option<String>,
    /// The deemed-approval statement, when the office was silent past its last day.
    pub statement: Option<String>,
    pub verify_url: String,
}

fn clip(value: &str, max: usize) -> String {
    let mut out: String = value.chars().take(max).collect();
    if value.chars().count() > max {
        out.push_str("...");
    }
    out
}

fn draw(content: &mut Content, d: &DocumentData) -> Result<(), qrcode::types::QrError> {
    let (left, first_row) = letterhead(
        content,
        &clip(&d.title, 60),
        &clip(&d.legal_basis, 110),
        &d.number,
    );
    let mut rows = vec![
        ("Layanan".to_owned(), d.type_name.clone()),
        ("Perusahaan".to_owned(), d.company_name.clone()),
        ("Kode permohonan".to_owned(), d.request_code.clone()),
    ];
    rows.extend(d.lines.iter().take(14).cloned());
    rows.push(("Diterbitkan".to_owned(), d.issued_on.clone()));
    if let Some(until) = &d.valid_until {
        rows.push(("Berlaku sampai".to_owned(), until.clone()));
    }
    let mut y = first_row;
    for (label, value) in rows {
        text(content, FONT, 9.0, left, y, &clip(&label, 32));
        text(content, BOLD, 9.0, left + 170.0, y, &clip(&value, 70));
        y -= 16.0;
    }
    if let Some(statement) = &d.statement {
        y -= 6.0;
        text(content, BOLD, 10.0, left, y, &clip(statement, 95));
        y -= 16.0;
    }
    qr(content, &d.verify_url, left, y - 170.0, 150.0)?;
    text(
        content,
        FONT,
        9.0,
        left + 165.0,
        y - 40.0,
        "Pindai untuk memeriksa keaslian dokumen ini:",
    );
    text(content, FONT, 9.0, left + 165.0, y - 54.0, &d.verify_url);
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

/// Renders the document. Pure and synchronous.
pub fn render(document: &DocumentData) -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page(
        &format!("{} {}", document.title, document.number),
        |content| draw(content, document),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_pdf_with_the_statement() {
        let bytes = render(&DocumentData {
            title: "SURAT KEPUTUSAN PENGESAHAN PERATURAN PERUSAHAAN".into(),
            legal_basis: "Permenaker 28/2014".into(),
            number: "PP/00001/3603/2026".into(),
            type_name: "Pengesahan Peraturan Perusahaan".into(),
            company_name: "PT Contoh".into(),
            request_code: "LYABCDEFGH".into(),
            lines: vec![("Jumlah pekerja".into(), "120".into())],
            issued_on: "2026-12-15".into(),
            valid_until: Some("2028-12-15".into()),
            statement: Some("Disahkan demi hukum".into()),
            verify_url: "https://example.test/verifikasi/layanan/abc".into(),
        })
        .expect("pdf");
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
