//! Open data (Satu Data Indonesia): each open table as a UTF-8 CSV file (`server::csv_export`), its data
//! dictionary (column, type, meaning, unit) and the DCAT-style catalogue `/statistik/katalog.json` a
//! regional open-data portal harvests.
use std::collections::HashMap;

use serde_json::{Value, json};

use crate::{
    core::{calendar, error::AppError, i18n::Lang, region::REGENCY},
    features::statistics::{
        model::{Dataset, Dimension},
        repo, service,
    },
    server::{csv_export::CsvExport, state::AppState},
};

/// The CSV's columns: name, type, and the translation key of its meaning. The unit column names the unit.
pub const COLUMNS: [(&str, &str, &str); 10] = [
    ("tahun", "integer", "statistics_col_year"),
    ("bulan", "text (YYYY-MM)", "statistics_col_month"),
    ("kode_kecamatan", "text", "statistics_col_district_code"),
    ("kecamatan", "text", "statistics_col_district"),
    ("dimensi", "text", "statistics_col_dimension"),
    ("kode_kategori", "text", "statistics_col_category_code"),
    ("kategori", "text", "statistics_col_category"),
    ("nilai", "integer", "statistics_col_value"),
    ("disamarkan", "integer (0/1)", "statistics_col_suppressed"),
    ("satuan", "text", "statistics_col_unit"),
];

const LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";

fn csv_error(_: csv::Error) -> AppError {
    AppError::Internal {
        reference: "statistics-csv".into(),
    }
}

/// The file name of a dataset's CSV.
pub fn csv_name(dataset: Dataset) -> String {
    format!("statistik-{}.csv", dataset.slug())
}

/// One open table as CSV, long format: one row per month, district, dimension and category.
pub async fn table_csv(
    state: &AppState,
    lang: Lang,
    dataset: &str,
    district: Option<&str>,
    year: Option<i32>,
) -> Result<(String, Vec<u8>), AppError> {
    let parsed = Dataset::parse(dataset).ok_or(AppError::NotFound)?;
    let rows = service::open_table(&state.db, dataset, district, year).await?;
    let labels: HashMap<(String, String), String> = repo::labels(&state.db.pool, lang)
        .await?
        .into_iter()
        .map(|(d, c, n)| ((d, c), n))
        .collect();
    let t = lang.strings();
    let unit = t.lookup(parsed.unit_key()).unwrap_or_default();
    let mut out = CsvExport::new();
    out.write_record(COLUMNS.iter().map(|c| c.0))
        .map_err(csv_error)?;
    for row in rows {
        let district_name = labels
            .get(&("kecamatan".to_owned(), row.district_code.clone()))
            .cloned()
            .unwrap_or_default();
        let word = Dimension::parse(&row.dimension).and_then(|d| d.word_key(&row.category));
        let category = match (row.dimension.as_str(), word) {
            (_, Some(key)) => t.lookup(&key).unwrap_or_default().to_owned(),
            ("kelompok_umur" | "jumlah", None) => row.category.clone(),
            (dimension, None) => labels
                .get(&(dimension.to_owned(), row.category.clone()))
                .cloned()
                .unwrap_or_default(),
        };
        out.write_record([
            row.month.get(0..4).unwrap_or_default(),
            &row.month,
            &row.district_code,
            &district_name,
            &row.dimension,
            &row.category,
            &category,
            &row.value.map(|v| v.to_string()).unwrap_or_default(),
            if row.value.is_none() { "1" } else { "0" },
            unit,
        ])
        .map_err(csv_error)?;
    }
    Ok((csv_name(parsed), out.into_inner().map_err(csv_error)?))
}

/// A dataset's data dictionary as CSV: kolom, tipe, arti, satuan.
pub fn dictionary_csv(lang: Lang, dataset: &str) -> Result<(String, Vec<u8>), AppError> {
    let parsed = Dataset::parse(dataset).ok_or(AppError::NotFound)?;
    let t = lang.strings();
    let mut out = CsvExport::new();
    out.write_record(["kolom", "tipe", "arti", "satuan"])
        .map_err(csv_error)?;
    for (name, kind, key) in COLUMNS {
        let unit = match name {
            "nilai" => t.lookup(parsed.unit_key()).unwrap_or_default(),
            "tahun" | "bulan" => t.statistics_unit_calendar,
            _ => "",
        };
        out.write_record([name, kind, t.lookup(key).unwrap_or_default(), unit])
            .map_err(csv_error)?;
    }
    Ok((
        format!("kamus-{}.csv", parsed.slug()),
        out.into_inner().map_err(csv_error)?,
    ))
}

/// The office's address for questions about the open data (the catalogue's `contactPoint`).
pub const CONTACT_EMAIL: &str = "disnaker@tangerangkab.go.id";

/// The schema the catalogue declares and meets: Project Open Data v1.1 (DCAT-US). Every dataset carries
/// its required fields (title, description, keyword, modified, publisher, contactPoint, identifier,
/// accessLevel); `bureauCode` and `programCode` are required of US federal agencies only. Dates are ISO
/// 8601 and `temporal` is a `start/end` interval.
pub const CONFORMS_TO: &str = "https://project-open-data.cio.gov/v1.1/schema";

/// The DCAT-style catalogue of every open table.
pub async fn catalogue(state: &AppState, lang: Lang) -> Result<Value, AppError> {
    let t = lang.strings();
    let base = state.config.server.public_url.trim_end_matches('/');
    let refreshed = repo::refreshed(&state.db.pool).await?;
    // Never refreshed yet: the tables are empty as of today.
    let modified = calendar::format_date(calendar::wib_date(
        refreshed.as_ref().map_or(state.clock.now_ms(), |r| r.0),
    ));
    let temporal = refreshed
        .as_ref()
        .filter(|(_, first, last)| !first.is_empty() && !last.is_empty())
        .map(|(_, first, last)| format!("{first}/{last}"));
    let publisher = json!({ "@type": "org:Organization", "name": t.statistics_publisher });
    let contact = json!({
        "@type": "vcard:Contact",
        "fn": t.statistics_publisher,
        "hasEmail": format!("mailto:{CONTACT_EMAIL}"),
    });
    let datasets: Vec<Value> = Dataset::ALL
        .iter()
        .map(|d| {
            let title = t.lookup(d.key()).unwrap_or_default();
            let about = t.lookup(&format!("{}_about", d.key())).unwrap_or_default();
            json!({
                "@type": "dcat:Dataset",
                "identifier": format!("{base}/statistik/csv/{}", d.slug()),
                "title": title,
                "description": about,
                "keyword": ["ketenagakerjaan", "IPK", d.slug()],
                "publisher": publisher,
                "contactPoint": contact,
                "accessLevel": "public",
                "license": LICENCE,
                "accrualPeriodicity": "R/PT1H",
                "updateFrequency": t.statistics_update_frequency,
                "temporal": temporal,
                "spatial": format!("{} ({})", REGENCY.name, REGENCY.dotted),
                "modified": modified,
                "language": ["id"],
                "source": d.source_tables(),
                "unit": t.lookup(d.unit_key()).unwrap_or_default(),
                "landingPage": format!("{base}/statistik?data={}", d.slug()),
                "describedBy": format!("{base}/statistik/kamus/{}", d.slug()),
                "describedByType": "text/csv",
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "title": title,
                        "format": "CSV",
                        "mediaType": "text/csv",
                        "downloadURL": format!("{base}/statistik/csv/{}", d.slug()),
                        "describedBy": format!("{base}/statistik/kamus/{}", d.slug()),
                        "describedByType": "text/csv",
                    },
                    {
                        "@type": "dcat:Distribution",
                        "title": t.statistics_dictionary,
                        "format": "CSV",
                        "mediaType": "text/csv",
                        "downloadURL": format!("{base}/statistik/kamus/{}", d.slug()),
                    }
                ],
            })
        })
        .collect();
    Ok(json!({
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": format!("{base}/statistik/katalog.json"),
        "@type": "dcat:Catalog",
        "conformsTo": CONFORMS_TO,
        "describedBy": format!("{CONFORMS_TO}/catalog.json"),
        "title": t.statistics_title,
        "description": t.statistics_lead,
        "publisher": publisher,
        "license": LICENCE,
        "homepage": format!("{base}/statistik"),
        "modified": modified,
        "dataset": datasets,
    }))
}
