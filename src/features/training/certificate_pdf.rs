//! The training certificate as a one-page PDF: the holder, the programme, its hours, skills and SKKNI
//! units, the result, and a QR code that opens the public verification page.
use pdf_writer::Content;

use crate::{
    features::training::model::CertificateCheck,
    server::pdf::{BOLD, FONT, PAGE_H, one_page, qr, text},
};

fn result_text(result: &str) -> &'static str {
    match result {
        "passed" => "Lulus pelatihan dan uji kompetensi (passed the competency test)",
        _ => "Telah menyelesaikan pelatihan (completed the training)",
    }
}

fn draw(
    content: &mut Content,
    c: &CertificateCheck,
    url: &str,
) -> Result<(), qrcode::types::QrError> {
    let (left, top) = (50.0, PAGE_H - 60.0);
    text(
        content,
        BOLD,
        11.0,
        left,
        top,
        "DINAS TENAGA KERJA KABUPATEN TANGERANG",
    );
    text(
        content,
        BOLD,
        18.0,
        left,
        top - 40.0,
        "SERTIFIKAT PELATIHAN",
    );
    text(
        content,
        FONT,
        10.0,
        left,
        top - 58.0,
        "Training certificate",
    );
    text(
        content,
        FONT,
        10.0,
        left,
        top - 90.0,
        "Diberikan kepada / awarded to",
    );
    text(content, BOLD, 16.0, left, top - 112.0, &c.holder);
    let rows = [
        ("Program", c.programme_title.clone()),
        ("Penyelenggara", c.provider_name.clone()),
        ("Tanggal", format!("{} s.d. {}", c.starts_on, c.ends_on)),
        ("Jumlah jam", format!("{} jam", c.hours)),
        ("Hasil", result_text(&c.result).to_owned()),
        ("Terbit", c.issued_on.clone()),
    ];
    let mut y = top - 145.0;
    for (label, value) in rows {
        text(content, FONT, 10.0, left, y, label);
        text(content, BOLD, 10.0, left + 110.0, y, &value);
        y -= 18.0;
    }
    text(
        content,
        FONT,
        10.0,
        left,
        y - 4.0,
        "Keterampilan terverifikasi:",
    );
    text(
        content,
        BOLD,
        10.0,
        left + 150.0,
        y - 4.0,
        &c.skills.join(", "),
    );
    y -= 24.0;
    for (code, title) in c.units.iter().take(8) {
        text(
            content,
            FONT,
            9.0,
            left,
            y,
            &format!("SKKNI {code}  {title}"),
        );
        y -= 14.0;
    }
    text(content, FONT, 10.0, left, y - 10.0, "Kode sertifikat");
    text(content, BOLD, 20.0, left, y - 34.0, &c.code);
    qr(content, url, left, y - 230.0, 180.0)?;
    text(
        content,
        FONT,
        9.0,
        left,
        y - 246.0,
        "Pindai kode QR untuk memeriksa keaslian sertifikat ini:",
    );
    text(content, FONT, 9.0, left, y - 260.0, url);
    text(
        content,
        FONT,
        8.0,
        left,
        60.0,
        "Diterbitkan secara elektronik oleh d'naker DIGI.",
    );
    Ok(())
}

/// Renders the certificate. Pure and synchronous.
pub fn render(check: &CertificateCheck, url: &str) -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page(&format!("Sertifikat pelatihan {}", check.code), |content| {
        draw(content, check, url)
    })
}
