//! The engine's shared steps, in the caller's write transaction: a transition recorded in the trail with a
//! notice to the applicant, and the issuing of a document (number, verification code, validity, survey).
//! Used by the company's filing (receipts at once), the officer's decisions and the daily job.
use rand::{Rng, distr::Alphanumeric};
use sqlx::{Any, Transaction};

use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
        region::REGENCY,
    },
    features::{
        requests::{
            model::{RequestStatus, Values, clock},
            repo::{
                self, RequestRow,
                write::{self, Event},
            },
            union,
        },
        survey::service as survey,
    },
    server::notify::{self, Email, Notice},
};

/// Who made a transition: an account and its role, or the daily job (`account_id` none, role "").
#[derive(Clone, Copy)]
pub struct Actor<'a> {
    pub account_id: Option<i64>,
    pub role: &'a str,
}

pub const SYSTEM: Actor<'static> = Actor {
    account_id: None,
    role: "",
};

pub use crate::features::requests::model::COMPANY_PAGE;

/// A transition: its trail entry, and the notice (in-app and by e-mail) to whoever filed the request.
#[expect(
    clippy::too_many_arguments,
    reason = "one trail entry's facts, named at the call"
)]
pub async fn record(
    tx: &mut Transaction<'static, Any>,
    public_url: &str,
    row: &RequestRow,
    from: Option<RequestStatus>,
    to: RequestStatus,
    actor: Actor<'_>,
    reason: Option<&str>,
    now_ms: i64,
) -> Result<(), AppError> {
    write::add_event(
        &mut **tx,
        &Event {
            request_id: row.id,
            from_status: from.map(RequestStatus::as_str),
            to_status: to.as_str(),
            actor_account_id: actor.account_id,
            actor_role: actor.role,
            reason,
            at_ms: now_ms,
        },
    )
    .await?;
    let (code, kind, was) = (&row.code, &row.type_key, from.map(RequestStatus::as_str));
    crate::server::events::request_changed(tx, now_ms, code, kind, was, to.as_str()).await?;
    let subject = format!("{} {}", row.type_name_id, row.code);
    notify::send(
        tx,
        Notice {
            account_id: row.filed_by,
            message_key: notice_key(to),
            subject: &subject,
            link: Some(union::filer_page(row).into()),
            now_ms,
            email: Some(Email {
                to: &row.filer_email,
                public_url,
            }),
        },
    )
    .await?;
    Ok(())
}

/// The worker a PHK report is about hears of it (`message_key`: filed, registered, refused), when they
/// have an account.
pub async fn tell_worker(
    tx: &mut Transaction<'static, Any>,
    public_url: &str,
    row: &RequestRow,
    nik_hash: &str,
    message_key: &'static str,
    now_ms: i64,
) -> Result<(), AppError> {
    let Some((account_id, email)) = repo::seeker_by_nik_hash(&mut **tx, nik_hash).await? else {
        return Ok(());
    };
    let subject = format!("{} ({})", row.company_name, row.code);
    notify::send(
        tx,
        Notice {
            account_id,
            message_key,
            subject: &subject,
            link: Some("/akun/phk".into()),
            now_ms,
            email: Some(Email {
                to: &email,
                public_url,
            }),
        },
    )
    .await?;
    Ok(())
}

/// The admins of the employer a union's strike notice names hear of it, with its dates (UU 13/2003
/// Ps 140(1): the notice goes to the employer and the labour office).
pub async fn tell_employer(
    tx: &mut Transaction<'static, Any>,
    public_url: &str,
    row: &RequestRow,
    now_ms: i64,
) -> Result<(), AppError> {
    let values: Values = serde_json::from_str(&row.data_json).unwrap_or_default();
    let union_name = values.get("union_name").map_or("", String::as_str);
    let start = values.get("start_date").map_or("", String::as_str);
    let subject = format!("{union_name}, {start} ({})", row.code);
    for (account_id, email) in repo::company_admins(&mut **tx, row.company_id).await? {
        notify::send(
            tx,
            Notice {
                account_id,
                message_key: "requests_notice_strike_employer",
                subject: &subject,
                link: Some(COMPANY_PAGE.into()),
                now_ms,
                email: Some(Email {
                    to: &email,
                    public_url,
                }),
            },
        )
        .await?;
    }
    Ok(())
}

fn notice_key(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Draft | RequestStatus::Submitted => "requests_notice_submitted",
        RequestStatus::CorrectionRequested => "requests_notice_correction",
        RequestStatus::InReview => "requests_notice_in_review",
        RequestStatus::Approved => "requests_notice_approved",
        RequestStatus::Registered => "requests_notice_registered",
        RequestStatus::Refused => "requests_notice_refused",
        RequestStatus::DeemedApproved => "requests_notice_deemed",
        RequestStatus::Withdrawn => "requests_notice_withdrawn",
    }
}

/// The number's prefix by the type's rule.
fn prefix(rule: &str) -> &'static str {
    match rule {
        "pp" => "PP",
        "pkb" => "PKB",
        "pkb_extension" => "PKB-P",
        "strike" => "MOGOK",
        "lockout" => "LOCKOUT",
        "phk" => "PHK",
        "overtime" => "LEMBUR",
        "mass_leave" => "CUTI",
        "tka_permit" => "TKA",
        _ => "LYN",
    }
}

/// A 16-character verification code for the document's QR page.
fn verification_code() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect()
}

/// Issues the document of a request that reached an issued status: its number, verification code and
/// validity (the filing's own term, else the type's months from today, WIB), once. Returns the number, or
/// `None` when it was issued before.
pub async fn issue(
    tx: &mut Transaction<'static, Any>,
    row: &RequestRow,
    now_ms: i64,
) -> Result<Option<String>, AppError> {
    let today = wib_date(now_ms);
    let number = format!(
        "{}/{:05}/{}/{}",
        prefix(&row.rule),
        row.id,
        REGENCY.code,
        today.year()
    );
    // A PKB is valid for the term its parties agreed (UU 13/2003 Ps 123), not from its registration.
    let values: Values = serde_json::from_str(&row.data_json).unwrap_or_default();
    let valid_until = clock::valid_until(&values, today, row.validity_months).map(format_date);
    let code = verification_code();
    let issued = write::issue(
        &mut **tx,
        row.id,
        &number,
        &code,
        valid_until.as_deref(),
        now_ms,
    )
    .await?;
    Ok(issued.then_some(number))
}

/// Invites the applicant to the satisfaction survey once the request is finished.
pub async fn offer_survey(
    tx: &mut Transaction<'static, Any>,
    row: &RequestRow,
    now_ms: i64,
) -> Result<(), AppError> {
    if row.survey_code.is_some() {
        return Ok(());
    }
    let service_key = format!("request:{}", row.type_key);
    let code = survey::offer(tx, &service_key, &row.code, Some(row.filed_by), now_ms).await?;
    write::set_survey(&mut **tx, row.id, &code).await?;
    Ok(())
}

/// A decision that finishes the request: the issued document when positive, then the survey.
pub async fn finish(
    tx: &mut Transaction<'static, Any>,
    row: &RequestRow,
    to: RequestStatus,
    now_ms: i64,
) -> Result<(), AppError> {
    if to.issued() {
        issue(tx, row, now_ms).await?;
    }
    offer_survey(tx, row, now_ms).await
}
