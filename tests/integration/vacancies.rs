//! Vacancies through the real HTTP stack on both backends: reporting and moderation, the public search and
//! its filters, applications and the pipeline, suggestions under consent, placements and the AK-1 closing.
use axum::http::StatusCode;
use dnaker::features::{
    accounts::api::SetConsent,
    ak1::api::{LoadMyProfile, SaveProfile},
    home::api::LoadHomeSummary,
    vacancies::{
        api::{
            AddApplicationNote, AnswerInvitation, ApplyToVacancy, CloseVacancy, DecideVacancy,
            InviteCandidate, LoadCompanyReports, LoadModerationQueue, LoadMyJobs, LoadPipeline,
            LoadRecommendations, LoadSuggestions, LoadVacancy, LoadVacancyForm, MoveApplication,
            ReportPlacement, SearchVacancies, SubmitVacancy, WithdrawApplication,
        },
        repo::vacancies::close_expired,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{PROFILE, issue_card_for_seeker_a, json},
    common::{
        Client, TestApp,
        matrix::{self, Actor, Case, Fixture, Method},
    },
};

/// A vacancy form with nothing to flag; `extra` overrides fields.
pub(crate) fn vacancy_form<'a>(
    title: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("form[title]", title),
        ("form[occupation_code]", "83"),
        (
            "form[description]",
            "Mengoperasikan forklift di gudang bahan baku, memuat dan membongkar palet, mencatat stok harian.",
        ),
        ("form[education_level]", "SMA"),
        ("form[skills]", "forklift, las listrik"),
        ("form[experience_years]", "1"),
        ("form[headcount]", "1"),
        ("form[wage_min]", "5.300.000"),
        ("form[wage_max]", "6.000.000"),
        ("form[district_code]", "36.03.01"),
        ("form[work_time]", "full_time"),
        ("form[shift]", "rotating"),
        ("form[contract_type]", "contract"),
        ("form[deadline]", "2099-01-01"),
    ];
    for (key, value) in extra {
        if let Some(slot) = form.iter_mut().find(|(k, _)| k == key) {
            slot.1 = value;
        } else {
            form.push((key, value));
        }
    }
    form
}

/// A deadline within the year the check allows.
pub(crate) fn deadline_in(days: i64) -> String {
    let today = dnaker::core::calendar::wib_date(dnaker::server::db::now_ms());
    dnaker::core::calendar::format_date(today + time::Duration::days(days))
}

pub(crate) async fn verify_company(app: &TestApp, company_id: i64) {
    sqlx::query("UPDATE companies SET verified = 1 WHERE id = $1")
        .bind(company_id)
        .execute(&app.db().pool)
        .await
        .expect("verify");
}

/// Company A (verified) posts a vacancy; returns its id.
pub(crate) async fn post_vacancy(
    client: &mut Client<'_>,
    title: &str,
    extra: &[(&str, &str)],
) -> (i64, String) {
    let deadline = deadline_in(30);
    let mut extra = extra.to_vec();
    if !extra.iter().any(|(k, _)| *k == "form[deadline]") {
        extra.push(("form[deadline]", deadline.as_str()));
    }
    let response = client
        .post(SubmitVacancy::PATH, &vacancy_form(title, &extra))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let submitted = json(&response.body);
    (
        submitted["id"].as_i64().expect("id"),
        submitted["status"].as_str().expect("status").to_owned(),
    )
}

async fn search(client: &mut Client<'_>, pairs: &[(&str, &str)]) -> serde_json::Value {
    let response = client.post(SearchVacancies::PATH, pairs).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    json(&response.body)
}

fn titles(found: &serde_json::Value) -> Vec<String> {
    found["results"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

on_both_backends!(
    vacancies_publish_or_wait_for_review_and_officers_decide,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.0.1").await;
        // Unverified: waits even when clean.
        let (waiting, status) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        assert_eq!(status, "pending");
        verify_company(&app, f.company_a).await;
        let (published, status) = post_vacancy(
            &mut company,
            "Operator Forklift Shift",
            &[(
                "form[description]",
                "Mengoperasikan forklift </script><script>alert(1)</script> di gudang bahan baku.",
            )],
        )
        .await;
        assert_eq!(status, "published");
        // Flagged wording waits even for a verified company; the flags come back to the company.
        let flagged = company
            .post(
                SubmitVacancy::PATH,
                &vacancy_form(
                    "Kasir",
                    &[
                        ("form[description]", "Kasir wanita berpenampilan menarik, belum menikah, untuk toko di Cikupa."),
                        ("form[deadline]", deadline_in(30).as_str()),
                    ],
                ),
            )
            .await;
        let flagged = json(&flagged.body);
        assert_eq!(flagged["status"], "pending");
        assert_eq!(
            flagged["flags"],
            serde_json::json!(["flag_appearance", "flag_marital", "flag_sex"])
        );
        // Below the UMK of the year: refused, nothing written.
        let before = app.count("SELECT COUNT(*) FROM vacancies").await;
        let low = company
            .post(
                SubmitVacancy::PATH,
                &vacancy_form(
                    "Helper",
                    &[
                        ("form[wage_min]", "5.210.376"),
                        ("form[deadline]", deadline_in(30).as_str()),
                    ],
                ),
            )
            .await;
        assert_eq!(low.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(low.body.contains("err_below_umk"), "{}", low.body);
        assert_eq!(app.count("SELECT COUNT(*) FROM vacancies").await, before);
        // An unknown occupation group is refused by the server even past the shared check.
        let unknown = company
            .post(
                SubmitVacancy::PATH,
                &vacancy_form(
                    "Helper",
                    &[
                        ("form[occupation_code]", "99"),
                        ("form[deadline]", deadline_in(30).as_str()),
                    ],
                ),
            )
            .await;
        assert_eq!(
            unknown.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            unknown.body
        );

        let mut public = Client::new(&app, "10.9.0.2");
        assert_eq!(
            public
                .post(LoadVacancy::PATH, &[("vacancy_id", &waiting.to_string())])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "a pending vacancy is not public"
        );
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.9.0.3").await;
        let queue = json(&officer.post(LoadModerationQueue::PATH, &[]).await.body);
        assert_eq!(queue.as_array().expect("queue").len(), 2);
        let flagged_id = flagged["id"].as_i64().expect("id").to_string();
        let no_reason = officer
            .post(
                DecideVacancy::PATH,
                &[
                    ("vacancy_id", &flagged_id),
                    ("decision", "reject"),
                    ("reason", ""),
                ],
            )
            .await;
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        let rejected = officer
            .post(
                DecideVacancy::PATH,
                &[
                    ("vacancy_id", &flagged_id),
                    ("decision", "reject"),
                    ("reason", "Hapus syarat penampilan dan status kawin."),
                ],
            )
            .await;
        assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.body);
        let approved = officer
            .post(
                DecideVacancy::PATH,
                &[
                    ("vacancy_id", &waiting.to_string()),
                    ("decision", "approve"),
                ],
            )
            .await;
        assert_eq!(approved.status, StatusCode::OK);
        let again = officer
            .post(
                DecideVacancy::PATH,
                &[
                    ("vacancy_id", &waiting.to_string()),
                    ("decision", "approve"),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "decided once");
        let page = json(
            &public
                .post(LoadVacancy::PATH, &[("vacancy_id", &waiting.to_string())])
                .await
                .body,
        );
        assert_eq!(page["open"], true);
        assert_eq!(page["viewer"], "Public");
        let ld = json(page["json_ld"].as_str().expect("JSON-LD"));
        assert_eq!(ld["@type"], "JobPosting");
        assert_eq!(ld["baseSalary"]["value"]["minValue"], 5_300_000);
        assert_eq!(ld["hiringOrganization"]["name"], "PT Uji A");
        // The server-rendered page carries it too.
        let html = public.get(&format!("/lowongan/{published}")).await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(
            html.body.contains("application/ld+json"),
            "JSON-LD in the page"
        );
        assert!(html.body.contains("Operator Forklift Shift"));
        assert!(
            !html.body.contains("<script>alert(1)"),
            "neither the JSON-LD nor the text lets a description end the script element"
        );
        // The company sees the rejection reason and is told in its inbox.
        let reports = json(&company.post(LoadCompanyReports::PATH, &[]).await.body);
        let rejected_row = reports["vacancies"]
            .as_array()
            .expect("vacancies")
            .iter()
            .find(|v| v["status"] == "rejected")
            .expect("rejected row")
            .clone();
        assert_eq!(
            rejected_row["review_reason"],
            "Hapus syarat penampilan dan status kawin."
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'notice_vacancy_rejected'"
            )
            .await,
            1
        );
        // Closing by the company, once; another company cannot close it.
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.9.0.4").await;
        assert_eq!(
            other
                .post(
                    CloseVacancy::PATH,
                    &[("vacancy_id", &published.to_string())]
                )
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            company
                .post(
                    CloseVacancy::PATH,
                    &[("vacancy_id", &published.to_string())]
                )
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            company
                .post(
                    CloseVacancy::PATH,
                    &[("vacancy_id", &published.to_string())]
                )
                .await
                .status,
            StatusCode::CONFLICT
        );
    }
);

on_both_backends!(
    search_ranks_filters_pages_and_shrugs_off_injection,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.1.1").await;
        post_vacancy(&mut company, "Operator Forklift", &[]).await;
        post_vacancy(
            &mut company,
            "Staf Gudang",
            &[
                ("form[description]", "Menyusun barang di rak gudang, sesekali membantu operator forklift saat bongkar muat."),
                ("form[occupation_code]", "43"),
                ("form[district_code]", "36.03.18"),
                ("form[education_level]", "D3"),
                ("form[wage_max]", "9.000.000"),
                ("form[work_time]", "part_time"),
                ("form[skills]", "administrasi gudang"),
            ],
        )
        .await;
        post_vacancy(
            &mut company,
            "Juru Masak",
            &[
                ("form[description]", "Menyiapkan makanan untuk kantin karyawan sesuai menu harian dan standar kebersihan."),
                ("form[occupation_code]", "51"),
                ("form[skills]", "memasak"),
            ],
        )
        .await;
        let mut public = Client::new(&app, "10.9.1.2");
        // Relevance: the title match outranks a mention in the description.
        let found = search(&mut public, &[("query[text]", "forklift")]).await;
        assert_eq!(titles(&found), vec!["Operator Forklift", "Staf Gudang"]);
        assert_eq!(found["results"]["total"], 2);
        // Prefix and stemming-tolerant: "forkl" finds both.
        assert_eq!(
            search(&mut public, &[("query[text]", "forkl")]).await["results"]["total"],
            2
        );
        for (filter, value, expected) in [
            ("query[district_code]", "36.03.18", vec!["Staf Gudang"]),
            ("query[occupation]", "8", vec!["Operator Forklift"]),
            ("query[occupation]", "51", vec!["Juru Masak"]),
            (
                "query[sector]",
                "C",
                vec!["Juru Masak", "Staf Gudang", "Operator Forklift"],
            ),
            ("query[sector]", "F", vec![]),
            (
                "query[education]",
                "SMA",
                vec!["Juru Masak", "Operator Forklift"],
            ),
            ("query[min_wage_idr]", "8000000", vec!["Staf Gudang"]),
            ("query[work_time]", "part_time", vec!["Staf Gudang"]),
            (
                "query[posted_within_days]",
                "1",
                vec!["Juru Masak", "Staf Gudang", "Operator Forklift"],
            ),
        ] {
            let found = search(&mut public, &[(filter, value), ("query[sort]", "Newest")]).await;
            assert_eq!(titles(&found), expected, "{filter}={value}");
        }
        let by_wage = search(&mut public, &[("query[sort]", "Wage")]).await;
        assert_eq!(titles(&by_wage)[0], "Staf Gudang");
        // Injection attempts are just words (or dropped); the table is still there.
        for attempt in [
            "'; DROP TABLE vacancies; --",
            "forklift\" OR 1=1 --",
            "NEAR(forklift gudang) * ^ : -",
            "') UNION SELECT password_hash FROM accounts --",
            // Letters FTS5 splits inside a word (a vowel sign, a circled letter, a mark lower-casing adds):
            // a phrase, an error in an index without positions, unless split first.
            "कि ⒶB İstanbul ᄀᄀᄀ",
        ] {
            let response = public
                .post(SearchVacancies::PATH, &[("query[text]", attempt)])
                .await;
            assert_eq!(
                response.status,
                StatusCode::OK,
                "{attempt}: {}",
                response.body
            );
            assert!(!response.body.contains("$argon2"), "{attempt}");
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM vacancies").await, 3);
        let html = public
            .get("/lowongan?kecamatan=36.03.18%27%20OR%201%3D1&q=forklift%27--&hal=abc")
            .await;
        assert_eq!(html.status, StatusCode::OK);
        // The page is server-rendered: results are in the HTML.
        let html = public.get("/lowongan?q=masak").await;
        assert!(html.body.contains("Juru Masak"), "server-rendered results");
        // Past the deadline a vacancy leaves the search and closes.
        sqlx::query("UPDATE vacancies SET deadline = '2020-01-01' WHERE title = 'Juru Masak'")
            .execute(&app.db().pool)
            .await
            .expect("age");
        assert_eq!(
            search(&mut public, &[("query[text]", "masak")]).await["results"]["total"],
            0
        );
        let closed = close_expired(app.db(), dnaker::server::db::now_ms())
            .await
            .expect("close");
        assert_eq!(closed, 1);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM vacancies WHERE status = 'closed' AND closed_reason = 'deadline'").await,
            1
        );
    }
);

/// Seeker A has an issued AK-1 and a profile with forklift skills.
async fn seeker_with_card(app: &TestApp) {
    issue_card_for_seeker_a(app).await;
}

on_both_backends!(
    apply_once_move_through_the_pipeline_hire_and_close_the_card,
    |app: TestApp| async move {
        let f: Fixture = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        seeker_with_card(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.2.1").await;
        let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        let vacancy_id = vacancy.to_string();
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.9.2.2").await;
        let page = json(
            &seeker
                .post(LoadVacancy::PATH, &[("vacancy_id", &vacancy_id)])
                .await
                .body,
        );
        assert!(page["viewer"]["Seeker"]["application"].is_null());
        let applied = seeker
            .post(
                ApplyToVacancy::PATH,
                &[
                    ("vacancy_id", &vacancy_id),
                    ("cover_note", "Saya punya SIO forklift."),
                ],
            )
            .await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        let twice = seeker
            .post(ApplyToVacancy::PATH, &[("vacancy_id", &vacancy_id)])
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        assert!(twice.body.contains("err_already_applied"));
        assert_eq!(app.count("SELECT COUNT(*) FROM job_applications").await, 1);
        // Seeker B has no profile yet: told to fill it first.
        let mut seeker_b = matrix::signed_in(&app, Actor::SeekerB, "10.9.2.3").await;
        let early = seeker_b
            .post(ApplyToVacancy::PATH, &[("vacancy_id", &vacancy_id)])
            .await;
        assert!(
            early.body.contains("err_apply_profile_first"),
            "{}",
            early.body
        );

        let pipeline = json(
            &company
                .post(LoadPipeline::PATH, &[("vacancy_id", &vacancy_id)])
                .await
                .body,
        );
        let candidate = &pipeline["candidates"][0];
        assert_eq!(candidate["name"], "Orang Uji");
        assert_eq!(candidate["cover_note"], "Saya punya SIO forklift.");
        let application_id = candidate["application_id"]
            .as_i64()
            .expect("id")
            .to_string();
        // Company B can neither see nor move company A's applicants.
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.9.2.4").await;
        assert_eq!(
            other
                .post(LoadPipeline::PATH, &[("vacancy_id", &vacancy_id)])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            other
                .post(
                    MoveApplication::PATH,
                    &[("application_id", &application_id), ("to", "hired")]
                )
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            other
                .post(
                    AddApplicationNote::PATH,
                    &[("application_id", &application_id), ("body", "x")]
                )
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        for step in ["screened", "interview"] {
            let moved = company
                .post(
                    MoveApplication::PATH,
                    &[("application_id", &application_id), ("to", step)],
                )
                .await;
            assert_eq!(moved.status, StatusCode::OK, "{step}: {}", moved.body);
        }
        let back = company
            .post(
                MoveApplication::PATH,
                &[("application_id", &application_id), ("to", "screened")],
            )
            .await;
        assert_eq!(back.status, StatusCode::CONFLICT, "no going back");
        let noted = company
            .post(
                AddApplicationNote::PATH,
                &[
                    ("application_id", &application_id),
                    ("body", "Wawancara bagus, cek SIO asli."),
                ],
            )
            .await;
        assert_eq!(noted.status, StatusCode::OK);
        // The seeker sees the steps and not the company's note.
        let jobs = seeker.post(LoadMyJobs::PATH, &[]).await;
        assert!(
            !jobs.body.contains("cek SIO asli"),
            "company notes stay with the company"
        );
        let jobs = json(&jobs.body);
        let timeline: Vec<&str> = jobs["applications"][0]["timeline"]
            .as_array()
            .expect("timeline")
            .iter()
            .map(|s| s["status"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(timeline, vec!["Received", "Screened", "Interview"]);
        assert_eq!(jobs["notices"].as_array().expect("notices").len(), 2);
        assert!(
            app.count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'seeker-a@matrix.test'")
                .await
                >= 2,
            "status changes are e-mailed"
        );
        let hired = company
            .post(
                MoveApplication::PATH,
                &[("application_id", &application_id), ("to", "hired")],
            )
            .await;
        assert_eq!(hired.status, StatusCode::OK, "{}", hired.body);
        // Hired: a placement, the AK-1 closed as placed, the vacancy (headcount 1) closed as filled.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM placements WHERE application_id IS NOT NULL")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM ak1_applications WHERE status = 'closed' AND closed_reason = 'placed'").await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM vacancies WHERE status = 'closed' AND closed_reason = 'filled'").await,
            1
        );
        let withdraw = seeker
            .post(
                WithdrawApplication::PATH,
                &[("application_id", &application_id)],
            )
            .await;
        assert_eq!(withdraw.status, StatusCode::CONFLICT, "a decision is final");
        let profile = json(&seeker.post(LoadMyProfile::PATH, &[]).await.body);
        assert_eq!(profile["ak1"]["status"], "closed");
        let reports = json(&company.post(LoadCompanyReports::PATH, &[]).await.body);
        assert_eq!(reports["placements"][0]["nik_masked"], "************0001");
        let csv = company.get("/perusahaan/laporan/penempatan.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.starts_with("id,nama,nik,jabatan"), "{}", csv.body);
        assert!(csv.body.contains("************0001") && !csv.body.contains("3603015508950001"));
        let csv = company.get("/perusahaan/laporan/lowongan.csv").await;
        assert!(
            csv.body.contains(
                "Operator Forklift,83,C,1,SMA,\"forklift, las listrik\",1,5300000,6000000,Balaraja,full_time,contract,"
            ),
            "{}",
            csv.body
        );
        assert!(csv.body.contains(",closed,filled,1,1"), "{}", csv.body);
        assert_eq!(
            other
                .get("/perusahaan/laporan/penempatan.csv")
                .await
                .body
                .lines()
                .count(),
            1,
            "B's own: empty"
        );
        assert_eq!(
            Client::new(&app, "10.9.2.9")
                .get("/perusahaan/laporan/penempatan.csv")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both_backends!(
    a_seeker_can_withdraw_and_sees_only_their_own_applications,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.3.1").await;
        let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.9.3.2").await;
        assert_eq!(
            a.post(SaveProfile::PATH, &PROFILE).await.status,
            StatusCode::OK
        );
        let applied = a
            .post(
                ApplyToVacancy::PATH,
                &[("vacancy_id", &vacancy.to_string())],
            )
            .await;
        let application_id = applied.body.trim().to_owned();
        let mut b = matrix::signed_in(&app, Actor::SeekerB, "10.9.3.3").await;
        assert_eq!(
            b.post(
                WithdrawApplication::PATH,
                &[("application_id", &application_id)]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            json(&b.post(LoadMyJobs::PATH, &[]).await.body)["applications"],
            serde_json::json!([])
        );
        assert_eq!(
            a.post(
                WithdrawApplication::PATH,
                &[("application_id", &application_id)]
            )
            .await
            .status,
            StatusCode::OK
        );
        let jobs = json(&a.post(LoadMyJobs::PATH, &[]).await.body);
        assert_eq!(jobs["applications"][0]["status"], "Withdrawn");
        let pipeline = json(
            &company
                .post(LoadPipeline::PATH, &[("vacancy_id", &vacancy.to_string())])
                .await
                .body,
        );
        assert_eq!(
            pipeline["candidates"],
            serde_json::json!([]),
            "withdrawn leaves the pipeline"
        );
    }
);

on_both_backends!(
    suggestions_are_pseudonymous_follow_consent_and_invitations_reveal_on_acceptance,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.9.4.1").await;
        assert_eq!(
            seeker.post(SaveProfile::PATH, &PROFILE).await.status,
            StatusCode::OK
        );
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.4.2").await;
        let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        let vacancy_id = vacancy.to_string();
        let suggestions = |body: &str| json(body).as_array().expect("list").clone();
        // Not discoverable: not suggested.
        let none = company
            .post(LoadSuggestions::PATH, &[("vacancy_id", &vacancy_id)])
            .await;
        assert_eq!(suggestions(&none.body).len(), 0, "{}", none.body);
        for purpose in ["discoverable", "matching"] {
            assert_eq!(
                seeker
                    .post(SetConsent::PATH, &[("purpose", purpose), ("granted", "1")])
                    .await
                    .status,
                StatusCode::OK
            );
        }
        let listed = company
            .post(LoadSuggestions::PATH, &[("vacancy_id", &vacancy_id)])
            .await;
        let list = suggestions(&listed.body);
        assert_eq!(list.len(), 1);
        for secret in [
            "Orang Uji",
            "seeker-a@matrix.test",
            "3603015508950001",
            "Raya Serang",
        ] {
            assert!(
                !listed.body.contains(secret),
                "pseudonymous: {secret} leaked"
            );
        }
        let candidate = &list[0];
        assert!(
            candidate["score"]["score"].as_u64().expect("score") > 50,
            "{candidate}"
        );
        let missing: Vec<&str> = candidate["score"]["missing_skills"]
            .as_array()
            .expect("missing")
            .iter()
            .filter_map(|s| s.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "has forklift and las listrik: {missing:?}"
        );
        let pseudonym = candidate["pseudonym"]
            .as_str()
            .expect("pseudonym")
            .to_owned();
        // Another company cannot read suggestions for A's vacancy.
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.9.4.3").await;
        assert_eq!(
            other
                .post(LoadSuggestions::PATH, &[("vacancy_id", &vacancy_id)])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            other
                .post(
                    InviteCandidate::PATH,
                    &[("vacancy_id", &vacancy_id), ("pseudonym", &pseudonym)]
                )
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // Recommendations for the seeker include the vacancy with reasons.
        let recommended = json(&seeker.post(LoadRecommendations::PATH, &[]).await.body);
        assert_eq!(recommended[0]["vacancy"]["title"], "Operator Forklift");
        assert!(
            !recommended[0]["score"]["parts"]
                .as_array()
                .expect("parts")
                .is_empty()
        );
        // Withdrawing the consent removes the seeker at once; giving it back restores them.
        seeker
            .post(
                SetConsent::PATH,
                &[("purpose", "discoverable"), ("granted", "0")],
            )
            .await;
        assert_eq!(
            suggestions(
                &company
                    .post(LoadSuggestions::PATH, &[("vacancy_id", &vacancy_id)])
                    .await
                    .body
            )
            .len(),
            0
        );
        assert_eq!(
            company
                .post(
                    InviteCandidate::PATH,
                    &[("vacancy_id", &vacancy_id), ("pseudonym", &pseudonym)]
                )
                .await
                .status,
            StatusCode::NOT_FOUND,
            "a withdrawn seeker cannot be invited"
        );
        seeker
            .post(
                SetConsent::PATH,
                &[("purpose", "discoverable"), ("granted", "1")],
            )
            .await;
        let invited = company
            .post(
                InviteCandidate::PATH,
                &[("vacancy_id", &vacancy_id), ("pseudonym", &pseudonym)],
            )
            .await;
        assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
        let pipeline = company
            .post(LoadPipeline::PATH, &[("vacancy_id", &vacancy_id)])
            .await;
        assert!(
            !pipeline.body.contains("Orang Uji"),
            "not revealed before acceptance"
        );
        let jobs = json(&seeker.post(LoadMyJobs::PATH, &[]).await.body);
        let invitation_id = jobs["invitations"][0]["id"]
            .as_i64()
            .expect("invitation")
            .to_string();
        let mut b = matrix::signed_in(&app, Actor::SeekerB, "10.9.4.4").await;
        assert_eq!(
            b.post(
                AnswerInvitation::PATH,
                &[("invitation_id", &invitation_id), ("decision", "accept")]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let accepted = seeker
            .post(
                AnswerInvitation::PATH,
                &[("invitation_id", &invitation_id), ("decision", "accept")],
            )
            .await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        let pipeline = company
            .post(LoadPipeline::PATH, &[("vacancy_id", &vacancy_id)])
            .await;
        assert!(
            pipeline.body.contains("Orang Uji"),
            "revealed after acceptance"
        );
        // Matching off: no recommendations and no score.
        seeker
            .post(
                SetConsent::PATH,
                &[("purpose", "matching"), ("granted", "0")],
            )
            .await;
        assert_eq!(
            json(&seeker.post(LoadRecommendations::PATH, &[]).await.body),
            serde_json::Value::Null
        );
    }
);

on_both_backends!(
    placements_by_nik_wait_for_the_seeker_and_fill_the_vacancy,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        issue_card_for_seeker_a(&app).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.5.1").await;
        let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        let start = deadline_in(0);
        let vacancy_id = vacancy.to_string();
        let form = |nik: &'static str, wage: &'static str| -> Vec<(&'static str, String)> {
            vec![
                ("form[nik]", nik.to_owned()),
                ("form[worker_name]", "Siti Rahayu".to_owned()),
                ("form[position]", "Operator Forklift".to_owned()),
                ("form[start_date]", start.clone()),
                ("form[wage]", wage.to_owned()),
                ("form[contract_type]", "contract".to_owned()),
                ("form[vacancy_id]", vacancy_id.clone()),
            ]
        };
        let low = form("3603015508950001", "4.000.000");
        let low: Vec<(&str, &str)> = low.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = company.post(ReportPlacement::PATH, &low).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("err_below_umk"));
        let good = form("3603015508950001", "5.400.000");
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let placed = company.post(ReportPlacement::PATH, &good).await;
        assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);
        assert_eq!(
            company.post(ReportPlacement::PATH, &good).await.status,
            StatusCode::CONFLICT
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM ak1_applications WHERE status = 'closed' AND closed_reason = 'placed'").await,
            0,
            "the registered seeker's card waits for their confirmation (placement_confirm.rs)"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM placements WHERE confirmation = 'pending'")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM vacancies WHERE closed_reason = 'filled'")
                .await,
            1
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM placements WHERE nik_ciphertext LIKE '%3603015508950001%'"
            )
            .await,
            0,
            "the NIK is stored encrypted"
        );
        // Company B (verified too) cannot report against A's vacancy.
        verify_company(&app, f.company_b).await;
        let mut other = matrix::signed_in(&app, Actor::CompanyAdminB, "10.9.5.2").await;
        let other_form = form("3603011508950002", "5.400.000");
        let other_form: Vec<(&str, &str)> =
            other_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            other.post(ReportPlacement::PATH, &other_form).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
);

/// Vacancies: reporting, moderation, search, the pipeline (run by `matrix_complete`).
pub(crate) async fn vacancy_cases(app: &TestApp, f: &Fixture) -> Vec<Case> {
    verify_company(app, f.company_a).await;
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.9.6.1").await;
    let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
    let id = vacancy.to_string();
    let company_a = [Actor::CompanyAdminA, Actor::CompanyStaffA];
    let form: Vec<(&str, String)> = vacancy_form("Operator Gudang", &[])
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                if k == "form[deadline]" {
                    deadline_in(20)
                } else {
                    v.to_owned()
                },
            )
        })
        .collect();
    vec![
        Case::public("search", Method::Post, SearchVacancies::PATH, &[]),
        Case::post(
            "submit vacancy",
            SubmitVacancy::PATH,
            &form,
            &matrix::COMPANY_MEMBERS,
        ),
        Case::post(
            "company reports",
            LoadCompanyReports::PATH,
            &[],
            &matrix::COMPANY_MEMBERS,
        ),
        Case::post(
            "moderation queue",
            LoadModerationQueue::PATH,
            &[],
            &matrix::STAFF,
        ),
        Case::post(
            "pipeline",
            LoadPipeline::PATH,
            &[("vacancy_id", id.clone())],
            &company_a,
        ),
        Case::post(
            "suggestions",
            LoadSuggestions::PATH,
            &[("vacancy_id", id.clone())],
            &company_a,
        ),
        Case::post("my jobs", LoadMyJobs::PATH, &[], &matrix::SEEKERS),
        Case::post(
            "recommendations",
            LoadRecommendations::PATH,
            &[],
            &matrix::SEEKERS,
        ),
        Case::public("vacancy page", Method::Get, &format!("/lowongan/{id}"), &[]),
        Case::get(
            "vacancy csv",
            "/perusahaan/laporan/lowongan.csv",
            &matrix::COMPANY_MEMBERS,
        ),
    ]
}

on_both_backends!(
    scale_seeding_makes_searchable_matchable_data,
    |app: TestApp| async move {
        use dnaker::{
            core::i18n::Lang,
            features::{
                demo::scale::seed_scale,
                vacancies::{
                    query::SearchQuery,
                    search,
                    suggestions::{rank_candidates, recommend},
                },
            },
        };
        let report = seed_scale(app.db(), &app.state.pii, 1, false)
            .await
            .expect("seed");
        assert_eq!(
            (report.companies, report.vacancies, report.seekers),
            (20, 1000, 2000)
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM vacancies WHERE status = 'published'")
                .await,
            1000
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM seeker_profiles").await,
            2000
        );
        // A second run adds more without colliding (NIKs, NIBs and e-mails continue).
        seed_scale(app.db(), &app.state.pii, 1, false)
            .await
            .expect("again");
        assert_eq!(app.count("SELECT COUNT(*) FROM seekers").await, 4000);
        let now = dnaker::server::db::now_ms();
        let found = search::search(
            app.db(),
            Lang::Id,
            &SearchQuery {
                text: "operator".into(),
                page: 1,
                ..SearchQuery::default()
            },
            now,
        )
        .await
        .expect("search");
        assert!(
            found.total > 0 && !found.items.is_empty(),
            "demo titles include operators"
        );
        let (vacancy,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM vacancies")
            .fetch_one(&app.db().pool)
            .await
            .expect("vacancy");
        let suggested = rank_candidates(app.db(), &app.state.pii, vacancy, now)
            .await
            .expect("suggestions");
        assert!(!suggested.is_empty(), "discoverable seekers are suggested");
        let scores: Vec<u8> = suggested.iter().map(|(_, c)| c.score.score).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "best first: {scores:?}"
        );
        let (seeker,): (i64,) = sqlx::query_as(
            "SELECT MAX(account_id) FROM consents WHERE purpose = 'matching' AND granted = 1",
        )
        .fetch_one(&app.db().pool)
        .await
        .expect("seeker");
        let recommended = recommend(app.db(), Lang::Id, seeker, now)
            .await
            .expect("recommend")
            .expect("matching allowed");
        assert!(!recommended.is_empty());
    }
);

on_both_backends!(
    cached_search_and_home_follow_every_vacancy_change,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.7.1").await;
        let (id, status) = post_vacancy(&mut company, "Juru Las Pipa", &[]).await;
        assert_eq!(status, "published");
        let mut visitor = Client::new(&app, "10.9.7.2");
        let home = |found: serde_json::Value| found["open_vacancies"].as_i64().expect("count");
        let open_before = home(json(&visitor.post(LoadHomeSummary::PATH, &[]).await.body));
        // The same search twice: the second comes from the cache.
        for _ in 0..2 {
            assert_eq!(
                titles(&search(&mut visitor, &[("query[text]", "las")]).await),
                ["Juru Las Pipa"]
            );
        }
        // Another instance (or an officer's tool) changes the row directly: the version trigger sees it.
        sqlx::query("UPDATE vacancies SET title = 'Juru Las Pipa Baja' WHERE id = $1")
            .bind(id)
            .execute(&app.db().pool)
            .await
            .expect("retitle");
        assert_eq!(
            titles(&search(&mut visitor, &[("query[text]", "las")]).await),
            ["Juru Las Pipa Baja"]
        );
        let response = company
            .post(CloseVacancy::PATH, &[("vacancy_id", &id.to_string())])
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        assert!(titles(&search(&mut visitor, &[("query[text]", "las")]).await).is_empty());
        let open_after = home(json(&visitor.post(LoadHomeSummary::PATH, &[]).await.body));
        assert_eq!(open_after, open_before - 1);
    }
);

/// `count` open vacancies of `company` titled `title` in `district`, published a second apart after `since_ms`.
async fn insert_open_vacancies(
    app: &TestApp,
    company: i64,
    count: i64,
    title: &str,
    district: &str,
    since_ms: i64,
) {
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
         INSERT INTO vacancies (company_id, title, description, kbli_section, education_code, district_code, \
         wage_min_idr, wage_max_idr, headcount, work_type, deadline, status, created_at_ms, occupation_code, skills, \
         shift, contract_type, published_at_ms, experience_years) \
         SELECT $2, $3, 'Mengoperasikan mesin bubut di lini produksi.', 'C', 'SMA', $4, 5000000, \
         5000000 + i * 1000, 1, 'full_time', $5, 'published', $6 + i * 1000, '83', 'bubut', 'day', 'permanent', \
         $6 + i * 1000, 0 FROM n",
    )
    .bind(count)
    .bind(company)
    .bind(title)
    .bind(district)
    .bind(deadline_in(30))
    .bind(since_ms)
    .execute(&app.db().pool)
    .await
    .expect("vacancies");
}

on_both_backends!(
    a_broad_word_is_searched_among_its_newest_thousand_matches,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let start = app.state.clock.now_ms() - 86_400_000;
        // The oldest match names the word three times (the best match), but 1,004 newer ones follow it.
        insert_open_vacancies(
            &app,
            f.company_a,
            1,
            "Operator Bubut Bubut Bubut",
            "36.03.18",
            start,
        )
        .await;
        insert_open_vacancies(
            &app,
            f.company_a,
            1_004,
            "Operator Bubut",
            "36.03.01",
            start + 10_000,
        )
        .await;
        let mut public = Client::new(&app, "10.9.1.4");

        let found = search(&mut public, &[("query[text]", "bubut")]).await;
        assert_eq!(found["results"]["total"], 1000);
        assert_eq!(found["results"]["more"], true);
        assert_eq!(found["results"]["pages"], 50);
        assert_eq!(titles(&found).len(), 20);
        assert!(!titles(&found).contains(&"Operator Bubut Bubut Bubut".to_owned()));

        // Each order sorts the thousand newest matches: by wage, the best-paid first (the newest here).
        let by_wage = search(
            &mut public,
            &[("query[text]", "bubut"), ("query[sort]", "Wage")],
        )
        .await;
        let wages: Vec<i64> = by_wage["results"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["wage_max"].as_i64().expect("wage"))
            .collect();
        assert_eq!(wages[0], 5_000_000 + 1_004 * 1_000);
        assert!(wages.windows(2).all(|w| w[0] > w[1]), "{wages:?}");
        // The last page holds the 981st to 1,000th newest; past it there is nothing.
        let last = search(
            &mut public,
            &[
                ("query[text]", "bubut"),
                ("query[sort]", "Newest"),
                ("query[page]", "50"),
            ],
        )
        .await;
        assert_eq!(titles(&last).len(), 20);
        let beyond = search(
            &mut public,
            &[("query[text]", "bubut"), ("query[page]", "51")],
        )
        .await;
        assert!(titles(&beyond).is_empty());
        // Without words a broad filter is listed exactly: an old vacancy paying the most in the district
        // comes first by wage, though a thousand newer ones follow it.
        sqlx::query(
            "UPDATE vacancies SET wage_max_idr = 99000000 WHERE id = \
             (SELECT MIN(id) FROM vacancies WHERE district_code = '36.03.01' AND title = 'Operator Bubut')",
        )
        .execute(&app.db().pool)
        .await
        .expect("best paid");
        let listed = search(
            &mut public,
            &[
                ("query[district_code]", "36.03.01"),
                ("query[sort]", "Wage"),
            ],
        )
        .await;
        assert_eq!(listed["results"]["items"][0]["wage_max"], 99_000_000);
        // A filter reaches the older match, and it ranks first among what the filter keeps.
        let narrowed = search(
            &mut public,
            &[
                ("query[text]", "bubut"),
                ("query[district_code]", "36.03.18"),
            ],
        )
        .await;
        assert_eq!(titles(&narrowed), vec!["Operator Bubut Bubut Bubut"]);
        assert_eq!(narrowed["results"]["more"], false);
    }
);

on_both_backends!(
    a_year_whose_umk_is_not_entered_yet_keeps_last_years,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        // As on 1 January before the office enters the new decree: this year's UMK is not there.
        let year = dnaker::core::calendar::wib_date(dnaker::server::db::now_ms()).year();
        sqlx::query("DELETE FROM minimum_wages WHERE year >= $1")
            .bind(i64::from(year - 1))
            .execute(&app.db().pool)
            .await
            .expect("no UMK this year");
        // Last year's, entered by the test (the reference data stops at some year).
        let last_year = 5_100_000_i64;
        sqlx::query(
            "INSERT INTO minimum_wages (region_code, year, sector_code, amount_idr, legal_basis) \
             VALUES ('36.03', $1, NULL, $2, 'Kepgub Banten (uji)')",
        )
        .bind(i64::from(year - 1))
        .bind(last_year)
        .execute(&app.db().pool)
        .await
        .expect("last year's UMK");
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.9.7.1").await;
        let response = company.post(LoadVacancyForm::PATH, &[]).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let form = json(&response.body);
        assert_eq!(form["minimum_wage_year"], i64::from(year - 1));
        assert_eq!(form["minimum_wage"], last_year);
        // The form still takes a vacancy, checked against last year's UMK.
        let (_, status) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
        assert_eq!(status, "published");
        let below = (last_year - 1).to_string();
        let refused = company
            .post(
                SubmitVacancy::PATH,
                &vacancy_form(
                    "Operator Forklift",
                    &[
                        ("form[wage_min]", below.as_str()),
                        ("form[deadline]", deadline_in(30).as_str()),
                    ],
                ),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
    }
);
