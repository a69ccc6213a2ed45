//! The public survey page's server side: the invitation behind a code and the one-time answer.
use crate::{
    core::error::AppError,
    features::survey::{
        model::{SurveyForm, SurveyInvite, normalize_code},
        repo,
    },
    server::{audit, authz::RequestCtx, db::Db},
};

/// The invitation behind a code (anyone holding the code may see and answer it).
pub async fn invite(db: &Db, code: &str) -> Result<SurveyInvite, AppError> {
    let code = normalize_code(code).ok_or(AppError::NotFound)?;
    let row = repo::by_code(&db.pool, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(SurveyInvite {
        code: row.code,
        service_key: row.service_key,
        answered: row.answered_at_ms.is_some(),
    })
}

/// Stores the answer once; a second answer is a conflict.
pub async fn answer(ctx: &RequestCtx, code: &str, form: SurveyForm) -> Result<(), AppError> {
    let code = normalize_code(code).ok_or(AppError::NotFound)?;
    let scores = form.check().map_err(AppError::Validation)?;
    let suggestion = form.suggestion.trim();
    let suggestion = (!suggestion.is_empty()).then_some(suggestion);
    let mut tx = ctx.state.db.begin_write().await?;
    let row = repo::by_code(&mut *tx, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    if !repo::answer(&mut *tx, &code, scores, suggestion, ctx.now_ms()).await? {
        return Err(AppError::Conflict("survey_err_answered".into()));
    }
    let mut event = ctx.audit(
        "survey.answer",
        "survey_invitation",
        Some(row.id.to_string()),
    );
    if row.service_key == "complaint" {
        // A complaint's rating names no one: the complainant may be confidential or anonymous, and the
        // account, address or request id of the answer would tie them to their case in the log staff read.
        event.actor_account_id = None;
        event.actor_role = None;
        event.ip = None;
        event.request_id = None;
    }
    audit::record(&mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}
