//! Refusals of the partner API for every operation (issue 26, audit gap 3): a key that holds every scope
//! but the one an operation needs gets 403 `insufficient-scope` naming that scope, and no call is served
//! or counted; both yes/no checks refuse a call without a purpose; a revoked or expired key is refused on a
//! POST operation too.
use std::collections::HashMap;

use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::{Value, json};

use dnaker::features::partner_api::{api::RevokeApiKey, model::SCOPES};

use super::{CARD, NIK, admin, assert_problem, call, issue, json as body_json, last_key_id, seed};
use crate::common::{TestApp, matrix, ok_json};

/// Every operation with parameters that pass their checks, so only the scope can refuse it.
fn operations() -> Vec<(&'static str, String, Option<Value>)> {
    let purpose = "verifikasi klaim JHT";
    vec![
        (
            "ak1:verify",
            format!("/api/v1/ak1/verify?number={CARD}"),
            None,
        ),
        (
            "pkwt:read",
            "/api/v1/pkwt/by-worker".to_owned(),
            Some(json!({"nik": NIK, "purpose": purpose})),
        ),
        (
            "pkwt:read",
            "/api/v1/pkwt/by-company?nib=1000000000001&purpose=audit+BPJS".to_owned(),
            None,
        ),
        (
            "companies:read",
            "/api/v1/companies/lookup".to_owned(),
            Some(json!({"nib": "1000000000001", "purpose": purpose})),
        ),
        ("vacancies:read", "/api/v1/vacancies".to_owned(), None),
        ("fairs:read", "/api/v1/fairs".to_owned(), None),
        ("statistics:read", "/api/v1/statistics".to_owned(), None),
        (
            "checks:read",
            "/api/v1/checks/pkwt-registered".to_owned(),
            Some(json!({"nik": NIK, "nib": "1000000000001", "purpose": purpose})),
        ),
        (
            "checks:read",
            "/api/v1/checks/ak1-valid".to_owned(),
            Some(json!({"nik": NIK, "purpose": purpose})),
        ),
    ]
}

async fn served(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'api.call'")
        .await
}

on_both_backends!(
    partner_api_every_operation_refuses_a_key_without_its_scope,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        let operations = operations();
        assert_eq!(operations.len(), 9, "every operation of the document");
        let full = issue(&app, &SCOPES.join(" "), "").await;
        let mut lacking: HashMap<&str, String> = HashMap::new();
        for (n, (scope, path, body)) in operations.into_iter().enumerate() {
            // Every scope but the one needed: no other scope opens this operation.
            if !lacking.contains_key(scope) {
                let others: Vec<&str> = SCOPES.iter().copied().filter(|s| *s != scope).collect();
                lacking.insert(scope, issue(&app, &others.join(" "), "").await);
            }
            let key = &lacking[scope];
            let response = call(&app, &path, Some(key), body.clone()).await;
            assert_problem(&response, StatusCode::FORBIDDEN);
            let problem = body_json(&response);
            assert_eq!(
                problem["type"], "/api/v1/docs#problem-insufficient-scope",
                "{path}"
            );
            assert!(
                problem["detail"]
                    .as_str()
                    .is_some_and(|d| d.ends_with(scope)),
                "{path}: {problem}"
            );
            let before = i64::try_from(n).expect("small");
            assert_eq!(
                served(&app).await,
                before,
                "{path}: not served, not audited as a call"
            );
            // The same call with the scope is served: the table's parameters are good.
            let ok = call(&app, &path, Some(&full), body).await;
            assert_eq!(ok.status, StatusCode::OK, "{path}: {}", ok.body);
            assert_eq!(served(&app).await, before + 1, "{path}");
        }
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'api.refused' \
                 AND detail LIKE 'reason=insufficient-scope %'"
            )
            .await,
            9,
            "each refusal is audited (one key each)"
        );
    }
);

on_both_backends!(
    partner_api_checks_require_a_purpose,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        let key = issue(&app, "checks:read", "").await;
        let k = Some(key.as_str());
        for (path, body) in [
            (
                "/api/v1/checks/pkwt-registered",
                json!({"nik": NIK, "nib": "1000000000001"}),
            ),
            ("/api/v1/checks/ak1-valid", json!({"nik": NIK})),
        ] {
            // No purpose at all, a blank one, one too short, one carrying a NIK: 422 each.
            let mut cases = vec![body.clone()];
            for purpose in ["", "  ", "ok", NIK] {
                let mut with = body.clone();
                with["purpose"] = json!(purpose);
                cases.push(with);
            }
            for case in cases {
                let response = call(&app, path, k, Some(case.clone())).await;
                assert_problem(&response, StatusCode::UNPROCESSABLE_ENTITY);
                assert!(!response.body.contains(NIK), "{path} {case}: not echoed");
            }
        }
        assert_eq!(served(&app).await, 0, "nothing read or counted");
    }
);

on_both_backends!(
    partner_api_refuses_revoked_and_expired_keys_on_a_post,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        let body = json!({"nik": NIK, "purpose": "verifikasi klaim JHT"});
        let revoked = issue(&app, "checks:read", "").await;
        let revoked_id = last_key_id(&app).await;
        let kept = issue(&app, "checks:read", "").await;
        let ok = call(
            &app,
            "/api/v1/checks/ak1-valid",
            Some(&revoked),
            Some(body.clone()),
        )
        .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);

        let mut admin = admin(&app).await;
        ok_json(
            &mut admin,
            RevokeApiKey::PATH,
            &[("id", revoked_id.to_string())],
        )
        .await;
        let refused = call(
            &app,
            "/api/v1/checks/ak1-valid",
            Some(&revoked),
            Some(body.clone()),
        )
        .await;
        assert_problem(&refused, StatusCode::UNAUTHORIZED);
        assert_eq!(
            refused
                .headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer")
        );

        // The other key works until it expires (issued for 30 days).
        app.state.clock.advance_ms(31 * 86_400_000);
        let expired = call(&app, "/api/v1/checks/ak1-valid", Some(&kept), Some(body)).await;
        assert_problem(&expired, StatusCode::UNAUTHORIZED);
        assert_eq!(served(&app).await, 1, "only the first call was served");
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'api.refused' \
                 AND (detail LIKE 'reason=revoked %' OR detail LIKE 'reason=expired %') \
                 AND detail LIKE '%path=/api/v1/checks/ak1-valid'"
            )
            .await,
            2
        );
    }
);

on_both_backends!(
    partner_api_rate_limited_calls_are_audited_and_bounded,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        seed(&app, &f).await;
        let key = issue(&app, "vacancies:read", "1").await;
        let key_id = last_key_id(&app).await;
        let ok = call(&app, "/api/v1/vacancies", Some(&key), None).await;
        assert_eq!(ok.status, StatusCode::OK);
        for _ in 0..15 {
            assert_problem(
                &call(&app, "/api/v1/vacancies", Some(&key), None).await,
                StatusCode::TOO_MANY_REQUESTS,
            );
        }
        // Each 429 is a refusal in the audit log, bounded like the others (10 rows a minute per key).
        let limited = "SELECT COUNT(*) FROM audit_log WHERE action = 'api.refused' \
                       AND detail LIKE 'reason=rate-limited %scope=vacancies:read path=/api/v1/vacancies'";
        assert_eq!(app.count(limited).await, 10);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'api.refused' AND subject_id = '{key_id}' \
                 AND ip = '198.51.100.7'"
            ))
            .await,
            10
        );
        assert_eq!(served(&app).await, 1);
        app.state.clock.advance_ms(61_000);
        call(&app, "/api/v1/vacancies", Some(&key), None).await;
        assert_problem(
            &call(&app, "/api/v1/vacancies", Some(&key), None).await,
            StatusCode::TOO_MANY_REQUESTS,
        );
        assert_eq!(
            app.count(limited).await,
            11,
            "a new minute, a new allowance"
        );
    }
);
