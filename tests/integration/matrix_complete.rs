//! The authorization matrix, complete and kept so: every area's cases are built by one function listed
//! here; each area runs as its own test (on both backends), and `every_endpoint_has_a_matrix_case` builds
//! every area's cases (without running them) and fails when a registered server function or an axum route
//! of `src/` has none. Nextest runs each test in its own process, so the check is static: it enumerates
//! the registry below, never other tests' runs.
use std::collections::BTreeSet;

use crate::common::{
    TestApp,
    matrix::{self, AfterFuture, Case, CasesFuture, Fixture, Group},
};

/// Lists the groups once: makes each group's test and `groups()` from the same list, so a group cannot
/// be counted as covered without being run.
macro_rules! matrix_groups {
    ($($test:ident: $cases:path $(, after $after:path)?;)*) => {
        $(
            on_both_backends!($test, |app: TestApp| async move {
                let f = matrix::fixture(&app).await;
                let cases = $cases(&app, &f).await;
                assert!(!cases.is_empty());
                let cells = matrix::run(&app, &cases).await;
                assert_eq!(cells, cases.len() * matrix::ALL.len());
                $($after(&app, &f).await;)?
            });
        )*

        pub fn groups() -> Vec<Group> {
            vec![$({
                fn cases<'a>(app: &'a TestApp, f: &'a Fixture) -> CasesFuture<'a> {
                    Box::pin($cases(app, f))
                }
                #[allow(unused_mut, unused_assignments)]
                let mut after: Option<for<'a> fn(&'a TestApp, &'a Fixture) -> AfterFuture<'a>> = None;
                $(
                    fn after_fn<'a>(app: &'a TestApp, f: &'a Fixture) -> AfterFuture<'a> {
                        Box::pin($after(app, f))
                    }
                    after = Some(after_fn);
                )?
                Group { name: stringify!($test), cases, after }
            }),*]
        }
    };
}

matrix_groups! {
    matrix_accounts: crate::authz::account_cases;
    matrix_public_and_sessions: crate::authz::public_and_session_cases, after crate::authz::victim_session_survived;
    matrix_ak1: crate::ak1::ak1_cases;
    matrix_profile_and_counter: crate::ak1_profile::profile_cases;
    matrix_vacancies: crate::vacancies::vacancy_cases;
    matrix_vacancy_journeys: crate::matrix_vacancies::cases;
    matrix_pkwt: crate::pkwt::pkwt_cases;
    matrix_pkwt_files: crate::matrix_pkwt_tka::pkwt_cases;
    matrix_fairs: crate::fairs::fair_cases, after crate::fairs::fair_cases_after;
    matrix_fair_visitors: crate::matrix_fairs::cases;
    matrix_tka: crate::tka::tka_cases, after crate::tka::tka_cases_after;
    matrix_tka_reports: crate::matrix_pkwt_tka::tka_cases;
    matrix_routes: crate::matrix_routes::cases;
    matrix_placement_confirmation: crate::placement_confirm::placement_cases;
    // matrix: complaints (issue 22)
    matrix_complaints: crate::complaints::complaint_cases;
    // matrix: requests and permits (issue 23)
    matrix_requests_and_survey: crate::requests::requests_cases;
    // matrix: IKM survey (issue 23)
    // matrix: manpower report WLKP (issue 24)
    matrix_manpower_report: crate::manpower_report::manpower_cases;
    // matrix: K3 safety (issue 24)
    matrix_safety: crate::safety::safety_cases;
    // matrix: compliance (issue 24)
    // matrix: training (issue 25)
    matrix_training: crate::training::training_cases;
    // matrix: partner API (issue 26)
    matrix_partner_api: crate::partner_api::partner_api_cases;
    // matrix: statistics and service dashboard (issue 28)
    matrix_statistics: crate::statistics::statistics_cases;
    // matrix: inbox (issue 28)
    matrix_inbox: crate::inbox::inbox_cases;
    // matrix: regulations (issue 28)
    matrix_regulations: crate::regulations::regulation_cases;
}

/// Every axum route declared in `src/` (`.route("path", get(..).post(..))`), read from the source: axum
/// cannot list a router's routes, and reading the source finds a route wherever it is added.
fn axum_routes() -> BTreeSet<(&'static str, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                // Unit tests build throwaway routers of their own.
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut routes = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source file");
        // Unit-test modules (at the end of a file, by convention) build throwaway routers too.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (start, _) in text.match_indices(".route(") {
            let rest = &text[start + ".route(".len()..];
            // The call's arguments: up to the parenthesis that closes `.route(`.
            let mut depth = 1;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(rest.len(), |(i, _)| i);
            let call = &rest[..end];
            let path = call
                .trim_start()
                .strip_prefix('"')
                .and_then(|p| p.split('"').next())
                .unwrap_or_else(|| {
                    panic!("{}: a route whose path is not a literal", file.display())
                });
            let handler = &call[call.find(',').unwrap_or(0)..];
            let mut methods = 0;
            for (method, word) in [("GET", "get("), ("POST", "post(")] {
                if handler.contains(word) {
                    routes.insert((method, path.to_owned()));
                    methods += 1;
                }
            }
            assert!(
                methods > 0
                    && !["put(", "delete(", "patch(", "any("]
                        .iter()
                        .any(|w| handler.contains(w)),
                "{}: route {path} with a method this test does not read: {handler}",
                file.display()
            );
        }
    }
    routes
}

/// `/pkwt/{id}/dokumen.pdf` matches `/pkwt/7/dokumen.pdf`.
fn matches_template(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter().zip(&p).all(|(t, p)| {
            if t.starts_with('{') && t.ends_with('}') {
                !p.is_empty()
            } else {
                t == p
            }
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_has_a_matrix_case() {
    let mut cases: Vec<(&'static str, Case)> = Vec::new();
    for group in groups() {
        // Each group's setup on its own database, as its test runs it.
        let app = crate::common::sqlite_app().await;
        let f = matrix::fixture(&app).await;
        for case in (group.cases)(&app, &f).await {
            assert_eq!(
                case.public,
                case.allowed.len() == matrix::ALL.len(),
                "{}: {}: a case allowing everyone must be built with Case::public, and only such a case",
                group.name,
                case.name
            );
            cases.push((group.name, case));
        }
    }
    let covered = |method: &str, template: &str| {
        cases.iter().any(|(_, c)| {
            c.method.http() == method
                && (c.route() == template || matches_template(template, c.route()))
        })
    };

    let server_fns: BTreeSet<(String, String)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (method.as_str().to_owned(), path.to_owned()))
        .collect();
    assert!(
        server_fns.len() > 100,
        "the server function inventory is read ({} found)",
        server_fns.len()
    );
    let routes = axum_routes();
    assert!(
        routes.contains(&("GET", "/healthz".to_owned()))
            && routes.contains(&("POST", "/akun/profil/berkas".to_owned())),
        "the route scan reads the router: {routes:?}"
    );

    let missing_fns: Vec<String> = server_fns
        .iter()
        .filter(|(method, path)| !covered(method, path))
        .map(|(method, path)| format!("server fn {method} {path}"))
        .collect();
    let missing_routes: Vec<String> = routes
        .iter()
        .filter(|(method, path)| !covered(method, path))
        .map(|(method, path)| format!("route {method} {path}"))
        .collect();
    let missing: Vec<String> = missing_fns.into_iter().chain(missing_routes).collect();
    eprintln!(
        "matrix: {} cases for {} server functions and {} routes",
        cases.len(),
        server_fns.len(),
        routes.len()
    );
    assert!(
        missing.is_empty(),
        "{} endpoints have no case in the authorization matrix (add a Case to a group in \
         tests/integration/matrix_complete.rs):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn route_templates_match_only_their_paths() {
    assert!(matches_template(
        "/pkwt/{id}/dokumen.pdf",
        "/pkwt/7/dokumen.pdf"
    ));
    assert!(!matches_template(
        "/pkwt/{id}/dokumen.pdf",
        "/pkwt/7/tanda-terima.pdf"
    ));
    assert!(!matches_template(
        "/pkwt/{id}/dokumen.pdf",
        "/pkwt//dokumen.pdf"
    ));
    assert!(!matches_template(
        "/akun/berkas/{kind}",
        "/akun/berkas/cv/x"
    ));
}
