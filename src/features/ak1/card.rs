//! The issued card: the printable PDF (the holder's own, or printed at the counter), the public check
//! behind its QR code, and closing it when the holder is placed in a job.
use crate::{
    core::{
        calendar::{self, parse_date},
        error::AppError,
    },
    features::{
        accounts::service as accounts,
        ak1::{
            card_pdf::{self, CardData},
            model::{
                Ak1Status, Ak1View, ProfileForm, VerificationView, is_valid_on, mask_name,
                tangerang_region_name,
            },
            repo::{self, Event},
            seeker::subject,
            views::latest_application,
        },
    },
    server::{audit, authz::RequestCtx, db::Db, error::internal},
};

/// The public check behind the QR code: masked name, number, state, validity.
pub async fn verify(db: &Db, code: &str, today: time::Date) -> Result<VerificationView, AppError> {
    if code.len() != 16 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    let row = repo::verification_row(&db.pool, code).await?;
    let (name, number, status, issued_on, until) = row.ok_or(AppError::NotFound)?;
    let issued = parse_date(&issued_on).ok_or_else(|| internal("stored issue date unreadable"))?;
    let state = match status.as_str() {
        "closed" => "closed",
        _ if is_valid_on(issued, today) => "valid",
        _ => "expired",
    };
    Ok(VerificationView {
        masked_name: mask_name(&name),
        card_number: number,
        state: state.into(),
        valid_until: until,
    })
}

/// Closes the holder's issued card because they were placed in a job. Only for a placement the person is
/// known to be part of: a hire through their own application, or a report by NIK they (or an officer)
/// confirmed (`vacancies::placement_confirm`). Returns whether a card was closed.
pub async fn close_on_placement(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account_id: i64,
    actor_account_id: Option<i64>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let Some((id, card_number)) = repo::close_issued(tx, account_id).await? else {
        return Ok(false);
    };
    repo::record_event(
        &mut **tx,
        &Event {
            application_id: id,
            at_ms: now_ms,
            actor: actor_account_id,
            from: Some("issued"),
            to: "closed",
            reason: Some("placed"),
        },
    )
    .await?;
    // The card's number, as in `ak1.issued`, so a partner can match the two (never the internal id).
    let data = serde_json::json!({ "card_number": card_number, "reason": "placed" });
    crate::server::events::emit(tx, now_ms, "ak1.closed", &card_number, data)
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("event not recorded: {e}")))?;
    Ok(true)
}

/// The issued card as a PDF (rendered off the async runtime): the seeker's own, or printed at the counter.
pub async fn card_pdf(
    ctx: &RequestCtx,
    on_behalf_of: Option<i64>,
) -> Result<(String, Vec<u8>), AppError> {
    let seeker_id = subject(ctx, on_behalf_of).await?;
    let today = calendar::wib_date(ctx.now_ms());
    let card = latest_application(&ctx.state.db, seeker_id, today)
        .await?
        .ok_or(AppError::NotFound)?;
    let (Ak1Status::Issued, Some(number), Some(code)) = (
        card.status,
        card.card_number.clone(),
        card.verification_code.clone(),
    ) else {
        return Err(AppError::NotFound);
    };
    let data = card_data(ctx, seeker_id, &card, number.clone(), &code).await?;
    let bytes = tokio::task::spawn_blocking(move || card_pdf::render(&data))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    audit::record(
        &ctx.state.db.pool,
        ctx.audit(
            "ak1.download_card",
            "ak1_application",
            Some(card.application_id.to_string()),
        )
        .about(seeker_id),
    )
    .await?;
    Ok((number, bytes))
}

/// Where the holder lives, as printed on the card.
fn place(profile: &ProfileForm) -> String {
    match (
        tangerang_region_name(&profile.village_code),
        tangerang_region_name(&profile.district_code),
    ) {
        (Some(village), Some(district)) => {
            format!("Desa/Kel. {village}, Kec. {district}, Kab. Tangerang")
        }
        (None, Some(district)) => format!("Kec. {district}, Kab. Tangerang"),
        _ => profile.address_elsewhere.clone(),
    }
}

/// Everything printed on the card, in Indonesian.
async fn card_data(
    ctx: &RequestCtx,
    seeker_id: i64,
    card: &Ak1View,
    number: String,
    code: &str,
) -> Result<CardData, AppError> {
    let db = &ctx.state.db;
    let identity = accounts::seeker_identity(db, seeker_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let profile = repo::load_form(&db.pool, seeker_id).await?;
    let officer_name = repo::officer_name(&db.pool, card.application_id).await?;
    let full_name = repo::full_name(&db.pool, seeker_id).await?;
    let (training, verified_skills) = repo::training_section(&db.pool, seeker_id).await?;
    let t = crate::core::i18n::Lang::Id.strings();
    let place = place(&profile);
    Ok(CardData {
        nik: ctx
            .state
            .pii
            .decrypt(&identity.nik_ciphertext)
            .map_err(internal)?,
        full_name,
        place_of_birth: identity.place_of_birth,
        date_of_birth: identity.date_of_birth,
        sex: if identity.sex == "female" {
            t.sex_female
        } else {
            t.sex_male
        }
        .to_owned(),
        marital_status: t
            .lookup(&format!("marital_{}", profile.marital_status))
            .unwrap_or("-")
            .to_owned(),
        address: format!("{}, {place}", profile.address),
        education: format!(
            "{} - {} ({})",
            profile.education_level.replace('_', "/"),
            profile.school,
            profile.graduation_year
        ),
        skills: profile.skill_list().join(", "),
        training,
        verified_skills,
        officer_name,
        issued_on: card.issued_on.clone().unwrap_or_default(),
        valid_until: card.valid_until.clone().unwrap_or_default(),
        re_report_due: card.re_report_due.clone(),
        reports: card.reports.clone(),
        verify_url: format!(
            "{}/verifikasi/ak1/{code}",
            ctx.state.config.server.public_url
        ),
        number,
    })
}
