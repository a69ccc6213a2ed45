//! The vacancy feature's small public service for other features: the company member's company and the
//! UMK region code; plus the old paths of functions that moved into the feature's action modules.
use crate::{core::error::AppError, server::authz::RequestCtx};

/// The UMK reference region code; the one regency is `core::region::REGENCY`.
pub const REGENCY: &str = crate::core::region::REGENCY.dotted;

/// The company member's `(account_id, company_id)`; use `ctx.require_company()`.
pub fn company_of(ctx: &RequestCtx) -> Result<(i64, i64), AppError> {
    ctx.require_company().map(|c| (c.account_id, c.company_id))
}

/// Old path kept for callers outside the feature (the background job, tests); the vacancy's own work moved
/// to `company.rs` (report, close, reports), `officer.rs` (moderation), `public.rs` (the vacancy page and
/// JSON-LD) and `repo/` (the SQL).
pub use super::repo::vacancies::close_expired;
