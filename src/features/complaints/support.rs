//! What the complaint actions share: today's WIB date and the holiday calendar, starting and stopping the
//! legal clocks, ticket codes, evidence files checked by their bytes and stored ahead of the transaction,
//! and audit events that never tie an anonymous complaint to whoever sent it.
use rand::Rng;
use sqlx::{Any, Transaction};
use time::Date;

use crate::{
    core::{
        calendar::{HolidayCalendar, format_date, wib_date},
        error::AppError,
    },
    features::complaints::{
        model::{CODE_ALPHABET, CODE_LEN, Clock, FILE_MAX_BYTES, FILES_PER_CASE},
        repo::{self, write},
    },
    server::{
        audit::AuditEvent, authz::RequestCtx, error::internal, reference, storage::PendingFile,
        throttle,
    },
};

const HOUR_MS: i64 = 3_600_000;

/// Complaints filed from one address: five an hour, then the address waits out the hour (429).
pub const FILINGS_PER_ADDRESS: throttle::Limit = throttle::Limit {
    free_failures: 5,
    first_delay_ms: HOUR_MS,
    max_delay_ms: 24 * HOUR_MS,
    window_ms: HOUR_MS,
};

/// Complaints naming one company: fifty a day from anywhere, then a day's wait (429).
pub const FILINGS_PER_COMPANY: throttle::Limit = throttle::Limit {
    free_failures: 50,
    first_delay_ms: 24 * HOUR_MS,
    max_delay_ms: 24 * HOUR_MS,
    window_ms: 24 * HOUR_MS,
};

/// Counts one filing against the sender's address and the named company (a registered one by id, a typed
/// one by its name folded to letters and digits), or refuses it with `RateLimited` when either is used up.
/// Staff filing at the counter on a visitor's behalf are not limited by the office's address.
pub async fn reserve_filing(
    ctx: &RequestCtx,
    company_id: Option<i64>,
    company_name: &str,
) -> Result<(), AppError> {
    let company = match company_id {
        Some(id) => format!("complaint:co:{id}"),
        None => {
            let folded: String = company_name
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .take(80)
                .collect();
            format!("complaint:name:{folded}")
        }
    };
    let address = format!("complaint:ip:{}", ctx.ip_key());
    let staff = ctx.user.as_ref().is_some_and(|u| u.role.is_staff());
    let mut keys = vec![(company.as_str(), FILINGS_PER_COMPANY)];
    if !staff {
        keys.push((address.as_str(), FILINGS_PER_ADDRESS));
    }
    throttle::reserve(&ctx.state.db, &ctx.state.clock, &keys).await?;
    Ok(())
}

/// Today in WIB and the holiday calendar every clock counts in.
pub async fn calendar(ctx: &RequestCtx) -> Result<(Date, HolidayCalendar), AppError> {
    let calendar = reference::holiday_calendar(&ctx.state.db).await?;
    Ok((wib_date(ctx.now_ms()), calendar))
}

pub async fn start_clock(
    tx: &mut Transaction<'static, Any>,
    calendar: &HolidayCalendar,
    id: i64,
    clock: Clock,
    start: Date,
) -> Result<(), AppError> {
    let due = clock.due(calendar, start);
    write::start_clock(&mut **tx, id, clock, &format_date(start), &format_date(due)).await?;
    Ok(())
}

pub async fn stop_clock(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    clock: Clock,
    today: Date,
) -> Result<(), AppError> {
    write::stop_clock(&mut **tx, id, clock, &format_date(today)).await?;
    Ok(())
}

/// A new ticket code: "ADU-" and ten characters of the unambiguous alphabet.
pub fn new_code() -> String {
    let mut rng = rand::rng();
    let tail: String = (0..CODE_LEN)
        .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
        .collect();
    format!("ADU-{tail}")
}

/// The content type of an evidence file, read from its bytes: PDF, JPEG or PNG, at most 5 MB.
pub fn check_file(field: &str, bytes: &[u8]) -> Result<&'static str, AppError> {
    if bytes.is_empty() {
        return Err(AppError::field(field, "err_file_empty"));
    }
    if bytes.len() > FILE_MAX_BYTES {
        return Err(AppError::field(field, "err_file_too_large"));
    }
    match infer::get(bytes).map(|t| t.mime_type()) {
        Some("application/pdf") => Ok("application/pdf"),
        Some("image/jpeg") => Ok("image/jpeg"),
        Some("image/png") => Ok("image/png"),
        _ => Err(AppError::field(field, "complaint_err_file_type")),
    }
}

/// A checked upload stored ahead of its transaction (removed unless `keep` is called after the commit).
pub struct StoredFile {
    pub pending: PendingFile,
    pub key: String,
    pub file_name: String,
    pub content_type: &'static str,
    pub size: i64,
}

pub async fn store_file(
    ctx: &RequestCtx,
    complaint_id: i64,
    file: Option<(String, Vec<u8>)>,
) -> Result<Option<StoredFile>, AppError> {
    let Some((name, bytes)) = file else {
        return Ok(None);
    };
    let content_type = check_file("file", &bytes)?;
    if repo::file_count(&ctx.state.db.pool, complaint_id).await? >= FILES_PER_CASE {
        return Err(AppError::field("file", "complaint_err_too_many_files"));
    }
    let key = format!(
        "complaints/{complaint_id}/{}",
        &crate::server::pii::new_token()[..20]
    );
    ctx.state
        .storage
        .put(&key, &bytes)
        .await
        .map_err(internal)?;
    let file_name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .take(80)
        .collect();
    Ok(Some(StoredFile {
        pending: PendingFile::new(&ctx.state.storage, &key),
        key,
        file_name: if file_name.trim().is_empty() {
            "berkas".into()
        } else {
            file_name
        },
        content_type,
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
    }))
}

/// Writes the file's row in the caller's transaction; the count of `FILES_PER_CASE` is checked again in the
/// guarded insert (two uploads at once cannot both pass the early check in `store_file`).
pub async fn record_file(
    tx: &mut Transaction<'static, Any>,
    complaint_id: i64,
    by_role: &str,
    file: &StoredFile,
    now_ms: i64,
) -> Result<(), AppError> {
    let added = write::add_file(
        tx,
        &write::NewFile {
            complaint_id,
            by_role,
            storage_key: &file.key,
            file_name: &file.file_name,
            content_type: file.content_type,
            size_bytes: file.size,
            at_ms: now_ms,
        },
        FILES_PER_CASE,
    )
    .await?;
    if added {
        Ok(())
    } else {
        Err(AppError::field("file", "complaint_err_too_many_files"))
    }
}

/// An audit event about the complainant's own action on a complaint. For an anonymous or a confidential one
/// it carries no actor, role, address or request id, so the log (which staff read) cannot tie the complaint
/// to a person; a confidential complainant's account stays only on the complaint, behind the unlock.
pub fn audit<'a>(ctx: &'a RequestCtx, action: &'a str, id: i64, privacy: &str) -> AuditEvent<'a> {
    let mut event = ctx.audit(action, "complaint", Some(id.to_string()));
    if privacy != "open" {
        event.actor_account_id = None;
        event.actor_role = None;
        event.ip = None;
        event.request_id = None;
    }
    event
}
