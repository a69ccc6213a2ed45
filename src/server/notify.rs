//! The in-app inbox and its e-mail copy: written in the caller's transaction, so a rolled-back change
//! notifies no one. The message is a translation key plus one subject (usually a vacancy title), so the
//! inbox shows it in the reader's language; e-mail goes in both languages (the reader's choice is unknown).
//! Every notice lands in the one inbox (`/kotak-masuk`); its e-mail copy is sent unless the person switched
//! off its category (`core::notice`: mandatory categories are always sent).
use sqlx::{Any, Transaction};

use crate::{
    core::{
        i18n::{Lang, fill},
        notice::{category_of, is_mandatory},
    },
    server::mail,
};

pub struct Notice<'a> {
    pub account_id: i64,
    /// A translation key with a `{subject}` placeholder.
    pub message_key: &'static str,
    pub subject: &'a str,
    pub link: Option<String>,
    pub now_ms: i64,
    /// Also e-mail this address (through the outbox).
    pub email: Option<Email<'a>>,
}

pub struct Email<'a> {
    pub to: &'a str,
    /// The portal's public address, for the link in the message.
    pub public_url: &'a str,
}

pub async fn send(
    tx: &mut Transaction<'static, Any>,
    notice: Notice<'_>,
) -> Result<(), sqlx::Error> {
    send_with(tx, notice, &[]).await
}

/// [`send`] with more named values for the message than `{subject}` (`{wage}`, `{umk}` …).
pub async fn send_with(
    tx: &mut Transaction<'static, Any>,
    notice: Notice<'_>,
    extra: &[(&str, String)],
) -> Result<(), sqlx::Error> {
    let mut values = serde_json::Map::new();
    values.insert("subject".into(), notice.subject.into());
    for (name, value) in extra {
        values.insert((*name).into(), value.as_str().into());
    }
    let params = serde_json::Value::Object(values).to_string();
    sqlx::query(
        "INSERT INTO notifications (account_id, message_key, params, link, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(notice.account_id)
    .bind(notice.message_key)
    .bind(&params)
    .bind(notice.link.clone())
    .bind(notice.now_ms)
    .execute(&mut **tx)
    .await?;
    let email = match notice.email {
        Some(email) if wants_email(tx, notice.account_id, notice.message_key).await? => email,
        _ => return Ok(()),
    };
    let (id, en) = (
        render(Lang::Id, notice.message_key, &params),
        render(Lang::En, notice.message_key, &params),
    );
    let link = format!(
        "{}{}",
        email.public_url.trim_end_matches('/'),
        notice.link.as_deref().unwrap_or("/")
    );
    let body = format!("{id}\n\n{en}\n\n{link}\n");
    mail::enqueue(&mut **tx, notice.now_ms, email.to, &id, &body).await?;
    Ok(())
}

/// Whether the person wants the e-mail copy of a notice with this key (no row: yes).
async fn wants_email(
    tx: &mut Transaction<'static, Any>,
    account_id: i64,
    message_key: &str,
) -> Result<bool, sqlx::Error> {
    let category = category_of(message_key);
    if is_mandatory(category) {
        return Ok(true);
    }
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT email_on FROM notice_email_prefs WHERE account_id = $1 AND category = $2",
    )
    .bind(account_id)
    .bind(category)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_none_or(|(on,)| on == 1))
}

/// Sends `notice` once per `job`, recipient and `period` (e.g. `2026-12`): the `notice_once` key decides in
/// the same transaction, so a rerun of a job sends nothing. Returns whether it was sent now.
pub async fn send_once(
    tx: &mut Transaction<'static, Any>,
    job: &str,
    period: &str,
    notice: Notice<'_>,
    extra: &[(&str, String)],
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "INSERT INTO notice_once (job, account_id, period, sent_at_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (job, account_id, period) DO NOTHING",
    )
    .bind(job)
    .bind(notice.account_id)
    .bind(period)
    .bind(notice.now_ms)
    .execute(&mut **tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(false);
    }
    send_with(tx, notice, extra).await?;
    Ok(true)
}

/// The inbox text of a stored notice: its message with every named value of `params` filled in.
pub fn render(lang: Lang, message_key: &str, params: &str) -> String {
    let values: Vec<(String, String)> = serde_json::from_str::<serde_json::Value>(params)
        .ok()
        .and_then(|v| match v {
            serde_json::Value::Object(map) => Some(
                map.into_iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default();
    let mut pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if !pairs.iter().any(|(k, _)| *k == "subject") {
        pairs.push(("subject", ""));
    }
    let strings = lang.strings();
    fill(strings.lookup(message_key).unwrap_or(message_key), &pairs)
}
