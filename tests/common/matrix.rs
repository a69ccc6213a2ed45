//! The authorization matrix: every action × every kind of actor, allowed exactly where intended.
//! Later features add their own `Case`s and call `run`.
use axum::http::StatusCode;

use dnaker::{
    core::role::Role,
    features::accounts::repo::{self, NewAccount, NewSeeker},
};

use super::{Client, TestApp};

pub const PASSWORD: &str = "matriks-uji-sandi";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    SeekerA,
    SeekerB,
    CompanyAdminA,
    CompanyStaffA,
    CompanyAdminB,
    Officer,
    Admin,
}

pub const ALL: [Actor; 8] = [
    Actor::Anonymous,
    Actor::SeekerA,
    Actor::SeekerB,
    Actor::CompanyAdminA,
    Actor::CompanyStaffA,
    Actor::CompanyAdminB,
    Actor::Officer,
    Actor::Admin,
];
pub const SIGNED_IN: [Actor; 7] = [
    Actor::SeekerA,
    Actor::SeekerB,
    Actor::CompanyAdminA,
    Actor::CompanyStaffA,
    Actor::CompanyAdminB,
    Actor::Officer,
    Actor::Admin,
];
pub const SEEKERS: [Actor; 2] = [Actor::SeekerA, Actor::SeekerB];
pub const COMPANY_ADMINS: [Actor; 2] = [Actor::CompanyAdminA, Actor::CompanyAdminB];
pub const COMPANY_MEMBERS: [Actor; 3] = [
    Actor::CompanyAdminA,
    Actor::CompanyStaffA,
    Actor::CompanyAdminB,
];
pub const STAFF: [Actor; 2] = [Actor::Officer, Actor::Admin];
pub const ADMIN: [Actor; 1] = [Actor::Admin];

/// The people and companies every case can refer to.
pub struct Fixture {
    pub seeker_a: i64,
    pub seeker_b: i64,
    pub company_a: i64,
    pub company_b: i64,
    /// A staff member of company A that only company A's admin may remove.
    pub removable_staff_a: i64,
    /// An account only the admin may disable.
    pub victim: i64,
    pub correction_by_a: i64,
}

/// A client signed in as `actor` from address `ip`.
pub async fn signed_in<'a>(app: &'a TestApp, actor: Actor, ip: &str) -> Client<'a> {
    let mut client = Client::new(app, ip);
    let response = client
        .post(
            <dnaker::features::accounts::api::SignIn as leptos::server_fn::ServerFn>::PATH,
            &[("email", email(actor)), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{actor:?} signs in: {}",
        response.body
    );
    client
}

pub fn email(actor: Actor) -> &'static str {
    match actor {
        Actor::Anonymous => "",
        Actor::SeekerA => "seeker-a@matrix.test",
        Actor::SeekerB => "seeker-b@matrix.test",
        Actor::CompanyAdminA => "admin-a@matrix.test",
        Actor::CompanyStaffA => "staff-a@matrix.test",
        Actor::CompanyAdminB => "admin-b@matrix.test",
        Actor::Officer => "officer@matrix.test",
        Actor::Admin => "admin@matrix.test",
    }
}

async fn company(app: &TestApp, name: &str, nib: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO companies (name, nib, npwp, kbli_section, kbli_division, district_code, address, size_band, contact_name, \
         contact_email, verified, created_at_ms) VALUES ($1, $2, '012345678912000', 'C', '10', '36.03.01', 'Jl. Uji 1', 'kecil', \
         'Narahubung', 'hrd@matrix.test', 0, 1) RETURNING id",
    )
    .bind(name)
    .bind(nib)
    .fetch_one(&app.db().pool)
    .await
    .expect("company");
    id
}

async fn account(
    app: &TestApp,
    email: &str,
    role: Role,
    company: Option<(i64, &str)>,
    hash: &str,
) -> i64 {
    let account = NewAccount {
        email,
        full_name: "Orang Uji",
        role,
        company_id: company.map(|c| c.0),
        company_role: company.map(|c| c.1),
        phone: None,
        password_hash: hash,
        now_ms: 1,
    };
    repo::insert(&app.db().pool, &account)
        .await
        .expect("account")
}

pub async fn fixture(app: &TestApp) -> Fixture {
    let hash = repo::hash_password(PASSWORD.to_owned())
        .await
        .expect("hash");
    let company_a = company(app, "PT Uji A", "1000000000001").await;
    let company_b = company(app, "PT Uji B", "1000000000002").await;
    let seeker_a = account(app, email(Actor::SeekerA), Role::Seeker, None, &hash).await;
    let seeker_b = account(app, email(Actor::SeekerB), Role::Seeker, None, &hash).await;
    for (id, nik) in [
        (seeker_a, "3603015508950001"),
        (seeker_b, "3603011508950002"),
    ] {
        let ciphertext = app.state.pii.encrypt(nik).expect("encrypt");
        let seeker = NewSeeker {
            account_id: id,
            nik_ciphertext: &ciphertext,
            nik_hash: &app.state.pii.blind_index(nik),
            place_of_birth: "Tangerang",
            date_of_birth: "1995-08-15",
            sex: "female",
            now_ms: 1,
        };
        repo::insert_seeker(&app.db().pool, &seeker)
            .await
            .expect("seeker");
    }
    account(
        app,
        email(Actor::CompanyAdminA),
        Role::Company,
        Some((company_a, "admin")),
        &hash,
    )
    .await;
    account(
        app,
        email(Actor::CompanyStaffA),
        Role::Company,
        Some((company_a, "staff")),
        &hash,
    )
    .await;
    account(
        app,
        email(Actor::CompanyAdminB),
        Role::Company,
        Some((company_b, "admin")),
        &hash,
    )
    .await;
    account(app, email(Actor::Officer), Role::Officer, None, &hash).await;
    account(app, email(Actor::Admin), Role::Admin, None, &hash).await;
    let removable_staff_a = account(
        app,
        "removable@matrix.test",
        Role::Company,
        Some((company_a, "staff")),
        &hash,
    )
    .await;
    let victim = account(app, "victim@matrix.test", Role::Seeker, None, &hash).await;
    let (correction_by_a,): (i64,) = sqlx::query_as(
        "INSERT INTO correction_requests (account_id, field, requested_value, reason, status, created_at_ms) \
         VALUES ($1, 'full_name', 'Siti A.', 'salah ketik', 'open', 1) RETURNING id",
    )
    .bind(seeker_a)
    .fetch_one(&app.db().pool)
    .await
    .expect("correction");
    Fixture {
        seeker_a,
        seeker_b,
        company_a,
        company_b,
        removable_staff_a,
        victim,
        correction_by_a,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Post,
    Get,
    /// A multipart POST (server functions that take files, and the profile upload route).
    Multipart,
}

impl Method {
    /// The HTTP method on the wire.
    pub fn http(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post | Method::Multipart => "POST",
        }
    }
}

pub struct Case {
    pub name: &'static str,
    pub method: Method,
    pub path: String,
    pub form: Vec<(String, String)>,
    /// Multipart files: field name, file name, bytes.
    pub files: Vec<(String, String, Vec<u8>)>,
    pub allowed: Vec<Actor>,
    /// Said explicitly: everyone, signed in or not, may use it (see `public`).
    pub public: bool,
    /// Actors who send another form: their own fresh copy of the resource, when the first allowed actor's
    /// success would leave nothing for the next (a cancelled bill cannot be cancelled twice).
    pub per_actor: Vec<(Actor, Vec<(String, String)>)>,
}

fn owned(form: &[(&str, String)]) -> Vec<(String, String)> {
    form.iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

impl Case {
    pub fn post(
        name: &'static str,
        path: &str,
        form: &[(&str, String)],
        allowed: &[Actor],
    ) -> Case {
        Case {
            name,
            method: Method::Post,
            path: path.to_owned(),
            form: owned(form),
            files: vec![],
            allowed: allowed.to_vec(),
            public: false,
            per_actor: vec![],
        }
    }

    pub fn get(name: &'static str, path: &str, allowed: &[Actor]) -> Case {
        Case {
            name,
            method: Method::Get,
            path: path.to_owned(),
            form: vec![],
            files: vec![],
            allowed: allowed.to_vec(),
            public: false,
            per_actor: vec![],
        }
    }

    /// A multipart POST with text fields and files (field name, file name, bytes).
    pub fn multipart(
        name: &'static str,
        path: &str,
        fields: &[(&str, String)],
        files: &[(&str, &str, &[u8])],
        allowed: &[Actor],
    ) -> Case {
        Case {
            name,
            method: Method::Multipart,
            path: path.to_owned(),
            form: owned(fields),
            files: files
                .iter()
                .map(|(field, file, bytes)| {
                    ((*field).to_owned(), (*file).to_owned(), bytes.to_vec())
                })
                .collect(),
            allowed: allowed.to_vec(),
            public: false,
            per_actor: vec![],
        }
    }

    /// A public endpoint: everyone is allowed, and the case says so (a case allowing every actor without
    /// saying it is public fails the completeness test: "everyone" must be a decision, not a shortcut).
    pub fn public(name: &'static str, method: Method, path: &str, form: &[(&str, String)]) -> Case {
        Case {
            name,
            method,
            path: path.to_owned(),
            form: owned(form),
            files: vec![],
            allowed: ALL.to_vec(),
            public: true,
            per_actor: vec![],
        }
    }

    /// `actor` sends `form` instead (a copy of the resource of its own, or of company A's for company B).
    pub fn for_actor(mut self, actor: Actor, form: &[(&str, String)]) -> Case {
        self.per_actor.push((actor, owned(form)));
        self
    }

    /// The path without its query string: what the router matches.
    pub fn route(&self) -> &str {
        self.path.split('?').next().unwrap_or(&self.path)
    }
}

/// The cases of one area, built after whatever setup they need (on top of `fixture`).
pub type CasesFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Vec<Case>> + 'a>>;
/// Checks that run after an area's matrix (e.g. "the victim's session survived every attempt").
pub type AfterFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>;

/// One area of the matrix. Every group is run by its own test and enumerated by the completeness test,
/// which builds the cases (without running them) and compares their endpoints with every registered
/// server function and axum route.
pub struct Group {
    pub name: &'static str,
    pub cases: for<'a> fn(&'a TestApp, &'a Fixture) -> CasesFuture<'a>,
    pub after: Option<for<'a> fn(&'a TestApp, &'a Fixture) -> AfterFuture<'a>>,
}

fn denied(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    )
}

/// An answer where the caller got through the access check: done, or refused for the input or the state
/// (validation, conflict). A 400 or a 5xx is neither a refusal nor a pass: the case is broken.
fn passed(status: StatusCode) -> bool {
    status.is_success()
        || status.is_redirection()
        || matches!(
            status,
            StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY
        )
}

/// The status an answer stands for. Plain form posts (the profile upload) answer with a redirect that
/// carries the outcome: to the sign-in page means 401, `galat=err_forbidden` 403, `galat=err_not_found` 404.
fn effective_status(response: &super::Response) -> StatusCode {
    if !response.status.is_redirection() {
        return response.status;
    }
    let location = response
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if location.starts_with("/masuk") {
        StatusCode::UNAUTHORIZED
    } else if location.contains("galat=err_forbidden") {
        StatusCode::FORBIDDEN
    } else if location.contains("galat=err_not_found") {
        StatusCode::NOT_FOUND
    } else {
        response.status
    }
}

/// Runs every case as every actor; returns the number of cells checked. All failures are reported at once.
pub async fn run(app: &TestApp, cases: &[Case]) -> usize {
    let mut failures = Vec::new();
    let mut cells = 0;
    for case in cases {
        assert_eq!(
            case.public,
            case.allowed.len() == ALL.len(),
            "{}: a case allowing everyone must be built with Case::public (and only such a case)",
            case.name
        );
        for actor in ALL {
            let mut client = Client::new(app, &format!("192.0.2.{}", cells % 250 + 1));
            if actor != Actor::Anonymous {
                let signed_in = client
                    .post(
                        <dnaker::features::accounts::api::SignIn as leptos::server_fn::ServerFn>::PATH,
                        &[("email", email(actor)), ("password", PASSWORD)],
                    )
                    .await;
                assert_eq!(
                    signed_in.status,
                    StatusCode::OK,
                    "{actor:?} signs in: {}",
                    signed_in.body
                );
            }
            let form: Vec<(&str, &str)> = case
                .per_actor
                .iter()
                .find(|(a, _)| *a == actor)
                .map_or(&case.form, |(_, form)| form)
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let response = match case.method {
                Method::Post => client.post(&case.path, &form).await,
                Method::Get => client.get(&case.path).await,
                Method::Multipart => {
                    let files: Vec<(&str, &str, &[u8])> = case
                        .files
                        .iter()
                        .map(|(k, f, b)| (k.as_str(), f.as_str(), b.as_slice()))
                        .collect();
                    client.post_multipart(&case.path, &form, &files).await
                }
            };
            let status = effective_status(&response);
            let allowed = case.allowed.contains(&actor);
            let ok = if allowed {
                passed(status) && !denied(status)
            } else if actor == Actor::Anonymous {
                status == StatusCode::UNAUTHORIZED
            } else {
                matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND)
            };
            if !ok {
                failures.push(format!(
                    "{} as {actor:?} ({}): {} {}",
                    case.name,
                    if allowed { "allowed" } else { "refused" },
                    response.status,
                    response.body.chars().take(120).collect::<String>()
                ));
            }
            cells += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix failures:\n{}",
        failures.join("\n")
    );
    cells
}
