//! The open due dates of companies' manpower reports, read once for the company's page, the officers'
//! compliance page and the daily reminders, so all three show the same dates (rules in `events.rs`).
use sqlx::AnyConnection;
use time::Date;

use crate::{
    core::calendar::{parse_date, wib_date},
    features::manpower_report::{
        events::open_dues,
        events::yearly_anchor,
        repo::{self, Scope},
        rules::Trigger,
    },
};

/// A company's open due dates, earliest first (never empty: the yearly or founding one is always there).
pub struct CompanyDues {
    pub company_id: i64,
    pub dues: Vec<(Trigger, Date)>,
}

impl CompanyDues {
    /// The earliest open due date.
    pub fn next(&self) -> Option<Date> {
        self.dues.first().map(|(_, due)| *due)
    }
}

/// The open due dates of the companies in `scope` (one company, a page of them, every one).
pub async fn company_dues(
    conn: &mut AnyConnection,
    today: Date,
    scope: Scope<'_>,
) -> Result<Vec<CompanyDues>, sqlx::Error> {
    let companies = repo::companies_known(&mut *conn, scope).await?;
    let versions = repo::filed_versions(&mut *conn, scope).await?;
    let events = repo::events(&mut *conn, scope).await?;
    Ok(companies
        .into_iter()
        .map(|(id, known_ms)| {
            let own: Vec<_> = versions.iter().filter(|v| v.company_id == id).collect();
            let years: Vec<(i64, Date)> = own
                .iter()
                .map(|v| (v.year, wib_date(v.submitted_at_ms)))
                .collect();
            let filed: Vec<(String, Date)> = own
                .iter()
                .map(|v| (v.reason.clone(), wib_date(v.submitted_at_ms)))
                .collect();
            let declared: Vec<(String, Date)> = events
                .iter()
                .filter(|e| e.company_id == id)
                .filter_map(|e| Some((e.kind.clone(), parse_date(&e.event_date)?)))
                .collect();
            CompanyDues {
                company_id: id,
                dues: open_dues(
                    today,
                    wib_date(known_ms),
                    yearly_anchor(&years),
                    &declared,
                    &filed,
                ),
            }
        })
        .collect())
}
