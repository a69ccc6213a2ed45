//! Server functions of accounts: thin — context, one service call, the status mapping.
use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::accounts::model::{DataAccessView, MyAccount, SeekerSignUp, SessionUser},
};

#[cfg(feature = "ssr")]
use crate::{
    features::accounts::{password, privacy, signin, signup, staff_reads},
    server::{authz::RequestCtx, error::respond},
};

/// Who is signed in (for the header and role navigation); `None` for visitors.
#[server]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    let ctx = RequestCtx::current().await?;
    Ok(ctx.user)
}

#[server]
pub async fn sign_up_seeker(#[server(default)] form: SeekerSignUp) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(signup::sign_up_seeker(&ctx, form).await)
}

/// On success the browser goes back to the page that asked for the sign-in (`next`, a path of this portal),
/// else to the person's home area (a plain form post is redirected there too).
#[server]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<SessionUser, AppError> {
    use crate::features::accounts::pages::{home_for, is_file_path, return_path};
    let ctx = RequestCtx::current().await?;
    let user = respond(signin::sign_in(&ctx, &email, &password).await)?;
    let target = return_path(&next).unwrap_or(home_for(user.role));
    // A file that sent the person here is loaded by the sign-in page itself (the client's router would
    // look for a page by that name); a form posted without JavaScript is redirected to it like a page.
    if !is_file_path(target) || crate::server::error::plain_form_post() {
        leptos_axum::redirect(target);
    }
    Ok(user)
}

#[server]
pub async fn sign_out() -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(signin::sign_out(&ctx).await)?;
    leptos_axum::redirect("/masuk");
    Ok(())
}

#[server]
pub async fn sign_out_everywhere() -> Result<u64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(signin::sign_out_everywhere(&ctx).await)
}

#[server]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(signup::verify_email(&ctx, &token).await)
}

#[server]
pub async fn resend_verification() -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(signup::resend_verification(&ctx).await)
}

#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(password::request_password_reset(&ctx, &email).await)
}

#[server]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(password::reset_password(&ctx, &token, &password).await)
}

#[server]
pub async fn change_password(current_password: String, password: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(password::change_password(&ctx, &current_password, &password).await)
}

#[server]
pub async fn load_my_account() -> Result<MyAccount, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(privacy::my_account(&ctx).await)
}

/// `granted` is "1" or "0" (a form value).
#[server]
pub async fn set_consent(purpose: String, granted: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(privacy::set_consent(&ctx, &purpose, granted == "1").await)
}

#[server]
pub async fn end_session(handle: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(privacy::end_session(&ctx, &handle).await)
}

#[server]
pub async fn load_my_data_access() -> Result<Vec<DataAccessView>, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(privacy::my_data_access(&ctx).await)
}

#[server]
pub async fn request_correction(
    field: String,
    value: String,
    reason: String,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(privacy::request_correction(&ctx, &field, &value, &reason).await)
}

/// An officer's view of a seeker's record (the read is audited with its basis: a relation the system
/// knows, or the `reason` typed); pretty JSON for now.
#[server]
pub async fn officer_view_seeker(
    account_id: i64,
    #[server(default)] reason: String,
) -> Result<String, AppError> {
    let ctx = RequestCtx::current().await?;
    let record = respond(staff_reads::officer_view_seeker(&ctx, account_id, &reason).await)?;
    serde_json::to_string_pretty(&record).map_err(crate::server::error::internal)
}
