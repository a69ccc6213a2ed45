//! A request's files, for its company's members, the worker who filed it for a union, or staff: the
//! documents uploaded with it, and the issued document as a PDF (its QR code opens the public verification
//! page). Staff reads are logged.
use crate::{
    core::{
        calendar::{format_date, parse_date, wib_date},
        error::AppError,
    },
    features::requests::{
        document_pdf::{self, DocumentData},
        jobs::deemed_statement,
        model::Values,
        repo::{self, RequestRow},
        views::field_lines,
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// A request the caller may see: its company's members, the account that filed it (a worker filing a
/// strike notice for a union), or staff.
async fn visible(ctx: &RequestCtx, id: i64) -> Result<RequestRow, AppError> {
    let user = ctx.require_signed_in()?;
    let row = repo::by_id(&ctx.state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.role.is_staff()
        || user.company_id == Some(row.company_id)
        || user.account_id == row.filed_by
    {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// An uploaded document's bytes (served with the type its bytes show, sandboxed).
pub async fn uploaded(ctx: &RequestCtx, id: i64, document_id: i64) -> Result<Vec<u8>, AppError> {
    visible(ctx, id).await?;
    let (key, _file_name, _content_type) = repo::document(&ctx.state.db, id, document_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = ctx.state.storage.get(&key).await.map_err(internal)?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("requests.document_read", "request", Some(id.to_string())),
    )
    .await?;
    Ok(bytes)
}

/// The issued document of a decided request: file name and PDF.
pub async fn issued(ctx: &RequestCtx, id: i64) -> Result<(String, Vec<u8>), AppError> {
    let row = visible(ctx, id).await?;
    let (Some(number), Some(code), Some(issued)) = (
        row.number.clone(),
        row.verification_code.clone(),
        row.issued_at_ms,
    ) else {
        return Err(AppError::NotFound);
    };
    let values: Values = serde_json::from_str(&row.data_json).unwrap_or_default();
    let statement = if row.status == "deemed_approved" {
        Some(deemed_reason(ctx, &row).await?)
    } else {
        None
    };
    // A strike or lock-out receipt states the day with each date (UU 13/2003 Ps 140(2), Ps 148(2)).
    let dated = matches!(row.rule.as_str(), "strike" | "lockout");
    let data = DocumentData {
        lines: field_lines(&row, &values)
            .into_iter()
            .map(|l| {
                let value = if dated && parse_date(&l.value).is_some() {
                    document_pdf::with_weekday(&l.value)
                } else {
                    l.value
                };
                (l.label_id, value)
            })
            .collect(),
        title: row.document_title.clone(),
        legal_basis: row.legal_basis.clone(),
        number: number.clone(),
        type_name: row.type_name_id.clone(),
        company_name: row.company_name.clone(),
        request_code: row.code.clone(),
        issued_on: format_date(wib_date(issued)),
        valid_until: row.valid_until.clone(),
        statement,
        verify_url: format!(
            "{}/verifikasi/layanan/{code}",
            ctx.state.config.server.public_url.trim_end_matches('/')
        ),
    };
    // Drawing a PDF is CPU work: off the async threads.
    let bytes = tokio::task::spawn_blocking(move || document_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit("requests.document", "request", Some(id.to_string())),
    )
    .await?;
    Ok((format!("{}.pdf", number.replace('/', "-")), bytes))
}

/// The statement of a deemed approval as the daily job recorded it in the trail (the type's period and
/// basis at that time), or as it reads from the type now when the trail has none.
async fn deemed_reason(ctx: &RequestCtx, row: &RequestRow) -> Result<String, AppError> {
    let recorded = repo::events_of(&ctx.state.db, &[row.id])
        .await?
        .into_iter()
        .rev()
        .find(|e| e.to_status == "deemed_approved")
        .and_then(|e| e.reason);
    Ok(recorded.unwrap_or_else(|| deemed_statement(row.decision_working_days, &row.legal_basis)))
}
