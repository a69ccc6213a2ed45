//! The printable AK-1 card: an A4 page with the front (identity, validity, QR code to the public
//! verification page) and the back (re-report boxes), like the paper card. Vector only: Helvetica (a PDF
//! base font, nothing embedded) and the QR code drawn as squares, so a card is a few kilobytes.
use pdf_writer::Content;

use crate::server::pdf::{BOLD, FONT, PAGE_H, one_page, qr, text};

/// Everything printed on a card.
pub struct CardData {
    pub number: String,
    pub nik: String,
    pub full_name: String,
    pub place_of_birth: String,
    pub date_of_birth: String,
    pub sex: String,
    pub marital_status: String,
    pub address: String,
    pub education: String,
    pub skills: String,
    /// The training section: programmes finished through the portal ("title, provider (year)"), and the
    /// skills they verified.
    pub training: Vec<String>,
    pub verified_skills: String,
    pub officer_name: String,
    pub issued_on: String,
    pub valid_until: String,
    pub re_report_due: Vec<String>,
    pub reports: Vec<String>,
    pub verify_url: String,
}

/// The office, the card's title and its number, at the top of the front.
fn header(content: &mut Content, card: &CardData, left: f32, top: f32) {
    text(
        content,
        BOLD,
        11.0,
        left + 14.0,
        top - 24.0,
        "PEMERINTAH KABUPATEN TANGERANG - DINAS TENAGA KERJA",
    );
    text(
        content,
        BOLD,
        14.0,
        left + 14.0,
        top - 44.0,
        "KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA (AK/I)",
    );
    text(
        content,
        FONT,
        9.0,
        left + 14.0,
        top - 58.0,
        "Permenaker 39/2016 - d'naker DIGI",
    );
    text(
        content,
        BOLD,
        12.0,
        left + 14.0,
        top - 84.0,
        &format!("No. {}", card.number),
    );
}

/// Validity, the issuing officer and where to check the card, at the bottom of the front.
fn validity(content: &mut Content, card: &CardData, left: f32, top: f32) {
    text(
        content,
        FONT,
        9.5,
        left + 14.0,
        top - 290.0,
        &format!("Berlaku: {} s.d. {}", card.issued_on, card.valid_until),
    );
    text(
        content,
        FONT,
        9.5,
        left + 14.0,
        top - 308.0,
        &format!("Petugas penerbit: {}", card.officer_name),
    );
    text(
        content,
        FONT,
        8.0,
        left + 14.0,
        top - 340.0,
        "Keaslian kartu: pindai kode QR atau buka",
    );
    text(
        content,
        FONT,
        8.0,
        left + 14.0,
        top - 352.0,
        &card.verify_url,
    );
}

fn front(content: &mut Content, card: &CardData) -> Result<(), qrcode::types::QrError> {
    let (left, top) = (40.0, PAGE_H - 40.0);
    content
        .set_stroke_rgb(0.06, 0.37, 0.55)
        .set_line_width(1.5)
        .rect(left, top - 370.0, 515.0, 370.0)
        .stroke();
    header(content, card, left, top);
    let rows = [
        ("NIK", card.nik.as_str()),
        ("Nama", card.full_name.as_str()),
        (
            "Tempat/Tgl. Lahir",
            &format!("{}, {}", card.place_of_birth, card.date_of_birth),
        ),
        ("Jenis Kelamin", card.sex.as_str()),
        ("Status", card.marital_status.as_str()),
        ("Alamat", card.address.as_str()),
        ("Pendidikan", card.education.as_str()),
        ("Keterampilan", card.skills.as_str()),
    ];
    for (index, (label, value)) in rows.iter().enumerate() {
        let y = top - 110.0 - index as f32 * 20.0;
        text(content, FONT, 9.5, left + 14.0, y, label);
        let value: String = value.chars().take(60).collect();
        text(content, FONT, 9.5, left + 120.0, y, &format!(": {value}"));
    }
    // The photo box of the paper card (3 x 4 cm).
    content
        .set_stroke_rgb(0.4, 0.4, 0.4)
        .set_line_width(0.8)
        .rect(left + 420.0, top - 190.0, 85.0, 113.0)
        .stroke();
    text(content, FONT, 8.0, left + 440.0, top - 135.0, "Foto 3 x 4");
    validity(content, card, left, top);
    qr(content, &card.verify_url, left + 400.0, top - 360.0, 105.0)
}

/// One re-report box of the back: its due date and, once done, the day it was reported.
fn report_box(content: &mut Content, card: &CardData, index: usize, x: f32, top: f32) {
    content.rect(x, top - 170.0, 155.0, 125.0).stroke();
    text(
        content,
        BOLD,
        10.0,
        x + 8.0,
        top - 62.0,
        &format!("Laporan ke-{}", index + 1),
    );
    let due = card.re_report_due.get(index).map_or("-", String::as_str);
    text(
        content,
        FONT,
        9.0,
        x + 8.0,
        top - 80.0,
        &format!("Paling lambat: {due}"),
    );
    let done = card.reports.get(index).map_or("", String::as_str);
    text(
        content,
        FONT,
        9.0,
        x + 8.0,
        top - 98.0,
        &format!("Dilaporkan: {done}"),
    );
}

fn back(content: &mut Content, card: &CardData) {
    let (left, top) = (40.0, PAGE_H - 440.0);
    content
        .set_stroke_rgb(0.06, 0.37, 0.55)
        .set_line_width(1.5)
        .rect(left, top - 360.0, 515.0, 360.0)
        .stroke();
    text(
        content,
        BOLD,
        12.0,
        left + 14.0,
        top - 26.0,
        "LAPOR DIRI (setiap 6 bulan)",
    );
    content.set_stroke_rgb(0.3, 0.3, 0.3).set_line_width(0.8);
    for index in 0..3 {
        report_box(
            content,
            card,
            index,
            left + 14.0 + index as f32 * 165.0,
            top,
        );
    }
    let rules = [
        "KETENTUAN:",
        "1. Kartu ini berlaku 2 (dua) tahun sejak diterbitkan.",
        "2. Pemegang kartu wajib lapor diri setiap 6 (enam) bulan, dapat dilakukan secara online.",
        "3. Kartu ditutup bila pemegang telah diterima bekerja.",
        "4. Layanan Disnaker tidak dipungut biaya.",
    ];
    for (index, rule) in rules.iter().enumerate() {
        text(
            content,
            if index == 0 { BOLD } else { FONT },
            9.0,
            left + 14.0,
            top - 200.0 - index as f32 * 16.0,
            rule,
        );
    }
    training(content, card, left, top - 290.0);
}

/// The training section of the back: up to three programmes and the verified skills, one line each.
fn training(content: &mut Content, card: &CardData, left: f32, top: f32) {
    if card.training.is_empty() && card.verified_skills.is_empty() {
        return;
    }
    text(
        content,
        BOLD,
        9.0,
        left + 14.0,
        top,
        "PELATIHAN (terverifikasi Disnaker)",
    );
    let mut lines: Vec<String> = card.training.iter().take(3).cloned().collect();
    if !card.verified_skills.is_empty() {
        lines.push(format!(
            "Keterampilan terverifikasi: {}",
            card.verified_skills
        ));
    }
    for (index, line) in lines.iter().enumerate() {
        let line: String = line.chars().take(95).collect();
        text(
            content,
            FONT,
            8.5,
            left + 14.0,
            top - 14.0 - index as f32 * 12.0,
            &line,
        );
    }
}

/// Renders the card. Pure and synchronous: call it from `spawn_blocking` on the server.
pub fn render(card: &CardData) -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page(&format!("Kartu AK-1 {}", card.number), |content| {
        front(content, card)?;
        back(content, card);
        Ok(())
    })
}

/// A realistic card, for tests and the benchmark.
pub fn sample() -> CardData {
    CardData {
        number: "AK1/3603/2026/000123".into(),
        nik: "3603015508950001".into(),
        full_name: "Siti Aminah".into(),
        place_of_birth: "Tangerang".into(),
        date_of_birth: "1995-08-15".into(),
        sex: "Perempuan".into(),
        marital_status: "Belum kawin".into(),
        address: "Jl. Raya Serang Km 24, Balaraja".into(),
        education: "SMK - SMK Negeri 1 Balaraja (2014)".into(),
        skills: "las listrik, forklift".into(),
        training: vec!["Pengelasan SMAW Dasar, BLK Kabupaten Tangerang (2026)".into()],
        verified_skills: "Las listrik, K3 pengelasan".into(),
        officer_name: "Petugas Layanan".into(),
        issued_on: "2026-11-28".into(),
        valid_until: "2028-11-27".into(),
        re_report_due: vec![
            "2027-05-28".into(),
            "2027-11-28".into(),
            "2028-05-28".into(),
        ],
        reports: vec![],
        verify_url: "http://127.0.0.1:3000/verifikasi/ak1/AbCdEfGh12345678".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_a_small_pdf_with_its_number() {
        let bytes = render(&sample()).expect("rendered");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("AK1/3603/2026/000123"));
        assert!(text.contains("Helvetica"));
        assert!(text.contains("PELATIHAN (terverifikasi Disnaker)"));
        assert!(text.contains("Pengelasan SMAW Dasar, BLK Kabupaten Tangerang (2026)"));
        assert!(text.contains("Keterampilan terverifikasi: Las listrik, K3 pengelasan"));
    }
}
