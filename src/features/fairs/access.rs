//! Who may see which fair and booth, and the fair's clock: shared by the action modules and the views.
use crate::{
    core::{
        calendar::{format_date, wib_date},
        error::AppError,
    },
    features::fairs::{
        model::{BoothStatus, FairCard},
        repo::{
            booth::{self, BoothRow},
            fair,
        },
    },
    server::authz::RequestCtx,
};

pub fn today(ctx: &RequestCtx) -> String {
    format_date(wib_date(ctx.now_ms()))
}

/// `YYYY-MM-DD HH:MM` in WIB, comparable with slot start times.
pub fn wib_minute(now_ms: i64) -> String {
    let wib = time::OffsetDateTime::from_unix_timestamp(now_ms.div_euclid(1000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::macros::offset!(+7));
    format!(
        "{} {:02}:{:02}",
        format_date(wib.date()),
        wib.hour(),
        wib.minute()
    )
}

/// Who is looking: "anonymous", or the role's name.
pub fn viewer(ctx: &RequestCtx) -> String {
    ctx.user
        .as_ref()
        .map_or("anonymous", |u| u.role.as_str())
        .to_owned()
}

/// A fair anyone may see: every one but drafts (staff see drafts too).
pub async fn visible_fair(ctx: &RequestCtx, id: i64) -> Result<FairCard, AppError> {
    let fair = fair::fair_card(&ctx.state.db, id).await?;
    let staff = ctx.user.as_ref().is_some_and(|u| u.role.is_staff());
    if fair.status == "draft" && !staff {
        return Err(AppError::NotFound);
    }
    Ok(fair)
}

/// An approved booth of a fair the public may see.
pub async fn public_booth(
    ctx: &RequestCtx,
    booth_id: i64,
) -> Result<(BoothRow, FairCard), AppError> {
    let booth = booth::booth_row(&ctx.state.db, booth_id).await?;
    if BoothStatus::parse(&booth.status) != Some(BoothStatus::Approved) {
        return Err(AppError::NotFound);
    }
    let fair = visible_fair(ctx, booth.fair_id).await?;
    Ok((booth, fair))
}

/// The calling company's own booth.
pub async fn own_booth(ctx: &RequestCtx, booth_id: i64) -> Result<BoothRow, AppError> {
    let company = ctx.require_company()?;
    let booth = booth::booth_row(&ctx.state.db, booth_id).await?;
    if booth.company_id != company.company_id {
        return Err(AppError::NotFound);
    }
    Ok(booth)
}
