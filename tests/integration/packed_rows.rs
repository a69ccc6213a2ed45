//! `Db::fetch_packed` (one JSON row on SQLite, rows on PostgreSQL) gives back what the rows held.
use dnaker::server::db::SqlBuilder;
use serde::Deserialize;

#[derive(Debug, Deserialize, sqlx::FromRow, PartialEq)]
struct Row {
    id: i64,
    label: String,
    note: Option<String>,
}

on_both_backends!(
    packed_rows_keep_integers_text_and_nulls,
    |app: crate::common::TestApp| async move {
        // Text that looks like JSON or SQL, quotes, and letters outside ASCII must come back as text.
        let labels = [
            r#"{"a": [1]}"#,
            "O'Brien \"x\" \\ ?",
            "Śląsk İstanbul 東京 🙂",
        ];
        let mut sql = SqlBuilder::new("");
        let mut parts = Vec::new();
        for (index, label) in labels.iter().enumerate() {
            let id = sql.int(if index == 0 {
                i64::MAX
            } else {
                -(index as i64)
            });
            let label = sql.text(*label);
            let note = if index == 1 {
                format!("CAST({} AS TEXT)", sql.text("note"))
            } else {
                "CAST(NULL AS TEXT)".to_owned()
            };
            parts.push(format!(
                "SELECT {id} AS id, {label} AS label, {note} AS note"
            ));
        }
        sql.sql = parts.join(" UNION ALL ");
        let mut rows: Vec<Row> = app
            .db()
            .fetch_packed(&sql, &["id", "label", "note"])
            .await
            .expect("packed");
        rows.sort_by_key(|row| std::cmp::Reverse(row.id));
        let expected: Vec<Row> = labels
            .iter()
            .enumerate()
            .map(|(index, label)| Row {
                id: if index == 0 {
                    i64::MAX
                } else {
                    -(index as i64)
                },
                label: (*label).to_owned(),
                note: (index == 1).then(|| "note".to_owned()),
            })
            .collect();
        assert_eq!(rows, expected);

        // No rows: an empty list, not an error.
        let mut none = SqlBuilder::new("");
        let zero = none.int(0);
        none.sql =
            format!("SELECT id, full_name AS label, email AS note FROM accounts WHERE id < {zero}");
        let empty: Vec<Row> = app
            .db()
            .fetch_packed(&none, &["id", "label", "note"])
            .await
            .expect("empty");
        assert!(empty.is_empty());
    }
);
