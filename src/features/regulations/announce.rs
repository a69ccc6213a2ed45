//! Telling people about a version: published ahead of its effective date, its category's followers are
//! told when it will take effect (once per version); once in force, they get a notice, and for a wage
//! regulation each company with registered contracts below the UMK in force gets the consequence (as the
//! UMK warning of `pkwt::jobs` does). Claimed by a guarded UPDATE, so it happens once.
use sqlx::{Any, Transaction};

use crate::{
    core::{calendar::wib_date, money::Rupiah},
    features::{pkwt, pkwt::rules::minimum_wage_for, regulations::repo},
    server::{
        notify::{self, Email, Notice},
        state::AppState,
    },
};

pub struct Announcement<'a> {
    pub version_id: i64,
    pub regulation_id: i64,
    pub category: &'a str,
    pub title: &'a str,
}

/// Announces one version in the caller's transaction; returns the notices written (0 if already told).
pub async fn announce(
    state: &AppState,
    tx: &mut Transaction<'static, Any>,
    a: &Announcement<'_>,
    now_ms: i64,
) -> Result<usize, sqlx::Error> {
    if repo::claim_announcement(tx, a.version_id, now_ms).await? == 0 {
        return Ok(0);
    }
    let public_url = state.config.server.public_url.clone();
    let link = format!("/regulasi/{}", a.regulation_id);
    let mut sent = 0;
    for (account_id, email) in repo::followers(tx, a.category).await? {
        let notice = Notice {
            account_id,
            message_key: "notice_regulation_changed",
            subject: a.title,
            link: Some(link.clone()),
            now_ms,
            email: Some(Email {
                to: &email,
                public_url: &public_url,
            }),
        };
        notify::send(tx, notice).await?;
        sent += 1;
    }
    if a.category == "wages" {
        sent += wage_consequences(state, tx, a, now_ms).await?;
    }
    Ok(sent)
}

/// Tells the category's followers, once per version, that a version was published ahead of its effective
/// date and when it takes effect; [`announce`] tells them again on that day.
pub async fn forewarn(
    state: &AppState,
    tx: &mut Transaction<'static, Any>,
    a: &Announcement<'_>,
    effective_on: &str,
    now_ms: i64,
) -> Result<usize, sqlx::Error> {
    let public_url = state.config.server.public_url.clone();
    let period = a.version_id.to_string();
    let extra = [("date", effective_on.to_owned())];
    let mut sent = 0;
    for (account_id, email) in repo::followers(tx, a.category).await? {
        let notice = Notice {
            account_id,
            message_key: "notice_regulation_upcoming",
            subject: a.title,
            link: Some(format!("/regulasi/{}", a.regulation_id)),
            now_ms,
            email: Some(Email {
                to: &email,
                public_url: &public_url,
            }),
        };
        if notify::send_once(tx, "regulation_upcoming", &period, notice, &extra).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Companies whose registered contracts pay below the UMK in force this year, told once per version.
async fn wage_consequences(
    state: &AppState,
    tx: &mut Transaction<'static, Any>,
    a: &Announcement<'_>,
    now_ms: i64,
) -> Result<usize, sqlx::Error> {
    let year = wib_date(now_ms).year();
    let wages = pkwt::service::minimum_wages(&state.db).await?;
    let Some((umk_year, amount)) = minimum_wage_for(&wages, year) else {
        return Ok(0);
    };
    let from = format!("{year}-01-01");
    let companies = pkwt::service::contracts_below_wage_per_company(tx, amount, &from).await?;
    let public_url = state.config.server.public_url.clone();
    let period = a.version_id.to_string();
    let mut sent = 0;
    for (company_id, contracts) in companies {
        let admins: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, email FROM accounts WHERE company_id = $1 AND company_role = 'admin' AND disabled = 0",
        )
        .bind(company_id)
        .fetch_all(&mut **tx)
        .await?;
        let extra = [
            ("count", contracts.to_string()),
            ("umk", format!("{umk_year} {}", Rupiah(amount))),
        ];
        for (account_id, email) in admins {
            let notice = Notice {
                account_id,
                message_key: "notice_regulation_wage_consequence",
                subject: a.title,
                link: Some("/perusahaan/pkwt".to_owned()),
                now_ms,
                email: Some(Email {
                    to: &email,
                    public_url: &public_url,
                }),
            };
            if notify::send_once(tx, "regulation_consequence", &period, notice, &extra).await? {
                sent += 1;
            }
        }
    }
    Ok(sent)
}
