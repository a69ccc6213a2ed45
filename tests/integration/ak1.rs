//! The AK-1 workflow through the real HTTP stack, on SQLite and PostgreSQL.

use crate::common::{
    Client, TestApp,
    matrix::{self, Actor, Case, Fixture, SEEKERS, STAFF},
};
use axum::http::StatusCode;
use dnaker::features::ak1::api::{
    ApplyAk1, DecideAk1, LoadAk1Queue, LoadMyProfile, SaveProfile, VerifyAk1,
};
use leptos::server_fn::ServerFn;

pub(crate) const PROFILE: [(&str, &str); 8] = [
    ("form[marital_status]", "belum_kawin"),
    ("form[address]", "Jl. Raya Serang Km 24, Balaraja"),
    ("form[district_code]", "36.03.01"),
    ("form[village_code]", "36.03.01.1001"),
    ("form[education_level]", "SMK"),
    ("form[school]", "SMK Negeri 1 Balaraja"),
    ("form[graduation_year]", "2014"),
    ("form[skills]", "las listrik, forklift"),
];

pub(crate) fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

on_both_backends!(
    apply_revise_resubmit_approve_verify_and_close_on_placement,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.4.0.1").await;
        let refused = seeker.post(ApplyAk1::PATH, &[]).await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(refused.body.contains("err_ak1_profile_incomplete"));
        let bad = seeker
            .post(SaveProfile::PATH, &[("form[graduation_year]", "2099")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            seeker.post(SaveProfile::PATH, &PROFILE).await.status,
            StatusCode::OK
        );
        let profile = json(&seeker.post(LoadMyProfile::PATH, &[]).await.body);
        assert_eq!(profile["completeness"]["percent"], 100);
        assert_eq!(
            seeker.post(ApplyAk1::PATH, &[]).await.status,
            StatusCode::OK
        );
        assert_eq!(
            seeker.post(ApplyAk1::PATH, &[]).await.status,
            StatusCode::CONFLICT,
            "one waiting application at a time"
        );

        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.4.0.2").await;
        let queue = json(&officer.post(LoadAk1Queue::PATH, &[]).await.body);
        let item = &queue["items"][0];
        assert_eq!(item["nik_masked"], "3603********0001");
        assert_eq!(item["skills"], "las listrik, forklift");
        assert_eq!(
            (queue["total_waiting"].as_i64(), queue["overdue"].as_i64()),
            (Some(1), Some(0))
        );
        assert_eq!(
            (item["has_photo"].as_bool(), item["has_cv"].as_bool()),
            (Some(false), Some(false))
        );
        assert!(item["due_at_ms"].as_i64() > item["submitted_at_ms"].as_i64());
        let id = item["application_id"].as_i64().expect("id").to_string();
        let no_reason = officer
            .post(
                DecideAk1::PATH,
                &[
                    ("application_id", id.as_str()),
                    ("decision", "revise"),
                    ("reason", ""),
                ],
            )
            .await;
        assert_eq!(
            no_reason.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a revision request says why"
        );
        let revise = officer
            .post(
                DecideAk1::PATH,
                &[
                    ("application_id", id.as_str()),
                    ("decision", "revise"),
                    ("reason", "Tahun lulus tidak sesuai ijazah"),
                ],
            )
            .await;
        assert_eq!(revise.status, StatusCode::OK);
        let profile = json(&seeker.post(LoadMyProfile::PATH, &[]).await.body);
        assert_eq!(profile["ak1"]["status"], "revision");
        assert_eq!(
            profile["ak1"]["officer_note"],
            "Tahun lulus tidak sesuai ijazah"
        );

        assert_eq!(
            seeker.post(ApplyAk1::PATH, &[]).await.status,
            StatusCode::OK,
            "resubmitted after the fix"
        );
        let approve = officer
            .post(
                DecideAk1::PATH,
                &[("application_id", id.as_str()), ("decision", "approve")],
            )
            .await;
        assert_eq!(approve.status, StatusCode::OK, "{}", approve.body);
        let year = dnaker::core::calendar::wib_date(app.state.clock.now_ms()).year();
        assert_eq!(
            json(&approve.body),
            serde_json::json!(format!("AK1/3603/{year}/000001"))
        );
        assert_eq!(
            officer
                .post(
                    DecideAk1::PATH,
                    &[("application_id", id.as_str()), ("decision", "approve")]
                )
                .await
                .status,
            StatusCode::CONFLICT
        );

        let profile = json(&seeker.post(LoadMyProfile::PATH, &[]).await.body);
        let card = &profile["ak1"];
        assert_eq!(card["status"], "issued");
        assert_eq!(card["re_report_due"].as_array().map(Vec::len), Some(3));
        let statuses: Vec<&str> = card["events"]
            .as_array()
            .expect("events")
            .iter()
            .filter_map(|e| e["to_status"].as_str())
            .collect();
        assert_eq!(statuses, ["waiting", "revision", "waiting", "issued"]);
        let code = card["verification_code"].as_str().expect("code").to_owned();

        let mut public = Client::new(&app, "10.4.0.3");
        let verified = public.post(VerifyAk1::PATH, &[("code", &code)]).await;
        assert_eq!(verified.status, StatusCode::OK);
        let view = json(&verified.body);
        assert_eq!(view["state"], "valid");
        assert_eq!(view["masked_name"], "O**** U**");
        for leak in [
            "3603015508950001",
            "Orang Uji",
            "seeker-a@matrix.test",
            "1995",
        ] {
            assert!(!verified.body.contains(leak), "verification leaks {leak}");
        }
        let page = public.get(&format!("/verifikasi/ak1/{code}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Berlaku") && page.body.contains("O**** U**"));
        assert_eq!(
            public
                .post(VerifyAk1::PATH, &[("code", "AAAAAAAAAAAAAAAA")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // The placement feature closes the card.
        let mut tx = app.db().pool.begin().await.expect("tx");
        let closed = dnaker::features::ak1::card::close_on_placement(
            &mut tx,
            f.seeker_a,
            None,
            app.state.clock.now_ms(),
        )
        .await
        .expect("close");
        tx.commit().await.expect("commit");
        assert!(closed);
        assert_eq!(
            json(&public.post(VerifyAk1::PATH, &[("code", &code)]).await.body)["state"],
            "closed"
        );
        // After two years the card reads as expired.
        app.state.clock.advance_ms(2 * 366 * 86_400_000);
        let mut tx = app.db().pool.begin().await.expect("tx");
        assert!(
            !dnaker::features::ak1::card::close_on_placement(&mut tx, f.seeker_a, None, 0)
                .await
                .expect("no card left")
        );
        tx.rollback().await.expect("rollback");
    }
);

on_both_backends!(
    fifty_concurrent_approvals_get_unique_gapless_numbers,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let hash = dnaker::features::accounts::repo::hash_password("x-unused-password".into())
            .await
            .expect("hash");
        let mut ids = Vec::new();
        for n in 0..50 {
            let account = dnaker::features::accounts::repo::NewAccount {
                email: &format!("burst{n}@example.co.id"),
                full_name: "Pencari Kerja",
                role: dnaker::core::role::Role::Seeker,
                company_id: None,
                company_role: None,
                phone: None,
                password_hash: &hash,
                now_ms: 1,
            };
            let account_id = dnaker::features::accounts::repo::insert(&app.db().pool, &account)
                .await
                .expect("account");
            let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms) VALUES ($1, 'waiting', 1, 2) RETURNING id",
        )
        .bind(account_id)
        .fetch_one(&app.db().pool)
        .await
        .expect("application");
            ids.push(id);
        }
        let officer = matrix::signed_in(&app, Actor::Officer, "10.5.0.1").await;
        let cookie = officer.cookie.clone().expect("cookie");
        let tasks: Vec<_> = ids
            .into_iter()
            .map(|id| {
                let router = app.router.clone();
                let cookie = cookie.clone();
                tokio::spawn(async move {
                    use tower::ServiceExt;
                    let body = crate::common::form_encode(&[
                        ("application_id", &id.to_string()),
                        ("decision", "approve"),
                    ]);
                    let request = axum::http::Request::post(DecideAk1::PATH)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("accept", "application/json")
                        .header("cookie", cookie)
                        .body(axum::body::Body::from(body))
                        .expect("request");
                    router.oneshot(request).await.expect("response").status()
                })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.expect("task"), StatusCode::OK);
        }
        let numbers: Vec<(String,)> = sqlx::query_as("SELECT card_number FROM ak1_applications WHERE card_number IS NOT NULL ORDER BY card_number")
        .fetch_all(&app.db().pool)
        .await
        .expect("numbers");
        let serials: Vec<i64> = numbers
            .iter()
            .filter_map(|(n,)| n.rsplit('/').next()?.parse().ok())
            .collect();
        assert_eq!(
            serials,
            (1..=50).collect::<Vec<i64>>(),
            "unique and without gaps"
        );
    }
);

on_both_backends!(
    seekers_under_eighteen_cannot_apply,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        sqlx::query("UPDATE seekers SET date_of_birth = '2010-01-01'")
            .execute(&app.db().pool)
            .await
            .expect("update");
        let mut seeker = matrix::signed_in(&app, Actor::SeekerB, "10.6.0.1").await;
        assert_eq!(
            seeker.post(SaveProfile::PATH, &PROFILE).await.status,
            StatusCode::OK
        );
        let refused = seeker.post(ApplyAk1::PATH, &[]).await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(refused.body.contains("err_ak1_too_young"));
        assert_eq!(app.count("SELECT COUNT(*) FROM ak1_applications").await, 0);
    }
);

/// The AK-1 workflow's actions (run by `matrix_complete`).
pub(crate) async fn ak1_cases(_app: &TestApp, _f: &Fixture) -> Vec<Case> {
    vec![
        Case::post("load my profile", LoadMyProfile::PATH, &[], &SEEKERS),
        Case::post(
            "save my profile (bad year)",
            SaveProfile::PATH,
            &[("form[graduation_year]", "1800".to_owned())],
            &SEEKERS,
        ),
        Case::post("apply for AK-1 (incomplete)", ApplyAk1::PATH, &[], &SEEKERS),
        Case::post("AK-1 queue", LoadAk1Queue::PATH, &[], &STAFF),
        Case::post(
            "re-report (no card)",
            dnaker::features::ak1::api::ReReportAk1::PATH,
            &[("still_seeking", "1".to_owned())],
            &SEEKERS,
        ),
        Case::post(
            "decide (no such application)",
            DecideAk1::PATH,
            &[
                ("application_id", "999999".to_owned()),
                ("decision", "approve".to_owned()),
            ],
            &STAFF,
        ),
    ]
}

pub(crate) async fn issue_card_for_seeker_a(app: &TestApp) {
    let mut seeker = matrix::signed_in(app, Actor::SeekerA, "10.7.0.1").await;
    assert_eq!(
        seeker.post(SaveProfile::PATH, &PROFILE).await.status,
        StatusCode::OK
    );
    assert_eq!(
        seeker.post(ApplyAk1::PATH, &[]).await.status,
        StatusCode::OK
    );
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.7.0.2").await;
    let queue = json(&officer.post(LoadAk1Queue::PATH, &[]).await.body);
    let id = queue["items"][0]["application_id"]
        .as_i64()
        .expect("id")
        .to_string();
    assert_eq!(
        officer
            .post(
                DecideAk1::PATH,
                &[("application_id", id.as_str()), ("decision", "approve")]
            )
            .await
            .status,
        StatusCode::OK
    );
}

on_both_backends!(
    re_reports_reminders_and_renewal_after_expiry,
    |app: TestApp| async move {
        use dnaker::features::ak1::{api::ReReportAk1, reports::send_due_reminders};
        matrix::fixture(&app).await;
        issue_card_for_seeker_a(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.7.0.3").await;
        let early = seeker
            .post(ReReportAk1::PATH, &[("still_seeking", "1")])
            .await;
        assert_eq!(
            early.status,
            StatusCode::CONFLICT,
            "not open until a month before the due date"
        );
        assert_eq!(send_due_reminders(&app.state).await.expect("reminders"), 0);

        app.state.clock.advance_ms(180 * 86_400_000);
        assert_eq!(
            send_due_reminders(&app.state).await.expect("reminders"),
            1,
            "a week before the first due date"
        );
        assert_eq!(
            send_due_reminders(&app.state).await.expect("reminders"),
            0,
            "once per period"
        );
        assert!(
            app.last_mail_token("seeker-a@matrix.test").await.is_none(),
            "a reminder carries no token"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'seeker-a@matrix.test' AND subject LIKE '%lapor diri%'").await, 1);

        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.7.0.4").await;
        assert_eq!(
            seeker
                .post(ReReportAk1::PATH, &[("still_seeking", "1")])
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            seeker
                .post(ReReportAk1::PATH, &[("still_seeking", "1")])
                .await
                .status,
            StatusCode::CONFLICT,
            "once per period"
        );
        let card = json(&seeker.post(LoadMyProfile::PATH, &[]).await.body)["ak1"].clone();
        assert_eq!(card["reports"].as_array().map(Vec::len), Some(1));
        assert_eq!(card["next_report"]["period"], 2);

        // Renewal: once the card has expired the holder applies again.
        assert_eq!(
            seeker.post(ApplyAk1::PATH, &[]).await.status,
            StatusCode::CONFLICT,
            "still valid"
        );
        app.state.clock.advance_ms(2 * 366 * 86_400_000);
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.7.0.5").await;
        assert_eq!(
            seeker.post(ApplyAk1::PATH, &[]).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM ak1_applications WHERE status = 'waiting'")
                .await,
            1
        );
        assert_eq!(
            send_due_reminders(&app.state).await.expect("reminders"),
            0,
            "no reminders for an expired card"
        );
    }
);

/// Rasterizes the first page of a PDF with poppler's pdftoppm and decodes the QR codes on it.
pub(crate) fn qr_codes_in(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf_path = dir.path().join("card.pdf");
    std::fs::write(&pdf_path, pdf).expect("write pdf");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-png", "-singlefile"])
        .arg(&pdf_path)
        .arg(dir.path().join("card"))
        .status()
        .expect("pdftoppm (poppler-utils) is installed by scripts/setup.sh");
    assert!(status.success());
    let file = std::fs::File::open(dir.path().join("card.png")).expect("png");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("png header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("png frame");
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        pixels[(y * width + x) * channels]
    });
    image
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}

on_both_backends!(
    the_card_pdf_has_the_number_and_a_qr_code_to_the_verification_page,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        issue_card_for_seeker_a(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.8.0.1").await;
        let card = json(&seeker.post(LoadMyProfile::PATH, &[]).await.body)["ak1"].clone();
        let number = card["card_number"].as_str().expect("number").to_owned();
        let code = card["verification_code"].as_str().expect("code").to_owned();

        let request = axum::http::Request::get("/akun/kartu-ak1.pdf")
            .header("cookie", seeker.cookie.clone().expect("cookie"))
            .body(axum::body::Body::empty())
            .expect("request");
        let (status, headers, bytes) = app.request_bytes(request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            headers
                .get("content-type")
                .map(axum::http::HeaderValue::as_bytes),
            Some(&b"application/pdf"[..])
        );
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(
            bytes.windows(number.len()).any(|w| w == number.as_bytes()),
            "the number is printed"
        );
        let codes = qr_codes_in(&bytes);
        assert_eq!(
            codes,
            vec![format!("http://127.0.0.1:3000/verifikasi/ak1/{code}")]
        );

        // Another seeker has no card; visitors must sign in.
        let mut other = matrix::signed_in(&app, Actor::SeekerB, "10.8.0.2").await;
        assert_eq!(
            other.get("/akun/kartu-ak1.pdf").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            Client::new(&app, "10.8.0.3")
                .get("/akun/kartu-ak1.pdf")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.8.0.4").await;
        assert_eq!(
            officer.get("/akun/kartu-ak1.pdf").await.status,
            StatusCode::FORBIDDEN
        );
    }
);

pub(crate) const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 0, 0, 0, 0,
];

/// A multipart upload of one file, as the profile page's form sends it.
pub(crate) async fn upload(
    app: &TestApp,
    cookie: Option<&str>,
    kind: &str,
    file_name: &str,
    claimed_type: &str,
    bytes: &[u8],
) -> (StatusCode, String) {
    let boundary = "----dnakerTestBoundary";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n")
            .into_bytes();
    body.extend(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: {claimed_type}\r\n\r\n")
            .into_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let mut request = axum::http::Request::post("/akun/profil/berkas")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("origin", "http://localhost")
        .header("host", "localhost");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = app
        .request(request.body(axum::body::Body::from(body)).expect("request"))
        .await;
    let location = response
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (response.status, location)
}

on_both_backends!(
    uploads_are_checked_stored_and_served_only_to_the_owner_and_staff,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let seeker = matrix::signed_in(&app, Actor::SeekerA, "10.9.0.1").await;
        let cookie = seeker.cookie.clone();
        let files_before = app.count("SELECT COUNT(*) FROM seeker_files").await;

        let (status, location) = upload(
            &app,
            cookie.as_deref(),
            "photo",
            "foto.jpg",
            "image/jpeg",
            b"<?php system($_GET['c']); ?>",
        )
        .await;
        assert_eq!(
            (status, location.as_str()),
            (
                StatusCode::SEE_OTHER,
                "/akun/profil?berkas_galat=err_file_type"
            ),
            "a script renamed .jpg"
        );
        let (_, location) = upload(
            &app,
            cookie.as_deref(),
            "cv",
            "cv.pdf",
            "application/pdf",
            b"",
        )
        .await;
        assert!(location.ends_with("err_file_empty"), "{location}");
        let mut big = PNG.to_vec();
        big.resize(3 * 1024 * 1024, 0);
        let (_, location) = upload(
            &app,
            cookie.as_deref(),
            "photo",
            "besar.png",
            "image/png",
            &big,
        )
        .await;
        assert!(location.ends_with("err_file_too_large"), "{location}");
        let mut huge = b"%PDF-1.7\n".to_vec();
        huge.resize(6 * 1024 * 1024, b' ');
        let (_, location) = upload(
            &app,
            cookie.as_deref(),
            "cv",
            "huge.pdf",
            "application/pdf",
            &huge,
        )
        .await;
        assert!(
            location.ends_with("err_file_too_large"),
            "over the route's limit too: {location}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM seeker_files").await,
            files_before,
            "nothing stored"
        );
        let stored = std::fs::read_dir(app.state.config.server.data_dir.join("files"))
            .map(std::iter::Iterator::count)
            .unwrap_or(0);
        assert_eq!(stored, 0, "no bytes left in storage");

        let (_, location) = upload(
            &app,
            cookie.as_deref(),
            "photo",
            "foto.png",
            "image/png",
            PNG,
        )
        .await;
        assert_eq!(location, "/akun/profil?berkas=ok");
        let (_, location) = upload(
            &app,
            cookie.as_deref(),
            "cv",
            "cv.pdf",
            "application/pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        )
        .await;
        assert_eq!(location, "/akun/profil?berkas=ok");
        let (status, location) = upload(&app, None, "photo", "foto.png", "image/png", PNG).await;
        assert_eq!(
            (status, location.as_str()),
            (StatusCode::SEE_OTHER, "/masuk")
        );

        let mut owner = matrix::signed_in(&app, Actor::SeekerA, "10.9.0.2").await;
        let photo = owner.get("/akun/berkas/photo").await;
        assert_eq!(photo.status, StatusCode::OK);
        assert_eq!(
            photo
                .headers
                .get("content-type")
                .map(axum::http::HeaderValue::as_bytes),
            Some(&b"image/png"[..])
        );
        assert!(
            photo
                .headers
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("sandbox"))
        );
        let mut other = matrix::signed_in(&app, Actor::SeekerB, "10.9.0.3").await;
        assert_eq!(
            other.get("/akun/berkas/photo").await.status,
            StatusCode::NOT_FOUND,
            "another seeker has no photo and cannot reach this one"
        );
        assert_eq!(
            other
                .get(&format!("/petugas/pencaker/{}/berkas/photo", f.seeker_a))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.0.4").await;
        assert_eq!(
            company
                .get(&format!("/petugas/pencaker/{}/berkas/cv", f.seeker_a))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.9.0.5").await;
        let cv = officer
            .get(&format!("/petugas/pencaker/{}/berkas/cv", f.seeker_a))
            .await;
        assert_eq!(cv.status, StatusCode::OK);
        assert_eq!(app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = 'seeker_file.read' AND subject_account_id = {}", f.seeker_a)).await, 1);
    }
);
