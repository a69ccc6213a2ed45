use leptos::prelude::*;

use crate::{
    core::error::AppError,
    features::{
        accounts::model::SeekerSignUp,
        ak1::{
            experience::{CertificateEntry, ProfileEntries, WorkEntry},
            model::{
                Ak1Queue, Ak1Statistics, MyProfile, ProfileForm, ReviewProfile, VerificationView,
            },
        },
    },
};

#[cfg(feature = "ssr")]
use crate::{
    features::ak1::{
        card, counter,
        model::Decision,
        officer,
        seeker::{self, EntryList},
        stats,
    },
    server::{authz::RequestCtx, error::respond},
};

/// The seeker's own profile, or at the service counter (`on_behalf_of`) the profile of a person who consented.
#[server]
pub async fn load_my_profile(on_behalf_of: Option<i64>) -> Result<MyProfile, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::my_profile(&ctx, on_behalf_of).await)
}

#[server]
pub async fn save_profile(
    #[server(default)] form: ProfileForm,
    on_behalf_of: Option<i64>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::save_profile(&ctx, on_behalf_of, form).await)
}

#[server]
pub async fn load_profile_entries(on_behalf_of: Option<i64>) -> Result<ProfileEntries, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::entries(&ctx, on_behalf_of).await)
}

#[server]
pub async fn add_work_entry(
    #[server(default)] entry: WorkEntry,
    on_behalf_of: Option<i64>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::add_work(&ctx, on_behalf_of, entry).await)
}

#[server]
pub async fn add_certificate_entry(
    #[server(default)] entry: CertificateEntry,
    on_behalf_of: Option<i64>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::add_certificate(&ctx, on_behalf_of, entry).await)
}

/// `list` is "work" or "certificates".
#[server]
pub async fn remove_profile_entry(
    #[server(default)] list: String,
    #[server(default)] entry_id: i64,
    on_behalf_of: Option<i64>,
) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    let list = match list.as_str() {
        "work" => EntryList::Work,
        "certificates" => EntryList::Certificates,
        _ => return Err(AppError::NotFound),
    };
    respond(seeker::remove_entry(&ctx, on_behalf_of, list, entry_id).await)
}

/// Applies for the AK-1 (or resubmits after a revision request).
#[server]
pub async fn apply_ak1(on_behalf_of: Option<i64>) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::apply(&ctx, on_behalf_of).await)
}

/// Counter: registers a person without an account; `consent` is the checkbox the officer ticks after the
/// person agreed. Returns the new seeker's account id.
#[server]
pub async fn counter_register(
    #[server(default)] form: SeekerSignUp,
    consent: Option<String>,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(counter::register(&ctx, form, consent.is_some_and(|v| !v.is_empty())).await)
}

/// Counter: opens an existing seeker by NIK, with consent. Returns the account id.
#[server]
pub async fn counter_open(
    #[server(default)] nik: String,
    consent: Option<String>,
) -> Result<i64, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(counter::open_by_nik(&ctx, &nik, consent.is_some_and(|v| !v.is_empty())).await)
}

/// Counter: whether this officer holds the person's consent for today (403 when not), asked once when the
/// counter page opens, so a page past the consent explains it once instead of in every section.
#[server]
pub async fn check_counter_consent(seeker_id: i64) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(seeker::subject(&ctx, Some(seeker_id)).await.map(|_| ()))
}

/// Officers: the full profile of an AK-1 applicant (audited).
#[server]
pub async fn load_applicant_profile(account_id: i64) -> Result<ReviewProfile, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::review(&ctx, account_id).await)
}

#[server]
pub async fn load_ak1_statistics() -> Result<Ak1Statistics, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(stats::statistics(&ctx).await)
}

#[server]
pub async fn load_ak1_queue() -> Result<Ak1Queue, AppError> {
    let ctx = RequestCtx::current().await?;
    respond(officer::queue(&ctx).await)
}

/// `decision` is "approve", "reject" or "revise"; the last two need a reason. Returns the card number when issued.
#[server]
pub async fn decide_ak1(
    application_id: i64,
    decision: String,
    reason: Option<String>,
) -> Result<Option<String>, AppError> {
    let ctx = RequestCtx::current().await?;
    let decision =
        Decision::parse(&decision).ok_or_else(|| AppError::field("decision", "err_choose"))?;
    respond(
        officer::decide(
            &ctx,
            application_id,
            decision,
            reason.as_deref().unwrap_or_default(),
        )
        .await,
    )
}

/// The six-monthly re-report; `still_seeking` is "1" or "0" (a form value).
#[server]
pub async fn re_report_ak1(still_seeking: String) -> Result<(), AppError> {
    let ctx = RequestCtx::current().await?;
    respond(crate::features::ak1::reports::re_report(&ctx, still_seeking == "1").await)
}

/// Public: what the QR code on a card leads to.
#[server]
pub async fn verify_ak1(code: String) -> Result<VerificationView, AppError> {
    let state = crate::server::state::app_state()?;
    let today = crate::core::calendar::wib_date(state.clock.now_ms());
    respond(card::verify(&state.db, &code, today).await)
}
