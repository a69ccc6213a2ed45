//! The in-app inbox and its e-mail copy: written in the caller's transaction, so a rolled-back change
//! notifies no one. The message is a translation key plus one subject (usually a vacancy title), so the
//! inbox shows it in the reader's language; e-mail goes in both languages (the reader's choice is unknown).
use sqlx::{Any, Transaction};

use crate::{
    core::i18n::{Lang, fill},
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
    let params = serde_json::json!({ "subject": notice.subject }).to_string();
    sqlx::query(
        "INSERT INTO notifications (account_id, message_key, params, link, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(notice.account_id)
    .bind(notice.message_key)
    .bind(params)
    .bind(notice.link.clone())
    .bind(notice.now_ms)
    .execute(&mut **tx)
    .await?;
    if let Some(email) = notice.email {
        let line = |lang: Lang| {
            let strings = lang.strings();
            fill(
                strings
                    .lookup(notice.message_key)
                    .unwrap_or(notice.message_key),
                &[("subject", notice.subject)],
            )
        };
        let (id, en) = (line(Lang::Id), line(Lang::En));
        let link = format!(
            "{}{}",
            email.public_url.trim_end_matches('/'),
            notice.link.as_deref().unwrap_or("/")
        );
        let body = format!("{id}\n\n{en}\n\n{link}\n");
        mail::enqueue(&mut **tx, notice.now_ms, email.to, &id, &body).await?;
    }
    Ok(())
}

/// The inbox text of a stored notice.
pub fn render(lang: Lang, message_key: &str, params: &str) -> String {
    let subject = serde_json::from_str::<serde_json::Value>(params)
        .ok()
        .and_then(|v| v.get("subject").and_then(|s| s.as_str()).map(str::to_owned))
        .unwrap_or_default();
    let strings = lang.strings();
    fill(
        strings.lookup(message_key).unwrap_or(message_key),
        &[("subject", &subject)],
    )
}
