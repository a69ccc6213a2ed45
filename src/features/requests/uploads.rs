//! A filing's parts before its transaction: the posted values of a type's fields, its documents checked by
//! their bytes and stored ahead (removed again unless the transaction commits), the request code, and the
//! worker's NIK encrypted with its keyed hash.
use sqlx::{Any, Transaction};

use crate::{
    core::error::{AppError, FieldErrors},
    features::requests::{
        model::{
            DOCUMENT_MAX_BYTES, RequestType, Values,
            filing::{Filing, document_input, field_input},
        },
        repo::write::{self, NewDocument},
    },
    server::{authz::RequestCtx, error::internal, multipart::Upload, storage::PendingFile},
};

/// A document must be a PDF, JPEG or PNG by its bytes; returns its content type.
pub fn check_document(bytes: &[u8]) -> Result<&'static str, &'static str> {
    if bytes.is_empty() {
        return Err("err_file_empty");
    }
    if bytes.len() > DOCUMENT_MAX_BYTES {
        return Err("err_file_too_large");
    }
    match infer::get(bytes).map(|t| t.mime_type()) {
        Some("application/pdf") => Ok("application/pdf"),
        Some("image/jpeg") => Ok("image/jpeg"),
        Some("image/png") => Ok("image/png"),
        _ => Err("requests_err_document_type"),
    }
}

/// The posted values of a type's fields (`f_<key>`).
pub fn values_of(ty: &RequestType, upload: &Upload) -> Values {
    ty.fields
        .iter()
        .filter_map(|f| {
            upload
                .text(&field_input(&f.key))
                .map(|v| (f.key.clone(), v.to_owned()))
        })
        .collect()
}

/// A checked document ready to store: its key, file name, content type and bytes.
pub struct Doc {
    pub key: String,
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The filing and its documents, checked together so every problem shows at once. A correction need not
/// send the documents again (`documents_required` false).
pub fn check(
    ty: &RequestType,
    upload: &Upload,
    filing: Result<Filing, FieldErrors>,
    documents_required: bool,
) -> Result<(Filing, Vec<Doc>), AppError> {
    let mut errors = filing.as_ref().err().cloned().unwrap_or_default();
    let mut docs = Vec::new();
    for spec in &ty.documents {
        let input = document_input(&spec.key);
        match upload.file(&input) {
            Some((file_name, bytes)) => match check_document(&bytes) {
                Ok(content_type) => docs.push(Doc {
                    key: spec.key.clone(),
                    file_name: file_name.chars().take(120).collect(),
                    content_type,
                    bytes,
                }),
                Err(key) => errors.add(&input, key),
            },
            None if spec.required && documents_required => errors.add(&input, "err_file_empty"),
            None => {}
        }
    }
    match filing {
        Ok(filing) if errors.is_empty() => Ok((filing, docs)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Stores the documents ahead of the transaction; each is removed again unless it commits.
pub async fn store(
    ctx: &RequestCtx,
    company_id: i64,
    docs: &[Doc],
) -> Result<Vec<(String, PendingFile)>, AppError> {
    let mut stored = Vec::new();
    for doc in docs {
        let key = format!(
            "requests/{company_id}/{}-{}",
            doc.key,
            &crate::server::pii::new_token()[..20]
        );
        ctx.state
            .storage
            .put(&key, &doc.bytes)
            .await
            .map_err(internal)?;
        let pending = PendingFile::new(&ctx.state.storage, &key);
        stored.push((key, pending));
    }
    Ok(stored)
}

pub async fn save_documents(
    tx: &mut Transaction<'static, Any>,
    request_id: i64,
    docs: &[Doc],
    stored: &[(String, PendingFile)],
    now_ms: i64,
) -> Result<(), AppError> {
    for (doc, (key, _)) in docs.iter().zip(stored) {
        write::add_document(
            &mut **tx,
            &NewDocument {
                request_id,
                doc_key: &doc.key,
                file_name: &doc.file_name,
                storage_key: key,
                content_type: doc.content_type,
                size_bytes: i64::try_from(doc.bytes.len()).unwrap_or(i64::MAX),
                now_ms,
            },
        )
        .await?;
    }
    Ok(())
}

/// A request code people can read out: "LY" and eight characters without look-alikes.
pub fn request_code() -> String {
    use rand::Rng;
    let alphabet = crate::features::survey::model::CODE_ALPHABET;
    let mut rng = rand::rng();
    let tail: String = (0..8)
        .map(|_| char::from(alphabet[rng.random_range(0..alphabet.len())]))
        .collect();
    format!("LY{tail}")
}

pub fn nik_columns(
    ctx: &RequestCtx,
    filing: &Filing,
) -> Result<(Option<String>, Option<String>), AppError> {
    match &filing.nik {
        Some(nik) => Ok((
            Some(ctx.state.pii.encrypt(nik).map_err(internal)?),
            Some(ctx.state.pii.blind_index(nik)),
        )),
        None => Ok((None, None)),
    }
}
