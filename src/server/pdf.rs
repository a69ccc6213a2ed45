//! Small vector PDFs (the AK-1 card, the PKWT receipt): A4 pages (usually one), Helvetica (a PDF base font, nothing
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
    let mut draw = Some(draw);
    pages(title, 1, |_, content| {
        draw.take().map_or(Ok(()), |d| d(content))
    })
}

/// An A4 document of `count` pages (at least one) titled `title`; `draw` draws page `i` (from 0).
pub fn pages(
    title: &str,
    count: usize,
    mut draw: impl FnMut(usize, &mut Content) -> Result<(), qrcode::types::QrError>,
) -> Result<Vec<u8>, qrcode::types::QrError> {
    let count = count.max(1);
    let mut pdf = Pdf::new();
    let (catalog, pages, font, bold, info) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    // Page i is object 6 + 2i, its content stream the next one.
    let page_ref = |i: usize| Ref::new(6 + 2 * i as i32);
    let contents_ref = |i: usize| Ref::new(7 + 2 * i as i32);
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages)
        .kids((0..count).map(page_ref))
        .count(count as i32);
    for i in 0..count {
        let mut page_writer = pdf.page(page_ref(i));
        page_writer
            .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(pages)
            .contents(contents_ref(i));
        page_writer
            .resources()
            .fonts()
            .pair(FONT, font)
            .pair(BOLD, bold);
        page_writer.finish();
        let mut content = Content::new();
        draw(i, &mut content)?;
        pdf.stream(contents_ref(i), &content.finish());
    }
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info).title(pdf_writer::TextStr(title));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outside_latin1_does_not_break_the_page() {
        assert_eq!(latin1("Śiti é"), b"?iti \xe9".to_vec());
    }

    #[test]
    fn a_document_of_several_pages_lists_each() {
        let bytes = pages("t", 3, |i, content| {
            text(content, FONT, 9.0, 50.0, 50.0, &format!("halaman-{i}"));
            Ok(())
        })
        .expect("rendered");
        let body = String::from_utf8_lossy(&bytes);
        assert!(body.contains("/Count 3"));
        assert!((0..3).all(|i| body.contains(&format!("halaman-{i}"))));
    }
}
