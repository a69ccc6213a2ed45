//! The rest of the seeker profile (address pickers, preferences, work history, certificates), the service
//! counter acting on a person's behalf, and the office statistics, through the real HTTP stack.
use axum::http::StatusCode;
use dnaker::features::{
    accounts::api::{ResetPassword, SignIn},
    ak1::api::{
        AddCertificateEntry, AddWorkEntry, ApplyAk1, CheckCounterConsent, CounterOpen,
        CounterRegister, LoadAk1Queue, LoadAk1Statistics, LoadApplicantProfile, LoadMyProfile,
        LoadProfileEntries, RemoveProfileEntry, SaveProfile,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{PROFILE, issue_card_for_seeker_a, json},
    common::{
        Client, TestApp,
        matrix::{self, Actor, Case, Fixture, SEEKERS, STAFF},
    },
};

const SEEKER_A_NIK: &str = "3603015508950001";

fn with_behalf<'a>(pairs: &[(&'a str, &'a str)], on_behalf_of: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut pairs = pairs.to_vec();
    pairs.push(("on_behalf_of", on_behalf_of));
    pairs
}

on_both_backends!(
    preferences_and_village_round_trip_and_a_wrong_village_changes_nothing,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.8.0.1").await;
        let mut form = PROFILE.to_vec();
        form.extend([
            (
                "form[preferred_occupations]",
                "operator produksi, Operator Produksi, admin gudang",
            ),
            ("form[preferred_sector]", "C"),
            ("form[preferred_district_code]", "36.03.18"),
            ("form[minimum_wage]", "Rp 4.900.000"),
            ("form[work_time]", "full_time"),
            ("form[shift]", "rotating"),
        ]);
        let saved = seeker.post(SaveProfile::PATH, &form).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let profile = json(&seeker.post(LoadMyProfile::PATH, &[]).await.body);
        let stored = &profile["form"];
        assert_eq!(stored["village_code"], "36.03.01.1001");
        assert_eq!(
            stored["preferred_occupations"],
            "operator produksi, admin gudang"
        );
        assert_eq!(stored["minimum_wage"], "Rp 4.900.000");
        assert_eq!(
            (
                stored["preferred_sector"].as_str(),
                stored["shift"].as_str()
            ),
            (Some("C"), Some("rotating"))
        );
        assert_eq!(profile["completeness"]["percent"], 100);
        // The page's CSP forbids inline styles, so the meter must not rely on one.
        let page = seeker.get("/akun/profil").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<progress"), "the meter is a <progress>");
        assert!(
            !page.body.contains(" style=\""),
            "no inline style attributes"
        );

        // A village of Kecamatan Jayanti (36.03.02) under Balaraja (36.03.01).
        let mut wrong = form.clone();
        wrong.retain(|(k, _)| *k != "form[village_code]" && *k != "form[minimum_wage]");
        wrong.push(("form[village_code]", "36.03.02.2001"));
        wrong.push(("form[minimum_wage]", "5.000.000"));
        let refused = seeker.post(SaveProfile::PATH, &wrong).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("err_village"), "{}", refused.body);
        let profile = json(&seeker.post(LoadMyProfile::PATH, &[]).await.body);
        assert_eq!(
            profile["form"]["minimum_wage"], "Rp 4.900.000",
            "nothing half-saved"
        );
        let bad_wage = seeker
            .post(SaveProfile::PATH, &[("form[minimum_wage]", "empat juta")])
            .await;
        assert!(bad_wage.body.contains("err_amount"), "{}", bad_wage.body);
    }
);

on_both_backends!(
    work_history_and_certificates_are_added_listed_and_removed_by_their_owner_only,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut a = matrix::signed_in(&app, Actor::SeekerA, "10.8.1.1").await;
        let job = [
            ("entry[employer]", "PT Maju Jaya Plastik"),
            ("entry[position]", "Operator produksi"),
            ("entry[start_month]", "2019-03"),
            ("entry[end_month]", "2023-12"),
        ];
        assert_eq!(
            a.post(AddWorkEntry::PATH, &job).await.status,
            StatusCode::OK
        );
        let reversed = a
            .post(
                AddWorkEntry::PATH,
                &[
                    ("entry[employer]", "PT Lain"),
                    ("entry[position]", "Staf"),
                    ("entry[start_month]", "2020-05"),
                    ("entry[end_month]", "2019-01"),
                ],
            )
            .await;
        assert_eq!(reversed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(reversed.body.contains("err_end_before_start"));
        let certificate = [
            ("entry[kind]", "certificate"),
            ("entry[name]", "Operator Forklift"),
            ("entry[issuer]", "BNSP"),
            ("entry[year]", "2022"),
        ];
        assert_eq!(
            a.post(AddCertificateEntry::PATH, &certificate).await.status,
            StatusCode::OK
        );
        let entries = json(&a.post(LoadProfileEntries::PATH, &[]).await.body);
        assert_eq!(entries["work"].as_array().map(Vec::len), Some(1));
        assert_eq!(entries["work"][0]["end_month"], "2023-12");
        assert_eq!(entries["certificates"][0]["issuer"], "BNSP");
        let work_id = entries["work"][0]["id"].as_i64().expect("id").to_string();

        let mut b = matrix::signed_in(&app, Actor::SeekerB, "10.8.1.2").await;
        let b_entries = json(&b.post(LoadProfileEntries::PATH, &[]).await.body);
        assert_eq!(b_entries["work"].as_array().map(Vec::len), Some(0));
        let theft = b
            .post(
                RemoveProfileEntry::PATH,
                &[("list", "work"), ("entry_id", work_id.as_str())],
            )
            .await;
        assert_eq!(
            theft.status,
            StatusCode::NOT_FOUND,
            "another's entry is not found"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM seeker_work_history").await,
            1
        );
        assert_eq!(
            a.post(
                RemoveProfileEntry::PATH,
                &[("list", "work"), ("entry_id", work_id.as_str())]
            )
            .await
            .status,
            StatusCode::OK
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM seeker_work_history").await,
            0
        );
        assert!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('profile.work_add', 'profile.entry_remove')")
                .await
                >= 2
        );

        for n in 1..20 {
            let name = format!("Pelatihan {n}");
            let added = a
                .post(
                    AddCertificateEntry::PATH,
                    &[
                        ("entry[kind]", "training"),
                        ("entry[name]", name.as_str()),
                        ("entry[issuer]", "BLK Tangerang"),
                        ("entry[year]", "2021"),
                    ],
                )
                .await;
            assert_eq!(added.status, StatusCode::OK);
        }
        let full = a.post(AddCertificateEntry::PATH, &certificate).await;
        assert_eq!(full.status, StatusCode::CONFLICT);
        assert!(full.body.contains("err_too_many_entries"));
    }
);

on_both_backends!(
    the_counter_acts_for_a_person_only_with_their_consent_and_only_today,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.8.2.1").await;
        let person = [
            ("form[nik]", "3603024107900003"),
            ("form[full_name]", "Siti Rahmawati"),
            ("form[place_of_birth]", "Tangerang"),
            ("form[date_of_birth]", "1990-07-01"),
            ("form[sex]", "female"),
            ("form[email]", "siti.rahma@contoh.id"),
            ("form[phone]", "0812 3456 7890"),
            ("form[consent_matching]", "on"),
        ];
        let accounts_before = app.count("SELECT COUNT(*) FROM accounts").await;
        let no_consent = officer.post(CounterRegister::PATH, &person).await;
        assert_eq!(no_consent.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            no_consent.body.contains("err_counter_consent"),
            "{}",
            no_consent.body
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM accounts").await,
            accounts_before
        );

        let mut consented = person.to_vec();
        consented.push(("consent", "on"));
        let registered = officer.post(CounterRegister::PATH, &consented).await;
        assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
        let seeker_id = json(&registered.body).as_i64().expect("id").to_string();
        let again = officer.post(CounterRegister::PATH, &consented).await;
        assert!(
            again.body.contains("err_nik_taken_counter"),
            "{}",
            again.body
        );

        let saved = officer
            .post(SaveProfile::PATH, &with_behalf(&PROFILE, &seeker_id))
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let applied = officer
            .post(ApplyAk1::PATH, &[("on_behalf_of", seeker_id.as_str())])
            .await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        let queue = json(&officer.post(LoadAk1Queue::PATH, &[]).await.body);
        assert_eq!(queue["items"][0]["full_name"], "Siti Rahmawati");

        // Another officer holds no consent; neither does a seeker or a company.
        for actor in [Actor::Admin, Actor::SeekerA, Actor::CompanyAdminA] {
            let mut other = matrix::signed_in(&app, actor, "10.8.2.2").await;
            let peek = other
                .post(LoadMyProfile::PATH, &[("on_behalf_of", seeker_id.as_str())])
                .await;
            assert_eq!(peek.status, StatusCode::FORBIDDEN, "{actor:?}");
        }
        assert!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'counter.consent'")
                .await
                >= 1
        );

        // The person sets their own password from the e-mailed link and finds the profile filled in.
        let token = app
            .last_mail_token("siti.rahma@contoh.id")
            .await
            .expect("set-password mail");
        let mut siti = Client::new(&app, "10.8.2.3");
        let set = siti
            .post(
                ResetPassword::PATH,
                &[
                    ("token", token.as_str()),
                    ("password", "teh-manis-hangat-pagi"),
                ],
            )
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.body);
        let signed_in = siti
            .post(
                SignIn::PATH,
                &[
                    ("email", "siti.rahma@contoh.id"),
                    ("password", "teh-manis-hangat-pagi"),
                ],
            )
            .await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
        let own = json(&siti.post(LoadMyProfile::PATH, &[]).await.body);
        assert_eq!(own["ak1"]["status"], "waiting");
        assert_eq!(own["form"]["school"], "SMK Negeri 1 Balaraja");

        // An existing seeker is opened by NIK, again only with consent.
        let unknown = officer
            .post(
                CounterOpen::PATH,
                &[("nik", "3603015508950009"), ("consent", "on")],
            )
            .await;
        assert!(unknown.body.contains("err_nik_unknown"), "{}", unknown.body);
        let without = officer
            .post(CounterOpen::PATH, &[("nik", SEEKER_A_NIK)])
            .await;
        assert!(without.body.contains("err_counter_consent"));
        let opened = officer
            .post(
                CounterOpen::PATH,
                &[("nik", SEEKER_A_NIK), ("consent", "on")],
            )
            .await;
        assert_eq!(json(&opened.body).as_i64(), Some(f.seeker_a));
        let seeker_a = f.seeker_a.to_string();
        let check = officer
            .post(
                CheckCounterConsent::PATH,
                &[("seeker_id", seeker_a.as_str())],
            )
            .await;
        assert_eq!(check.status, StatusCode::OK, "{}", check.body);

        // The consent ends with the WIB day (the officer signs in afresh the next morning).
        app.state.clock.advance_ms(24 * 3_600_000);
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.8.2.4").await;
        let tomorrow = officer
            .post(LoadMyProfile::PATH, &[("on_behalf_of", seeker_id.as_str())])
            .await;
        assert_eq!(tomorrow.status, StatusCode::FORBIDDEN);
        let check = officer
            .post(
                CheckCounterConsent::PATH,
                &[("seeker_id", seeker_a.as_str())],
            )
            .await;
        assert_eq!(check.status, StatusCode::FORBIDDEN, "{}", check.body);
        // The counter page says so once, not once per section of the editor.
        let page = officer.get(&format!("/petugas/loket/{seeker_a}")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert_eq!(
            page.body
                .matches(dnaker::core::i18n::ID.forbidden_counter_consent)
                .count(),
            1,
            "{}",
            page.body
        );
        assert!(
            !page.body.contains("entry[employer]"),
            "no editor without consent"
        );
    }
);

on_both_backends!(
    statistics_count_issued_cards_and_the_counter_prints_them,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        issue_card_for_seeker_a(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.8.3.1").await;
        let stats = json(&officer.post(LoadAk1Statistics::PATH, &[]).await.body);
        assert_eq!(stats["issued"], 1);
        assert_eq!(stats["within_deadline_per_mille"], 1000);
        assert_eq!(stats["per_day"].as_array().map(Vec::len), Some(30));
        assert_eq!(stats["per_day"][29][1], 1, "issued today: {stats}");
        assert_eq!(stats["per_month"][11][1], 1);
        assert!(stats["median_minutes_to_issue"].as_i64().is_some());

        // The officer reads an applicant's full profile while the application waits for a decision...
        let set_status = |status: &'static str| {
            sqlx::query("UPDATE ak1_applications SET status = $1 WHERE account_id = $2")
                .bind(status)
                .bind(f.seeker_a)
                .execute(&app.db().pool)
        };
        set_status("waiting").await.expect("waiting again");
        let review = officer
            .post(
                LoadApplicantProfile::PATH,
                &[("account_id", f.seeker_a.to_string().as_str())],
            )
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        set_status("issued").await.expect("issued");
        // ... and not once it is decided: a past applicant is no longer in the officer's queue.
        let decided = officer
            .post(
                LoadApplicantProfile::PATH,
                &[("account_id", f.seeker_a.to_string().as_str())],
            )
            .await;
        assert_eq!(decided.status, StatusCode::NOT_FOUND, "{}", decided.body);
        assert_eq!(
            json(&review.body)["form"]["school"],
            "SMK Negeri 1 Balaraja"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'profile.read' AND detail = 'ak1_review'")
                .await,
            1,
            "the officer's read is audit-logged"
        );
        let not_applicant = officer
            .post(
                LoadApplicantProfile::PATH,
                &[("account_id", f.seeker_b.to_string().as_str())],
            )
            .await;
        assert_eq!(not_applicant.status, StatusCode::NOT_FOUND);

        let card = format!("/petugas/loket/{}/kartu-ak1.pdf", f.seeker_a);
        assert_eq!(
            officer.get(&card).await.status,
            StatusCode::FORBIDDEN,
            "no consent yet"
        );
        officer
            .post(
                CounterOpen::PATH,
                &[("nik", SEEKER_A_NIK), ("consent", "on")],
            )
            .await;
        let pdf = officer.get(&card).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.starts_with("%PDF"));
    }
);

/// Profile details, the counter and the statistics (run by `matrix_complete`).
pub(crate) async fn profile_cases(_app: &TestApp, f: &Fixture) -> Vec<Case> {
    let seeker_a = f.seeker_a.to_string();
    vec![
        Case::post("profile entries", LoadProfileEntries::PATH, &[], &SEEKERS),
        Case::post(
            "add work (invalid)",
            AddWorkEntry::PATH,
            &[("entry[employer]", "x".to_owned())],
            &SEEKERS,
        ),
        Case::post(
            "remove an entry that is nobody's",
            RemoveProfileEntry::PATH,
            &[
                ("list", "work".to_owned()),
                ("entry_id", "999999".to_owned()),
            ],
            &[],
        ),
        Case::post(
            "save a profile on another's behalf without consent",
            SaveProfile::PATH,
            &[("on_behalf_of", seeker_a.clone())],
            &[],
        ),
        Case::post(
            "counter: open (bad NIK)",
            CounterOpen::PATH,
            &[("nik", "123".to_owned())],
            &STAFF,
        ),
        Case::post(
            "counter: register (empty)",
            CounterRegister::PATH,
            &[],
            &STAFF,
        ),
        Case::post(
            "counter: consent check for a person who gave none",
            CheckCounterConsent::PATH,
            &[("seeker_id", seeker_a.clone())],
            &[],
        ),
        Case::post("AK-1 statistics", LoadAk1Statistics::PATH, &[], &STAFF),
        Case::post(
            "a non-applicant's full profile",
            LoadApplicantProfile::PATH,
            &[("account_id", seeker_a.clone())],
            &[],
        ),
        Case::get(
            "counter card print without consent",
            &format!("/petugas/loket/{seeker_a}/kartu-ak1.pdf"),
            &[],
        ),
    ]
}

/// Several instances share uploads through an S3-compatible bucket: the photo goes to the bucket (not the
/// data dir) and is served back from it; replacing it removes the old object.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_live_in_the_s3_bucket_when_configured() {
    let Some(app) = crate::common::sqlite_app_with_s3().await else {
        eprintln!("S3 test server not configured: skipped");
        return;
    };
    matrix::fixture(&app).await;
    let seeker = matrix::signed_in(&app, Actor::SeekerA, "10.8.4.1").await;
    let cookie = seeker.cookie.clone().expect("session cookie");
    let (status, location) = crate::ak1::upload(
        &app,
        Some(&cookie),
        "photo",
        "foto.png",
        "image/png",
        crate::ak1::PNG,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.ends_with("berkas=ok"), "{location}");
    let (key,): (String,) =
        sqlx::query_as("SELECT storage_key FROM seeker_files WHERE kind = 'photo'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("file row");
    assert!(matches!(
        app.state.storage,
        dnaker::server::storage::Storage::S3(_)
    ));
    assert_eq!(
        app.state.storage.get(&key).await.expect("in the bucket"),
        crate::ak1::PNG
    );
    let local = app.state.config.server.data_dir.join("files");
    assert!(!local.exists(), "nothing written to the data dir");
    let served = app.get_with_cookie("/akun/berkas/photo", &cookie).await;
    assert_eq!(served.status, StatusCode::OK);

    let (_, location) = crate::ak1::upload(
        &app,
        Some(&cookie),
        "photo",
        "foto2.png",
        "image/png",
        crate::ak1::PNG,
    )
    .await;
    assert!(location.ends_with("berkas=ok"), "{location}");
    assert!(
        app.state.storage.get(&key).await.is_err(),
        "the replaced photo is removed"
    );
}
