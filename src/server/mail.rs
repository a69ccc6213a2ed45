//! Outgoing e-mail through an outbox table and a sender task (lettre).
//!
//! Features enqueue a message inside their own transaction (so a rolled-back sign-up sends nothing);
//! the sender delivers it. The default transport writes `.eml` files into `data_dir/outbox`, so the
//! portal works with no mail server; SMTP is a configuration switch.
//!
//! Bodies carry single-use links (set a password: valid 72 hours or 7 days), so a body lives only until
//! it is delivered or given up on: then it is blanked and only the metadata stays (to, subject, times,
//! attempts). Links are never logged: whoever reads the log or a backup must not be able to use them.
use std::time::Duration;

use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::header::ContentType,
};
use sqlx::{Any, Executor};

use crate::server::{config::Config, db::Db, state::AppState};

pub async fn enqueue<'c, E>(
    executor: E,
    now_ms: i64,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO mail_outbox (to_address, subject, body_text, created_at_ms, next_attempt_at_ms, attempts) \
         VALUES ($1, $2, $3, $4, $4, 0)",
    )
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(now_ms)
    .execute(executor)
    .await?;
    Ok(())
}

enum Transport {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl Transport {
    fn from_config(config: &Config) -> Result<Transport, MailError> {
        match config.mail.transport.as_str() {
            "smtp" => AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.mail.smtp_url)
                .map(|builder| Transport::Smtp(builder.build()))
                .map_err(|e| MailError::Config(e.to_string())),
            _ => {
                let dir = config.server.data_dir.join("outbox");
                std::fs::create_dir_all(&dir).map_err(|e| MailError::Config(e.to_string()))?;
                Ok(Transport::File(AsyncFileTransport::new(dir)))
            }
        }
    }

    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Transport::File(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

type OutboxRow = (i64, String, String, String, i64);

/// After this many failed attempts a message is given up on (and its body blanked).
const MAX_ATTEMPTS: i64 = 10;

/// Sends what is due; returns how many were delivered. Run by the sender task and by tests.
pub async fn deliver_due(state: &AppState) -> Result<usize, MailError> {
    let transport = Transport::from_config(&state.config)?;
    let now = state.clock.now_ms();
    let rows = claim_due(&state.db, now).await?;
    let mut delivered = 0;
    for (id, to, subject, body, attempts) in rows {
        let outcome = build(&state.config.mail.from, &to, &subject, &body)
            .map_err(|e| e.to_string())
            .map(|message| async { transport.send(message).await });
        let result = match outcome {
            Ok(sending) => sending.await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => {
                sqlx::query(
                    "UPDATE mail_outbox SET sent_at_ms = $1, attempts = $2, body_text = '' WHERE id = $3",
                )
                .bind(now)
                .bind(attempts + 1)
                .bind(id)
                .execute(&state.db.pool)
                .await?;
                if state.config.mail.transport == "file" {
                    tracing::info!(
                        outbox_id = id,
                        "mail written to the outbox folder (file transport)"
                    );
                }
                delivered += 1;
            }
            Err(error) => {
                // Back off: 1, 2, 4 … minutes, at most an hour.
                let wait = 60_000_i64 << attempts.clamp(0, 6);
                tracing::warn!(outbox_id = id, %error, "mail delivery failed; will retry");
                // The last attempt given up on: nobody will send the body, so nobody keeps it.
                sqlx::query(
                    "UPDATE mail_outbox SET attempts = $1, last_error = $2, next_attempt_at_ms = $3, \
                     body_text = CASE WHEN $1 >= $5 THEN '' ELSE body_text END WHERE id = $4",
                )
                .bind(attempts + 1)
                .bind(error.chars().take(500).collect::<String>())
                .bind(now + wait.min(3_600_000))
                .bind(id)
                .bind(MAX_ATTEMPTS)
                .execute(&state.db.pool)
                .await?;
            }
        }
    }
    Ok(delivered)
}

/// Takes the due messages, pushing their next attempt a few minutes out so another instance does not
/// send them at the same time (PostgreSQL skips rows another instance has locked).
async fn claim_due(db: &Db, now: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let rows: Vec<OutboxRow> = sqlx::query_as(&format!(
        "SELECT id, to_address, subject, body_text, attempts FROM mail_outbox \
         WHERE sent_at_ms IS NULL AND next_attempt_at_ms <= $1 AND attempts < $2 ORDER BY id LIMIT 20{}",
        db.backend.skip_locked()
    ))
    .bind(now)
    .bind(MAX_ATTEMPTS)
    .fetch_all(&mut *tx)
    .await?;
    for (id, ..) in &rows {
        sqlx::query("UPDATE mail_outbox SET next_attempt_at_ms = $1 WHERE id = $2")
            .bind(now + 300_000)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows)
}

fn build(from: &str, to: &str, subject: &str, body: &str) -> Result<Message, lettre::error::Error> {
    let from = from
        .parse()
        .map_err(|_| lettre::error::Error::MissingFrom)?;
    let to = to.parse().map_err(|_| lettre::error::Error::MissingTo)?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_owned())
}

/// The background sender: delivers due mail every few seconds until the process ends.
pub async fn run_sender(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(3));
    loop {
        tick.tick().await;
        if !state.is_migrated() {
            continue;
        }
        if let Err(error) = deliver_due(&state).await {
            tracing::warn!(%error, "mail sender");
        }
    }
}
