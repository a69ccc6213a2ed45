//! The seeker's photo and CV: checked by their bytes (not the name or the browser's claim), stored
//! through the storage interface, served only to the owner and to staff with a relation to the person or a
//! typed reason (`?alasan=`; staff views are audited with it, see `accounts::staff_reads`).
use std::collections::HashMap;

use axum::{
    extract::{Multipart, Path, Query, State},
    http::{HeaderValue, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    core::{error::AppError, role::Role},
    features::{
        accounts::service as staff_reads,
        ak1::{
            repo::{self, NewFile},
            seeker::subject,
        },
    },
    server::{audit, authz::RequestCtx, error::internal, state::AppState},
};

pub const PHOTO_MAX_BYTES: usize = 2 * 1024 * 1024;
pub const CV_MAX_BYTES: usize = 5 * 1024 * 1024;
/// The request limit of the upload route: the largest file plus the multipart envelope.
pub const UPLOAD_LIMIT_BYTES: usize = CV_MAX_BYTES + 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Photo,
    Cv,
}

impl FileKind {
    pub fn parse(s: &str) -> Option<FileKind> {
        match s {
            "photo" | "foto" => Some(FileKind::Photo),
            "cv" => Some(FileKind::Cv),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Photo => "photo",
            FileKind::Cv => "cv",
        }
    }

    fn max_bytes(self) -> usize {
        match self {
            FileKind::Photo => PHOTO_MAX_BYTES,
            FileKind::Cv => CV_MAX_BYTES,
        }
    }

    fn allowed(self) -> &'static [&'static str] {
        match self {
            FileKind::Photo => &["image/jpeg", "image/png"],
            FileKind::Cv => &["application/pdf"],
        }
    }
}

/// The file's real type from its first bytes, if it is one this kind accepts; else the error key.
pub fn check_file(kind: FileKind, bytes: &[u8]) -> Result<&'static str, &'static str> {
    if bytes.is_empty() {
        return Err("err_file_empty");
    }
    if bytes.len() > kind.max_bytes() {
        return Err("err_file_too_large");
    }
    let sniffed = infer::get(bytes).map(|t| t.mime_type());
    kind.allowed()
        .iter()
        .copied()
        .find(|allowed| Some(*allowed) == sniffed)
        .ok_or("err_file_type")
}

async fn store(ctx: &RequestCtx, upload: &Upload) -> Result<(), AppError> {
    let seeker_id = subject(ctx, upload.on_behalf_of).await?;
    let (kind, bytes) = (upload.kind, upload.bytes.as_slice());
    let content_type = check_file(kind, bytes).map_err(|key| AppError::field("file", key))?;
    let key = format!(
        "seekers/{}/{}-{}",
        seeker_id,
        kind.as_str(),
        &crate::server::pii::new_token()[..16]
    );
    ctx.state.storage.put(&key, bytes).await.map_err(internal)?;
    let old = repo::file_key(&ctx.state.db.pool, seeker_id, kind.as_str()).await?;
    let mut tx = ctx.state.db.begin_write().await?;
    let file = NewFile {
        account_id: seeker_id,
        kind: kind.as_str(),
        storage_key: &key,
        content_type,
        size_bytes: bytes.len() as i64,
        uploaded_at_ms: ctx.now_ms(),
    };
    repo::upsert_file(&mut *tx, &file).await?;
    audit::record(
        &mut *tx,
        ctx.audit(
            "profile.upload",
            "seeker_file",
            Some(kind.as_str().to_owned()),
        )
        .about(seeker_id),
    )
    .await?;
    tx.commit().await?;
    if let Some(old_key) = old {
        // The row now points at the new file; a failed clean-up only leaves an orphan, never a broken link.
        if let Err(error) = ctx.state.storage.delete(&old_key).await {
            tracing::warn!(%error, "old upload not removed");
        }
    }
    Ok(())
}

/// `POST /akun/profil/berkas` (multipart: `kind`, `file`, and `on_behalf_of` at the service counter). A plain
/// form post: answers with a redirect back to the profile page carrying the outcome, so it works without
/// JavaScript.
pub async fn upload(State(state): State<AppState>, parts: Parts, multipart: Multipart) -> Response {
    // The counter form sends `on_behalf_of` before the file, so even a refused file finds its way back.
    let mut on_behalf_of = None;
    let outcome = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        let upload = read_form(multipart, &mut on_behalf_of).await?;
        store(&ctx, &upload).await
    }
    .await;
    let back = on_behalf_of.map_or_else(
        || "/akun/profil".to_owned(),
        |seeker_id| format!("/petugas/loket/{seeker_id}"),
    );
    let query = match outcome {
        Ok(()) => "berkas=ok".to_owned(),
        Err(AppError::Validation(errors)) => format!(
            "berkas_galat={}",
            errors.get("file").unwrap_or("err_validation")
        ),
        Err(AppError::Unauthenticated) => return Redirect::to("/masuk").into_response(),
        Err(error) => format!("berkas_galat={}", error.message_key()),
    };
    Redirect::to(&format!("{back}?{query}")).into_response()
}

struct Upload {
    kind: FileKind,
    bytes: Vec<u8>,
    on_behalf_of: Option<i64>,
}

async fn read_form(
    mut multipart: Multipart,
    on_behalf_of: &mut Option<i64>,
) -> Result<Upload, AppError> {
    let mut kind = None;
    let mut bytes = None;
    // A body over the route's limit ends the stream with an error: that is a file too large.
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::field("file", "err_file_too_large"))?
    {
        match field.name() {
            Some("kind") => kind = field.text().await.ok().as_deref().and_then(FileKind::parse),
            Some("on_behalf_of") => {
                *on_behalf_of = field.text().await.ok().and_then(|v| v.trim().parse().ok());
            }
            Some("file") => {
                bytes = Some(
                    field
                        .bytes()
                        .await
                        .map_err(|_| AppError::field("file", "err_file_too_large"))?
                        .to_vec(),
                );
            }
            _ => {}
        }
    }
    let kind = kind.ok_or_else(|| AppError::field("file", "err_file_type"))?;
    Ok(Upload {
        kind,
        bytes: bytes.unwrap_or_default(),
        on_behalf_of: *on_behalf_of,
    })
}

/// `GET /akun/berkas/{kind}` (the owner) and `GET /petugas/pencaker/{account_id}/berkas/{kind}?alasan=…`
/// (staff, audited).
pub async fn own_file(
    State(state): State<AppState>,
    parts: Parts,
    Path(kind): Path<String>,
) -> Response {
    serve(state, parts, None, kind).await
}

pub async fn staff_file(
    State(state): State<AppState>,
    parts: Parts,
    Path((account_id, kind)): Path<(i64, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let reason = query.get("alasan").cloned().unwrap_or_default();
    serve(state, parts, Some((account_id, reason)), kind).await
}

async fn serve(
    state: AppState,
    parts: Parts,
    staff_read: Option<(i64, String)>,
    kind: String,
) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        let kind = FileKind::parse(&kind).ok_or(AppError::NotFound)?;
        let account_id = match staff_read {
            None => ctx.require(Role::Seeker)?.account_id,
            Some((account_id, reason)) => {
                let basis = staff_reads::basis(&ctx, account_id, &reason).await?;
                audit::record(
                    &ctx.state.db.pool,
                    ctx.audit(
                        "seeker_file.read",
                        "seeker_file",
                        Some(kind.as_str().to_owned()),
                    )
                    .about(account_id)
                    .detail(&basis),
                )
                .await?;
                account_id
            }
        };
        let row = repo::file_row(&ctx.state.db.pool, account_id, kind.as_str()).await?;
        let (key, content_type) = row.ok_or(AppError::NotFound)?;
        let bytes = ctx.state.storage.get(&key).await.map_err(internal)?;
        Ok::<_, AppError>((content_type, bytes))
    }
    .await;
    match result {
        Ok((content_type, bytes)) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            // An uploaded file is shown as a document, never run as part of the site.
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox; default-src 'none'; img-src 'self'"),
            );
            response
        }
        // In the request's language; a missing reason says so (the field's message), not only "check the form".
        Err(error) => error.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];

    #[test]
    fn files_are_judged_by_their_bytes() {
        assert_eq!(check_file(FileKind::Photo, PNG), Ok("image/png"));
        assert_eq!(
            check_file(
                FileKind::Photo,
                &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F']
            ),
            Ok("image/jpeg")
        );
        assert_eq!(
            check_file(FileKind::Photo, b"GIF89a......"),
            Err("err_file_type")
        );
        assert_eq!(
            check_file(FileKind::Photo, b"<?php echo 1; ?> pretending to be a .jpg"),
            Err("err_file_type")
        );
        assert_eq!(
            check_file(FileKind::Cv, b"%PDF-1.7\n%...."),
            Ok("application/pdf")
        );
        assert_eq!(check_file(FileKind::Cv, PNG), Err("err_file_type"));
        assert_eq!(check_file(FileKind::Cv, b""), Err("err_file_empty"));
        let mut big = PNG.to_vec();
        big.resize(PHOTO_MAX_BYTES + 1, 0);
        assert_eq!(check_file(FileKind::Photo, &big), Err("err_file_too_large"));
    }
}
