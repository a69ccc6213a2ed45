//! Demo complaints about the demo company: an anonymous one waiting for verification, a confidential
//! dismissal case in mediation (bipartite failed, one session held), and a safety case handed on to the
//! provincial inspectorate. Deadlines follow the holiday table, as the real clocks do.
use sqlx::{Any, Transaction};

use crate::{
    core::calendar::{self, HolidayCalendar, format_date, parse_date},
    features::complaints::model::{Clock, PROVINCIAL_INSPECTORATE},
};

/// (code, privacy, category, status, name, description, days ago).
type DemoCase = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    i64,
);
const CASES: [DemoCase; 3] = [
    (
        "ADU-DEM4ANYM7A",
        "anonymous",
        "wages",
        "submitted",
        None,
        "Upah bulan lalu dibayar di bawah UMK 2026 untuk seluruh operator shift malam.",
        1,
    ),
    (
        "ADU-DEM4MEDYA7",
        "confidential",
        "phk",
        "mediation",
        Some("Rina Marlina"),
        "Saya di-PHK tanpa surat dan tanpa pesangon setelah enam tahun bekerja.",
        45,
    ),
    (
        "ADU-DEM4RUJUKA",
        "open",
        "safety",
        "referred",
        Some("Dedi Kurniawan"),
        "Mesin press tanpa pelindung; dua pekerja terluka bulan ini.",
        10,
    ),
];

pub async fn insert_demo_complaints(
    tx: &mut Transaction<'static, Any>,
    company_id: i64,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let holidays: Vec<(String,)> = sqlx::query_as("SELECT date FROM holidays")
        .fetch_all(&mut **tx)
        .await?;
    let cal = HolidayCalendar::new(holidays.iter().filter_map(|(d,)| parse_date(d)));
    let today = calendar::wib_date(now);
    for (code, privacy, category, status, name, description, days_ago) in CASES {
        let filed = now - days_ago * 86_400_000;
        let referred = (status == "referred").then_some(PROVINCIAL_INSPECTORATE);
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO complaints (code, company_id, company_name, category, privacy, status, complainant_name, description, \
             since_date, workers_affected, wish, referred_to, outcome, closed_at_ms, filed_at_ms, updated_at_ms) \
             SELECT $1, id, name, $2, $3, $4, $5, $6, $7, 12, 'Hak kami dipenuhi sesuai aturan', $8, $9, $10, $11, $11 \
             FROM companies WHERE id = $12 RETURNING id",
        )
        .bind(code)
        .bind(category)
        .bind(privacy)
        .bind(status)
        .bind(name)
        .bind(description)
        .bind(format_date(calendar::wib_date(filed - 30 * 86_400_000)))
        .bind(referred)
        .bind(referred.map(|_| "referred"))
        .bind(referred.map(|_| now))
        .bind(filed)
        .bind(company_id)
        .fetch_one(&mut **tx)
        .await?;
        let start = calendar::wib_date(filed);
        let clocks: &[(Clock, i64, bool)] = match status {
            "submitted" => &[(Clock::Verify, days_ago, false)],
            "mediation" => &[
                (Clock::Verify, 45, true),
                (Clock::Plan, 43, true),
                (Clock::Bipartite, 40, true),
                (Clock::Choice, 12, true),
                (Clock::Mediation, 8, false),
                (Clock::Recommendation, 3, false),
            ],
            _ => &[(Clock::Verify, days_ago, true)],
        };
        for (clock, ago, done) in clocks {
            let started = if *ago == days_ago {
                start
            } else {
                today - time::Duration::days(*ago)
            };
            sqlx::query("INSERT INTO complaint_clocks (complaint_id, step, started_on, due_on, done_on) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(clock.as_str())
                .bind(format_date(started))
                .bind(format_date(clock.due(&cal, started)))
                .bind(done.then(|| format_date(started + time::Duration::days(2))))
                .execute(&mut **tx)
                .await?;
        }
        let events: &[(&str, &str, &str)] = match status {
            "mediation" => &[
                ("filed", "", "complainant"),
                ("accept", "", "officer"),
                ("bipartite_failed", "no_response", "officer"),
                ("mediation", "Mediator: Siti Aminah, S.H.", "officer"),
                ("session", "1: Ruang Mediasi Disnaker", "officer"),
            ],
            "referred" => &[
                ("filed", "", "complainant"),
                ("refer", PROVINCIAL_INSPECTORATE, "officer"),
            ],
            _ => &[("filed", "", "complainant")],
        };
        for (n, (kind, body, role)) in events.iter().enumerate() {
            sqlx::query("INSERT INTO complaint_events (complaint_id, kind, body, by_role, company_sees, at_ms) VALUES ($1, $2, $3, $4, 1, $5)")
                .bind(id)
                .bind(kind)
                .bind(body)
                .bind(role)
                .bind(filed + i64::try_from(n).unwrap_or(0) * 86_400_000)
                .execute(&mut **tx)
                .await?;
        }
        if status == "mediation" {
            sqlx::query("INSERT INTO complaint_sessions (complaint_id, number, held_on, place, minutes, created_at_ms) VALUES ($1, 1, $2, 'Ruang Mediasi Disnaker', 'Para pihak hadir; pengusaha meminta waktu menghitung pesangon.', $3)")
                .bind(id)
                .bind(format_date(today - time::Duration::days(3)))
                .bind(now)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(CASES.len())
}
