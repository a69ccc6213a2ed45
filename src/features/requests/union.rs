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

/// The account filing, the company the request is about, and the filer's role in the trail.
#[derive(Clone, Copy)]
pub struct Filer {
    pub account_id: i64,
    pub company_id: i64,
    pub role: &'static str,
}

/// Only workers file strike notices, and workers file nothing else.
pub fn union_files(ty: &RequestType) -> bool {
    ty.rule == "strike"
}

/// The filer of `ty`: a company member for a company's type; a seeker for a strike notice, against the
/// registered employer with the posted NIB (a field error with the form's own errors when there is none).
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
            })
        }
        (Role::Seeker, true) => {
            let nib = upload.text(EMPLOYER_INPUT).unwrap_or_default().trim();
            let employer = if nib.len() == 13 && nib.bytes().all(|b| b.is_ascii_digit()) {
                repo::company_by_nib(&ctx.state.db, nib).await?
            } else {
                None
            };
            match employer {
                Some((company_id, _)) => Ok(Filer {
                    account_id: user.account_id,
                    company_id,
                    role: "seeker",
                }),
                None => {
                    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
                    errors.add(EMPLOYER_INPUT, "requests_err_employer_unknown");
                    Err(AppError::Validation(errors))
                }
            }
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
