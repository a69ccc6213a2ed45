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

/// A date with its weekday in Indonesian ("Senin, 2027-01-11"): a strike or lock-out notice states the
/// day, date and hour (UU 13/2003 Ps 140(2), Ps 148(2)), and so does its receipt. Other text is unchanged.
pub fn with_weekday(value: &str) -> String {
    use time::Weekday::{Friday, Monday, Saturday, Sunday, Thursday, Tuesday, Wednesday};
    let Some(date) = crate::core::calendar::parse_date(value) else {
        return value.to_owned();
    };
    let day = match date.weekday() {
        Monday => "Senin",
        Tuesday => "Selasa",
        Wednesday => "Rabu",
        Thursday => "Kamis",
        Friday => "Jumat",
        Saturday => "Sabtu",
        Sunday => "Minggu",
    };
    format!("{day}, {}", value.trim())
}

/// `value` broken at spaces into lines of at most `width` characters (a word longer than a line is cut
/// into pieces), so a long statement or legal basis prints whole over several lines.
pub fn wrap(value: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in value.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !word.is_empty() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Characters per line of 9-point Helvetica across the page's text width, and of the 10-point bold
/// statement (Helvetica averages about half its size per character).
const BASIS_CHARS: usize = 105;
const STATEMENT_CHARS: usize = 88;

fn draw(content: &mut Content, d: &DocumentData) -> Result<(), qrcode::types::QrError> {
    let basis = wrap(&d.legal_basis, BASIS_CHARS);
    let (left, mut y) = letterhead(
        content,
        &clip(&d.title, 60),
        basis.first().map_or("", String::as_str),
        &d.number,
    );
    // The rest of a long legal basis continues under the number, before the form.
    if basis.len() > 1 {
        for line in &basis[1..] {
            text(content, FONT, 9.0, left, y, line);
            y -= 12.0;
        }
        y -= 8.0;
    }
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
    for (label, value) in rows {
        text(content, FONT, 9.0, left, y, &clip(&label, 32));
        text(content, BOLD, 9.0, left + 170.0, y, &clip(&value, 70));
        y -= 16.0;
    }
    if let Some(statement) = &d.statement {
        y -= 6.0;
        for line in wrap(statement, STATEMENT_CHARS) {
            text(content, BOLD, 10.0, left, y, &line);
            y -= 13.0;
        }
        y -= 3.0;
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

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_long_statement_and_basis_print_whole_over_several_lines() {
        let statement = "Disahkan demi hukum: tidak diputus dalam 30 hari kerja (Permenaker 28/2014; \
                         UU 13/2003 Ps 108-112 (30 hari kerja, jika tidak diputus: dianggap disahkan, Ps 112))";
        let basis = "UU 13/2003 Ps 146-149 (pemberitahuan paling lambat 7 hari kerja sebelumnya, Ps 148; \
                     dilarang pada perusahaan yang melayani kepentingan umum atau membahayakan \
                     keselamatan jiwa, Ps 147)";
        let lines = wrap(statement, STATEMENT_CHARS);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= STATEMENT_CHARS));
        assert_eq!(lines.join(" "), statement);
        let bytes = render(&DocumentData {
            title: "SURAT KEPUTUSAN PENGESAHAN PERATURAN PERUSAHAAN".into(),
            legal_basis: basis.into(),
            number: "PP/00001/3603/2026".into(),
            type_name: "Pengesahan Peraturan Perusahaan".into(),
            company_name: "PT Contoh".into(),
            request_code: "LYABCDEFGH".into(),
            lines: vec![],
            issued_on: "2026-12-15".into(),
            valid_until: None,
            statement: Some(statement.into()),
            verify_url: "https://example.test/verifikasi/layanan/abc".into(),
        })
        .expect("pdf");
        assert!(contains(&bytes, b"Ps 112"));
        assert!(contains(&bytes, b"dianggap disahkan, Ps 112"));
        assert!(contains(&bytes, b"keselamatan jiwa, Ps 147"));
        assert!(!contains(&bytes, b"..."));
    }

    #[test]
    fn dates_carry_their_weekday() {
        assert_eq!(with_weekday("2027-01-11"), "Senin, 2027-01-11");
        assert_eq!(with_weekday("2026-08-17"), "Senin, 2026-08-17");
        assert_eq!(with_weekday("2027-01-17"), "Minggu, 2027-01-17");
        assert_eq!(with_weekday("Halaman pabrik"), "Halaman pabrik");
    }

    #[test]
    fn wrap_cuts_a_word_longer_than_a_line() {
        assert_eq!(wrap("abcdefgh ij", 3), vec!["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("  ", 10), Vec::<String>::new());
        assert_eq!(wrap("a b c", 3), vec!["a b", "c"]);
    }
}
