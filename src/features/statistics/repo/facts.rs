//! The facts of the open tables, read with this area's own SQL from other areas' tables (read-only).
use sqlx::{Any, Executor, FromRow};

use crate::features::statistics::model::Dataset;

/// One counted thing: when (epoch ms, or a date where the table keeps one), where, and who or what.
/// No one's identity is read: only the codes a cell is keyed by (sex and birth date for the bands).
#[derive(Clone, Debug, FromRow)]
pub struct Fact {
    pub at_ms: Option<i64>,
    pub day: Option<String>,
    pub district: Option<String>,
    pub sector: Option<String>,
    pub occupation: Option<String>,
    pub education: Option<String>,
    pub sex: Option<String>,
    pub born: Option<String>,
    /// A complaint's category.
    pub kind: Option<String>,
    pub value: i64,
}

const NO_TEXT: &str = "CAST(NULL AS TEXT)";
const ONE: &str = "CAST(1 AS BIGINT) AS value";

/// The facts of a dataset. Vacancies and positions share one read (a vacancy with its headcount).
fn facts_sql(dataset: Dataset) -> String {
    let person = "s.sex, s.date_of_birth AS born";
    match dataset {
        Dataset::Seekers => format!(
            "SELECT a.decided_at_ms AS at_ms, a.issued_on AS day, p.district_code AS district, {NO_TEXT} AS sector, \
             {NO_TEXT} AS occupation, p.education_level AS education, {person}, {NO_TEXT} AS kind, {ONE} \
             FROM ak1_applications a JOIN seekers s ON s.account_id = a.account_id \
             LEFT JOIN seeker_profiles p ON p.account_id = a.account_id WHERE a.card_number IS NOT NULL"
        ),
        Dataset::Vacancies | Dataset::Positions => format!(
            "SELECT v.published_at_ms AS at_ms, {NO_TEXT} AS day, v.district_code AS district, v.kbli_section AS sector, \
             v.occupation_code AS occupation, v.education_code AS education, {NO_TEXT} AS sex, {NO_TEXT} AS born, \
             {NO_TEXT} AS kind, v.headcount AS value FROM vacancies v WHERE v.published_at_ms IS NOT NULL"
        ),
        Dataset::Placements => format!(
            "SELECT p.created_at_ms AS at_ms, {NO_TEXT} AS day, COALESCE(v.district_code, c.district_code) AS district, \
             c.kbli_section AS sector, v.occupation_code AS occupation, sp.education_level AS education, {person}, \
             {NO_TEXT} AS kind, {ONE} FROM placements p JOIN companies c ON c.id = p.company_id \
             LEFT JOIN vacancies v ON v.id = p.vacancy_id LEFT JOIN seekers s ON s.account_id = p.seeker_account_id \
             LEFT JOIN seeker_profiles sp ON sp.account_id = p.seeker_account_id WHERE p.confirmation <> 'rejected'"
        ),
        Dataset::FairVisitors | Dataset::FairAttendance => {
            let at = if dataset == Dataset::FairVisitors {
                "r.created_at_ms"
            } else {
                "r.checked_in_at_ms"
            };
            format!(
                "SELECT {at} AS at_ms, {NO_TEXT} AS day, sp.district_code AS district, {NO_TEXT} AS sector, \
                 {NO_TEXT} AS occupation, sp.education_level AS education, {person}, {NO_TEXT} AS kind, {ONE} \
                 FROM fair_registrations r JOIN seekers s ON s.account_id = r.seeker_account_id \
                 LEFT JOIN seeker_profiles sp ON sp.account_id = r.seeker_account_id WHERE {at} IS NOT NULL"
            )
        }
        // A programme counts in the month it starts, in the district where it is held.
        Dataset::TrainingProgrammes => format!(
            "SELECT CAST(NULL AS BIGINT) AS at_ms, p.starts_on AS day, p.district_code AS district, {NO_TEXT} AS sector, \
             p.kbji_code AS occupation, {NO_TEXT} AS education, {NO_TEXT} AS sex, {NO_TEXT} AS born, \
             {NO_TEXT} AS kind, {ONE} FROM training_programmes p WHERE p.status <> 'cancelled'"
        ),
        // Participants by the district they live in (as job-fair visitors), the programme's occupation group.
        Dataset::TrainingRegistrations | Dataset::TrainingCompleted => {
            let (at, only) = if dataset == Dataset::TrainingRegistrations {
                ("g.created_at_ms", "g.status <> 'withdrawn'")
            } else {
                (
                    "g.result_at_ms",
                    "g.status IN ('completed', 'passed') AND g.result_at_ms IS NOT NULL",
                )
            };
            format!(
                "SELECT {at} AS at_ms, {NO_TEXT} AS day, sp.district_code AS district, {NO_TEXT} AS sector, \
                 p.kbji_code AS occupation, sp.education_level AS education, {person}, {NO_TEXT} AS kind, {ONE} \
                 FROM training_registrations g JOIN training_programmes p ON p.id = g.programme_id \
                 LEFT JOIN seekers s ON s.account_id = g.seeker_account_id \
                 LEFT JOIN seeker_profiles sp ON sp.account_id = g.seeker_account_id WHERE {only}"
            )
        }
        // Counts only: the complained-about company's district and sector, never the complainant.
        Dataset::Complaints => format!(
            "SELECT c.filed_at_ms AS at_ms, {NO_TEXT} AS day, co.district_code AS district, co.kbli_section AS sector, \
             {NO_TEXT} AS occupation, {NO_TEXT} AS education, {NO_TEXT} AS sex, {NO_TEXT} AS born, \
             c.category AS kind, {ONE} FROM complaints c LEFT JOIN companies co ON co.id = c.company_id"
        ),
    }
}

pub async fn facts<'c, E>(executor: E, dataset: Dataset) -> Result<Vec<Fact>, sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query_as(&facts_sql(dataset))
        .fetch_all(executor)
        .await
}
