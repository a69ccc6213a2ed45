//! The worker's side of PKWT registration: a signed-in seeker's own registered contracts.
use crate::{
    core::{calendar, error::AppError, role::Role},
    features::pkwt::{model::WorkerContract, repo, views},
    server::{audit, authz::RequestCtx},
};

/// The signed-in seeker's registered contracts (matched by their NIK's keyed hash).
pub async fn worker_contracts(ctx: &RequestCtx) -> Result<Vec<WorkerContract>, AppError> {
    let seeker = ctx.require(Role::Seeker)?.clone();
    let db = &ctx.state.db;
    let Some(hash) = repo::seeker_nik_hash(db, seeker.account_id).await? else {
        return Ok(Vec::new());
    };
    let rows = repo::approved_for_worker(db, &hash).await?;
    audit::record(
        &db.pool,
        ctx.audit("pkwt.worker_read", "pkwt_contract", None)
            .about(seeker.account_id),
    )
    .await?;
    let today = calendar::wib_date(ctx.now_ms());
    Ok(rows
        .into_iter()
        .map(|row| views::worker_contract(row, today))
        .collect())
}
