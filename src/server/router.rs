//! The whole HTTP surface in one place: operations routes, Leptos pages and server functions, static
//! files, and the layers every response passes through.
use axum::{
    Json, Router,
    extract::State,
    http::{HeaderValue, Response as HttpResponse, header, request::Parts},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::{Layer, ServiceBuilder};
use tower_http::{
    CompressionLevel,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::{SetResponseHeader, SetResponseHeaderLayer},
    trace::TraceLayer,
};

use crate::{
    app::{App, shell},
    server::{
        authz::{self, RequestCtx},
        csrf, health, lang, page_cache, security, session,
        state::AppState,
        telemetry,
    },
};

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let body_limit = state.config.server.body_limit_bytes;
    let https = state.config.https();
    let sessions = session::layer(state.db.clone(), state.clock.clone(), https);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let pages = state.pages.clone();

    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/bahasa/{code}", get(lang::switch_language))
        .route("/akun/data-saya.json", get(export_my_data))
        .route("/akun/kartu-ak1.pdf", get(download_ak1_card))
        .route("/perusahaan/laporan/{file}", get(company_report_csv))
        .route(
            "/petugas/loket/{seeker_id}/kartu-ak1.pdf",
            get(print_ak1_card),
        )
        .route("/perusahaan/pkwt/templat.csv", get(pkwt_template))
        .route("/pkwt/{id}/tanda-terima.pdf", get(pkwt_receipt))
        .route("/pkwt/{id}/dokumen.pdf", get(pkwt_document))
        .merge(crate::features::fairs::routes::routes())
        .merge(crate::features::tka::routes::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .nest_service(
            &format!("/{}", state.leptos_options.site_pkg_dir),
            built_assets(&state.leptos_options),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(move |request, next| {
            body_limit::by_path(body_limit, request, next)
        }))
        // Uploads get their own, larger limit (and only they do).
        .merge(uploads())
        .with_state(state);

    router = router
        .layer(middleware::from_fn(crate::server::error::error_status))
        .layer(middleware::from_fn(csrf::same_origin_only))
        .layer(middleware::from_fn(authz::load_user_once_per_request))
        .layer(sessions);
    for layer in security::header_layers(https) {
        router = router.layer(layer);
    }
    router = router.layer(middleware::from_fn(security::no_store_with_session));
    // Inside the compression layer, which leaves the kept pages' brotli copies as they are.
    router = router.layer(middleware::from_fn_with_state(pages, page_cache::serve));
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
            .layer(PropagateRequestIdLayer::x_request_id())
            // Pages rendered per request (signed-in ones, mostly) are gzipped at level 2: brotli sets up
            // megabytes of tables for every response, and the dashboard served 335 requests/s with it
            // against 577 with gzip, for 5.4 against 5.6 KB sent. Level 2 is 40% faster than 4 for
            // 6% more bytes. Kept public pages are brotli from the page cache; built assets come
            // precompressed at brotli 11.
            .layer(
                CompressionLayer::new()
                    .no_br()
                    .quality(CompressionLevel::Precise(2)),
            ),
    )
}

/// The built JS, WASM and CSS. Their names carry a content hash (cargo-leptos `hash-files`), so a phone
/// keeps them for a year; `--precompress` leaves `.br` and `.gz` files beside them, sent as they are
/// instead of compressing two megabytes of WASM on every first visit.
fn built_assets(options: &leptos::config::LeptosOptions) -> SetResponseHeader<ServeDir, CacheFor> {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let lifetime = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, CacheFor(lifetime))
        .layer(ServeDir::new(dir).precompressed_br().precompressed_gzip())
}

/// The `Cache-Control` of a successful asset response (a 404 is not cached).
#[derive(Clone, Copy)]
struct CacheFor(&'static str);

impl<B> tower_http::set_header::MakeHeaderValue<HttpResponse<B>> for CacheFor {
    fn make_header_value(&mut self, response: &HttpResponse<B>) -> Option<HeaderValue> {
        response
            .status()
            .is_success()
            .then(|| HeaderValue::from_static(self.0))
    }
}

fn uploads() -> Router<AppState> {
    use crate::features::ak1::files;
    Router::new()
        .route("/akun/profil/berkas", axum::routing::post(files::upload))
        .route("/akun/berkas/{kind}", get(files::own_file))
        .route(
            "/petugas/pencaker/{account_id}/berkas/{kind}",
            get(files::staff_file),
        )
        .layer(axum::extract::DefaultBodyLimit::max(
            files::UPLOAD_LIMIT_BYTES,
        ))
        .layer(RequestBodyLimitLayer::new(files::UPLOAD_LIMIT_BYTES))
}

/// Request body limits: small everywhere, except the server functions that take files.
mod body_limit {
    use axum::{
        body::Body,
        extract::Request,
        http::{StatusCode, header},
        middleware::Next,
        response::{IntoResponse, Response},
    };
    use leptos::server_fn::ServerFn;

    use crate::features::{
        fairs::api::UploadBoothBanner,
        pkwt::{
            api::{CheckContractImport, RegisterContract},
            model::IMPORT_MAX_BYTES,
        },
        tka::api::SubmitLevyPayment,
    };

    /// The largest upload plus the multipart envelope and the form's other fields.
    pub const FILE_BODY_LIMIT: usize = IMPORT_MAX_BYTES + 256 * 1024;

    fn limit_for(path: &str, default: usize) -> usize {
        if path == RegisterContract::PATH
            || path == CheckContractImport::PATH
            || path == UploadBoothBanner::PATH
            || path == SubmitLevyPayment::PATH
        {
            FILE_BODY_LIMIT
        } else {
            default
        }
    }

    pub async fn by_path(default: usize, request: Request, next: Next) -> Response {
        let limit = limit_for(request.uri().path(), default);
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|length| length > limit) {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        }
        // A body without a length (chunked) is cut off at the limit while it is read.
        let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
        next.run(request).await
    }
}

/// The bulk PKWT template (no personal data: anyone may download it).
async fn pkwt_template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"templat-pkwt.csv\"",
            ),
        ],
        crate::features::pkwt::bulk::template_csv(),
    )
        .into_response()
}

/// A contract's registration receipt (its company, or staff).
async fn pkwt_receipt(
    State(state): State<AppState>,
    parts: Parts,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        crate::features::pkwt::service::receipt(&ctx, id).await
    }
    .await;
    match result {
        Ok((number, bytes)) => pdf_response(&format!("{}.pdf", number.replace('/', "-")), bytes),
        Err(error) => error_response(&error),
    }
}

/// The signed contract as uploaded (its company, or staff).
async fn pkwt_document(
    State(state): State<AppState>,
    parts: Parts,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        crate::features::pkwt::service::document(&ctx, id).await
    }
    .await;
    match result {
        Ok(bytes) => sandboxed(pdf_response(&format!("pkwt-{id}.pdf"), bytes)),
        Err(error) => error_response(&error),
    }
}

/// An uploaded file is shown as a document or image, never run as part of the site.
pub(crate) fn sandboxed(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    response
}

/// A stored upload as it was sent, sandboxed.
pub(crate) fn upload_response(bytes: Vec<u8>, cache_control: &'static str) -> Response {
    let mime = infer::get(&bytes).map_or("application/octet-stream", |t| t.mime_type());
    sandboxed(
        (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, cache_control),
            ],
            bytes,
        )
            .into_response(),
    )
}

/// A CSV download that no cache keeps.
pub(crate) fn csv_response(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

pub(crate) fn pdf_response(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// The company's vacancy or placement reports as CSV (`lowongan.csv`, `penempatan.csv`).
async fn company_report_csv(
    State(state): State<AppState>,
    parts: Parts,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Response {
    let result = async {
        let kind = file
            .strip_suffix(".csv")
            .ok_or(crate::core::error::AppError::NotFound)?;
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        crate::features::vacancies::placements::csv_report(&ctx, kind).await
    }
    .await;
    match result {
        Ok((name, bytes)) => csv_response(&name, bytes),
        Err(error) => error_response(&error),
    }
}

/// The signed-in seeker's AK-1 card as a PDF.
async fn download_ak1_card(State(state): State<AppState>, parts: Parts) -> Response {
    ak1_card_response(state, parts, None).await
}

/// A card printed at the service counter (the officer holds the person's consent for today).
async fn print_ak1_card(
    State(state): State<AppState>,
    parts: Parts,
    axum::extract::Path(seeker_id): axum::extract::Path<i64>,
) -> Response {
    ak1_card_response(state, parts, Some(seeker_id)).await
}

async fn ak1_card_response(state: AppState, parts: Parts, on_behalf_of: Option<i64>) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        crate::features::ak1::service::card_pdf(&ctx, on_behalf_of).await
    }
    .await;
    match result {
        Ok((number, bytes)) => {
            let file = format!("attachment; filename=\"{}.pdf\"", number.replace('/', "-"));
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (header::CONTENT_DISPOSITION, file),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                bytes,
            )
                .into_response()
        }
        Err(error) => error_response(&error),
    }
}

pub(crate) fn error_response(error: &crate::core::error::AppError) -> Response {
    let status = axum::http::StatusCode::from_u16(error.status_code())
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        error.localized(crate::core::i18n::Lang::Id.strings()),
    )
        .into_response()
}

/// The signed-in person's own data as a JSON download (a read: GET is right here).
async fn export_my_data(State(state): State<AppState>, parts: Parts) -> Response {
    let result = async {
        let ctx = RequestCtx::from_parts(state, &parts).await?;
        crate::features::accounts::privacy::export_my_data(&ctx).await
    }
    .await;
    match result {
        Ok(data) => (
            [
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"data-saya.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            Json(data),
        )
            .into_response(),
        Err(error) => {
            let status = axum::http::StatusCode::from_u16(error.status_code())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            (
                status,
                error.localized(crate::core::i18n::Lang::Id.strings()),
            )
                .into_response()
        }
    }
}
