//! What officers do with vacancies: the moderation queue and the decision on each pending vacancy.
use crate::{
    core::error::AppError,
    features::vacancies::{
        repo::vacancies::{self as vacancies_repo, Review},
        views::ModerationItem,
    },
    server::{audit, authz::RequestCtx, notify},
};

/// Officers: vacancies waiting for review, oldest first.
pub async fn moderation_queue(ctx: &RequestCtx) -> Result<Vec<ModerationItem>, AppError> {
    ctx.require_staff()?;
    Ok(vacancies_repo::pending(&ctx.state.db).await?)
}

/// Officers approve a pending vacancy (it publishes) or reject it with a reason the company sees.
pub async fn decide(
    ctx: &RequestCtx,
    vacancy_id: i64,
    approve: bool,
    reason: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let reason = reason.trim();
    if !approve && !(5..=500).contains(&reason.chars().count()) {
        return Err(AppError::field("reason", "err_text_length"));
    }
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let Some((title, created_by)) = vacancies_repo::pending_one(&mut tx, vacancy_id).await? else {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    };
    let (status, published) = if approve {
        ("published", Some(now))
    } else {
        ("rejected", None)
    };
    // Guarded by the status read above: on PostgreSQL two officers may both have read 'pending'; the
    // second UPDATE then waits for the first's row lock, finds the status changed and touches nothing.
    let review = Review {
        status,
        published_at_ms: published,
        reason,
        officer_id: officer.account_id,
        now_ms: now,
    };
    if vacancies_repo::record_review(&mut tx, vacancy_id, review).await? == 0 {
        return Err(AppError::Conflict("err_already_reviewed".into()));
    }
    if let Some(account_id) = created_by {
        let key = if approve {
            "notice_vacancy_published"
        } else {
            "notice_vacancy_rejected"
        };
        notify::send(
            &mut tx,
            notify::Notice {
                account_id,
                message_key: key,
                subject: &title,
                link: Some("/perusahaan/lowongan".to_owned()),
                now_ms: now,
                email: None,
            },
        )
        .await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit("vacancy.review", "vacancy", Some(vacancy_id.to_string()))
            .detail(status),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
