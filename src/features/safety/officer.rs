//! What an officer does for K3: attaches the province's inspection findings (the PDF, a summary and the
//! orders with their due dates) to a company's record, and forwards an accident's referral package to
//! the provincial inspectorate; the company is told in its inbox either way.
//!
//! The forwarding is an officer's step, not a side effect of the report: the office checks the report
//! before it goes out, and the record then says when it really left the office (there is no electronic
//! channel to the province that the portal could claim to have used at report time).
use crate::{
    core::{
        calendar::{self, format_date, parse_date},
        error::{AppError, FieldErrors},
        text::normalize_text,
    },
    features::safety::{
        company::check_file,
        model::{DOCUMENT_MAX_BYTES, REFERRAL_DESTINATION, parse_orders},
        repo,
    },
    server::{
        audit,
        authz::RequestCtx,
        error::internal,
        notify::{self, Notice},
        storage::PendingFile,
    },
};

/// The inspection as typed by the officer.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct InspectionForm {
    pub company_id: String,
    pub inspected_on: String,
    pub summary: String,
    pub orders: String,
}

/// Attaches an inspection with its orders. Returns the inspection's id.
pub async fn attach_inspection(
    ctx: &RequestCtx,
    form: InspectionForm,
    document: Option<Vec<u8>>,
) -> Result<i64, AppError> {
    let officer = ctx.require_staff()?.account_id;
    let mut errors = FieldErrors::new();
    let today = calendar::wib_date(ctx.now_ms());
    let inspected = parse_date(form.inspected_on.trim()).filter(|d| *d <= today);
    if inspected.is_none() {
        errors.add("inspected_on", "err_date");
    }
    let summary = normalize_text(&form.summary, 10, 3000);
    if let Err(key) = &summary {
        errors.add("summary", key);
    }
    let orders = parse_orders(&form.orders);
    if let Err(key) = &orders {
        errors.add("orders", key);
    }
    errors.into_result()?;
    check_file(
        "document",
        document.as_deref(),
        DOCUMENT_MAX_BYTES,
        &["application/pdf"],
    )?;
    let company_id: i64 = form
        .company_id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let db = &ctx.state.db;
    repo::company_exists(&db.pool, company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = format!(
        "k3/{company_id}/inspection-{}",
        &crate::server::pii::new_token()[..20]
    );
    let bytes = document.unwrap_or_default();
    ctx.state
        .storage
        .put(&key, &bytes)
        .await
        .map_err(internal)?;
    let pending = PendingFile::new(&ctx.state.storage, &key);
    let (inspected, summary) = (
        format_date(inspected.unwrap_or(today)),
        summary.unwrap_or_default(),
    );
    let now = ctx.now_ms();
    let mut tx = db.begin_write().await?;
    let id = repo::insert_inspection(
        &mut *tx, company_id, &inspected, &summary, &key, officer, now,
    )
    .await?;
    for (due, what) in orders.unwrap_or_default() {
        repo::insert_order(&mut *tx, id, company_id, &what, &format_date(due)).await?;
    }
    for account_id in repo::company_accounts(&mut *tx, company_id).await? {
        let notice = Notice {
            account_id,
            message_key: "safety_notice_inspection",
            subject: &inspected,
            link: Some("/perusahaan/k3".to_owned()),
            now_ms: now,
            email: None,
        };
        notify::send(&mut tx, notice).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit("k3.inspection", "k3_inspection", Some(id.to_string())),
    )
    .await?;
    tx.commit().await?;
    pending.keep();
    Ok(id)
}

/// Records that the officer forwarded an accident's referral package to the provincial inspectorate:
/// once (a repeat is a 409), the company told in its inbox, audited, in one transaction.
pub async fn forward_accident(ctx: &RequestCtx, accident_id: i64) -> Result<(), AppError> {
    let officer = ctx.require_staff()?.account_id;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let row = repo::accident(&mut *tx, accident_id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    if repo::mark_referred(&mut *tx, accident_id, REFERRAL_DESTINATION, officer, now).await? == 0 {
        return Err(AppError::Conflict("safety_err_forwarded".into()));
    }
    for account_id in repo::company_accounts(&mut *tx, row.company_id).await? {
        let notice = Notice {
            account_id,
            message_key: "safety_notice_forwarded",
            subject: &row.case_number,
            link: Some("/perusahaan/k3".to_owned()),
            now_ms: now,
            email: None,
        };
        notify::send(&mut tx, notice).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(
            "k3.accident_forwarded",
            "k3_accident",
            Some(accident_id.to_string()),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
