//! What the officer does: validates a submitted levy payment within one working day (issuing the receipt's
//! verification code) or rejects it with a reason, and exports the statistics as CSV. The queue and the
//! statistics themselves are assembled in `views`.
use rand::{Rng, distr::Alphanumeric};

use crate::{
    core::{error::AppError, review::Decision},
    features::tka::{model::BillStatus, repo::bills, views},
    server::{authz::RequestCtx, error::internal, notify, review},
};

/// Validates a submitted payment (issuing the receipt's verification code) or rejects it with a reason;
/// once only. The company is told either way.
pub async fn decide(
    ctx: &RequestCtx,
    bill_id: i64,
    decision: Decision,
    reason: &str,
) -> Result<(), AppError> {
    let officer = ctx.require_staff()?;
    let reason = reason.trim();
    let status = match decision {
        Decision::Approve => BillStatus::Validated,
        Decision::Reject => BillStatus::Rejected,
        Decision::Revise => return Err(AppError::field("decision", "err_choose")),
    };
    if status == BillStatus::Rejected && reason.chars().count() < 5 {
        return Err(AppError::field("reason", "err_reason_required"));
    }
    let now = ctx.now_ms();
    let code: Option<String> = (status == BillStatus::Validated).then(|| {
        rand::rng()
            .sample_iter(&Alphanumeric)
            .take(16)
            .map(char::from)
            .collect()
    });
    let verdict = bills::Verdict {
        bill_id,
        status,
        officer_note: Some(reason.to_owned()).filter(|r| !r.is_empty()),
        decided_by: officer.account_id,
        decided_at_ms: now,
        verification_code: code,
    };
    let mut tx = ctx.state.db.begin_write().await?;
    review::claimed(bills::decide(&mut *tx, &verdict).await?)?;
    let (number, created_by, email) = bills::creator(&mut *tx, bill_id).await?;
    let public_url = &ctx.state.config.server.public_url;
    let audit = ctx
        .audit("dkptka.decide", "dkptka_bill", Some(bill_id.to_string()))
        .detail(status.as_str());
    review::finish(
        tx,
        vec![company_notice(
            status, &number, created_by, &email, public_url, now,
        )],
        audit,
    )
    .await
}

/// The notice (and e-mail) to whoever made the bill.
fn company_notice<'a>(
    status: BillStatus,
    number: &'a str,
    created_by: i64,
    email: &'a str,
    public_url: &'a str,
    now: i64,
) -> notify::Notice<'a> {
    notify::Notice {
        account_id: created_by,
        message_key: if status == BillStatus::Validated {
            "notice_dkptka_validated"
        } else {
            "notice_dkptka_rejected"
        },
        subject: number,
        link: Some("/perusahaan/tka".into()),
        now_ms: now,
        email: Some(notify::Email {
            to: email,
            public_url,
        }),
    }
}

/// The statistics as CSV (officers).
pub async fn statistics_csv(ctx: &RequestCtx) -> Result<Vec<u8>, AppError> {
    let stats = views::statistics(ctx).await?;
    let mut out = crate::server::csv_export::CsvExport::new();
    let mut write = |record: [String; 5]| out.write_record(&record).map_err(internal);
    write([
        "bagian".into(),
        "nama".into(),
        "jumlah".into(),
        "rupiah".into(),
        "divalidasi_rupiah".into(),
    ])?;
    write([
        "tka_aktif".into(),
        String::new(),
        stats.active_workers.to_string(),
        String::new(),
        String::new(),
    ])?;
    for (part, list) in [
        ("kewarganegaraan", &stats.by_nationality),
        ("sektor", &stats.by_sector),
        ("kecamatan", &stats.by_district),
    ] {
        for c in list {
            write([
                part.into(),
                c.label.clone(),
                c.count.to_string(),
                String::new(),
                String::new(),
            ])?;
        }
    }
    for m in &stats.levy_by_month {
        write([
            "dkptka_bulan".into(),
            m.month.clone(),
            format!("{}/{}", m.billed_count, m.validated_count),
            m.billed_idr.0.to_string(),
            m.validated_idr.0.to_string(),
        ])?;
    }
    out.into_inner().map_err(|e| internal(e.to_string()))
}
