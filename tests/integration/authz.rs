//! The authorization matrix of accounts, companies and administration, and the journeys that cross
//! roles (company verification, staff invitation, disabling an account).

use crate::common::{
    Client, TestApp,
    matrix::{
        self, ADMIN, Actor, COMPANY_ADMINS, COMPANY_MEMBERS, Case, Fixture, PASSWORD, SEEKERS,
        SIGNED_IN, STAFF,
    },
};
use axum::http::StatusCode;
use dnaker::features::{
    accounts::api::{
        ChangePassword, CurrentUser, EndSession, LoadMyAccount, LoadMyDataAccess,
        OfficerViewSeeker, RequestCorrection, RequestPasswordReset, ResendVerification,
        ResetPassword, SetConsent, SignIn, SignOut, SignOutEverywhere, SignUpSeeker, VerifyEmail,
    },
    admin::api::{
        AuditEntries, CreateStaffAccount, ListAccounts, OpenCorrections, ResolveCorrection,
        SetAccountDisabled,
    },
    companies::api::{
        InviteStaff, JoinCompany, LoadMyCompany, LoadPendingCompanies, RemoveStaff, ReviewCompany,
        SignUpCompany,
    },
};
use leptos::server_fn::ServerFn;

fn s(value: impl ToString) -> String {
    value.to_string()
}

/// Accounts, companies and administration (run by `matrix_complete`).
pub(crate) async fn account_cases(_app: &TestApp, f: &Fixture) -> Vec<Case> {
    vec![
        Case::post("load my account", LoadMyAccount::PATH, &[], &SIGNED_IN),
        Case::post(
            "see who read my data",
            LoadMyDataAccess::PATH,
            &[],
            &SIGNED_IN,
        ),
        Case::get("export my data", "/akun/data-saya.json", &SIGNED_IN),
        Case::post(
            "change password (wrong current)",
            ChangePassword::PATH,
            &[
                ("current_password", s("salah")),
                ("password", s("baru-sekali-123")),
            ],
            &SIGNED_IN,
        ),
        Case::post(
            "resend verification",
            ResendVerification::PATH,
            &[],
            &SIGNED_IN,
        ),
        Case::post(
            "request a correction",
            RequestCorrection::PATH,
            &[
                ("field", s("full_name")),
                ("value", s("Nama Benar")),
                ("reason", s("salah ketik nama")),
            ],
            &SIGNED_IN,
        ),
        Case::post(
            "sign out everywhere",
            SignOutEverywhere::PATH,
            &[],
            &SIGNED_IN,
        ),
        Case::post(
            "set a consent",
            SetConsent::PATH,
            &[("purpose", s("matching")), ("granted", s("1"))],
            &SEEKERS,
        ),
        Case::post(
            "officer reads a seeker's record",
            OfficerViewSeeker::PATH,
            &[("account_id", s(f.seeker_a))],
            &STAFF,
        ),
        Case::post(
            "company verification queue",
            LoadPendingCompanies::PATH,
            &[],
            &STAFF,
        ),
        Case::post(
            "verify a company",
            ReviewCompany::PATH,
            &[("company_id", s(f.company_b)), ("decision", s("verify"))],
            &STAFF,
        ),
        Case::post("my company", LoadMyCompany::PATH, &[], &COMPANY_MEMBERS),
        Case::post(
            "invite staff (bad address)",
            InviteStaff::PATH,
            &[("email", s("bukan-email"))],
            &COMPANY_ADMINS,
        ),
        Case::post(
            "remove company A's staff",
            RemoveStaff::PATH,
            &[("account_id", s(f.removable_staff_a))],
            &[Actor::CompanyAdminA],
        ),
        Case::post(
            "list accounts",
            ListAccounts::PATH,
            &[("query", s(""))],
            &ADMIN,
        ),
        Case::post(
            "create staff (bad address)",
            CreateStaffAccount::PATH,
            &[
                ("email", s("x")),
                ("full_name", s("Petugas")),
                ("role", s("officer")),
            ],
            &ADMIN,
        ),
        Case::post(
            "disable an account",
            SetAccountDisabled::PATH,
            &[("account_id", s(f.victim)), ("disabled", s("1"))],
            &ADMIN,
        ),
        Case::post(
            "audit log",
            AuditEntries::PATH,
            &[("filter[page]", s("0"))],
            &ADMIN,
        ),
        Case::post("correction queue", OpenCorrections::PATH, &[], &STAFF),
        Case::post(
            "refuse a correction (no reason)",
            ResolveCorrection::PATH,
            &[
                ("id", s(f.correction_by_a)),
                ("accepted", s("0")),
                ("response", s("")),
            ],
            &STAFF,
        ),
    ]
}

/// The public functions: everyone, signed in or not, reaches them (they answer a bad input with a
/// validation or conflict error, never with "sign in first").
fn public_cases() -> Vec<Case> {
    use matrix::Method::Post;
    vec![
        Case::public("who is signed in", Post, CurrentUser::PATH, &[]),
        Case::public(
            "sign in (unknown address)",
            Post,
            SignIn::PATH,
            &[
                ("email", s("tidak-ada@matrix.test")),
                ("password", s("salah-sandi-123")),
            ],
        ),
        Case::public("sign out", Post, SignOut::PATH, &[]),
        // One address per actor: requests for one address are throttled, whoever asks.
        matrix::SIGNED_IN.iter().enumerate().fold(
            Case::public(
                "request a password reset",
                Post,
                RequestPasswordReset::PATH,
                &[("email", s("tidak-ada@matrix.test"))],
            ),
            |case, (n, actor)| {
                case.for_actor(*actor, &[("email", format!("tidak-ada-{n}@matrix.test"))])
            },
        ),
        Case::public(
            "reset a password (bad link)",
            Post,
            ResetPassword::PATH,
            &[
                ("token", s("bukan-token")),
                ("password", s("baru-sekali-123")),
            ],
        ),
        Case::public(
            "verify an e-mail address (bad link)",
            Post,
            VerifyEmail::PATH,
            &[("token", s("bukan-token"))],
        ),
        Case::public(
            "seeker sign-up (bad NIK)",
            Post,
            SignUpSeeker::PATH,
            &[("form[nik]", s("123"))],
        ),
        Case::public(
            "company sign-up (bad NIB)",
            Post,
            SignUpCompany::PATH,
            &[("form[nib]", s("123"))],
        ),
        Case::public(
            "join a company (bad link)",
            Post,
            JoinCompany::PATH,
            &[
                ("form[token]", s("bukan-token")),
                ("form[full_name]", s("Orang Baru")),
                ("form[password]", s("baru-sekali-123")),
            ],
        ),
    ]
}

/// The public functions, and ending a session that is not one's own (run by `matrix_complete`).
pub(crate) async fn public_and_session_cases(app: &TestApp, f: &Fixture) -> Vec<Case> {
    // A session of an account none of the actors is: nobody else may end it.
    let mut victim = Client::new(app, "10.4.0.1");
    let signed_in = victim
        .post(
            SignIn::PATH,
            &[("email", "victim@matrix.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    let (victim_session,): (String,) =
        sqlx::query_as("SELECT id FROM sessions WHERE account_id = $1")
            .bind(f.victim)
            .fetch_one(&app.db().pool)
            .await
            .expect("victim's session");
    let handle = dnaker::server::pii::token_hash(&victim_session)[..16].to_owned();
    let mut cases = vec![Case::post(
        "end another account's session",
        EndSession::PATH,
        &[("handle", handle)],
        &[],
    )];
    cases.extend(public_cases());
    cases
}

pub(crate) async fn victim_session_survived(app: &TestApp, f: &Fixture) {
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM sessions WHERE account_id = {}",
            f.victim
        ))
        .await,
        1,
        "the victim's session survived every attempt"
    );
}

on_both_backends!(
    staff_reads_of_personal_data_are_audited_and_shown_to_the_person,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.1.0.1").await;
        let record = officer
            .post(
                OfficerViewSeeker::PATH,
                &[("account_id", &f.seeker_a.to_string())],
            )
            .await;
        assert_eq!(record.status, StatusCode::OK);
        assert!(
            record.body.contains("3603015508950001"),
            "officers see the full NIK"
        );

        let mut seeker = matrix::signed_in(&app, Actor::SeekerA, "10.1.0.2").await;
        let access = seeker.post(LoadMyDataAccess::PATH, &[]).await;
        assert!(
            access.body.contains("seeker.read") && access.body.contains("officer"),
            "{}",
            access.body
        );
        let (ip, request_id): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT ip, request_id FROM audit_log WHERE action = 'seeker.read'")
                .fetch_one(&app.db().pool)
                .await
                .expect("row");
        assert_eq!(ip.as_deref(), Some("10.1.0.1"));
        assert!(request_id.is_some());
    }
);

on_both_backends!(
    staff_list_reads_are_audited_and_single_person_reads_shown_to_the_person,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let subjects = |action: &'static str| {
            let pool = app.db().pool.clone();
            async move {
                let rows: Vec<(Option<i64>,)> = sqlx::query_as(
                    "SELECT subject_account_id FROM audit_log WHERE action = $1 ORDER BY id",
                )
                .bind(action)
                .fetch_all(&pool)
                .await
                .expect("audit rows");
                rows.into_iter().map(|(id,)| id).collect::<Vec<_>>()
            }
        };
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.1.1.1").await;
        let queue = officer.post(OpenCorrections::PATH, &[]).await;
        assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
        assert_eq!(subjects("correction.list").await, vec![None]);
        assert_eq!(subjects("correction.read").await, vec![Some(f.seeker_a)]);
        let pending = officer.post(LoadPendingCompanies::PATH, &[]).await;
        assert_eq!(pending.status, StatusCode::OK, "{}", pending.body);
        assert_eq!(subjects("company.list_pending").await, vec![None]);

        let mut admin = matrix::signed_in(&app, Actor::Admin, "10.1.1.2").await;
        for query in ["", matrix::email(Actor::SeekerB)] {
            let list = admin.post(ListAccounts::PATH, &[("query", query)]).await;
            assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        }
        assert_eq!(
            subjects("account.list").await,
            vec![None, Some(f.seeker_b)],
            "a search that found one person names them"
        );

        let mut seeker_a = matrix::signed_in(&app, Actor::SeekerA, "10.1.1.3").await;
        let access = seeker_a.post(LoadMyDataAccess::PATH, &[]).await;
        assert!(access.body.contains("correction.read"), "{}", access.body);
        let mut seeker_b = matrix::signed_in(&app, Actor::SeekerB, "10.1.1.4").await;
        let access = seeker_b.post(LoadMyDataAccess::PATH, &[]).await;
        assert!(access.body.contains("account.list"), "{}", access.body);
    }
);

on_both_backends!(
    company_signs_up_officer_verifies_admin_invites_staff_who_joins,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut hrd = Client::new(&app, "10.2.0.1");
        let form = [
            ("form[company_name]", "PT Maju Bersama Sejahtera"),
            ("form[nib]", "9120001234567"),
            ("form[npwp]", "01.234.567.8-912.000"),
            ("form[kbli_division]", "10"),
            ("form[district_code]", "36.03.01"),
            ("form[address]", "Jl. Raya Serang Km 24"),
            ("form[size_band]", "menengah"),
            ("form[contact_name]", "Budi Santoso"),
            ("form[email]", "hrd@majubersama.co.id"),
            ("form[phone]", "021-5551234"),
            ("form[password]", "kopi-tubruk-pagi"),
        ];
        let signed_up = hrd.post(SignUpCompany::PATH, &form).await;
        assert_eq!(signed_up.status, StatusCode::OK, "{}", signed_up.body);
        let again = hrd.post(SignUpCompany::PATH, &form).await;
        assert!(again.body.contains("err_nib_taken"), "{}", again.body);
        assert_eq!(
            hrd.post(
                SignIn::PATH,
                &[
                    ("email", "hrd@majubersama.co.id"),
                    ("password", "kopi-tubruk-pagi")
                ]
            )
            .await
            .status,
            StatusCode::OK
        );
        let mine = hrd.post(LoadMyCompany::PATH, &[]).await;
        assert!(
            mine.body.contains("\"verified\":false") && mine.body.contains("\"is_admin\":true"),
            "{}",
            mine.body
        );

        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.2.0.2").await;
        let queue = officer.post(LoadPendingCompanies::PATH, &[]).await;
        assert!(
            queue.body.contains("PT Maju Bersama Sejahtera") && queue.body.contains("due_at_ms"),
            "{}",
            queue.body
        );
        let (company_id,): (i64,) =
            sqlx::query_as("SELECT id FROM companies WHERE nib = '9120001234567'")
                .fetch_one(&app.db().pool)
                .await
                .expect("company");
        // A decision that is neither word (a typo) verifies nothing.
        let typo = officer
            .post(
                ReviewCompany::PATH,
                &[
                    ("company_id", &company_id.to_string()),
                    ("decision", "verifikasi"),
                ],
            )
            .await;
        assert_eq!(
            typo.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            typo.body
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM companies WHERE id = {company_id} AND verified = 1"
            ))
            .await,
            0
        );
        let verified = officer
            .post(
                ReviewCompany::PATH,
                &[
                    ("company_id", &company_id.to_string()),
                    ("decision", "verify"),
                ],
            )
            .await;
        assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
        assert_eq!(
            officer
                .post(
                    ReviewCompany::PATH,
                    &[
                        ("company_id", &company_id.to_string()),
                        ("decision", "verify")
                    ]
                )
                .await
                .status,
            StatusCode::CONFLICT
        );
        let rejected_without_reason = officer
            .post(
                ReviewCompany::PATH,
                &[
                    ("company_id", &f.company_b.to_string()),
                    ("decision", "reject"),
                    ("reason", ""),
                ],
            )
            .await;
        assert_eq!(
            rejected_without_reason.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a rejection needs a reason"
        );
        assert!(
            hrd.post(LoadMyCompany::PATH, &[])
                .await
                .body
                .contains("\"verified\":true")
        );

        assert_eq!(
            hrd.post(InviteStaff::PATH, &[("email", "rina@majubersama.co.id")])
                .await
                .status,
            StatusCode::OK
        );
        let token = app
            .last_mail_token("rina@majubersama.co.id")
            .await
            .expect("invitation mail");
        let mut rina = Client::new(&app, "10.2.0.3");
        let joined = rina
            .post(
                JoinCompany::PATH,
                &[
                    ("form[token]", &token),
                    ("form[full_name]", "Rina Wulandari"),
                    ("form[password]", "teh-manis-sore-hari"),
                ],
            )
            .await;
        assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
        assert_eq!(
            rina.post(
                SignIn::PATH,
                &[
                    ("email", "rina@majubersama.co.id"),
                    ("password", "teh-manis-sore-hari")
                ]
            )
            .await
            .status,
            StatusCode::OK
        );
        let staff_view = rina.post(LoadMyCompany::PATH, &[]).await;
        assert!(
            staff_view.body.contains("Rina Wulandari")
                && staff_view.body.contains("\"is_admin\":false"),
            "{}",
            staff_view.body
        );
        assert_eq!(
            rina.post(InviteStaff::PATH, &[("email", "lain@majubersama.co.id")])
                .await
                .status,
            StatusCode::FORBIDDEN,
            "staff cannot invite"
        );

        let (rina_id,): (i64,) =
            sqlx::query_as("SELECT id FROM accounts WHERE email = 'rina@majubersama.co.id'")
                .fetch_one(&app.db().pool)
                .await
                .expect("rina");
        assert_eq!(
            hrd.post(RemoveStaff::PATH, &[("account_id", &rina_id.to_string())])
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            rina.post(LoadMyCompany::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED,
            "a removed member's session ends at once"
        );
    }
);

on_both_backends!(
    a_disabled_account_loses_its_sessions_at_once,
    |app: TestApp| async move {
        let f = matrix::fixture(&app).await;
        let mut seeker = matrix::signed_in(&app, Actor::SeekerB, "10.3.0.1").await;
        assert_eq!(
            seeker.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::OK
        );
        let mut admin = matrix::signed_in(&app, Actor::Admin, "10.3.0.2").await;
        let disabled = admin
            .post(
                SetAccountDisabled::PATH,
                &[("account_id", &f.seeker_b.to_string()), ("disabled", "1")],
            )
            .await;
        assert_eq!(disabled.status, StatusCode::OK);
        assert_eq!(
            seeker.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM sessions WHERE account_id = {}",
                f.seeker_b
            ))
            .await,
            0
        );
        let again = seeker
            .post(
                SignIn::PATH,
                &[
                    ("email", matrix::email(Actor::SeekerB)),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            again.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a disabled account cannot sign in"
        );
        let log = admin
            .post(AuditEntries::PATH, &[("filter[action]", "account.disable")])
            .await;
        assert!(log.body.contains("account.disable"), "{}", log.body);

        // The account is read with the session (one statement): a change made outside the portal's own
        // disabling (sessions kept) still ends the next request's session, and a renamed account shows its
        // new name at once.
        let mut other = matrix::signed_in(&app, Actor::SeekerA, "10.3.0.3").await;
        sqlx::query("UPDATE accounts SET full_name = 'Nama Baru Sekali' WHERE id = $1")
            .bind(f.seeker_a)
            .execute(&app.db().pool)
            .await
            .expect("renamed");
        let account = other.post(LoadMyAccount::PATH, &[]).await;
        assert_eq!(account.status, StatusCode::OK);
        assert!(
            account.body.contains("Nama Baru Sekali"),
            "{}",
            account.body
        );
        sqlx::query("UPDATE accounts SET disabled = 1 WHERE id = $1")
            .bind(f.seeker_a)
            .execute(&app.db().pool)
            .await
            .expect("disabled outside the portal");
        assert_eq!(
            other.post(LoadMyAccount::PATH, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM sessions WHERE account_id = {}",
                f.seeker_a
            ))
            .await,
            0
        );
    }
);
