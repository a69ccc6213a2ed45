//! Password hashing (Argon2id, under the shared cap) and the common-password list.
use crate::{core::error::AppError, server::throttle::ARGON2};

/// Argon2id with password-auth's defaults (m = 19 MiB, t = 2, p = 1), off the async runtime.
pub async fn hash_password(password: String) -> Result<String, tokio::task::JoinError> {
    ARGON2
        .run_queued(move || password_auth::generate_hash(password))
        .await
}

/// [`hash_password`] for requests anyone can send: `Unavailable` (503, "busy, try again") when the
/// Argon2 cap stays full for long (`server::throttle::ARGON2`).
pub async fn hash_password_for_request(password: String) -> Result<String, AppError> {
    ARGON2
        .run(move || password_auth::generate_hash(password))
        .await
}

/// Checks a password; with no stored hash it still spends the same time, so timing does not reveal
/// whether an e-mail address has an account.
pub async fn verify_password(
    password: String,
    hash: Option<String>,
) -> Result<bool, tokio::task::JoinError> {
    ARGON2
        .run_queued(move || check_password(&password, hash))
        .await
}

/// [`verify_password`] for requests anyone can send (the sign-in), under the same cap as
/// [`hash_password_for_request`].
pub async fn verify_password_for_request(
    password: String,
    hash: Option<String>,
) -> Result<bool, AppError> {
    ARGON2.run(move || check_password(&password, hash)).await
}

fn check_password(password: &str, hash: Option<String>) -> bool {
    let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
    password_auth::verify_password(password, &hash).is_ok()
}

static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| password_auth::generate_hash("not-a-real-password-for-timing"));

/// The common-password list shipped in `data/common-passwords.txt`.
static COMMON_PASSWORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../../../data/common-passwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    });

pub fn is_common_password(password: &str) -> bool {
    COMMON_PASSWORDS.contains(password.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_common_password_list_is_loaded_and_case_insensitive() {
        assert!(super::COMMON_PASSWORDS.len() > 8000);
        assert!(super::is_common_password("password123"));
        assert!(super::is_common_password("PassWord123"));
        assert!(super::is_common_password("bismillah"));
        assert!(!super::is_common_password("kopi-tubruk-pagi-hari"));
    }
}
