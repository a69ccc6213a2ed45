//! The composition root of the server: the one server file that lists the features. It merges their
//! routes, collects the body limits of their file-taking requests, and lists the background jobs;
//! `server::router` and `server::jobs` receive these and import no feature.
use std::time::Duration;

use axum::Router;

use crate::{
    features::{accounts, ak1, fairs, pkwt, tka, vacancies},
    server::{
        jobs::{Job, JobFuture},
        router,
        state::AppState,
    },
};

/// The whole portal: every layer of `server::router` around every feature's routes.
pub fn router(state: AppState) -> Router {
    router::build(state, routes(), body_limits())
}

/// The features' routes that are not pages or server functions (downloads, uploads).
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(accounts::routes::routes())
        .merge(ak1::routes::routes())
        .merge(vacancies::routes::routes())
        .merge(pkwt::routes::routes())
        .merge(fairs::routes::routes())
        .merge(tka::routes::routes())
        .merge(crate::features::requests::routes::routes())
        .merge(crate::features::partner_api::routes::routes())
        .merge(crate::features::complaints::routes::routes())
        .merge(crate::features::training::routes::routes())
        .merge(crate::features::statistics::routes::routes())
        .merge(crate::features::manpower_report::routes::routes())
        .merge(crate::features::safety::routes::routes())
        .merge(crate::features::compliance::routes::routes())
    // New areas merge their routes here, one line each.
}

/// The request paths that take files, with their body limits (every other request gets the small default).
pub fn body_limits() -> Vec<(&'static str, usize)> {
    [
        ak1::routes::body_limits(),
        pkwt::routes::body_limits(),
        fairs::routes::body_limits(),
        tka::routes::body_limits(),
        crate::features::requests::routes::body_limits(),
        crate::features::complaints::routes::body_limits(),
        crate::features::safety::routes::body_limits(),
        // New areas add their body limits here, one line each.
    ]
    .concat()
}

/// A job function `async fn(&AppState) -> Result<String, AppError>` as a `Job`'s runner.
macro_rules! runner {
    ($job:path) => {
        |state: AppState| -> JobFuture { Box::pin(async move { $job(&state).await }) }
    };
}

/// Every background job of the portal.
pub fn jobs() -> Vec<Job> {
    const HOURLY: Duration = Duration::from_secs(3600);
    vec![
        Job::daily("pkwt_reminders", runner!(pkwt::jobs::send_end_reminders)),
        Job::daily("pkwt_expiry", runner!(pkwt::jobs::expire)),
        Job::daily("umk_warnings", runner!(pkwt::jobs::warn_below_minimum_wage)),
        Job::daily(
            "tka_expiry_reminders",
            runner!(tka::jobs::send_expiry_reminders),
        ),
        Job::every(
            "tka_talent_pool",
            HOURLY,
            runner!(tka::jobs::count_talent_pool),
        ),
        Job::every(
            "ak1_rereport_reminders",
            HOURLY,
            runner!(ak1::reports::run_reminders),
        ),
        Job::every(
            "vacancy_closing",
            HOURLY,
            runner!(vacancies::jobs::close_expired_vacancies),
        ),
        Job::daily(
            "regulations_effective",
            runner!(crate::features::regulations::jobs::announce_effective),
        ),
        Job::daily(
            "ak1_expiry_notices",
            runner!(crate::features::inbox::jobs::ak1_expiry_notices),
        ),
        Job::daily(
            "dkptka_payment_due",
            runner!(crate::features::inbox::jobs::dkptka_payment_due),
        ),
        Job::daily(
            "service_breaches",
            runner!(crate::features::inbox::jobs::service_breaches),
        ),
        Job::daily(
            "wlkp_due_reminders",
            runner!(crate::features::manpower_report::jobs::send_due_reminders),
        ),
        Job::daily(
            "company_digest",
            runner!(crate::features::inbox::jobs::company_digest),
        ),
        Job::daily(
            "monthly_income",
            runner!(crate::features::inbox::jobs::monthly_income),
        ),
        Job::daily(
            "requests_deadlines",
            runner!(crate::features::requests::jobs::run),
        ),
        Job::every(
            "partner_webhooks",
            Duration::from_secs(60),
            runner!(crate::features::partner_api::jobs::deliver_webhooks),
        ),
        Job::daily(
            "complaint_clocks",
            runner!(crate::features::complaints::jobs::run_clocks),
        ),
        Job::daily(
            "training_finish",
            runner!(crate::features::training::jobs::finish_ended),
        ),
        Job::daily(
            "training_followups",
            runner!(crate::features::training::jobs::ask_followups),
        ),
        Job::every(
            "statistics_refresh",
            HOURLY,
            runner!(crate::features::statistics::jobs::refresh),
        ),
        // New areas list their jobs here.
    ]
}

#[cfg(test)]
mod tests {
    use leptos::server_fn::ServerFn;

    use crate::{
        features::{
            ak1::files::UPLOAD_LIMIT_BYTES,
            fairs::api::UploadBoothBanner,
            pkwt::api::{CheckContractImport, RegisterContract},
            tka::api::SubmitLevyPayment,
        },
        server::http::FILE_FORM_LIMIT,
    };

    /// Each feature lists its own file-taking requests now (the router had one list): a list left out would
    /// refuse files above the small default only in production, where the default is larger than in tests.
    #[test]
    fn every_request_that_takes_a_file_keeps_its_body_limit() {
        let mut limits = super::body_limits();
        limits.sort_unstable();
        let mut expected = vec![
            ("/akun/profil/berkas", UPLOAD_LIMIT_BYTES),
            (RegisterContract::PATH, FILE_FORM_LIMIT),
            (CheckContractImport::PATH, FILE_FORM_LIMIT),
            (UploadBoothBanner::PATH, FILE_FORM_LIMIT),
            (SubmitLevyPayment::PATH, FILE_FORM_LIMIT),
            (
                crate::features::safety::api::AddAccidentPhoto::PATH,
                FILE_FORM_LIMIT,
            ),
            (
                crate::features::safety::api::AttachInspection::PATH,
                FILE_FORM_LIMIT,
            ),
            (
                crate::features::safety::api::ReportOrderDone::PATH,
                FILE_FORM_LIMIT,
            ),
            (
                crate::features::requests::api::FileRequest::PATH,
                FILE_FORM_LIMIT,
            ),
            (
                crate::features::requests::api::CorrectRequest::PATH,
                FILE_FORM_LIMIT,
            ),
            (
                crate::features::complaints::api::AddComplaintInfo::PATH,
                FILE_FORM_LIMIT,
            ),
            (
                crate::features::complaints::api::AnswerComplaint::PATH,
                FILE_FORM_LIMIT,
            ),
        ];
        expected.sort_unstable();
        assert_eq!(limits, expected);
    }
}
