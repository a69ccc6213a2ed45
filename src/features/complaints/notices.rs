//! Who hears of a step on a case and how: the complainant's account (by ticket code), the named company's
//! accounts (by case number only: the code is the complainant's credential), and a complainant without an
//! account who left an e-mail address (by e-mail only).
use sqlx::{Any, Transaction};

use crate::{
    core::error::AppError,
    features::complaints::repo::{self, ComplaintRow},
    server::{mail, notify},
};

/// The complainant's account and the named company's accounts (never for an anonymous case, which the
/// company does not see). (account, e-mail) pairs.
pub async fn recipients(
    tx: &mut Transaction<'static, Any>,
    case: &ComplaintRow,
) -> Result<Vec<(i64, String)>, AppError> {
    let mut out = Vec::new();
    if let Some(account) = case.account_id
        && let Some(email) = repo::email_of(&mut **tx, account).await?
    {
        out.push((account, email));
    }
    if let Some(company) = case.company_id
        && case.privacy != "anonymous"
    {
        out.extend(repo::company_accounts(&mut **tx, company).await?);
    }
    Ok(out)
}

/// One notice per recipient: the complainant's names the ticket code and links the tracking page, the
/// company's names the case number and links the company's list.
pub fn build<'a>(
    public_url: &'a str,
    recipients: &'a [(i64, String)],
    key: &'static str,
    (subject, company_subject): (&'a str, &'a str),
    case: &ComplaintRow,
    now: i64,
) -> Vec<notify::Notice<'a>> {
    recipients
        .iter()
        .map(|(account, email)| {
            let complainant = Some(*account) == case.account_id;
            notify::Notice {
                account_id: *account,
                message_key: key,
                subject: if complainant {
                    subject
                } else {
                    company_subject
                },
                link: Some(if complainant {
                    format!("/pengaduan/{}", case.code)
                } else {
                    "/perusahaan/pengaduan".to_owned()
                }),
                now_ms: now,
                email: Some(notify::Email {
                    to: email,
                    public_url,
                }),
            }
        })
        .collect()
}

/// A complainant without an account who gave an e-mail address hears by e-mail only: `title` is the
/// message's subject line, `subject` what happened.
pub async fn mail_complainant(
    tx: &mut Transaction<'static, Any>,
    case: &ComplaintRow,
    title: &str,
    subject: &str,
    now: i64,
) -> Result<(), AppError> {
    if case.account_id.is_some() {
        return Ok(());
    }
    if let Some(to) = &case.complainant_email {
        let body = format!("{title}\n\n{subject}\n\n/pengaduan/{}\n", case.code);
        mail::enqueue(&mut **tx, now, to, title, &body).await?;
    }
    Ok(())
}
