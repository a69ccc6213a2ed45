//! What admins do with request types: edit a shipped or added type, or add a new one (which companies can
//! file at once).
use crate::{
    core::{error::AppError, role::Role},
    features::requests::{model::types::TypeForm, repo::write},
    server::{audit, authz::RequestCtx},
};

/// Saves a type: `type_id` 0 adds a new one. Returns the type's id.
pub async fn save_type(ctx: &RequestCtx, type_id: i64, form: &TypeForm) -> Result<i64, AppError> {
    ctx.require(Role::Admin)?;
    let checked = form.check().map_err(AppError::Validation)?;
    let now = ctx.now_ms();
    let mut tx = ctx.state.db.begin_write().await?;
    let id = if type_id == 0 {
        write::insert_type(&mut *tx, &checked, now)
            .await?
            .ok_or_else(|| AppError::field("key", "requests_err_type_key_taken"))?
    } else {
        if !write::update_type(&mut *tx, type_id, &checked, now).await? {
            return Err(AppError::NotFound);
        }
        type_id
    };
    audit::record(
        &mut *tx,
        ctx.audit("requests.type", "request_type", Some(id.to_string()))
            .detail(&checked.key),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
