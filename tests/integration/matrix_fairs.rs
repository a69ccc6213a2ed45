//! Matrix cases for job fairs beyond `fairs::fair_cases`: the public pages, the officer's event tools,
//! booth requests, banners, slots and bookings, registrations and applying at a booth.
use dnaker::features::{
    ak1::api::SaveProfile,
    fairs::api::{
        ApplyAtBooth, BookSlot, CancelFairRegistration, CancelSlotBooking, DeleteBoothSlot,
        ListFairs, LoadBooth, LoadBoothScreen, LoadFair, LoadFairForm, LoadOfficerFairs,
        MarkSlotBooking, RegisterForFair, RequestBooth, SaveFair, SetBoothVacancy, SetFairStatus,
        UploadBoothBanner,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::PNG,
    common::{
        TestApp,
        matrix::{self, Actor, COMPANY_MEMBERS, Case, Fixture, Method, SEEKERS, STAFF},
        ok_json,
    },
    fairs::{approved_booth, fair_form, open_slots, published_fair},
    vacancies::{post_vacancy, verify_company},
};

fn s(value: impl ToString) -> String {
    value.to_string()
}

const COMPANY_A: [Actor; 2] = [Actor::CompanyAdminA, Actor::CompanyStaffA];

pub(crate) async fn cases(app: &TestApp, f: &Fixture) -> Vec<Case> {
    verify_company(app, f.company_a).await;
    verify_company(app, f.company_b).await;
    let mut officer = matrix::signed_in(app, Actor::Officer, "10.91.0.1").await;
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.91.0.2").await;
    let mut company_b = matrix::signed_in(app, Actor::CompanyAdminB, "10.91.0.3").await;
    let mut seeker = matrix::signed_in(app, Actor::SeekerA, "10.91.0.4").await;
    let fair = published_fair(app, &mut officer, "100").await;
    let booth = approved_booth(&mut company, &mut officer, fair).await;
    let booth_b = approved_booth(&mut company_b, &mut officer, fair).await;
    let slots = open_slots(app, &mut company, booth, "09:45", "5").await;
    let slots_b = open_slots(app, &mut company_b, booth_b, "09:30", "5").await;
    let draft = ok_json(&mut officer, SaveFair::PATH, &fair_form(app, "50", &[]))
        .await
        .as_i64()
        .expect("draft fair");
    let (vacancy, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
    ok_json(
        &mut company,
        SetBoothVacancy::PATH,
        &[
            ("booth_id", s(booth)),
            ("vacancy_id", s(vacancy)),
            ("show", s("1")),
        ],
    )
    .await;
    let banner = company
        .post_multipart(
            UploadBoothBanner::PATH,
            &[("booth_id", &booth.to_string())],
            &[("banner", "spanduk.png", PNG)],
        )
        .await;
    assert_eq!(banner.status, axum::http::StatusCode::OK, "{}", banner.body);
    // Seeker A: a ticket, a booked slot at A's booth (kept: the company marks it), one at B's booth
    // (cancelled below); a second published fair where seeker A's registration is cancelled below.
    ok_json(&mut seeker, RegisterForFair::PATH, &[("fair_id", s(fair))]).await;
    let marked = ok_json(&mut seeker, BookSlot::PATH, &[("slot_id", s(slots[0]))]).await;
    let cancelled = ok_json(&mut seeker, BookSlot::PATH, &[("slot_id", s(slots_b[0]))]).await;
    let other_fair = published_fair(app, &mut officer, "100").await;
    ok_json(
        &mut seeker,
        RegisterForFair::PATH,
        &[("fair_id", s(other_fair))],
    )
    .await;
    ok_json(
        &mut seeker,
        SaveProfile::PATH,
        &crate::ak1::PROFILE.map(|(k, v)| (k, s(v))),
    )
    .await;

    vec![
        Case::public("the list of fairs", Method::Post, ListFairs::PATH, &[]),
        Case::public(
            "a published fair",
            Method::Post,
            LoadFair::PATH,
            &[("fair_id", s(fair))],
        ),
        Case::public(
            "an approved booth",
            Method::Post,
            LoadBooth::PATH,
            &[("booth_id", s(booth))],
        ),
        // The screen at the booth shows what the booth page shows, without signing in.
        Case::public(
            "an approved booth's screen",
            Method::Post,
            LoadBoothScreen::PATH,
            &[("booth_id", s(booth))],
        ),
        Case::public(
            "an approved booth's banner",
            Method::Get,
            &format!("/bursa-kerja/stan/{booth}/spanduk"),
            &[],
        ),
        Case::post(
            "the fair form",
            LoadFairForm::PATH,
            &[("fair_id", s(fair))],
            &STAFF,
        ),
        Case::post(
            "publish a draft fair",
            SetFairStatus::PATH,
            &[("fair_id", s(draft)), ("action", s("publish"))],
            &STAFF,
        ),
        Case::post("the officer's fairs", LoadOfficerFairs::PATH, &[], &STAFF),
        // A and B already have booths here (a conflict); the request reaches the check either way.
        Case::post(
            "request a booth",
            RequestBooth::PATH,
            &[
                ("fair_id", s(fair)),
                ("form[description]", s("Stan lowongan produksi dan gudang.")),
                ("form[contact_hours]", s("09.00–12.00")),
            ],
            &COMPANY_MEMBERS,
        ),
        Case::multipart(
            "upload company A's booth banner",
            UploadBoothBanner::PATH,
            &[("booth_id", s(booth))],
            &[("banner", "spanduk.png", PNG)],
            &COMPANY_A,
        ),
        // Booked, so A's own members meet a conflict; anyone else must not learn the slot exists.
        Case::post(
            "delete company A's booked slot",
            DeleteBoothSlot::PATH,
            &[("slot_id", s(slots[0]))],
            &COMPANY_A,
        ),
        Case::post(
            "mark a booking at company A's booth",
            MarkSlotBooking::PATH,
            &[("booking_id", s(&marked)), ("outcome", s("attended"))],
            &COMPANY_A,
        ),
        Case::post(
            "cancel seeker A's booking",
            CancelSlotBooking::PATH,
            &[("booking_id", s(&cancelled))],
            &[Actor::SeekerA],
        ),
        Case::post(
            "cancel seeker A's registration",
            CancelFairRegistration::PATH,
            &[("fair_id", s(other_fair))],
            &[Actor::SeekerA],
        ),
        Case::post(
            "register for a fair",
            RegisterForFair::PATH,
            &[("fair_id", s(fair))],
            &SEEKERS,
        ),
        // Seeker B has no profile yet (a conflict): the check was passed.
        Case::post(
            "apply at a booth",
            ApplyAtBooth::PATH,
            &[("booth_id", s(booth)), ("vacancy_id", s(vacancy))],
            &SEEKERS,
        ),
    ]
}
