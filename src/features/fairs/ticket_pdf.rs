//! The visitor's ticket as a one-page PDF: the fair, the holder, the code and a QR code that opens the
//! check-in page with the code filled in.
use pdf_writer::Content;

use crate::{
    features::fairs::model::FairCard,
    server::pdf::{BOLD, FONT, PAGE_H, one_page, qr, text},
};

pub struct TicketData {
    pub holder: String,
    pub code: String,
    pub check_in_url: String,
    pub fair: FairCard,
}

fn kind_text(kind: &str) -> &'static str {
    match kind {
        "online" => "Daring (online)",
        "onsite" => "Luring (di lokasi)",
        _ => "Hibrida (daring dan di lokasi)",
    }
}

fn draw(content: &mut Content, t: &TicketData) -> Result<(), qrcode::types::QrError> {
    let (left, top) = (50.0, PAGE_H - 60.0);
    text(
        content,
        BOLD,
        11.0,
        left,
        top,
        "DINAS TENAGA KERJA KABUPATEN TANGERANG",
    );
    text(content, BOLD, 16.0, left, top - 40.0, "TIKET BURSA KERJA");
    text(content, BOLD, 13.0, left, top - 66.0, &t.fair.name);
    let dates = if t.fair.starts_on == t.fair.ends_on {
        t.fair.starts_on.clone()
    } else {
        format!("{} s.d. {}", t.fair.starts_on, t.fair.ends_on)
    };
    let rows = [
        ("Pemegang tiket", t.holder.clone()),
        ("Tanggal", dates),
        (
            "Jam",
            format!("{} - {} WIB", t.fair.opens_at, t.fair.closes_at),
        ),
        ("Jenis", kind_text(&t.fair.kind).to_owned()),
        ("Tempat", t.fair.venue.clone()),
    ];
    let mut y = top - 100.0;
    for (label, value) in rows {
        text(content, FONT, 10.0, left, y, label);
        text(content, BOLD, 10.0, left + 110.0, y, &value);
        y -= 18.0;
    }
    text(content, FONT, 10.0, left, y - 10.0, "Kode tiket");
    text(content, BOLD, 22.0, left, y - 36.0, &t.code);
    qr(content, &t.check_in_url, left, y - 290.0, 220.0)?;
    text(
        content,
        FONT,
        9.0,
        left,
        y - 310.0,
        "Tunjukkan kode QR ini kepada petugas atau stan. Satu tiket untuk satu orang, berlaku sekali masuk.",
    );
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

/// Renders the ticket. Pure and synchronous.
pub fn render(ticket: &TicketData) -> Result<Vec<u8>, qrcode::types::QrError> {
    one_page(&format!("Tiket bursa kerja {}", ticket.code), |content| {
        draw(content, ticket)
    })
}
