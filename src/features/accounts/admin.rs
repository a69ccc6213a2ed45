//! `dnaker create-admin`: the first administrator of a new installation.
use crate::{
    core::{error::FieldErrors, role::Role, validate::normalize_email},
    features::accounts::{model, password, repo},
    server::{
        audit,
        db::{Db, now_ms},
    },
};

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    #[error("an account with this e-mail address exists already")]
    EmailTaken,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("password hashing failed: {0}")]
    Hashing(#[from] tokio::task::JoinError),
}

pub async fn create_admin(
    db: &Db,
    email: &str,
    name: &str,
    password: &str,
) -> Result<i64, CreateAdminError> {
    let mut errors = FieldErrors::new();
    let email = normalize_email(email)
        .map_err(|key| errors.add("email", key))
        .ok();
    let name = model::normalize_full_name(name)
        .map_err(|key| errors.add("name", key))
        .ok();
    // The same rules as every other password: a first administrator with "admin123" is the worst case.
    if let Err(key) = password::new_password_problem(password, email.as_deref().unwrap_or("")) {
        errors.add("password", key);
    }
    let (Some(email), Some(name), true) = (email, name, errors.is_empty()) else {
        return Err(CreateAdminError::Invalid(errors));
    };
    let password_hash = repo::hash_password(password.to_owned()).await?;

    let mut tx = db.begin_write().await?;
    if repo::email_taken(&mut *tx, &email).await? {
        return Err(CreateAdminError::EmailTaken);
    }
    let account = repo::NewAccount {
        email: &email,
        full_name: &name,
        role: Role::Admin,
        company_id: None,
        company_role: None,
        phone: None,
        password_hash: &password_hash,
        now_ms: now_ms(),
    };
    let id = repo::insert(&mut *tx, &account).await?;
    // The operator typed the address on the server itself; it counts as verified.
    repo::mark_email_verified(&mut *tx, id, now_ms()).await?;
    audit::record(
        &mut *tx,
        audit::AuditEvent {
            action: "account.create_admin",
            subject_type: "account",
            subject_id: Some(id.to_string()),
            subject_account_id: Some(id),
            detail: "created from the command line",
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
