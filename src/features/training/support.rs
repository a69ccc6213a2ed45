//! Helpers the training actions and views share (they import only repo, model and the kernel): who
//! provides, today's WIB date, notices, certificate codes, giving a place back, and the eligibility
//! rules and card of a programme row.
use rand::Rng;
use sqlx::{Any, Transaction};

use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
        role::Role,
    },
    features::training::{
        model::{Eligibility, ProgrammeCard, RegStatus},
        repo::{
            programme::{self, DetailRow},
            registration::{self as reg, RegRow},
        },
    },
    server::{
        authz::{self, RequestCtx},
        notify::{self, Email, Notice},
        review,
    },
};

/// Who manages: the company (its id) or the office (0), and the account acting.
#[derive(Clone, Copy, Debug)]
pub struct Provider {
    pub owner: i64,
    pub account_id: i64,
}

impl Provider {
    pub fn is_office(self) -> bool {
        self.owner == 0
    }
}

pub fn provider(ctx: &RequestCtx) -> Result<Provider, AppError> {
    let user = ctx.require_signed_in()?;
    if user.role == Role::Company {
        let company = ctx.require_company()?;
        return Ok(Provider {
            owner: company.company_id,
            account_id: company.account_id,
        });
    }
    let staff = ctx.require_staff()?;
    Ok(Provider {
        owner: 0,
        account_id: staff.account_id,
    })
}

/// Whether the provider may vouch for people: publishing a programme, and a result that issues a
/// certificate and marks skills verified. A company must be verified by an officer first, as for a job-fair
/// booth or a hire reported by NIK: before, anyone who signed up a company could publish a programme and
/// certify skills the matching weighs above typed ones.
/// Asked after the provider's ownership of what it acts on was checked, so another company still gets
/// "not found".
pub async fn require_vouching(
    conn: &mut sqlx::AnyConnection,
    who: Provider,
) -> Result<(), AppError> {
    if !who.is_office() && !authz::company_verified(conn, who.owner).await? {
        return Err(AppError::Conflict("err_company_unverified".into()));
    }
    Ok(())
}

/// Letters and digits that cannot be mistaken for one another.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

pub fn new_certificate_code() -> String {
    let mut rng = rand::rng();
    (0..10)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

pub fn today(ctx: &RequestCtx) -> String {
    format_date(wib_date(ctx.now_ms()))
}

/// One notice with its e-mail copy, linking to the person's training page.
pub async fn send(
    ctx: &RequestCtx,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account_id: i64,
    email: &str,
    key: &'static str,
    subject: &str,
) -> Result<(), AppError> {
    notify::send(
        tx,
        Notice {
            account_id,
            message_key: key,
            subject,
            link: Some("/akun/pelatihan".into()),
            now_ms: ctx.now_ms(),
            email: Some(Email {
                to: email,
                public_url: &ctx.state.config.server.public_url,
            }),
        },
    )
    .await?;
    Ok(())
}

/// A place was given back: the first reserve moves up (to accepted without selection, else to the
/// selection), or the place is free again. Notices to send are pushed on `notices`.
pub async fn release_place(
    tx: &mut Transaction<'static, Any>,
    row: &RegRow,
    now: i64,
    notices: &mut Vec<(i64, String, &'static str)>,
) -> Result<(), AppError> {
    match reg::first_reserve(tx, row.programme_id).await? {
        Some((id, account_id, email)) => {
            let to = if row.selection == "none" {
                RegStatus::Accepted
            } else {
                RegStatus::Registered
            };
            review::claimed(
                reg::set_status(tx, id, RegStatus::Reserve.as_str(), to.as_str(), now).await?,
            )?;
            reg::adjust(tx, row.programme_id, 0, -1).await?;
            notices.push((account_id, email, "training_notice_promoted"));
        }
        None => reg::adjust(tx, row.programme_id, -1, 0).await?,
    }
    Ok(())
}

pub fn rules_of(detail: &DetailRow) -> Eligibility {
    Eligibility {
        min_age: detail.min_age,
        max_age: detail.max_age,
        min_education: detail.min_education.clone(),
        requires_ak1: detail.requires_ak1 == 1,
        district: detail.eligible_district.clone(),
    }
}

pub async fn card(db: &crate::server::db::Db, id: i64) -> Result<ProgrammeCard, AppError> {
    let detail = programme::detail(db, id).await?;
    Ok(detail.card.into())
}
