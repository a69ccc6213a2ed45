//! Small vector PDFs (the AK-1 card, the PKWT receipt): one A4 page, Helvetica (a PDF base font, nothing
//! embedded) and QR codes drawn as squares, so a document is a few kilobytes.
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use qrcode::{Color, QrCode};

pub const FONT: Name = Name(b"F1");
pub const BOLD: Name = Name(b"F2");
pub const PAGE_W: f32 = 595.0;
pub const PAGE_H: f32 = 842.0;

/// Latin-1 bytes for the WinAnsi base font; anything else becomes '?'.
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

pub fn text(content: &mut Content, font: Name, size: f32, x: f32, y: f32, value: &str) {
    content
        .begin_text()
        .set_font(font, size)
        .next_line(x, y)
        .show(Str(&latin1(value)))
        .end_text();
}

/// The office's letterhead, the document's title, its legal basis and number, from the top left of an A4
/// page. Returns where the document's own content may start.
pub fn letterhead(content: &mut Content, title: &str, basis: &str, number: &str) -> (f32, f32) {
    let (left, top) = (50.0, PAGE_H - 60.0);
    text(
        content,
        BOLD,
        11.0,
        left,
        top,
        "PEMERINTAH KABUPATEN TANGERANG",
    );
    text(content, BOLD, 11.0, left, top - 15.0, "DINAS TENAGA KERJA");
    text(content, BOLD, 15.0, left, top - 50.0, title);
    text(content, FONT, 9.0, left, top - 64.0, basis);
    text(
        content,
        BOLD,
        12.0,
        left,
        top - 90.0,
        &format!("Nomor: {number}"),
    );
    (left, top - 120.0)
}

/// A QR code of `url` in a white square of `size` points at (`x`, `y`), with the quiet zone scanners expect.
pub fn qr(
    content: &mut Content,
    url: &str,
    x: f32,
    y: f32,
    size: f32,
) -> Result<(), qrcode::types::QrError> {
    let code = QrCode::new(url.as_bytes())?;
    let width = code.width();
    let module = size / (width as f32 + 8.0);
    content
        .set_fill_rgb(1.0, 1.0, 1.0)
        .rect(x, y, size, size)
        .fill_nonzero();
    content.set_fill_rgb(0.0, 0.0, 0.0);
    for (index, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (col, row) = ((index % width) as f32, (index / width) as f32);
            content.rect(
                x + (col + 4.0) * module,
                y + size - (row + 5.0) * module,
                module,
                module,
            );
        }
    }
    content.fill_nonzero();
    Ok(())
}

/// A one-page A4 document titled `title`, its content drawn by `draw`.
pub fn one_page(
    title: &str,
    draw: impl FnOnce(&mut Content) -> Result<(), qrcode::types::QrError>,
) -> Result<Vec<u8>, qrcode::types::QrError> {
    let mut pdf = Pdf::new();
    let (catalog, pages, page, font, bold, contents) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
    );
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut page_writer = pdf.page(page);
    page_writer
        .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
        .parent(pages)
        .contents(contents);
    {
        let mut resources = page_writer.resources();
        resources.fonts().pair(FONT, font).pair(BOLD, bold);
    }
    page_writer.finish();
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    let mut content = Content::new();
    draw(&mut content)?;
    pdf.stream(contents, &content.finish());
    pdf.document_info(Ref::new(7))
        .title(pdf_writer::TextStr(title));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outside_latin1_does_not_break_the_page() {
        assert_eq!(latin1("Śiti é"), b"?iti \xe9".to_vec());
    }
}
