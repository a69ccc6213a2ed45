//! Admin and officer back-office operations.
use crate::{
    core::{
        calendar,
        error::{AppError, FieldErrors},
        role::Role,
    },
    features::{
        accounts::{
            model::normalize_full_name,
            service::{self as accounts, NewAccount, send_password_link, unique_to_field},
        },
        admin::model::{AUDIT_PAGE_SIZE, AccountRow, AuditEntry, AuditFilter},
    },
    server::{audit, authz::RequestCtx, error::internal, session},
};

/// id, name, e-mail, role, company, disabled, created.
type AccountListRow = (i64, String, String, String, Option<String>, i64, i64);

pub async fn list_accounts(ctx: &RequestCtx, query: &str) -> Result<Vec<AccountRow>, AppError> {
    ctx.require(Role::Admin)?;
    let pattern = format!("%{}%", query.trim().to_lowercase());
    let rows: Vec<AccountListRow> = sqlx::query_as(
        "SELECT a.id, a.full_name, a.email, a.role, c.name, a.disabled, a.created_at_ms FROM accounts a \
         LEFT JOIN companies c ON c.id = a.company_id \
         WHERE LOWER(a.email) LIKE $1 OR LOWER(a.full_name) LIKE $1 ORDER BY a.id DESC LIMIT 200",
    )
    .bind(pattern)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    audit_account_list(ctx, &rows).await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(id, full_name, email, role, company_name, disabled, created_at_ms)| {
                Some(AccountRow {
                    id,
                    full_name,
                    email,
                    role: Role::parse(&role)?,
                    company_name,
                    disabled: disabled != 0,
                    created_at_ms,
                })
            },
        )
        .collect())
}

/// A list of names and e-mail addresses is a read of personal data: logged before it is shown. A search
/// that found one person is a read of that person, so it appears on their "who accessed my data" page;
/// a wider list names nobody in particular (one row per listed person would bury those pages).
async fn audit_account_list(ctx: &RequestCtx, rows: &[AccountListRow]) -> Result<(), AppError> {
    let detail = format!("{} accounts", rows.len());
    let mut event = ctx.audit("account.list", "account", None).detail(&detail);
    if let [(id, ..)] = rows {
        event = event.about(*id);
        event.subject_id = Some(id.to_string());
    }
    audit::record(&ctx.state.db.pool, event).await?;
    Ok(())
}

/// Creates an officer or admin; they set their own password through the e-mailed link.
pub async fn create_staff(
    ctx: &RequestCtx,
    email: &str,
    full_name: &str,
    role: &str,
) -> Result<i64, AppError> {
    ctx.require(Role::Admin)?;
    let mut errors = FieldErrors::new();
    let email = crate::core::validate::normalize_email(email)
        .map_err(|k| errors.add("email", k))
        .ok();
    let name = normalize_full_name(full_name)
        .map_err(|k| errors.add("full_name", k))
        .ok();
    let role = Role::parse(role).filter(|r| r.is_staff());
    if role.is_none() {
        errors.add("role", "err_role");
    }
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return Err(AppError::Validation(errors));
    };
    // An unusable hash: nobody can sign in until the link sets a password.
    let placeholder = accounts::hash_password(crate::server::pii::new_token())
        .await
        .map_err(internal)?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    if accounts::email_taken(&mut *tx, &email).await? {
        errors.add("email", "err_email_taken");
        return Err(AppError::Validation(errors));
    }
    let account = NewAccount {
        email: &email,
        full_name: &name,
        role,
        company_id: None,
        company_role: None,
        phone: None,
        password_hash: &placeholder,
        now_ms: now,
    };
    let id = accounts::insert_account(&mut *tx, &account)
        .await
        .map_err(unique_to_field)?;
    let t = ctx.lang.strings();
    send_password_link(
        ctx,
        &mut tx,
        id,
        &email,
        72 * 3_600_000,
        t.mail_staff_subject,
        t.mail_staff_body,
        &[("name", &name)],
    )
    .await?;
    audit::record(
        &mut *tx,
        ctx.audit("account.create_staff", "account", Some(id.to_string()))
            .about(id)
            .detail(role.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Disabling ends every session of the account at once.
pub async fn set_disabled(
    ctx: &RequestCtx,
    account_id: i64,
    disabled: bool,
) -> Result<(), AppError> {
    let admin = ctx.require(Role::Admin)?;
    if admin.account_id == account_id && disabled {
        return Err(AppError::Conflict("err_cannot_disable_self".into()));
    }
    let mut tx = ctx.state.db.begin_write().await?;
    let updated = sqlx::query("UPDATE accounts SET disabled = $1 WHERE id = $2")
        .bind(i64::from(disabled))
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let action = if disabled {
        "account.disable"
    } else {
        "account.enable"
    };
    if disabled {
        session::delete_all_for_account(&mut *tx, account_id).await?;
    }
    audit::record(
        &mut *tx,
        ctx.audit(action, "account", Some(account_id.to_string()))
            .about(account_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn day_start_ms(date: &str) -> Option<i64> {
    let date = calendar::parse_date(date)?;
    let midnight = date.midnight().assume_offset(calendar::WIB);
    Some((midnight.unix_timestamp_nanos() / 1_000_000) as i64)
}

pub async fn audit_log(
    ctx: &RequestCtx,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>, AppError> {
    ctx.require(Role::Admin)?;
    let action = format!("{}%", filter.action.clone().unwrap_or_default().trim());
    let from = filter.from.as_deref().and_then(day_start_ms).unwrap_or(0);
    let to = filter
        .to
        .as_deref()
        .and_then(day_start_ms)
        .map_or(i64::MAX, |start| start + 86_400_000);
    let offset = filter.page.unwrap_or(0).max(0) * AUDIT_PAGE_SIZE;
    let entries: Vec<AuditEntry> = sqlx::query_as(
        "SELECT l.id, l.at_ms, a.full_name AS actor_name, l.actor_role, l.action, l.subject_type, l.subject_id, l.subject_account_id, l.ip, l.request_id \
         FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_account_id \
         WHERE l.action LIKE $1 AND l.at_ms >= $2 AND l.at_ms < $3 \
         AND ($4 = -1 OR l.actor_account_id = $4) AND ($5 = -1 OR l.subject_account_id = $5) \
         ORDER BY l.at_ms DESC, l.id DESC LIMIT $6 OFFSET $7",
    )
    .bind(action)
    .bind(from)
    .bind(to)
    .bind(filter.actor_account_id.unwrap_or(-1))
    .bind(filter.subject_account_id.unwrap_or(-1))
    .bind(AUDIT_PAGE_SIZE)
    .bind(offset)
    .fetch_all(&ctx.state.db.pool)
    .await?;
    Ok(entries)
}
