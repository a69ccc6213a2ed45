//! What officers do with vacancies: the moderation queue and the decision on each pending vacancy.
use crate::{
    core::error::AppError,
    features::vacancies::{
        repo::vacancies::{self as vacancies_repo, Review},
        views::ModerationItem,
    },
    server::{authz::RequestCtx, notify::Notice, review},
};

/// Shortest and longest reason a rejection gives (characters). Vacancies keep their own, shorter limit
/// than `review::REASON_CHARS`: the reason is shown on the company's vacancy list.
const REASON_CHARS: (usize, usize) = (5, 500);

/// Officers: vacancies waiting for review, oldest first.
pub async fn moderation_queue(ctx: &RequestCtx) -> Result<Vec<ModerationItem>, AppError> {
    ctx.require_staff()?;
    Ok(vacancies_repo::pending(&ctx.state.db).await?)
}

/// The trimmed reason; a rejection needs 5–500 characters, an approval none (an empty reason is stored as
/// none).
fn reason(approve: bool, text: &str) -> Result<&str, AppError> {
    let reason = text.trim();
    let (min, max) = REASON_CHARS;
    if !approve && !(min..=max).contains(&reason.chars().count()) {
        return Err(AppError::field("reason", "err_text_length"));
    }
    Ok(reason)
}

/// Officers approve a pending vacancy (it publishes) or reject it with a reason the company sees.
pub async fn decide(
    ctx: &RequestCtx,
    vacancy_id: i64,
    approve: bool,
    reason: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let reason = self::reason(approve, reason)?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let Some((title, created_by)) = vacancies_repo::pending_one(&mut tx, vacancy_id).await? else {
        return Err(review::already_reviewed());
    };
    let (status, published) = if approve {
        ("published", Some(now))
    } else {
        ("rejected", None)
    };
    // Guarded by the status read above: on PostgreSQL two officers may both have read 'pending'; the
    // second UPDATE then waits for the first's row lock, finds the status changed and touches nothing.
    let decision = Review {
        status,
        published_at_ms: published,
        reason,
        officer_id: officer.account_id,
        now_ms: now,
    };
    review::claimed(vacancies_repo::record_review(&mut tx, vacancy_id, decision).await?)?;
    if approve {
        let data = serde_json::json!({ "vacancy_id": vacancy_id, "url": format!("/lowongan/{vacancy_id}") });
        crate::server::events::emit(
            &mut tx,
            now,
            "vacancy.published",
            &vacancy_id.to_string(),
            data,
        )
        .await?;
    }
    let notices = created_by.map(|account_id| Notice {
        account_id,
        message_key: if approve {
            "notice_vacancy_published"
        } else {
            "notice_vacancy_rejected"
        },
        subject: &title,
        link: Some("/perusahaan/lowongan".to_owned()),
        now_ms: now,
        email: None,
    });
    review::finish(
        tx,
        notices.into_iter().collect(),
        ctx.audit("vacancy.review", "vacancy", Some(vacancy_id.to_string()))
            .detail(status),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_rejection_needs_a_reason() {
        assert_eq!(reason(true, "  "), Ok(""));
        assert_eq!(reason(false, "  terlalu umum "), Ok("terlalu umum"));
        assert_eq!(
            reason(false, " ok "),
            Err(AppError::field("reason", "err_text_length"))
        );
        assert!(reason(false, &"x".repeat(501)).is_err());
    }
}
