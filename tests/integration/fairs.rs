//! Job fairs through the real HTTP stack on both backends: event capacity and one registration per
//! person, 200 simultaneous slot bookings and registrations against their caps, tickets that check in
//! once, the whole journey counted in the fair report (and its CSV), cancelling, and who may do what.
use axum::http::StatusCode;
use dnaker::{
    core::{
        calendar::{format_date, wib_date},
        role::Role,
    },
    features::{
        accounts::repo::{self, NewAccount},
        fairs::api::{
            AddBoothSlots, ApplyAtBooth, BookSlot, CancelFairRegistration, CheckInTicket,
            DecideBooth, LoadBooth, LoadBoothScreen, LoadCompanyFairs, LoadFairReport,
            LoadMyTickets, MarkSlotBooking, RegisterForFair, RequestBooth, SaveFair,
            SetBoothVacancy, SetFairStatus, UpdateBooth, UploadBoothBanner,
        },
        vacancies::api::MoveApplication,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{PNG, issue_card_for_seeker_a, qr_codes_in},
    common::{
        Client, TestApp,
        matrix::{self, Actor, Case, PASSWORD},
        ok_json, post,
    },
    vacancies::{post_vacancy, verify_company},
};

pub(crate) fn day(app: &TestApp, offset: i64) -> String {
    format_date(wib_date(app.state.clock.now_ms()) + time::Duration::days(offset))
}

/// A hybrid fair ten days ahead, registration open from today; `extra` overrides fields.
pub(crate) fn fair_form<'a>(
    app: &TestApp,
    capacity: &str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, String)> {
    let mut form: Vec<(&str, String)> = vec![
        ("fair_id", "0".into()),
        ("form[name]", "Bursa Kerja Tigaraksa".into()),
        (
            "form[description]",
            "Bursa kerja hibrida dengan perusahaan manufaktur dan logistik.".into(),
        ),
        ("form[kind]", "hybrid".into()),
        ("form[venue]", "Gedung Serbaguna Tigaraksa".into()),
        ("form[starts_on]", day(app, 10)),
        ("form[ends_on]", day(app, 11)),
        ("form[opens_at]", "08:00".into()),
        ("form[closes_at]", "16:00".into()),
        ("form[registration_opens_on]", day(app, 0)),
        ("form[registration_closes_on]", day(app, 9)),
        ("form[capacity]", capacity.into()),
    ];
    for (key, value) in extra {
        match form.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = (*value).to_owned(),
            None => form.push((key, (*value).to_owned())),
        }
    }
    form
}

pub(crate) async fn published_fair(app: &TestApp, officer: &mut Client<'_>, capacity: &str) -> i64 {
    let id = ok_json(officer, SaveFair::PATH, &fair_form(app, capacity, &[]))
        .await
        .as_i64()
        .expect("fair id");
    ok_json(
        officer,
        SetFairStatus::PATH,
        &[("fair_id", id.to_string()), ("action", "publish".into())],
    )
    .await;
    id
}

pub(crate) async fn approved_booth(
    company: &mut Client<'_>,
    officer: &mut Client<'_>,
    fair_id: i64,
) -> i64 {
    let booth = ok_json(
        company,
        RequestBooth::PATH,
        &[
            ("fair_id", fair_id.to_string()),
            (
                "form[description]",
                "Lowongan operator produksi dan gudang.".into(),
            ),
            ("form[contact_hours]", "09.00–15.00 WIB".into()),
        ],
    )
    .await
    .as_i64()
    .expect("booth id");
    ok_json(
        officer,
        DecideBooth::PATH,
        &[
            ("booth_id", booth.to_string()),
            ("decision", "approve".into()),
        ],
    )
    .await;
    booth
}

/// Slots of `minutes` from 09:00 to `until` on the fair's first day; returns the booth's slot ids.
pub(crate) async fn open_slots(
    app: &TestApp,
    company: &mut Client<'_>,
    booth: i64,
    until: &str,
    capacity: &str,
) -> Vec<i64> {
    ok_json(
        company,
        AddBoothSlots::PATH,
        &[
            ("booth_id", booth.to_string()),
            ("plan[day]", day(app, 10)),
            ("plan[from]", "09:00".into()),
            ("plan[until]", until.into()),
            ("plan[minutes]", "15".into()),
            ("plan[capacity]", capacity.into()),
        ],
    )
    .await;
    let ids: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM booth_slots WHERE booth_id = $1 ORDER BY starts_at")
            .bind(booth)
            .fetch_all(&app.db().pool)
            .await
            .expect("slots");
    ids.into_iter().map(|(id,)| id).collect()
}

/// `n` seekers with accounts, each signed in from its own address; returns their session cookies.
async fn many_seekers(app: &TestApp, n: usize) -> Vec<String> {
    let hash = repo::hash_password(PASSWORD.to_owned())
        .await
        .expect("hash");
    let mut cookies = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("visitor{i}@fair.test");
        repo::insert(
            &app.db().pool,
            &NewAccount {
                email: &email,
                full_name: "Pengunjung Uji",
                role: Role::Seeker,
                company_id: None,
                company_role: None,
                phone: None,
                password_hash: &hash,
                now_ms: 1,
            },
        )
        .await
        .expect("account");
        let mut client = Client::new(app, &format!("10.90.{}.{}", i / 250, i % 250 + 1));
        let signed_in = client
            .post(
                dnaker::features::accounts::api::SignIn::PATH,
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
        cookies.push(client.cookie.expect("session cookie"));
    }
    cookies
}

fn successes(responses: &[crate::common::Response]) -> usize {
    responses
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count()
}

on_both_backends!(
    event_capacity_and_one_registration_per_person,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.70.0.1").await;
        // A refused form writes nothing.
        let bad = post(
            &mut officer,
            SaveFair::PATH,
            &fair_form(
                &app,
                "2",
                &[("form[closes_at]", "07:00"), ("form[capacity]", "0")],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("err_closes_before_opens") && bad.body.contains("err_fair_capacity"),
            "{}",
            bad.body
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM job_fairs").await, 0);

        let fair = published_fair(&app, &mut officer, "2").await;
        let fair_id = [("fair_id", fair.to_string())];
        let mut seeker_a = matrix::signed_in(&app, Actor::SeekerA, "10.70.0.2").await;
        let code = ok_json(&mut seeker_a, RegisterForFair::PATH, &fair_id).await;
        assert_eq!(code.as_str().map(str::len), Some(10));
        let again = post(&mut seeker_a, RegisterForFair::PATH, &fair_id).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.body.contains("err_fair_already_registered"));
        let mut seeker_b = matrix::signed_in(&app, Actor::SeekerB, "10.70.0.3").await;
        ok_json(&mut seeker_b, RegisterForFair::PATH, &fair_id).await;
        let cookies = many_seekers(&app, 1).await;
        let mut third = Client::new(&app, "10.70.0.4");
        third.cookie = Some(cookies[0].clone());
        let full = post(&mut third, RegisterForFair::PATH, &fair_id).await;
        assert_eq!(full.status, StatusCode::CONFLICT);
        assert!(full.body.contains("err_fair_full"), "{}", full.body);
        // A company cannot register as a visitor.
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.70.0.5").await;
        assert_eq!(
            post(&mut company, RegisterForFair::PATH, &fair_id)
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Giving a place back lets the next person in.
        ok_json(&mut seeker_a, CancelFairRegistration::PATH, &fair_id).await;
        ok_json(&mut third, RegisterForFair::PATH, &fair_id).await;
        let (registered,): (i64,) =
            sqlx::query_as("SELECT registered FROM job_fairs WHERE id = $1")
                .bind(fair)
                .fetch_one(&app.db().pool)
                .await
                .expect("fair");
        assert_eq!(registered, 2);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM fair_registrations").await,
            2
        );

        // Capacity cannot be edited below the registered count.
        let shrink = post(
            &mut officer,
            SaveFair::PATH,
            &fair_form(&app, "1", &[("fair_id", &fair.to_string())]),
        )
        .await;
        assert_eq!(shrink.status, StatusCode::CONFLICT, "{}", shrink.body);

        // Once the fair is closed, a place can no longer be given back.
        ok_json(
            &mut officer,
            SetFairStatus::PATH,
            &[("fair_id", fair.to_string()), ("action", "close".into())],
        )
        .await;
        let late = post(&mut seeker_b, CancelFairRegistration::PATH, &fair_id).await;
        assert_eq!(late.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM fair_registrations").await,
            2
        );
    }
);

on_both_backends!(
    two_hundred_simultaneous_requests_never_exceed_a_cap,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.71.0.1").await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.71.0.2").await;
        let cookies = many_seekers(&app, 200).await;

        // 200 people register at once for a fair of 50.
        let small = published_fair(&app, &mut officer, "50").await;
        let requests: Vec<(String, Vec<(String, String)>)> = cookies
            .iter()
            .map(|c| (c.clone(), vec![("fair_id".to_owned(), small.to_string())]))
            .collect();
        let answers = app.post_all_at_once(RegisterForFair::PATH, requests).await;
        assert_eq!(successes(&answers), 50);
        assert!(
            answers
                .iter()
                .filter(|r| r.status != StatusCode::OK)
                .all(|r| r.status == StatusCode::CONFLICT && r.body.contains("err_fair_full")),
            "every other answer says the fair is full"
        );
        let (registered,): (i64,) =
            sqlx::query_as("SELECT registered FROM job_fairs WHERE id = $1")
                .bind(small)
                .fetch_one(&app.db().pool)
                .await
                .expect("fair");
        assert_eq!(registered, 50);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM fair_registrations WHERE fair_id = {small}"
            ))
            .await,
            50
        );

        // 200 registered visitors book one slot of 7 at once.
        let fair = published_fair(&app, &mut officer, "1000").await;
        let booth = approved_booth(&mut company, &mut officer, fair).await;
        let slot = open_slots(&app, &mut company, booth, "09:15", "7").await[0];
        let register: Vec<(String, Vec<(String, String)>)> = cookies
            .iter()
            .map(|c| (c.clone(), vec![("fair_id".to_owned(), fair.to_string())]))
            .collect();
        assert_eq!(
            successes(&app.post_all_at_once(RegisterForFair::PATH, register).await),
            200
        );
        let bookings: Vec<(String, Vec<(String, String)>)> = cookies
            .iter()
            .map(|c| (c.clone(), vec![("slot_id".to_owned(), slot.to_string())]))
            .collect();
        let answers = app.post_all_at_once(BookSlot::PATH, bookings).await;
        assert_eq!(successes(&answers), 7);
        assert!(
            answers
                .iter()
                .filter(|r| r.status != StatusCode::OK)
                .all(|r| r.status == StatusCode::CONFLICT && r.body.contains("err_slot_full")),
            "every other answer says the slot is full"
        );
        let (booked,): (i64,) = sqlx::query_as("SELECT booked FROM booth_slots WHERE id = $1")
            .bind(slot)
            .fetch_one(&app.db().pool)
            .await
            .expect("slot");
        assert_eq!(booked, 7);
        assert_eq!(app.count("SELECT COUNT(*) FROM slot_bookings").await, 7);
    }
);

on_both_backends!(
    the_fair_journey_is_counted_in_the_report,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        verify_company(&app, f.company_a).await;
        issue_card_for_seeker_a(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.72.0.1").await;
        let mut company = matrix::signed_in(&app, Actor::CompanyAdminA, "10.72.0.2").await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.72.0.3").await;
        let fair = published_fair(&app, &mut officer, "500").await;

        // An unverified company may not ask for a booth.
        let mut company_b = matrix::signed_in(&app, Actor::CompanyAdminB, "10.72.0.4").await;
        let refused = post(
            &mut company_b,
            RequestBooth::PATH,
            &[
                ("fair_id", fair.to_string()),
                (
                    "form[description]",
                    "Stan perusahaan B untuk lowongan.".into(),
                ),
                ("form[contact_hours]", "09.00–12.00".into()),
            ],
        )
        .await;
        assert!(
            refused.body.contains("err_company_unverified"),
            "{}",
            refused.body
        );

        let booth = approved_booth(&mut company, &mut officer, fair).await;
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'notice_booth_approved'"
            )
            .await,
            1
        );
        let (vacancy, _) = post_vacancy(&mut company, "Operator Produksi", &[]).await;
        ok_json(
            &mut company,
            SetBoothVacancy::PATH,
            &[
                ("booth_id", booth.to_string()),
                ("vacancy_id", vacancy.to_string()),
                ("show", "1".into()),
            ],
        )
        .await;
        // The banner: a disguised file is refused, a PNG is kept and served.
        let fake = company
            .post_multipart(
                UploadBoothBanner::PATH,
                &[("booth_id", &booth.to_string())],
                &[("banner", "spanduk.png", b"%PDF-1.7 not an image")],
            )
            .await;
        assert!(fake.body.contains("err_image_type"), "{}", fake.body);
        let banner = company
            .post_multipart(
                UploadBoothBanner::PATH,
                &[("booth_id", &booth.to_string())],
                &[("banner", "spanduk.png", PNG)],
            )
            .await;
        assert_eq!(banner.status, StatusCode::OK, "{}", banner.body);
        let image = app.get(&format!("/bursa-kerja/stan/{booth}/spanduk")).await;
        assert_eq!(image.status, StatusCode::OK);
        assert_eq!(image.headers["content-type"], "image/png");

        // Slots: a plan outside the opening hours is refused; a valid one opens four.
        let outside = post(
            &mut company,
            AddBoothSlots::PATH,
            &[
                ("booth_id", booth.to_string()),
                ("plan[day]", day(&app, 10)),
                ("plan[from]", "06:00".into()),
                ("plan[until]", "07:00".into()),
                ("plan[minutes]", "15".into()),
                ("plan[capacity]", "2".into()),
            ],
        )
        .await;
        assert!(
            outside.body.contains("err_slot_outside_hours"),
            "{}",
            outside.body
        );
        let slots = open_slots(&app, &mut company, booth, "10:00", "2").await;
        assert_eq!(slots.len(), 4);

        // Booking needs a ticket.
        let early = post(
            &mut seeker,
            BookSlot::PATH,
            &[("slot_id", slots[0].to_string())],
        )
        .await;
        assert!(
            early.body.contains("err_slot_needs_ticket"),
            "{}",
            early.body
        );
        let code = ok_json(
            &mut seeker,
            RegisterForFair::PATH,
            &[("fair_id", fair.to_string())],
        )
        .await
        .as_str()
        .expect("code")
        .to_owned();
        ok_json(
            &mut seeker,
            BookSlot::PATH,
            &[("slot_id", slots[1].to_string())],
        )
        .await;
        let second = post(
            &mut seeker,
            BookSlot::PATH,
            &[("slot_id", slots[2].to_string())],
        )
        .await;
        assert!(
            second.body.contains("err_slot_already_booked"),
            "{}",
            second.body
        );
        let page = ok_json(
            &mut seeker,
            LoadBooth::PATH,
            &[("booth_id", booth.to_string())],
        )
        .await;
        assert_eq!(page["my_booking"]["status"], "booked");
        assert_eq!(page["slots"][1]["booked"], 1);
        ok_json(
            &mut seeker,
            ApplyAtBooth::PATH,
            &[
                ("booth_id", booth.to_string()),
                ("vacancy_id", vacancy.to_string()),
            ],
        )
        .await;

        // The screen shows the booth's slots and a QR code of its page.
        let screen = ok_json(
            &mut officer,
            LoadBoothScreen::PATH,
            &[("booth_id", booth.to_string())],
        )
        .await;
        assert!(
            screen["booth_url"]
                .as_str()
                .is_some_and(|u| u.ends_with(&format!("/bursa-kerja/stan/{booth}")))
        );
        assert_eq!(screen["vacancies"][0], "Operator Produksi");
        assert_eq!(screen["next_slots"].as_array().map(Vec::len), Some(4));
        assert!(screen["qr"]["size"].as_u64().is_some_and(|n| n > 21));

        // The ticket: listed with its QR code, and as a PDF whose QR opens the check-in page.
        let tickets = ok_json(&mut seeker, LoadMyTickets::PATH, &[]).await;
        assert_eq!(tickets[0]["code"], code.as_str());
        assert!(
            tickets[0]["qr"]["path"]
                .as_str()
                .is_some_and(|p| p.starts_with('M'))
        );
        let rid = tickets[0]["registration_id"]
            .as_i64()
            .expect("registration");
        let pdf = app
            .request_bytes(
                axum::http::Request::get(format!("/akun/bursa-kerja/{rid}/tiket.pdf"))
                    .header("cookie", seeker.cookie.clone().expect("cookie"))
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(pdf.0, StatusCode::OK);
        let scanned = qr_codes_in(&pdf.2);
        assert!(
            scanned
                .iter()
                .any(|url| url.ends_with(&format!("/petugas/bursa-kerja/pindai?kode={code}"))),
            "{scanned:?}"
        );

        // Check-in by the scanned link, once; the booth's staff then record a visit.
        let first = ok_json(
            &mut officer,
            CheckInTicket::PATH,
            &[("code", scanned[0].clone())],
        )
        .await;
        assert_eq!(first["first_check_in"], true);
        let again = ok_json(
            &mut officer,
            CheckInTicket::PATH,
            &[("code", code.to_lowercase())],
        )
        .await;
        assert_eq!(again["first_check_in"], false);
        assert_eq!(again["checked_in_at_ms"], first["checked_in_at_ms"]);
        let mut staff = matrix::signed_in(&app, Actor::CompanyStaffA, "10.72.0.5").await;
        let visit = ok_json(&mut staff, CheckInTicket::PATH, &[("code", code.clone())]).await;
        assert_eq!(visit["booth_visit"], true);
        let unknown = post(
            &mut officer,
            CheckInTicket::PATH,
            &[("code", "ZZZZZZZZZZ".into())],
        )
        .await;
        assert!(
            unknown.body.contains("err_ticket_unknown"),
            "{}",
            unknown.body
        );

        // The booth's queue, attendance and a hire.
        let view = ok_json(&mut company, LoadCompanyFairs::PATH, &[]).await;
        let queue = &view["booths"][0]["queue"];
        assert_eq!(queue[0]["checked_in"], true);
        let booking = queue[0]["booking_id"].as_i64().expect("booking");
        ok_json(
            &mut company,
            MarkSlotBooking::PATH,
            &[
                ("booking_id", booking.to_string()),
                ("outcome", "attended".into()),
            ],
        )
        .await;
        let (application,): (i64,) =
            sqlx::query_as("SELECT id FROM job_applications WHERE fair_id = $1")
                .bind(fair)
                .fetch_one(&app.db().pool)
                .await
                .expect("application from the booth");
        for step in ["screened", "interview", "hired"] {
            ok_json(
                &mut company,
                MoveApplication::PATH,
                &[
                    ("application_id", application.to_string()),
                    ("to", step.into()),
                ],
            )
            .await;
        }

        let report = ok_json(
            &mut officer,
            LoadFairReport::PATH,
            &[("fair_id", fair.to_string())],
        )
        .await;
        for (key, expected) in [
            ("registrations", 1),
            ("check_ins", 1),
            ("booth_visits", 1),
            ("slots_booked", 1),
            ("slots_attended", 1),
            ("applications", 1),
            ("hires", 1),
        ] {
            assert_eq!(report[key], expected, "{key}");
        }
        assert_eq!(report["by_booth"][0]["company_name"], "PT Uji A");
        assert_eq!(report["by_booth"][0]["hires"], 1);
        let by_hour: i64 = report["check_ins_by_hour"]
            .as_array()
            .expect("hours")
            .iter()
            .filter_map(serde_json::Value::as_i64)
            .sum();
        assert_eq!(by_hour, 1);
        let csv = officer
            .get(&format!("/petugas/bursa-kerja/{fair}/laporan.csv"))
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.body
                .lines()
                .any(|l| l.starts_with("total,Bursa Kerja Tigaraksa,1,1,1,1,1,1,1")),
            "{}",
            csv.body
        );

        // Cancelling tells the visitor and ends the bookings.
        let no_reason = post(
            &mut officer,
            SetFairStatus::PATH,
            &[("fair_id", fair.to_string()), ("action", "cancel".into())],
        )
        .await;
        assert!(no_reason.body.contains("err_reason_required"));
        ok_json(
            &mut officer,
            SetFairStatus::PATH,
            &[
                ("fair_id", fair.to_string()),
                ("action", "cancel".into()),
                ("reason", "Gedung tidak dapat dipakai.".into()),
            ],
        )
        .await;
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM notifications WHERE message_key = 'notice_fair_cancelled'"
            )
            .await,
            1
        );
        assert!(app.count("SELECT COUNT(*) FROM mail_outbox").await > 0);
        // The booking already marked attended stays counted; no live booking remains.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM booth_slots WHERE booked > 0")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM slot_bookings WHERE status = 'booked'")
                .await,
            0
        );
        let closed = post(
            &mut seeker,
            BookSlot::PATH,
            &[("slot_id", slots[3].to_string())],
        )
        .await;
        assert_eq!(closed.status, StatusCode::CONFLICT);
    }
);

/// Fairs: booths, slots, tickets, check-in, the report (run by `matrix_complete`).
pub(crate) async fn fair_cases(app: &TestApp, f: &matrix::Fixture) -> Vec<Case> {
    verify_company(app, f.company_a).await;
    verify_company(app, f.company_b).await;
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.73.0.1").await;
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.73.0.2").await;
    let fair = published_fair(app, &mut officer, "100").await;
    let booth = approved_booth(&mut company, &mut officer, fair).await;
    let slots = open_slots(app, &mut company, booth, "09:30", "5").await;
    let mut company_b = matrix::signed_in(app, Actor::CompanyAdminB, "10.73.0.3").await;
    let requested = ok_json(
        &mut company_b,
        RequestBooth::PATH,
        &[
            ("fair_id", fair.to_string()),
            (
                "form[description]",
                "Stan perusahaan B untuk lowongan.".into(),
            ),
            ("form[contact_hours]", "09.00–12.00".into()),
        ],
    )
    .await;
    let mut seeker = matrix::signed_in(app, Actor::SeekerA, "10.73.0.4").await;
    let code = ok_json(
        &mut seeker,
        RegisterForFair::PATH,
        &[("fair_id", fair.to_string())],
    )
    .await
    .as_str()
    .expect("code")
    .to_owned();
    let (rid,): (i64,) = sqlx::query_as("SELECT id FROM fair_registrations WHERE ticket_code = $1")
        .bind(&code)
        .fetch_one(&app.db().pool)
        .await
        .expect("registration");
    // A booth waiting for the officer is not public yet.
    let hidden = Client::new(app, "10.73.0.9")
        .post(LoadBooth::PATH, &[("booth_id", &requested.to_string())])
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let booth_id = booth.to_string();
    let company_a = [Actor::CompanyAdminA, Actor::CompanyStaffA];
    vec![
        Case::post(
            "update own booth",
            UpdateBooth::PATH,
            &[
                ("booth_id", booth_id.clone()),
                (
                    "form[description]",
                    "Lowongan operator produksi dan gudang.".into(),
                ),
                ("form[contact_hours]", "09.00–15.00".into()),
            ],
            &company_a,
        ),
        Case::post(
            "hide a vacancy at own booth",
            SetBoothVacancy::PATH,
            &[
                ("booth_id", booth_id.clone()),
                ("vacancy_id", "1".into()),
                ("show", "0".into()),
            ],
            &company_a,
        ),
        Case::post(
            "open slots at own booth",
            AddBoothSlots::PATH,
            &[
                ("booth_id", booth_id.clone()),
                ("plan[day]", day(app, 11)),
                ("plan[from]", "13:00".into()),
                ("plan[until]", "13:30".into()),
                ("plan[minutes]", "15".into()),
                ("plan[capacity]", "2".into()),
            ],
            &company_a,
        ),
        Case::post(
            "check a ticket in",
            CheckInTicket::PATH,
            &[("code", code.clone())],
            &[
                Actor::CompanyAdminA,
                Actor::CompanyStaffA,
                Actor::Officer,
                Actor::Admin,
            ],
        ),
        Case::get(
            "the ticket PDF",
            &format!("/akun/bursa-kerja/{rid}/tiket.pdf"),
            &[Actor::SeekerA],
        ),
        Case::post("own tickets", LoadMyTickets::PATH, &[], &matrix::SEEKERS),
        Case::post(
            "book a slot",
            BookSlot::PATH,
            &[("slot_id", slots[0].to_string())],
            &matrix::SEEKERS,
        ),
        Case::post(
            "decide a booth request",
            DecideBooth::PATH,
            &[
                ("booth_id", requested.to_string()),
                ("decision", "approve".into()),
            ],
            &matrix::STAFF,
        ),
        Case::post(
            "edit a fair",
            SaveFair::PATH,
            &fair_form(app, "100", &[("fair_id", &fair.to_string())]),
            &matrix::STAFF,
        ),
        Case::post(
            "the fair report",
            LoadFairReport::PATH,
            &[("fair_id", fair.to_string())],
            &matrix::STAFF,
        ),
        Case::get(
            "the report CSV",
            &format!("/petugas/bursa-kerja/{fair}/laporan.csv"),
            &matrix::STAFF,
        ),
        Case::post(
            "company fair view",
            LoadCompanyFairs::PATH,
            &[],
            &matrix::COMPANY_MEMBERS,
        ),
    ]
}

pub(crate) async fn fair_cases_after(app: &TestApp, _f: &matrix::Fixture) {
    // The seeker's ticket checked in once, however many people scanned it.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM fair_registrations WHERE checked_in_at_ms IS NOT NULL")
            .await,
        1
    );
    // Company B's staff (no approved booth at this fair when the row ran) recorded no visit.
    assert_eq!(app.count("SELECT COUNT(*) FROM booth_visits").await, 1);
}

on_both_backends!(
    signing_in_from_a_fair_page_returns_to_it_and_never_to_another_site,
    |app: TestApp| async move {
        matrix::fixture(&app).await;
        let sign_in = |next: &'static str| {
            let app = &app;
            async move {
                let mut client = Client::new(app, "10.74.0.1");
                client
                    .post(
                        dnaker::features::accounts::api::SignIn::PATH,
                        &[
                            ("email", matrix::email(Actor::SeekerA)),
                            ("password", PASSWORD),
                            ("next", next),
                        ],
                    )
                    .await
            }
        };
        let location = |response: &crate::common::Response| {
            response
                .headers
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let back = sign_in("/bursa-kerja/7").await;
        assert_eq!(back.status, StatusCode::OK, "{}", back.body);
        assert_eq!(location(&back), "/bursa-kerja/7");
        for elsewhere in ["https://evil.example/", "//evil.example/x", ""] {
            let home = sign_in(elsewhere).await;
            assert_eq!(location(&home), "/akun", "{elsewhere}");
        }
    }
);
