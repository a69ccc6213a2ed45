//! An uploaded bulk file as rows of text, the header first: CSV (comma or semicolon separated, as
//! Indonesian Excel saves it) or XLSX.
//!
//! An XLSX file is a ZIP archive that can unpack to a thousand times its size, and a sheet's used range
//! can span the whole grid with two cells filled (`A1` and `XFD1048576`: 1.7·10¹⁰ cells when read as one
//! dense range, which aborted the server). So the archive is measured before calamine opens it, and the
//! sheet is read cell by cell, refused as soon as its filled cells span more rows or columns than a bulk
//! file may have.
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use crate::{
    core::{calendar, error::AppError},
    features::pkwt::model::{IMPORT_MAX_BYTES, IMPORT_MAX_ROWS},
};

/// All entries of a workbook together, unpacked. The template's 10,000 rows take about 15 MB of sheet
/// XML and shared strings.
pub(super) const XLSX_MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// A workbook saved by Excel or LibreOffice has a dozen entries.
const XLSX_MAX_ENTRIES: usize = 500;
/// Columns a sheet may span: the template has 18, with room for notes beside them.
pub(super) const IMPORT_MAX_COLUMNS: usize = 50;
/// Excel's last day number, 9999-12-31; a larger one is no date.
const EXCEL_MAX_SERIAL: f64 = 2_958_465.0;

fn refused(key: &str) -> AppError {
    AppError::field("file", key)
}

fn unreadable<E>(_: E) -> AppError {
    refused("err_import_unreadable")
}

/// Reads a CSV or an XLSX file into rows of text, the header first.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, AppError> {
    if bytes.is_empty() {
        return Err(refused("err_file_empty"));
    }
    if bytes.len() > IMPORT_MAX_BYTES {
        return Err(refused("err_file_too_large"));
    }
    // An XLSX file is a ZIP archive, whatever it is called.
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    if file_name.to_ascii_lowercase().ends_with(".xls")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
    {
        return Err(refused("err_import_old_excel"));
    }
    read_csv(bytes)
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, AppError> {
    let text = std::str::from_utf8(bytes).map_err(unreadable)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(unreadable)?;
        rows.push(record.iter().map(|v| v.trim().to_owned()).collect());
        if rows.len() > IMPORT_MAX_ROWS + 1 {
            return Err(refused("err_import_too_many"));
        }
    }
    Ok(rows)
}

/// Refuses an archive that unpacks to more than `max` bytes. The sizes its directory declares are added
/// first (cheap); then every entry is inflated into nothing, counting, because a forged directory can
/// declare a small size and the decompressor does not stop there.
pub(super) fn check_unpacked_size(bytes: &[u8], max: u64) -> Result<(), AppError> {
    let too_large = || refused("err_import_unpacked_too_large");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if archive.len() > XLSX_MAX_ENTRIES {
        return Err(too_large());
    }
    let mut declared = 0u64;
    for i in 0..archive.len() {
        declared = declared.saturating_add(archive.by_index_raw(i).map_err(unreadable)?.size());
    }
    if declared > max {
        return Err(too_large());
    }
    let mut left = max;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(unreadable)?;
        let inflated =
            std::io::copy(&mut entry.take(left + 1), &mut std::io::sink()).map_err(unreadable)?;
        left = left.checked_sub(inflated).ok_or_else(too_large)?;
    }
    Ok(())
}

/// The first sheet, read sparsely: only filled cells are kept, and their span is bounded before the rows
/// are laid out (from the first filled row and column, as calamine's used range starts).
fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, AppError> {
    check_unpacked_size(bytes, XLSX_MAX_UNPACKED_BYTES)?;
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let first = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| refused("err_import_unreadable"))?;
    let mut reader = workbook
        .worksheet_cells_reader(&first)
        .map_err(unreadable)?;
    let mut cells: Vec<(usize, usize, String)> = Vec::new();
    let (mut top, mut bottom, mut left, mut right) = (usize::MAX, 0, usize::MAX, 0);
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let (row, column) = (row as usize, column as usize);
        (top, bottom) = (top.min(row), bottom.max(row));
        (left, right) = (left.min(column), right.max(column));
        if bottom - top > IMPORT_MAX_ROWS {
            return Err(refused("err_import_too_many"));
        }
        if right - left >= IMPORT_MAX_COLUMNS {
            return Err(refused("err_import_too_many_columns"));
        }
        cells.push((row, column, text));
    }
    if cells.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = vec![vec![String::new(); right - left + 1]; bottom - top + 1];
    for (row, column, text) in cells {
        rows[row - top][column - left] = text;
    }
    Ok(rows)
}

fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.trim().to_owned(),
        DataRef::SharedString(s) => s.trim().to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "ya" } else { "tidak" }.to_owned(),
        DataRef::DateTime(d) => excel_serial_date(d.as_f64()),
        DataRef::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        DataRef::DurationIso(s) => s.clone(),
    }
}

/// Excel's day number (1900 system: day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for).
/// A number beyond Excel's own calendar stays a number, so the row is refused with a date error.
pub(super) fn excel_serial_date(serial: f64) -> String {
    if !(0.0..=EXCEL_MAX_SERIAL).contains(&serial) {
        return serial.to_string();
    }
    let base = time::macros::date!(1899 - 12 - 30);
    // In range, so the day count fits `Duration::days` (which panics on overflow) and the date exists.
    base.checked_add(time::Duration::days(serial.floor() as i64))
        .map(calendar::format_date)
        .unwrap_or_default()
}
