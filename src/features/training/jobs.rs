//! The training's daily jobs (run by `server::jobs`): finishing programmes that ended, and the 3- and
//! 6-month follow-up. A placement reported through the portal since the result answers the question by
//! itself; otherwise the person is asked (in-app and by e-mail) and answers on `/akun/pelatihan`. Each
//! question once: the guarded mark decides, in the same transaction as the notice.
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
    },
    features::training::repo::{programme, stats},
    server::{
        notify::{self, Email, Notice},
        state::AppState,
    },
};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

pub async fn ask_followups(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let mut asked = 0;
    let mut placed = 0;
    for (months, days) in [(6_i64, 182_i64), (3, 91)] {
        for (id, account_id, email, title, result_at_ms) in
            stats::followups_due(&state.db, months, now - days * DAY_MS).await?
        {
            let mut tx = state.db.begin_write().await?;
            let placement = stats::placement_since(&mut tx, account_id, result_at_ms).await?;
            if !stats::mark_asked(&mut tx, id, months, placement.as_ref(), now).await? {
                continue;
            }
            if placement.is_some() {
                placed += 1;
            } else {
                notify::send(
                    &mut tx,
                    Notice {
                        account_id,
                        message_key: if months == 3 {
                            "training_notice_followup3"
                        } else {
                            "training_notice_followup6"
                        },
                        subject: &title,
                        link: Some("/akun/pelatihan".into()),
                        now_ms: now,
                        email: Some(Email {
                            to: &email,
                            public_url: &state.config.server.public_url,
                        }),
                    },
                )
                .await?;
                asked += 1;
            }
            tx.commit().await?;
        }
    }
    Ok(format!("{asked} asked, {placed} answered by placements"))
}

/// The daily close: a published programme whose last day has passed becomes finished (it leaves the head
/// of the catalogue and takes no more registrations).
pub async fn finish_ended(state: &AppState) -> Result<String, AppError> {
    let now = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let finished = programme::finish_ended(&mut tx, &format_date(wib_date(now)), now).await?;
    tx.commit().await?;
    Ok(format!("{finished} finished"))
}
