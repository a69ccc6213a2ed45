//! Who files a request. A company's member files for their own company. A strike notice is the workers'
//! own: the union (or the workers) notifies the employer and the labour office (UU 13/2003 Ps 140(1)), so
//! the portal takes it from a signed-in worker (seeker) account filing for a union, with the union's name
//! and registration number in the form and the employer named by its NIB, which must be a company
//! registered on the portal. The notice is then the employer's request record (the company sees it), filed
//! by the worker's account (the receipt, notices and survey go to them), and the mediation attempt opens
//! against that employer. DESIGN.md has no union role; a seeker account is the smallest sound actor.
use crate::{
    core::{
        error::{AppError, FieldErrors},
        role::Role,
    },
    features::requests::{
        model::{RequestType, filing::Filing},
        repo::{self, RequestRow},
    },
    server::{authz::RequestCtx, multipart::Upload},
};

/// The form input naming the employer of a strike notice by its NIB (13 digits).
pub const EMPLOYER_INPUT: &str = "employer_nib";
/// The worker's page of the strike notices they filed for a union.
pub const UNION_PAGE: &str = "/akun/mogok";

/// The form input naming the company an officer serves at the counter, by its NIB (13 digits).
pub const COUNTER_INPUT: &str = "company_nib";

/// The account filing, the company the request is about, and the filer's role in the trail.
#[derive(Clone, Copy)]
pub struct Filer {
    pub account_id: i64,
    pub company_id: i64,
    pub role: &'static str,
    /// The officer who filed it at the counter for a walk-in company (the request is then the company's:
    /// its admin account hears of it, corrects and withdraws it; the trail and audit name the officer).
    pub counter_officer: Option<i64>,
}

/// A registered company's id by the posted NIB (13 digits), or `None`.
async fn company_by_input(
    ctx: &RequestCtx,
    upload: &Upload,
    input: &str,
) -> Result<Option<i64>, AppError> {
    let nib = upload.text(input).unwrap_or_default().trim();
    if nib.len() == 13 && nib.bytes().all(|b| b.is_ascii_digit()) {
        Ok(repo::company_by_nib(&ctx.state.db, nib)
            .await?
            .map(|(id, _)| id))
    } else {
        Ok(None)
    }
}

/// The form's own errors with one more, as a validation error.
fn with_error(checked: &Result<Filing, FieldErrors>, input: &str, key: &str) -> AppError {
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    errors.add(input, key);
    AppError::Validation(errors)
}

/// Only workers file strike notices, and workers file nothing else.
pub fn union_files(ty: &RequestType) -> bool {
    ty.rule == "strike"
}

/// The filer of `ty`: a company member for a company's type; a seeker for a strike notice, against the
/// registered employer with the posted NIB (a field error with the form's own errors when there is none);
/// an officer at the counter for a company's type, for the registered company with the posted NIB.
pub async fn filer(
    ctx: &RequestCtx,
    ty: &RequestType,
    upload: &Upload,
    checked: &Result<Filing, FieldErrors>,
) -> Result<Filer, AppError> {
    let user = ctx.require_signed_in()?;
    match (user.role, union_files(ty)) {
        (Role::Company, false) => {
            let actor = ctx.require_company()?;
            Ok(Filer {
                account_id: actor.account_id,
                company_id: actor.company_id,
                role: "company",
                counter_officer: None,
            })
        }
        (Role::Seeker, true) => match company_by_input(ctx, upload, EMPLOYER_INPUT).await? {
            Some(company_id) => Ok(Filer {
                account_id: user.account_id,
                company_id,
                role: "seeker",
                counter_officer: None,
            }),
            None => Err(with_error(
                checked,
                EMPLOYER_INPUT,
                "requests_err_employer_unknown",
            )),
        },
        // A walk-in company at the counter (as the AK-1 counter serves a walk-in person): the officer files
        // a company's type for the registered company with the posted NIB, on behalf of its admin account.
        (role, false) if role.is_staff() => {
            let Some(company_id) = company_by_input(ctx, upload, COUNTER_INPUT).await? else {
                return Err(with_error(
                    checked,
                    COUNTER_INPUT,
                    "requests_err_employer_unknown",
                ));
            };
            let admins = repo::company_admins(&ctx.state.db.pool, company_id).await?;
            let Some((admin_id, _)) = admins.first() else {
                return Err(with_error(
                    checked,
                    COUNTER_INPUT,
                    "requests_err_counter_no_account",
                ));
            };
            Ok(Filer {
                account_id: *admin_id,
                company_id,
                role: "counter",
                counter_officer: Some(user.account_id),
            })
        }
        _ => Err(AppError::Forbidden),
    }
}

/// The page a request's notices link to: the worker's for a union's notice, else the company's.
pub fn filer_page(row: &RequestRow) -> &'static str {
    if row.filer_role == "seeker" {
        UNION_PAGE
    } else {
        crate::features::requests::model::COMPANY_PAGE
    }
}
