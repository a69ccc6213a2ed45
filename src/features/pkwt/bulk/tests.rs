//! The bulk file readers and parsers: the template, CSV and XLSX quirks, and hostile files (a sheet
//! spanning the whole grid, a ZIP bomb, a day number past the calendar, arbitrary bytes).
use std::io::Write;

use proptest::prelude::*;

use super::{
    parse::normalize_date,
    read::{IMPORT_MAX_COLUMNS, check_unpacked_size, excel_serial_date},
    *,
};
use crate::{
    core::calendar::parse_date,
    features::pkwt::model::{IMPORT_COLUMNS, IMPORT_MAX_ROWS},
};

fn table(text: &str) -> Vec<Vec<String>> {
    read_table("pkwt.csv", text.as_bytes()).expect("readable")
}

#[test]
fn the_template_reads_back_as_one_valid_looking_row() {
    let rows =
        parse_rows(read_table("templat.csv", &template_csv()).expect("csv")).expect("columns");
    assert_eq!(rows.len(), 1);
    let (line, form) = &rows[0];
    assert_eq!(*line, 2);
    assert_eq!(form.worker_sex, "female");
    assert_eq!(form.contract_kind, "period");
    assert_eq!(form.link_kind, "new");
    assert!(form.with_allowances() && !form.is_foreign());
    assert_eq!(form.worker_address, "Jl. Raya Serang Km 12, Cikupa");
}

#[test]
fn semicolons_day_first_dates_and_missing_optional_columns() {
    let rows = parse_rows(table(
        "NIK atau paspor;Nama pekerja;Jenis kelamin;Tanggal lahir;Alamat;Jabatan;Tempat kerja;Upah;Jenis PKWT;\
         Tanggal mulai;Tanggal berakhir;Tempat tanda tangan;Tanggal tanda tangan\n\
         3603015508950001;Siti;L;15/08/1995;Jl. A;Operator;Cikupa;5300000;harian;4-1-2027;3-7-2027;Tangerang;2.1.2027\n\
         ;;;;;;;;;;;;\n",
    ))
    .expect("columns");
    assert_eq!(rows.len(), 1, "blank lines are skipped");
    let form = &rows[0].1;
    assert_eq!(form.worker_birth_date, "1995-08-15");
    assert_eq!(form.start_date, "2027-01-04");
    assert_eq!(form.signed_date, "2027-01-02");
    assert_eq!(form.worker_sex, "male");
    assert_eq!(form.contract_kind, "daily");
}

#[test]
fn wrong_columns_and_broken_files_are_refused_with_a_reason() {
    let error = parse_rows(table("nama,upah\nSiti,5000000\n")).unwrap_err();
    let AppError::Validation(errors) = error else {
        panic!("validation")
    };
    let message = errors.get("file").unwrap_or_default();
    assert!(
        message.starts_with("err_import_columns|missing=nik_atau_paspor"),
        "{message}"
    );
    let only_header = parse_rows(table(&IMPORT_COLUMNS.map(|(h, _)| h).join(","))).unwrap_err();
    assert_eq!(only_header, AppError::field("file", "err_import_empty"));
    assert_eq!(
        read_table("x.csv", &[0xFF, 0xFE, 0x00, 0x41]).unwrap_err(),
        AppError::field("file", "err_import_unreadable")
    );
    assert_eq!(
        read_table("x.xlsx", b"PK\x03\x04 not really a zip").unwrap_err(),
        AppError::field("file", "err_import_unreadable")
    );
    assert_eq!(
        read_table("x.xls", &[0xD0, 0xCF, 0x11, 0xE0, 1, 2]).unwrap_err(),
        AppError::field("file", "err_import_old_excel")
    );
    assert_eq!(
        read_table("x.csv", b"").unwrap_err(),
        AppError::field("file", "err_file_empty")
    );
}

#[test]
fn excel_day_numbers_become_dates() {
    assert_eq!(excel_serial_date(46_026.0), "2026-01-04");
    assert_eq!(excel_serial_date(1.0), "1899-12-31");
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const PACKAGE_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOCUMENT_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn zip_of<'a>(entries: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

/// A workbook of one sheet whose `<sheetData>` is `rows`, written by hand as a hostile sender would.
fn xlsx(dimension: &str, rows: &str) -> Vec<u8> {
    let entries = [
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{PACKAGE_NS}"><Relationship Id="rId1" Type="{DOCUMENT_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{DOCUMENT_NS}"><sheets><sheet name="Kontrak" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{PACKAGE_NS}"><Relationship Id="rId1" Type="{DOCUMENT_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
            ),
        ),
    ];
    zip_of(entries.iter().map(|(name, text)| (*name, text.as_bytes())))
}

fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

fn row(number: usize, cells: &[String]) -> String {
    format!(r#"<row r="{number}">{}</row>"#, cells.concat())
}

#[test]
fn a_sheet_spanning_the_whole_grid_is_refused_before_it_is_laid_out() {
    let corners = xlsx(
        "A1:XFD1048576",
        &(row(1, &[cell("A1", "nik_atau_paspor")])
            + &row(1_048_576, &[r#"<c r="XFD1048576"><v>1</v></c>"#.to_owned()])),
    );
    assert!(
        corners.len() < 2_000,
        "a small file: {} bytes",
        corners.len()
    );
    assert_eq!(
        read_table("kontrak.xlsx", &corners).unwrap_err(),
        AppError::field("file", "err_import_too_many")
    );
    let wide = xlsx("A1:XFD1", &row(1, &[cell("A1", "a"), cell("XFD1", "b")]));
    assert_eq!(
        read_table("kontrak.xlsx", &wide).unwrap_err(),
        AppError::field("file", "err_import_too_many_columns")
    );
}

#[test]
fn the_caps_are_exact_and_empty_cells_far_away_do_not_count() {
    // Column 50 is AX, 51 is AY.
    assert_eq!(IMPORT_MAX_COLUMNS, 50);
    let last = IMPORT_MAX_ROWS + 1;
    let fullest = xlsx(
        "A1:AX10001",
        &(row(1, &[cell("A1", "h")]) + &row(last, &[cell(&format!("AX{last}"), "x")])),
    );
    let rows = read_table("kontrak.xlsx", &fullest).expect("the header and 10,000 rows");
    assert_eq!((rows.len(), rows[0].len()), (last, 50));
    assert_eq!(rows[last - 1][49], "x");
    let one_row_more = xlsx(
        "A1:A10002",
        &(row(1, &[cell("A1", "h")]) + &row(last + 1, &[cell(&format!("A{}", last + 1), "x")])),
    );
    assert_eq!(
        read_table("kontrak.xlsx", &one_row_more).unwrap_err(),
        AppError::field("file", "err_import_too_many")
    );
    let one_column_more = xlsx("A1:AY1", &row(1, &[cell("A1", "a"), cell("AY1", "b")]));
    assert_eq!(
        read_table("kontrak.xlsx", &one_column_more).unwrap_err(),
        AppError::field("file", "err_import_too_many_columns")
    );
    // Formatted but empty cells (Excel keeps them) and blank rows and columns before the table.
    let offset = xlsx(
        "A1:XFD1048576",
        &(row(3, &[cell("B3", "a"), cell("C3", " ")])
            + &row(4, &[cell("C4", "b")])
            + &row(1_048_576, &[r#"<c r="XFD1048576"/>"#.to_owned()])),
    );
    assert_eq!(
        read_table("kontrak.xlsx", &offset).expect("readable"),
        [["a", ""], ["", "b"]]
    );
}

#[test]
fn the_excel_fixture_reads_as_before() {
    let bytes = include_bytes!("../../../../tests/fixtures/pkwt-import.xlsx");
    let rows = parse_rows(read_table("kontrak.xlsx", bytes).expect("readable")).expect("columns");
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .all(|(_, form)| parse_date(&form.start_date).is_some()),
        "Excel dates become dates: {rows:?}"
    );
}

/// The same archive with its entries' uncompressed sizes understated in the local headers and the
/// central directory.
fn understated(archive: &[u8]) -> Vec<u8> {
    let mut forged = archive.to_vec();
    let at = |signature: &[u8]| {
        forged
            .windows(4)
            .position(|w| w == signature)
            .expect("signature")
    };
    let (local, central) = (at(b"PK\x03\x04") + 22, at(b"PK\x01\x02") + 24);
    for offset in [local, central] {
        forged[offset..offset + 4].copy_from_slice(&100u32.to_le_bytes());
    }
    forged
}

#[test]
fn a_zip_bomb_is_measured_not_unpacked() {
    let zeros = vec![0u8; 2 * 1024 * 1024];
    let bomb = zip_of([("xl/worksheets/sheet1.xml", zeros.as_slice())]);
    assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
    let too_large = AppError::field("file", "err_import_unpacked_too_large");
    assert_eq!(
        check_unpacked_size(&bomb, 1024 * 1024).unwrap_err(),
        too_large
    );
    assert!(check_unpacked_size(&bomb, 4 * 1024 * 1024).is_ok());
    let forged = understated(&bomb);
    let refused = check_unpacked_size(&forged, 1024 * 1024).unwrap_err();
    assert!(
        refused == too_large || refused == AppError::field("file", "err_import_unreadable"),
        "{refused:?}"
    );
}

#[test]
fn a_day_number_past_the_calendar_is_no_date_and_no_panic() {
    for serial in [
        1e15,
        1e300,
        f64::MAX,
        f64::INFINITY,
        f64::NAN,
        -1.0,
        -1e300,
        2_958_466.0,
    ] {
        let text = excel_serial_date(serial);
        assert!(parse_date(&text).is_none(), "{serial} → {text}");
    }
    assert_eq!(excel_serial_date(2_958_465.0), "9999-12-31");
    assert_eq!(excel_serial_date(0.0), "1899-12-30");
}

/// Any text in any cell of a file with the template's header.
fn hostile_table() -> impl Strategy<Value = Vec<Vec<String>>> {
    let header: Vec<String> = IMPORT_COLUMNS
        .iter()
        .map(|(h, _)| (*h).to_owned())
        .collect();
    proptest::collection::vec(
        proptest::collection::vec(any::<String>(), 0..(IMPORT_COLUMNS.len() + 3)),
        0..6,
    )
    .prop_map(move |rows| std::iter::once(header.clone()).chain(rows).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_are_refused_or_read_never_a_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..2_000),
        zip_magic in any::<bool>(),
        name in "[a-z]{1,8}\\.(csv|xlsx|xls|txt)",
    ) {
        let bytes = if zip_magic {
            [b"PK\x03\x04".as_slice(), &bytes].concat()
        } else {
            bytes
        };
        if let Err(error) = read_table(&name, &bytes) {
            prop_assert!(matches!(error, AppError::Validation(_)), "{error:?}");
        }
    }

    #[test]
    fn a_workbook_with_cells_anywhere_is_read_within_the_caps_or_refused(
        cells in proptest::collection::vec((0u32..1_048_576, 0u32..16_384, "[ -~]{0,12}"), 0..8),
    ) {
        let mut rows = String::new();
        for (r, c, text) in &cells {
            let (mut letters, mut n) = (String::new(), c + 1);
            while n > 0 {
                letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
                n = (n - 1) / 26;
            }
            let text = text.replace('&', "&amp;").replace('<', "&lt;");
            rows.push_str(&row(*r as usize + 1, &[cell(&format!("{letters}{}", r + 1), &text)]));
        }
        match read_table("kontrak.xlsx", &xlsx("A1", &rows)) {
            Ok(table) => {
                prop_assert!(table.len() <= IMPORT_MAX_ROWS + 1);
                prop_assert!(table.iter().all(|r| r.len() <= IMPORT_MAX_COLUMNS));
            }
            Err(error) => prop_assert!(matches!(error, AppError::Validation(_)), "{error:?}"),
        }
    }

    #[test]
    fn any_cell_text_becomes_a_form_or_a_field_error(table in hostile_table()) {
        // Rows of junk either parse into forms (each then checked like a typed form) or are refused.
        if let Err(error) = parse_rows(table) {
            prop_assert!(matches!(error, AppError::Validation(_)), "{error:?}");
        }
    }

    #[test]
    fn typed_dates_are_normalised_or_left_alone(value in any::<String>()) {
        let normal = normalize_date(&value);
        if parse_date(&normal).is_none() {
            prop_assert_eq!(normal, value.trim());
        }
    }
}
