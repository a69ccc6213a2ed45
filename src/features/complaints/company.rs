//! The named company's side of a case: it answers (with a document, and its answer to the anjuran), and
//! takes part in the steps. It sees only its own non-anonymous cases, and never a confidential complainant.
use crate::{
    core::{error::AppError, text::normalize_text},
    features::complaints::{
        model::{Status, case_ref},
        repo::{self, write},
        support,
    },
    server::{audit, authz::RequestCtx, notify},
};

/// The company answers a case: a text, a document, or its answer to the anjuran ("accept"/"reject").
pub async fn answer(
    ctx: &RequestCtx,
    complaint_id: i64,
    text: &str,
    answer: &str,
    file: Option<(String, Vec<u8>)>,
) -> Result<(), AppError> {
    let company = ctx.require_company()?;
    let case = repo::of_company(&ctx.state.db.pool, complaint_id, company.company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = Status::parse(&case.status).ok_or(AppError::NotFound)?;
    if !status.is_open() {
        return Err(AppError::Conflict("complaint_err_closed".into()));
    }
    let text = if text.trim().is_empty() {
        String::new()
    } else {
        normalize_text(text, 5, 4000).map_err(|key| AppError::field("text", key))?
    };
    let answer = answer.trim();
    if !matches!(answer, "" | "accept" | "reject") {
        return Err(AppError::field("answer", "err_choose"));
    }
    if !answer.is_empty() && status != Status::Recommendation {
        return Err(AppError::Conflict("complaint_err_no_anjuran".into()));
    }
    if text.is_empty() && answer.is_empty() && file.is_none() {
        return Err(AppError::field("text", "complaint_err_nothing"));
    }
    let stored = support::store_file(ctx, case.id, file).await?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    if !answer.is_empty() && !write::set_answer(&mut *tx, case.id, "company", answer).await? {
        return Err(AppError::Conflict("complaint_err_answered".into()));
    }
    let kind = if answer.is_empty() {
        "company_reply"
    } else {
        "company_answer"
    };
    let body = format!("{answer}\n{text}").trim().to_owned();
    write::event(
        &mut *tx,
        &write::Event {
            complaint_id: case.id,
            kind,
            body: &body,
            by_role: "company",
            company_sees: true,
            at_ms: now,
        },
    )
    .await?;
    if let Some(file) = &stored {
        support::record_file(&mut tx, case.id, "company", file, now).await?;
    }
    if let Some(officer) = case.officer_id {
        // The company's side names the case by its number, never by the complainant's ticket code.
        let reference = case_ref(case.id);
        notify::send(
            &mut tx,
            notify::Notice {
                account_id: officer,
                message_key: "complaint_notice_company",
                subject: &reference,
                link: Some(format!("/petugas/pengaduan/{}", case.id)),
                now_ms: now,
                email: None,
            },
        )
        .await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "complaint.company_answer",
            "complaint",
            Some(case.id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    if let Some(file) = stored {
        file.pending.keep();
    }
    Ok(())
}
