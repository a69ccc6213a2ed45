//! Matrix cases for the vacancy journey: one vacancy page, the form, closing, moderation, applying and
//! withdrawing, the pipeline, invitations and placements, each against another company's or another
//! seeker's attempt.
use dnaker::features::{
    accounts::api::SetConsent,
    ak1::api::SaveProfile,
    vacancies::api::{
        AddApplicationNote, AnswerInvitation, ApplyToVacancy, CloseVacancy, DecideVacancy,
        InviteCandidate, LoadMyJobs, LoadSuggestions, LoadVacancy, LoadVacancyForm,
        MoveApplication, ReportPlacement, WithdrawApplication,
    },
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::PROFILE,
    common::{
        Client, TestApp,
        matrix::{self, Actor, COMPANY_MEMBERS, Case, Fixture, Method, SEEKERS, STAFF},
        ok_json,
    },
    vacancies::{post_vacancy, verify_company},
};

fn s(value: impl ToString) -> String {
    value.to_string()
}

/// Company A's members: the owners of A's vacancies and applications.
const COMPANY_A: [Actor; 2] = [Actor::CompanyAdminA, Actor::CompanyStaffA];

/// Seeker A's pseudonym among the candidates suggested for a vacancy of company A.
async fn pseudonym(company: &mut Client<'_>, vacancy: i64) -> String {
    let list = ok_json(
        company,
        LoadSuggestions::PATH,
        &[("vacancy_id", s(vacancy))],
    )
    .await;
    list[0]["pseudonym"]
        .as_str()
        .expect("seeker A is suggested")
        .to_owned()
}

pub(crate) async fn cases(app: &TestApp, f: &Fixture) -> Vec<Case> {
    verify_company(app, f.company_a).await;
    let mut seeker = matrix::signed_in(app, Actor::SeekerA, "10.90.0.1").await;
    ok_json(
        &mut seeker,
        SaveProfile::PATH,
        &PROFILE.map(|(k, v)| (k, s(v))),
    )
    .await;
    for purpose in ["discoverable", "matching"] {
        ok_json(
            &mut seeker,
            SetConsent::PATH,
            &[("purpose", s(purpose)), ("granted", s("1"))],
        )
        .await;
    }
    let mut company = matrix::signed_in(app, Actor::CompanyAdminA, "10.90.0.2").await;
    let (shown, _) = post_vacancy(&mut company, "Operator Forklift", &[]).await;
    let (to_close, _) = post_vacancy(&mut company, "Operator Gudang", &[]).await;
    let (applied, _) = post_vacancy(&mut company, "Operator Las", &[]).await;
    let (to_withdraw, _) = post_vacancy(&mut company, "Operator Produksi", &[]).await;
    let (invited, _) = post_vacancy(&mut company, "Operator Mesin", &[]).await;
    let (answered, _) = post_vacancy(&mut company, "Operator Forklift Malam", &[]).await;
    let (pending, _) = post_vacancy(&mut company, "Pengemudi Forklift", &[]).await;
    sqlx::query("UPDATE vacancies SET status = 'pending' WHERE id = $1")
        .bind(pending)
        .execute(&app.db().pool)
        .await
        .expect("a vacancy waiting for the officer");

    // Seeker A's applications: one the company moves and annotates, one seeker A withdraws.
    let application = ok_json(
        &mut seeker,
        ApplyToVacancy::PATH,
        &[("vacancy_id", s(applied))],
    )
    .await;
    let withdrawable = ok_json(
        &mut seeker,
        ApplyToVacancy::PATH,
        &[("vacancy_id", s(to_withdraw))],
    )
    .await;
    // Seeker A, suggested pseudonymously, invited to one vacancy (answered below) and invitable to another.
    let answered_pseudonym = pseudonym(&mut company, answered).await;
    ok_json(
        &mut company,
        InviteCandidate::PATH,
        &[
            ("vacancy_id", s(answered)),
            ("pseudonym", answered_pseudonym),
        ],
    )
    .await;
    let jobs = ok_json(&mut seeker, LoadMyJobs::PATH, &[]).await;
    let invitation = jobs["invitations"][0]["id"].as_i64().expect("invitation");
    let invitable = pseudonym(&mut company, invited).await;
    let placement = [
        ("form[nik]", s("3603011204900007")),
        ("form[worker_name]", s("Siti Rahayu")),
        ("form[position]", s("Operator Forklift")),
        (
            "form[start_date]",
            dnaker::core::calendar::format_date(dnaker::core::calendar::wib_date(
                app.state.clock.now_ms(),
            )),
        ),
        ("form[wage]", s("5.400.000")),
        ("form[contract_type]", s("contract")),
        ("form[vacancy_id]", s(shown)),
    ];
    vec![
        Case::public(
            "a published vacancy",
            Method::Post,
            LoadVacancy::PATH,
            &[("vacancy_id", s(shown))],
        ),
        Case::post(
            "the vacancy form",
            LoadVacancyForm::PATH,
            &[],
            &COMPANY_MEMBERS,
        ),
        // A's admin closes it; A's staff then meet a conflict (their own, already closed).
        Case::post(
            "close company A's vacancy",
            CloseVacancy::PATH,
            &[("vacancy_id", s(to_close))],
            &COMPANY_A,
        ),
        Case::post(
            "decide a pending vacancy",
            DecideVacancy::PATH,
            &[("vacancy_id", s(pending)), ("decision", s("approve"))],
            &STAFF,
        ),
        // Seeker A has applied already (conflict), seeker B has no profile yet (conflict): both got through.
        Case::post(
            "apply to a vacancy",
            ApplyToVacancy::PATH,
            &[("vacancy_id", s(applied))],
            &SEEKERS,
        ),
        Case::post(
            "withdraw seeker A's application",
            WithdrawApplication::PATH,
            &[("application_id", s(withdrawable))],
            &[Actor::SeekerA],
        ),
        Case::post(
            "move an application at company A",
            MoveApplication::PATH,
            &[("application_id", s(&application)), ("to", s("screened"))],
            &COMPANY_A,
        ),
        Case::post(
            "note on an application at company A",
            AddApplicationNote::PATH,
            &[
                ("application_id", s(&application)),
                ("body", s("Dihubungi untuk wawancara.")),
            ],
            &COMPANY_A,
        ),
        Case::post(
            "invite a suggested candidate to A's vacancy",
            InviteCandidate::PATH,
            &[("vacancy_id", s(invited)), ("pseudonym", invitable)],
            &COMPANY_A,
        ),
        Case::post(
            "answer seeker A's invitation",
            AnswerInvitation::PATH,
            &[("invitation_id", s(invitation)), ("decision", s("accept"))],
            &[Actor::SeekerA],
        ),
        // Only a verified company reports a hire by NIK (company B is not verified).
        Case::post(
            "report a placement by NIK",
            ReportPlacement::PATH,
            &placement,
            &COMPANY_A,
        ),
    ]
}
