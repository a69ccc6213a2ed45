//! What the request pages show, assembled from repo reads: the company's requests with their trails and
//! documents, the worker's strike notices filed for a union, the officer's queue (oldest first, PHK reads
//! logged), and the admin's types.
use std::collections::BTreeMap;

use crate::{
    core::{error::AppError, role::Role},
    features::requests::{
        model::{
            CompanyRequests, DocumentView, FieldLine, OfficerRequests, RequestType, RequestView,
            TrailEntry, Values,
        },
        repo::{self, RequestRow, parse_documents, parse_fields},
        union::union_files,
    },
    server::{audit, authz::RequestCtx, db::Db},
};

/// The form's lines in the type's order, labelled.
pub fn field_lines(row: &RequestRow, values: &Values) -> Vec<FieldLine> {
    parse_fields(&row.fields_json)
        .into_iter()
        .filter_map(|spec| {
            values.get(&spec.key).map(|value| FieldLine {
                label_id: spec.label_id,
                label_en: spec.label_en,
                value: value.clone(),
            })
        })
        .collect()
}

/// Rows with their trails and documents (two queries for the whole list).
async fn assemble(db: &Db, rows: Vec<RequestRow>) -> Result<Vec<RequestView>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut trails: BTreeMap<i64, Vec<TrailEntry>> = BTreeMap::new();
    for e in repo::events_of(db, &ids).await? {
        trails.entry(e.request_id).or_default().push(TrailEntry {
            at_ms: e.at_ms,
            from_status: e.from_status,
            to_status: e.to_status,
            actor_role: e.actor_role,
            reason: e.reason,
        });
    }
    let mut documents: BTreeMap<i64, Vec<(String, i64, String)>> = BTreeMap::new();
    for d in repo::documents_of(db, &ids).await? {
        documents
            .entry(d.request_id)
            .or_default()
            .push((d.doc_key, d.id, d.file_name));
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let specs = parse_documents(&row.documents_json);
            let docs = documents
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(key, id, file_name)| {
                    let spec = specs.iter().find(|s| s.key == key);
                    DocumentView {
                        id,
                        label_id: spec.map_or_else(|| key.clone(), |s| s.label_id.clone()),
                        label_en: spec.map_or_else(|| key.clone(), |s| s.label_en.clone()),
                        file_name,
                    }
                })
                .collect();
            let trail = trails.remove(&row.id).unwrap_or_default();
            view(row, trail, docs)
        })
        .collect())
}

fn view(row: RequestRow, trail: Vec<TrailEntry>, documents: Vec<DocumentView>) -> RequestView {
    let values: Values = serde_json::from_str(&row.data_json).unwrap_or_default();
    RequestView {
        fields: field_lines(&row, &values),
        values,
        warnings: serde_json::from_str(&row.warnings_json).unwrap_or_default(),
        id: row.id,
        code: row.code,
        type_key: row.type_key,
        type_name_id: row.type_name_id,
        type_name_en: row.type_name_en,
        decider: row.decider,
        rule: row.rule,
        company_name: row.company_name,
        status: row.status,
        submitted_at_ms: row.submitted_at_ms,
        due_at_ms: row.due_at_ms,
        number: row.number,
        valid_until: row.valid_until,
        verification_code: row.verification_code,
        survey_code: row.survey_code,
        objection: row.objection,
        trail,
        documents,
    }
}

/// The company's page: the active types it files and its requests, with the strike notices unions filed
/// about it (whose survey is the union's, not the company's).
pub async fn company_view(ctx: &RequestCtx) -> Result<CompanyRequests, AppError> {
    let actor = ctx.require_company()?;
    let db = &ctx.state.db;
    let rows = repo::for_company(db, actor.company_id).await?;
    let mut types = repo::types(db, true).await?;
    types.retain(|ty| !union_files(ty));
    let mut requests = Vec::with_capacity(rows.len());
    for (row, mut view) in rows.iter().zip(assemble(db, rows.clone()).await?) {
        if row.filer_role != "company" {
            view.survey_code = None;
        }
        requests.push(view);
    }
    Ok(CompanyRequests {
        now_ms: ctx.now_ms(),
        types,
        requests,
    })
}

/// The worker's page for a union: the strike notice types and the notices this account filed.
pub async fn union_view(ctx: &RequestCtx) -> Result<CompanyRequests, AppError> {
    let seeker = ctx.require(Role::Seeker)?;
    let db = &ctx.state.db;
    let rows = repo::filed_by_account(db, seeker.account_id).await?;
    let mut types = repo::types(db, true).await?;
    types.retain(union_files);
    Ok(CompanyRequests {
        now_ms: ctx.now_ms(),
        types,
        requests: assemble(db, rows).await?,
    })
}

/// The queue shows a PHK report's worker (name, reasons): each such read is logged, about the worker's
/// account when they have one, so it shows on their "who accessed my data" page.
async fn audit_phk_reads(ctx: &RequestCtx, rows: &[RequestRow]) -> Result<(), AppError> {
    let db = &ctx.state.db;
    for row in rows.iter().filter(|r| r.rule == "phk") {
        let worker = match row.worker_nik_hash.as_deref() {
            Some(hash) => repo::seeker_by_nik_hash(&db.pool, hash).await?,
            None => None,
        };
        let mut event = ctx
            .audit("requests.queue_read", "request", Some(row.id.to_string()))
            .detail("phk");
        if let Some((account_id, _)) = worker {
            event = event.about(account_id);
        }
        audit::record(&db.pool, event).await?;
    }
    Ok(())
}

/// The officer's queue: waiting for the office, oldest filing first, and those back with the applicant.
pub async fn officer_view(ctx: &RequestCtx) -> Result<OfficerRequests, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let waiting = repo::in_statuses(db, &["submitted", "in_review"]).await?;
    let back = repo::in_statuses(db, &["correction_requested"]).await?;
    audit_phk_reads(ctx, &waiting).await?;
    audit_phk_reads(ctx, &back).await?;
    let queue = assemble(db, waiting).await?;
    let corrections = assemble(db, back).await?;
    let overdue = queue
        .iter()
        .filter(|r| r.due_at_ms.is_some_and(|due| due < now))
        .count();
    let mut types = repo::types(db, true).await?;
    types.retain(|ty| !union_files(ty));
    Ok(OfficerRequests {
        now_ms: now,
        overdue: i64::try_from(overdue).unwrap_or(i64::MAX),
        queue,
        corrections,
        types,
    })
}

/// Every type, for the admins' page.
pub async fn admin_types(ctx: &RequestCtx) -> Result<Vec<RequestType>, AppError> {
    ctx.require(Role::Admin)?;
    Ok(repo::types(&ctx.state.db, false).await?)
}
