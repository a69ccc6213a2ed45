//! Screen data of the K3 pages, assembled from repo reads (read-only).
use crate::{
    core::{
        calendar::{self, format_date},
        error::AppError,
        text::format_wib,
    },
    features::{
        accounts::model::mask_nik,
        safety::{
            model::{
                AccidentView, CompanySafety, InspectionView, OrderView, SelfCheckView, hours_after,
            },
            repo::{self, AccidentRow, OrderRow, SelfCheckRow},
        },
        tka::rules::mask_passport,
    },
    server::{authz::RequestCtx, pii::PiiCipher},
};

/// The victim's NIK or passport number, masked (never shown whole).
pub fn masked_victim_id(row: &AccidentRow, pii: &PiiCipher) -> String {
    let masked = if row.victim_id_kind == "passport" {
        row.victim_passport_ciphertext
            .as_deref()
            .and_then(|c| pii.decrypt(c).ok())
            .map(|p| mask_passport(&p))
    } else {
        pii.decrypt(&row.victim_nik_ciphertext)
            .ok()
            .map(|nik| mask_nik(&nik))
    };
    masked.unwrap_or_else(|| "****".to_owned())
}

/// An accident without its victim (the officers' list and exports): nothing is decrypted.
pub fn accident_summary(row: &AccidentRow) -> AccidentView {
    AccidentView {
        id: row.id,
        case_number: row.case_number.clone(),
        company_name: row.company_name.clone(),
        victim_name: String::new(),
        victim_id_kind: row.victim_id_kind.clone(),
        victim_id_masked: String::new(),
        victim_nationality: String::new(),
        occurred_at: format_wib(row.occurred_at_ms),
        reported_at: format_wib(row.reported_at_ms),
        hours_after: hours_after(row.occurred_at_ms, row.reported_at_ms),
        late: row.late == 1,
        outcome: row.outcome.clone(),
        place: row.place.clone(),
        lost_days: row.lost_days,
        photos: row.photos,
        forwarded_at: row.referred_at_ms.map(format_wib),
    }
}

/// An accident as its company sees it: the victim named, their NIK or passport number masked.
pub fn accident_view(row: &AccidentRow, pii: &PiiCipher) -> AccidentView {
    AccidentView {
        victim_name: row.victim_name.clone(),
        victim_id_masked: masked_victim_id(row, pii),
        victim_nationality: row.victim_nationality.clone(),
        ..accident_summary(row)
    }
}

pub fn order_view(row: &OrderRow, today: &str) -> OrderView {
    OrderView {
        id: row.id,
        inspection_id: row.inspection_id,
        company_name: row.company_name.clone(),
        description: row.description.clone(),
        due_date: row.due_date.clone(),
        done: row.status == "done",
        overdue: row.status == "open" && row.due_date.as_str() < today,
        done_note: row.done_note.clone(),
        has_evidence: row.evidence_key.is_some(),
    }
}

fn self_check_view(row: SelfCheckRow) -> SelfCheckView {
    SelfCheckView {
        kind: row.kind,
        level: row.level,
        criteria: row.criteria,
        met: row.met,
        critical: row.critical,
        percentage: row.percentage,
        category: row.category,
        submitted_at: format_wib(row.submitted_at_ms),
    }
}

/// The company's K3 page: its accidents, latest self-checks, inspections with their orders.
pub async fn company_view(ctx: &RequestCtx) -> Result<CompanySafety, AppError> {
    let company_id = ctx.require_company()?.company_id;
    let mut conn = ctx.state.db.pool.acquire().await?;
    let today = format_date(calendar::wib_date(ctx.now_ms()));
    let company_name = repo::company_exists(&mut *conn, company_id)
        .await?
        .unwrap_or_default();
    let accidents = repo::accidents(&mut *conn, Some(company_id), 200).await?;
    let orders = repo::company_orders(&mut *conn, company_id).await?;
    let inspections = repo::inspections(&mut *conn, company_id)
        .await?
        .into_iter()
        .map(|i| InspectionView {
            id: i.id,
            inspected_on: i.inspected_on,
            summary: i.summary,
            orders: orders
                .iter()
                .filter(|o| o.inspection_id == i.id)
                .map(|o| order_view(o, &today))
                .collect(),
        })
        .collect();
    Ok(CompanySafety {
        company_name,
        accidents: accidents
            .iter()
            .map(|a| accident_view(a, &ctx.state.pii))
            .collect(),
        p2k3: repo::latest_self_check(&mut *conn, company_id, "p2k3")
            .await?
            .map(self_check_view),
        smk3: repo::latest_self_check(&mut *conn, company_id, "smk3")
            .await?
            .map(self_check_view),
        inspections,
    })
}

/// The officers' lists for the companies of a district and KBLI section (empty = all): the latest
/// accidents (without the victims: an officer reads one through the audited referral package) and the
/// overdue orders.
pub async fn officer_lists(
    conn: &mut sqlx::AnyConnection,
    today: &str,
    filter: (&str, &str),
) -> Result<(Vec<AccidentView>, Vec<OrderView>), AppError> {
    let accidents = repo::recent_accidents(&mut *conn, filter, 100).await?;
    let orders = repo::overdue_orders(&mut *conn, today, filter).await?;
    Ok((
        accidents.iter().map(accident_summary).collect(),
        orders.iter().map(|o| order_view(o, today)).collect(),
    ))
}
