//! What other features may ask of the survey (contract C1): an invitation after a finished service.
use rand::Rng;
use sqlx::{Any, Transaction};

use crate::{
    core::error::AppError,
    features::survey::{
        model::{CODE_ALPHABET, CODE_LEN},
        repo,
    },
};

/// Creates a one-time survey invitation for a finished service in the caller's transaction and returns its
/// code; the person answers at `/survei/{code}` (signed in or not). `service_key` names the service
/// ("complaint", "request:pp_approval"), `subject_ref` the finished case (a request code, or a complaint's
/// case number: never its ticket code, which is the complainant's credential).
pub async fn offer(
    tx: &mut Transaction<'static, Any>,
    service_key: &str,
    subject_ref: &str,
    account_id: Option<i64>,
    now_ms: i64,
) -> Result<String, AppError> {
    for _ in 0..5 {
        let code = new_code();
        if repo::insert(
            &mut **tx,
            &code,
            service_key,
            subject_ref,
            account_id,
            now_ms,
        )
        .await?
        {
            return Ok(code);
        }
    }
    Err(crate::server::error::internal(
        "survey code space exhausted",
    ))
}

fn new_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN)
        .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// The address of a survey, for links in notices and pages.
pub fn survey_path(code: &str) -> String {
    format!("/survei/{code}")
}
