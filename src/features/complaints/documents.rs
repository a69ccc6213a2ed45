//! A case's documents and files, for whoever may have them: the complainant by code (every document), officers
//! (everything), the named company (the anjuran and the agreement of its own non-anonymous cases, and the
//! files it or an officer uploaded; never the complainant's evidence or the referral package).
use crate::{
    core::{calendar::wib_date, error::AppError},
    features::complaints::{
        complaint_pdf::{self, Document},
        model::case_ref,
        public,
        repo::{self, ComplaintRow},
    },
    server::{audit, authz::RequestCtx, error::internal},
};

/// The complainant's download, by ticket code.
pub async fn by_code(
    ctx: &RequestCtx,
    code: &str,
    kind: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let case = public::by_code(ctx, code).await?;
    render(ctx, &case, kind).await
}

/// The case a signed-in officer or company member may open; `None` for anyone else.
async fn visible(ctx: &RequestCtx, id: i64) -> Result<(ComplaintRow, bool), AppError> {
    let user = ctx.require_signed_in()?;
    let pool = &ctx.state.db.pool;
    if user.role.is_staff() {
        return Ok((
            repo::by_id(pool, id).await?.ok_or(AppError::NotFound)?,
            true,
        ));
    }
    let company = ctx.require_company()?;
    let case = repo::of_company(pool, id, company.company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((case, false))
}

/// An officer's or the company's download.
pub async fn by_id(ctx: &RequestCtx, id: i64, kind: &str) -> Result<(String, Vec<u8>), AppError> {
    let (case, staff) = visible(ctx, id).await?;
    if !staff && kind == "referral" {
        return Err(AppError::NotFound);
    }
    render(ctx, &case, kind).await
}

/// An uploaded file: officers any, the company only its own or an officer's. Every read is audited (the
/// evidence often names the complainant); the row is about the complainant's account only when the case
/// shows their identity to staff (open, or confidential and unlocked), so the log never ties a confidential
/// or anonymous complainant to the case.
pub async fn file(ctx: &RequestCtx, id: i64, file_id: i64) -> Result<Vec<u8>, AppError> {
    let (case, staff) = visible(ctx, id).await?;
    let file = repo::file(&ctx.state.db.pool, file_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if file.complaint_id != case.id || (!staff && file.by_role == "complainant") {
        return Err(AppError::NotFound);
    }
    let detail = format!("file:{}", file.id);
    let mut event = ctx
        .audit(
            "complaint.file_read",
            "complaint",
            Some(case.id.to_string()),
        )
        .detail(&detail);
    let shown =
        case.privacy == "open" || (case.privacy == "confidential" && case.unlocked_at_ms.is_some());
    if let Some(account) = case.account_id.filter(|_| shown) {
        event = event.about(account);
    }
    audit::record(&ctx.state.db.pool, event).await?;
    ctx.state
        .storage
        .get(&file.storage_key)
        .await
        .map_err(internal)
}

fn complainant(case: &ComplaintRow) -> String {
    match (case.privacy.as_str(), &case.complainant_name) {
        ("open", Some(name)) => name.clone(),
        ("anonymous", _) => "Anonim".to_owned(),
        _ => "Dirahasiakan (pengaduan rahasia)".to_owned(),
    }
}

async fn render(
    ctx: &RequestCtx,
    case: &ComplaintRow,
    kind: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let doc = match kind {
        "referral" if case.referred_to.is_some() => referral(ctx, case).await?,
        "anjuran" if case.anjuran.is_some() => anjuran(ctx, case).await?,
        "agreement" if case.agreement.is_some() => agreement(case),
        _ => return Err(AppError::NotFound),
    };
    let bytes = tokio::task::spawn_blocking(move || complaint_pdf::render(&doc))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    Ok((format!("{}-{kind}.pdf", case_ref(case.id)), bytes))
}

fn facts(case: &ComplaintRow) -> Vec<(&'static str, String)> {
    vec![
        ("Nomor perkara", case_ref(case.id)),
        (
            "Diterima",
            crate::core::calendar::format_date(wib_date(case.filed_at_ms)),
        ),
        ("Perusahaan", case.company_name.clone()),
        ("Kategori", case.category.clone()),
        ("Pelapor", complainant(case)),
        ("Sejak", case.since_date.clone()),
        ("Pekerja terdampak", case.workers_affected.to_string()),
        (
            "ID SP4N-LAPOR!",
            case.lapor_id.clone().unwrap_or_else(|| "-".into()),
        ),
    ]
}

async fn referral(ctx: &RequestCtx, case: &ComplaintRow) -> Result<Document, AppError> {
    let files = repo::files(&ctx.state.db.pool, case.id).await?;
    let evidence = if files.is_empty() {
        "-".to_owned()
    } else {
        files
            .iter()
            .map(|f| format!("{} ({})", f.file_name, f.content_type))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut rows = facts(case);
    rows.insert(
        0,
        (
            "Diteruskan kepada",
            case.referred_to.clone().unwrap_or_default(),
        ),
    );
    Ok(Document {
        title: "PELIMPAHAN PENGADUAN",
        basis: "UU 23/2014 (pengawasan ketenagakerjaan oleh provinsi); SP4N-LAPOR!",
        number: case_ref(case.id),
        rows,
        paragraphs: vec![
            ("Uraian", case.description.clone()),
            ("Tuntutan", case.wish.clone()),
            ("Daftar bukti", evidence),
        ],
        footer: "Paket pelimpahan diterbitkan secara elektronik oleh d'naker DIGI.",
    })
}

async fn anjuran(ctx: &RequestCtx, case: &ComplaintRow) -> Result<Document, AppError> {
    let sessions = repo::sessions(&ctx.state.db.pool, case.id).await?;
    let held = sessions
        .iter()
        .map(|s| format!("Sidang {}: {}, {}", s.number, s.held_on, s.place))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(Document {
        title: "ANJURAN",
        basis: "UU 2/2004 Ps 13 ayat (2): jawaban tertulis dalam 10 hari kerja; tidak menjawab = menolak",
        number: case_ref(case.id),
        rows: vec![
            ("Pihak pengusaha", case.company_name.clone()),
            ("Pihak pekerja", complainant(case)),
            (
                "Tanggal anjuran",
                case.anjuran_on.clone().unwrap_or_default(),
            ),
        ],
        paragraphs: vec![
            ("Sidang mediasi", held),
            ("Anjuran mediator", case.anjuran.clone().unwrap_or_default()),
        ],
        footer: "Anjuran ini diterbitkan secara elektronik oleh mediator Dinas Tenaga Kerja Kabupaten Tangerang.",
    })
}

fn agreement(case: &ComplaintRow) -> Document {
    Document {
        title: "PERJANJIAN BERSAMA",
        basis: "UU 2/2004 Ps 7 dan 13 ayat (1): didaftarkan di Pengadilan Hubungan Industrial",
        number: case_ref(case.id),
        rows: vec![
            ("Pihak pengusaha", case.company_name.clone()),
            ("Pihak pekerja", complainant(case)),
        ],
        paragraphs: vec![(
            "Isi kesepakatan",
            case.agreement.clone().unwrap_or_default(),
        )],
        footer: "Ditandatangani para pihak dan disaksikan mediator; wajib didaftarkan di PHI pada Pengadilan Negeri Serang.",
    }
}
