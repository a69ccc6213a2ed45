//! Open statistics and the service dashboard at scale, on SQLite and (when `BENCH_POSTGRES_URL` or
//! `TEST_POSTGRES_URL` is set) PostgreSQL: the read model's rebuild (what a live query per visit would
//! cost: every card, vacancy and placement read and summed), then the pages rendered through the real router
//! from the pre-summed cells: `/statistik` with random filters, `/statistik/layanan`, and `/petugas` for a
//! signed-in officer. The scale seed makes neither complaints nor training, so the bench adds them: a
//! complaint per 100 seekers with its office clocks (the dashboard's complaint queue reads them live) and a
//! training registration per 20 seekers.
//!
//! `cargo bench --features ssr --bench statistics` (BENCH_SCALE=100 → 100,000 vacancies and 200,000 seekers,
//! each with an issued AK-1 card; the default).
use std::time::{Duration, Instant};

use axum::{body::Body, http::Request};
use dnaker::{
    core::{
        calendar::{format_date, wib_date},
        role::Role,
    },
    features::{
        accounts::{
            api::SignIn,
            repo::{self as accounts, NewAccount},
        },
        statistics::{jobs, model::Dataset},
        tka::jobs::count_talent_pool,
    },
};
use leptos::server_fn::ServerFn;
use rand::{SeedableRng, rngs::StdRng, seq::IndexedRandom};

mod support;

const DISTRICTS: &[&str] = &[
    "", "36.03.01", "36.03.18", "36.03.07", "36.03.12", "36.03.22",
];

fn percentile(samples: &mut [Duration], q: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * q).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The officers' work queues, each timed as the signed-in officer (target: 200 ms at scale 1000).
const OFFICER_QUEUES: &[&str] = &[
    "/petugas/ak1",
    "/petugas/perusahaan",
    "/petugas/lowongan",
    "/petugas/pkwt",
    "/petugas/tka",
    "/petugas/pengaduan",
    "/petugas/layanan",
    "/petugas/kepatuhan",
    "/petugas/pelatihan",
    "/petugas/bursa-kerja",
];

async fn timed_gets(
    router: &axum::Router,
    paths: &[String],
    cookie: Option<&str>,
) -> (Duration, Duration) {
    let mut samples = Vec::with_capacity(paths.len());
    for path in paths {
        let mut request = Request::get(path).header("x-forwarded-for", "10.9.0.1");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let started = Instant::now();
        let (status, body, _) =
            support::send(router, request.body(Body::empty()).expect("request")).await;
        samples.push(started.elapsed());
        assert_eq!(status, 200, "{path}: {}", &body[..body.len().min(300)]);
    }
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
    )
}

/// Every scale seeker gets a card (the scale seed makes profiles, not cards): issued and valid for two
/// years (the TKA queue's local-talent check counts valid cards), except every 50th, which waits in the
/// officers' AK-1 queue.
async fn issue_cards(db: &dnaker::server::db::Db, now: i64) {
    let valid_until = format_date(wib_date(now) + time::Duration::days(730));
    sqlx::query(
        "INSERT INTO ak1_applications (account_id, status, submitted_at_ms, due_at_ms, decided_at_ms, card_number, \
         verification_code, valid_until) SELECT account_id, \
         CASE WHEN account_id % 50 = 0 THEN 'waiting' ELSE 'issued' END, created_at_ms, created_at_ms + 86400000, \
         CASE WHEN account_id % 50 = 0 THEN NULL ELSE created_at_ms + 3600000 END, \
         CASE WHEN account_id % 50 = 0 THEN NULL ELSE 'B/' || account_id END, \
         CASE WHEN account_id % 50 = 0 THEN NULL ELSE 'BV' || account_id END, \
         CASE WHEN account_id % 50 = 0 THEN NULL ELSE $1 END FROM seekers",
    )
    .bind(valid_until)
    .execute(&db.pool)
    .await
    .expect("cards");
}

/// A full DKPTKA queue (its page shows the oldest 100): 100 companies with three foreign workers on one
/// RPTKA, two of whose positions name jobs the card holders want, and a levy payment waiting for the
/// officer. The queue shows the local-talent check beside each, which counts the valid cards' wishes.
async fn waiting_levy_bills(db: &dnaker::server::db::Db, now: i64) {
    sqlx::query("UPDATE ak1_applications SET valid_until = $1 WHERE status = 'issued' AND valid_until IS NULL")
        .bind(format_date(wib_date(now) + time::Duration::days(730)))
        .execute(&db.pool)
        .await
        .expect("card end dates");
    let companies = "SELECT id FROM companies ORDER BY id LIMIT 100";
    sqlx::query(&format!(
        "INSERT INTO tka_workers (company_id, name, passport_ciphertext, passport_hash, nationality, sex, position, \
         occupation_code, rptka_number, rptka_start, rptka_end, permit_number, permit_start, permit_end, district_code, \
         start_date, end_date, counterpart_name, counterpart_nik_ciphertext, counterpart_nik_hash, counterpart_position, \
         counterpart_progress, language_training, status, created_by, created_at_ms, updated_at_ms) \
         SELECT c.id, 'Bench TKA', 'bench', 'bench-' || c.id || '-' || k.n, 'CN', 'male', \
         CASE k.n WHEN 1 THEN 'Supervisor Gudang Senior' WHEN 2 THEN 'Programmer Backend Lead' ELSE 'Plant Director' END, \
         CASE k.n WHEN 3 THEN '13' ELSE '21' END, 'RPTKA-B-' || c.id, '2026-01-01', '2027-12-31', 'IMTA-B-' || c.id || '-' || k.n, \
         '2026-01-01', '2027-12-31', '36.03.01', '2026-01-01', '2027-12-31', 'Pendamping', 'bench', 'bench', 'Staf', 40, \
         'ongoing', 'active', (SELECT MIN(id) FROM accounts), $1, $1 \
         FROM ({companies}) c CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) k"
    ))
    .bind(now)
    .execute(&db.pool)
    .await
    .expect("foreign workers");
    sqlx::query(&format!(
        "INSERT INTO dkptka_bills (company_id, bill_number, rptka_number, period_start, period_end, positions, months, \
         amount_usd_cents, rate_hundredths, rate_date, rate_source, amount_idr, status, payment_reference, paid_on, \
         submitted_at_ms, due_at_ms, created_by, created_at_ms) \
         SELECT c.id, 'DKPTKA/B/' || c.id, 'RPTKA-B-' || c.id, '2026-01-01', '2026-12-31', 3, 12, 360000, 1624000, \
         '2026-11-30', 'Kurs JISDOR Bank Indonesia', 58464000, 'submitted', 'BNI-B' || c.id, '2026-11-30', \
         $1 + c.id, $1 + c.id + 86400000, (SELECT MIN(id) FROM accounts), $1 FROM ({companies}) c"
    ))
    .bind(now - 3_600_000)
    .execute(&db.pool)
    .await
    .expect("levy bills");
}

/// Complaints with their verification and plan clocks, and training programmes with registrations (half
/// of them completed), sized by the seekers.
async fn complaints_and_training(db: &dnaker::server::db::Db, now: i64) -> (i64, i64) {
    let day = |back: i64| format_date(wib_date(now - back * 86_400_000));
    let run = |sql: &'static str| sqlx::query(sql);
    run("INSERT INTO complaints (code, company_id, company_name, category, privacy, status, description, since_date, \
         workers_affected, wish, filed_at_ms, updated_at_ms) SELECT 'ADU-B' || account_id, NULL, 'PT Bench', \
         CASE account_id % 3 WHEN 0 THEN 'wages' WHEN 1 THEN 'phk' ELSE 'other' END, 'anonymous', \
         CASE WHEN account_id % 300 < 200 THEN 'accepted' ELSE 'submitted' END, 'Bench', '2026-01-01', 1, 'Bench', \
         $1, $1 FROM seekers WHERE account_id % 100 = 0")
    .bind(now - 12 * 86_400_000)
    .execute(&db.pool)
    .await
    .expect("complaints");
    run("INSERT INTO complaint_clocks (complaint_id, step, started_on, due_on, done_on) SELECT id, 'verify', $1, $2, \
         CASE WHEN status = 'accepted' THEN $3 ELSE NULL END FROM complaints WHERE code LIKE 'ADU-B%'")
    .bind(day(12))
    .bind(day(7))
    .bind(day(10))
    .execute(&db.pool)
    .await
    .expect("verify clocks");
    run("INSERT INTO complaint_clocks (complaint_id, step, started_on, due_on) SELECT id, 'plan', $1, $2 \
         FROM complaints WHERE code LIKE 'ADU-B%' AND status = 'accepted'")
    .bind(day(10))
    .bind(day(3))
    .execute(&db.pool)
    .await
    .expect("plan clocks");
    run("INSERT INTO complaint_events (complaint_id, kind, body, by_role, company_sees, at_ms) SELECT id, 'accept', '', \
         'officer', 0, $1 FROM complaints WHERE code LIKE 'ADU-B%' AND status = 'accepted'")
    .bind(now - 10 * 86_400_000)
    .execute(&db.pool)
    .await
    .expect("events");
    run("INSERT INTO training_programmes (provider_kind, provider_name, title, description, kbji_code, skills, format, \
         district_code, starts_on, ends_on, hours, quota, reserves, min_age, max_age, registration_opens_on, \
         registration_closes_on, selection, status, created_by, created_at_ms, updated_at_ms) \
         SELECT 'blk', 'BLK Bench', 'Bench ' || c.id, 'Bench', '7212', 'Las', 'in_person', \
         COALESCE(c.district_code, '36.03.01'), $1, $1, 40, 1000, 0, 18, 45, $1, $1, 'none', 'finished', \
         (SELECT MIN(id) FROM accounts), $2, $2 FROM companies c WHERE c.id % 20 = 0")
    .bind(day(60))
    .bind(now - 90 * 86_400_000)
    .execute(&db.pool)
    .await
    .expect("programmes");
    let (first, count): (i64, i64) = sqlx::query_as(
        "SELECT MIN(id), COUNT(*) FROM training_programmes WHERE provider_name = 'BLK Bench'",
    )
    .fetch_one(&db.pool)
    .await
    .expect("programme ids");
    run("INSERT INTO training_registrations (programme_id, seeker_account_id, status, created_at_ms, updated_at_ms, \
         result_at_ms) SELECT $1 + account_id % $2, account_id, \
         CASE WHEN account_id % 40 = 0 THEN 'passed' ELSE 'registered' END, $3, $3, \
         CASE WHEN account_id % 40 = 0 THEN $4 ELSE NULL END FROM seekers WHERE account_id % 20 = 0")
    .bind(first)
    .bind(count.max(1))
    .bind(now - 70 * 86_400_000)
    .bind(now - 20 * 86_400_000)
    .execute(&db.pool)
    .await
    .expect("registrations");
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM complaints), (SELECT COUNT(*) FROM training_registrations)",
    )
    .fetch_one(&db.pool)
    .await
    .expect("counts")
}

async fn officer_cookie(state: &dnaker::server::state::AppState, router: &axum::Router) -> String {
    let hash = accounts::hash_password("bench-sandi-petugas".to_owned())
        .await
        .expect("hash");
    // A kept database (BENCH_KEEP) has the officer from its first run.
    let (known,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE email = 'petugas@bench.test'")
            .fetch_one(&state.db.pool)
            .await
            .expect("officer lookup");
    if known == 0 {
        accounts::insert(
            &state.db.pool,
            &NewAccount {
                email: "petugas@bench.test",
                full_name: "Petugas Bench",
                role: Role::Officer,
                company_id: None,
                company_role: None,
                phone: None,
                password_hash: &hash,
                now_ms: 1,
            },
        )
        .await
        .expect("officer");
    }
    let body = "email=petugas%40bench.test&password=bench-sandi-petugas";
    let (status, _, cookie) = support::send(
        router,
        support::post(
            SignIn::PATH,
            None,
            "10.9.0.2",
            "application/x-www-form-urlencoded",
            body.as_bytes().to_vec(),
        ),
    )
    .await;
    assert_eq!(status, 200, "sign-in");
    cookie.expect("session cookie")
}

/// What a database does by itself some minutes after a bulk insert, done at once: statistics for the
/// planner, and on PostgreSQL the visibility map that lets counts read an index alone (autovacuum).
async fn settle(db: &dnaker::server::db::Db) {
    let sql = match db.backend {
        dnaker::server::db::Backend::Postgres => {
            "VACUUM (ANALYZE) ak1_applications, complaints, complaint_clocks, complaint_events, training_programmes, \
             training_registrations, tka_workers, dkptka_bills"
        }
        dnaker::server::db::Backend::Sqlite => "ANALYZE",
    };
    sqlx::query(sql).execute(&db.pool).await.expect("settle");
}

async fn bench_backend(name: &str, url: &str, dir: &std::path::Path, scale: u32) {
    let (state, router) = support::app(url, dir).await;
    let report = support::seed_once(&state, name, scale).await;
    // The cards, complaints and training this bench adds, unless a kept database (BENCH_KEEP) has them.
    let (added,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM complaints WHERE code LIKE 'ADU-B%'")
            .fetch_one(&state.db.pool)
            .await
            .expect("bench complaints");
    let (complaints, registrations) = if added == 0 {
        issue_cards(&state.db, state.clock.now_ms()).await;
        let added = complaints_and_training(&state.db, state.clock.now_ms()).await;
        settle(&state.db).await;
        added
    } else {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM complaints), (SELECT COUNT(*) FROM training_registrations)",
        )
        .fetch_one(&state.db.pool)
        .await
        .expect("counts")
    };

    // Checked apart: a database kept before this bench made bills has its cards without an end date.
    let (bills,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM dkptka_bills WHERE bill_number LIKE 'DKPTKA/B/%'")
            .fetch_one(&state.db.pool)
            .await
            .expect("bench bills");
    if bills == 0 {
        waiting_levy_bills(&state.db, state.clock.now_ms()).await;
        settle(&state.db).await;
    }

    if let Ok(pages) = std::env::var("BENCH_PAGES") {
        officer_pages_only(&state, &router, &pages).await;
        return;
    }
    println!("[{name}] rebuilding the read model …");
    let started = Instant::now();
    let summary = jobs::rebuild(&state.db, state.clock.now_ms())
        .await
        .expect("rebuild");
    let rebuild = started.elapsed();
    println!("[{name}] counting the local-talent pool …");
    let started = Instant::now();
    let pool = count_talent_pool(&state).await.expect("talent pool");
    let pool_time = started.elapsed();

    let mut rng = StdRng::seed_from_u64(7);
    let year = dnaker::core::calendar::wib_date(state.clock.now_ms()).year();
    let paths: Vec<String> = (0..60)
        .map(|_| {
            let dataset = Dataset::ALL.choose(&mut rng).copied().unwrap_or_default();
            let district = DISTRICTS.choose(&mut rng).copied().unwrap_or("");
            format!(
                "/statistik?data={}&kecamatan={district}&tahun={year}",
                dataset.slug()
            )
        })
        .collect();
    let (page_p50, page_p99) = timed_gets(&router, &paths, None).await;
    let levels: Vec<String> = (0..20).map(|_| "/statistik/layanan".to_owned()).collect();
    let (levels_p50, levels_p99) = timed_gets(&router, &levels, None).await;
    let cookie = officer_cookie(&state, &router).await;
    let dashboard: Vec<String> = (0..30).map(|_| "/petugas".to_owned()).collect();
    let (dash_p50, dash_p99) = timed_gets(&router, &dashboard, Some(&cookie)).await;
    let mut queues = Vec::new();
    for queue in OFFICER_QUEUES {
        let paths: Vec<String> = (0..10).map(|_| (*queue).to_owned()).collect();
        queues.push((queue, timed_gets(&router, &paths, Some(&cookie)).await));
    }
    let csv: Vec<String> = (0..10)
        .map(|_| "/statistik/csv/pencari-kerja".to_owned())
        .collect();
    let (csv_p50, csv_p99) = timed_gets(&router, &csv, None).await;

    println!(
        "\n[{name}] {} vacancies, {} seekers with cards, {} complaints, {} training registrations",
        report.vacancies, report.seekers, complaints, registrations
    );
    println!(
        "  read model rebuild (the hourly job; a live query would pay this per visit): {} ({summary})",
        ms(rebuild)
    );
    println!(
        "  local-talent pool (the hourly job; the DKPTKA queue read every card holder per visit): {} ({pool})",
        ms(pool_time)
    );
    println!(
        "  /statistik page ({} filters):  p50 {}  p99 {}",
        paths.len(),
        ms(page_p50),
        ms(page_p99)
    );
    println!(
        "  /statistik/layanan:            p50 {}  p99 {}",
        ms(levels_p50),
        ms(levels_p99)
    );
    println!(
        "  /petugas dashboard (officer):  p50 {}  p99 {}",
        ms(dash_p50),
        ms(dash_p99)
    );
    for (queue, (p50, p99)) in &queues {
        println!("  {queue:<30} p50 {}  p99 {}", ms(*p50), ms(*p99));
    }
    println!(
        "  seekers CSV download:          p50 {}  p99 {}\n",
        ms(csv_p50),
        ms(csv_p99)
    );
    if let Some(lists) = std::env::var("BENCH_TALENT_LISTS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        varied_wish_lists(&state, &router, &cookie, lists).await;
    }
}

/// `BENCH_PAGES=/petugas,/petugas/pelatihan`: only these pages, 10 visits each as the officer, on a kept
/// database (no rebuild, no count): the quick loop while looking at one page (with
/// `RUST_LOG=sqlx::query=debug` for its statements and their times).
async fn officer_pages_only(
    state: &dnaker::server::state::AppState,
    router: &axum::Router,
    pages: &str,
) {
    let cookie = officer_cookie(state, router).await;
    for page in pages.split(',').filter(|p| p.starts_with('/')) {
        let paths: Vec<String> = (0..10).map(|_| page.to_owned()).collect();
        let (p50, p99) = timed_gets(router, &paths, Some(&cookie)).await;
        println!("  {page:<30} p50 {}  p99 {}", ms(p50), ms(p99));
    }
}

/// `BENCH_TALENT_LISTS=n`: n card holders get a wish list of their own, as free text typed by real seekers
/// would give, then the pool is counted again and the DKPTKA queue timed: its first visit after a count
/// reads and indexes every list. This changes a kept database for good (run it last).
async fn varied_wish_lists(
    state: &dnaker::server::state::AppState,
    router: &axum::Router,
    cookie: &str,
    lists: i64,
) {
    sqlx::query(
        "UPDATE seeker_profiles SET preferred_occupations = preferred_occupations || ', pekerjaan ' || account_id \
         WHERE account_id IN (SELECT account_id FROM seekers ORDER BY account_id LIMIT $1)",
    )
    .bind(lists)
    .execute(&state.db.pool)
    .await
    .expect("varied wishes");
    let started = Instant::now();
    let pool = count_talent_pool(state).await.expect("talent pool");
    let counted = started.elapsed();
    let first = timed_gets(router, &["/petugas/tka".to_owned()], Some(cookie)).await;
    let paths: Vec<String> = (0..10).map(|_| "/petugas/tka".to_owned()).collect();
    let (p50, p99) = timed_gets(router, &paths, Some(cookie)).await;
    println!(
        "  {lists} holders with lists of their own: count {} ({pool}); /petugas/tka first visit {}, then p50 {}  p99 {}\n",
        ms(counted),
        ms(first.0),
        ms(p50),
        ms(p99)
    );
}

fn main() {
    support::on_both_backends("statistics", |name, url, dir| {
        Box::pin(async move {
            let scale: u32 = std::env::var("BENCH_SCALE")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(100);
            bench_backend(name, &url, &dir, scale).await;
        })
    });
}
