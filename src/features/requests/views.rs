//! What the request pages show, assembled from repo reads: the company's requests with their trails and
//! documents, the officer's queue (oldest first), and the admin's types.
use std::collections::BTreeMap;

use crate::{
    core::error::AppError,
    features::requests::{
        model::{
            CompanyRequests, DocumentView, FieldLine, OfficerRequests, RequestType, RequestView,
            TrailEntry, Values,
        },
        repo::{self, RequestRow, parse_documents, parse_fields},
    },
    server::{authz::RequestCtx, db::Db},
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

/// The company's page: the active types to file and its own requests.
pub async fn company_view(ctx: &RequestCtx) -> Result<CompanyRequests, AppError> {
    let actor = ctx.require_company()?;
    let db = &ctx.state.db;
    let rows = repo::for_company(db, actor.company_id).await?;
    Ok(CompanyRequests {
        now_ms: ctx.now_ms(),
        types: repo::types(db, true).await?,
        requests: assemble(db, rows).await?,
    })
}

/// The officer's queue: waiting for the office, oldest filing first, and those back with the applicant.
pub async fn officer_view(ctx: &RequestCtx) -> Result<OfficerRequests, AppError> {
    ctx.require_staff()?;
    let db = &ctx.state.db;
    let now = ctx.now_ms();
    let queue = assemble(
        db,
        repo::in_statuses(db, &["submitted", "in_review"]).await?,
    )
    .await?;
    let corrections = assemble(db, repo::in_statuses(db, &["correction_requested"]).await?).await?;
    let overdue = queue
        .iter()
        .filter(|r| r.due_at_ms.is_some_and(|due| due < now))
        .count();
    Ok(OfficerRequests {
        now_ms: now,
        overdue: i64::try_from(overdue).unwrap_or(i64::MAX),
        queue,
        corrections,
    })
}

/// Every type, for the admins' page.
pub async fn admin_types(ctx: &RequestCtx) -> Result<Vec<RequestType>, AppError> {
    ctx.require(crate::core::role::Role::Admin)?;
    Ok(repo::types(&ctx.state.db, false).await?)
}
