//! What other features may ask of vacancies (the rest of the feature is its own): a job-fair booth's visitor
//! applies through the same path as the vacancy page, so every rule of applying holds at the fair too.
pub use super::seeker::apply_from;

/// The company's vacancies published and placements reported between two instants (UTC epoch ms, `from`
/// included), for the manpower report's pre-fill: (vacancies, placements).
pub async fn company_year_activity(
    conn: &mut sqlx::AnyConnection,
    company_id: i64,
    from_ms: i64,
    to_ms: i64,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM vacancies WHERE company_id = $1 AND status IN ('published', 'closed') \
         AND created_at_ms >= $2 AND created_at_ms < $3), \
         (SELECT COUNT(*) FROM placements WHERE company_id = $1 AND created_at_ms >= $2 AND created_at_ms < $3)",
    )
    .bind(company_id)
    .bind(from_ms)
    .bind(to_ms)
    .fetch_one(conn)
    .await
}
