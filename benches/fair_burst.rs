//! A job-fair crowd through the real router: 12,500 people each register for one event (capacity 10,000)
//! and then book a slot at its booth (60 slots of 30 places), 25,000 requests in all with 128 people at a
//! time, on SQLite and (with `BENCH_POSTGRES_URL` or `TEST_POSTGRES_URL`) PostgreSQL. Prints requests per
//! second and p50/p99 latency, and checks that no cap was exceeded and no accepted registration was lost.
//!
//! `cargo bench --features ssr --bench fair_burst`
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use dnaker::{
    core::role::Role,
    features::{
        accounts::repo::{self, NewAccount},
        fairs::api::{BookSlot, RegisterForFair},
    },
};
use leptos::server_fn::ServerFn;
use sqlx::Row;
use support::{post, send};
use tokio::sync::Semaphore;

mod support;

const PEOPLE: usize = 12_500;
const CAPACITY: i64 = 10_000;
const SLOTS: usize = 60;
const SLOT_CAPACITY: i64 = 30;
const IN_FLIGHT: usize = 128;
const FORM: &str = "application/x-www-form-urlencoded";

/// A published fair with one approved booth and its slots; returns (fair, slot ids).
async fn event(db: &dnaker::server::db::Db) -> (i64, Vec<i64>) {
    let pool = &db.pool;
    let officer = repo::insert(pool, &new_account("petugas@bench.test", Role::Officer))
        .await
        .expect("officer");
    let company: i64 = sqlx::query(
        "INSERT INTO companies (name, nib, npwp, kbli_section, kbli_division, district_code, address, size_band, contact_name, \
         contact_email, verified, created_at_ms) VALUES ('PT Bench', '1000000000009', '012345678912000', 'C', '10', '36.03.01', \
         'Jl. Bench 1', 'besar', 'HRD', 'hrd@bench.test', 1, 1) RETURNING id",
    )
    .fetch_one(pool)
    .await
    .expect("company")
    .get(0);
    let today = dnaker::core::calendar::wib_date(dnaker::server::db::now_ms());
    let day =
        |offset: i64| dnaker::core::calendar::format_date(today + time::Duration::days(offset));
    let fair: i64 = sqlx::query(
        "INSERT INTO job_fairs (name, description, kind, venue, starts_on, ends_on, opens_at, closes_at, registration_opens_on, \
         registration_closes_on, capacity, status, created_by, created_at_ms, updated_at_ms) VALUES ('Bench Fair', \
         'Bursa kerja untuk uji beban.', 'hybrid', 'Tigaraksa', $1, $1, '07:00', '20:00', $2, $1, $3, 'published', $4, 1, 1) \
         RETURNING id",
    )
    .bind(day(7))
    .bind(day(0))
    .bind(CAPACITY)
    .bind(officer)
    .fetch_one(pool)
    .await
    .expect("fair")
    .get(0);
    let booth: i64 = sqlx::query(
        "INSERT INTO fair_booths (fair_id, company_id, status, description, contact_hours, requested_by, created_at_ms) \
         VALUES ($1, $2, 'approved', 'Stan uji beban.', '08.00–16.00', $3, 1) RETURNING id",
    )
    .bind(fair)
    .bind(company)
    .bind(officer)
    .fetch_one(pool)
    .await
    .expect("booth")
    .get(0);
    let mut slots = Vec::with_capacity(SLOTS);
    for n in 0..SLOTS {
        let minute = 7 * 60 + n * 10;
        let slot: i64 = sqlx::query(
            "INSERT INTO booth_slots (booth_id, starts_at, minutes, capacity) VALUES ($1, $2, 10, $3) RETURNING id",
        )
        .bind(booth)
        .bind(format!("{} {:02}:{:02}", day(7), minute / 60, minute % 60))
        .bind(SLOT_CAPACITY)
        .fetch_one(pool)
        .await
        .expect("slot")
        .get(0);
        slots.push(slot);
    }
    (fair, slots)
}

fn new_account<'a>(email: &'a str, role: Role) -> NewAccount<'a> {
    NewAccount {
        email,
        full_name: "Orang Uji",
        role,
        company_id: None,
        company_role: None,
        phone: None,
        // Never used to sign in: sessions are written directly.
        password_hash: "x",
        now_ms: 1,
    }
}

/// Seekers with a signed-in session each (written directly: 12,500 password checks would measure Argon2).
async fn people(db: &dnaker::server::db::Db) -> Vec<String> {
    let now = dnaker::server::db::now_ms();
    let mut tx = db.pool.begin().await.expect("tx");
    let mut cookies = Vec::with_capacity(PEOPLE);
    for n in 0..PEOPLE {
        let email = format!("pengunjung{n}@bench.test");
        let id = repo::insert(&mut *tx, &new_account(&email, Role::Seeker))
            .await
            .expect("seeker");
        let session = tower_sessions::session::Id::default().to_string();
        let data =
            serde_json::json!({ "account_id": id, "created_at_ms": now, "idle_minutes": 120 })
                .to_string();
        sqlx::query(
            "INSERT INTO sessions (id, account_id, data, expires_at_ms, created_at_ms, last_seen_ms) VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(&session)
        .bind(id)
        .bind(data)
        .bind(now + 3_600_000)
        .bind(now)
        .execute(&mut *tx)
        .await
        .expect("session");
        cookies.push(format!("dnaker_sid={session}"));
    }
    tx.commit().await.expect("commit");
    cookies
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

async fn bench_backend(name: &'static str, url: String, dir: std::path::PathBuf) {
    let (state, router) = support::app(&url, &dir).await;
    let (fair, slots) = event(&state.db).await;
    let cookies = people(&state.db).await;
    let limit = Arc::new(Semaphore::new(IN_FLIGHT));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(PEOPLE);
    for (n, cookie) in cookies.into_iter().enumerate() {
        let (router, limit) = (router.clone(), limit.clone());
        let slot = slots[n % SLOTS];
        tasks.push(tokio::spawn(async move {
            let _turn = limit.acquire_owned().await.expect("semaphore");
            let ip = format!("10.{}.{}.{}", n / 62_500, (n / 250) % 250, n % 250 + 1);
            let mut answers = Vec::with_capacity(2);
            for (path, body) in [
                (RegisterForFair::PATH, format!("fair_id={fair}")),
                (BookSlot::PATH, format!("slot_id={slot}")),
            ] {
                let sent = Instant::now();
                let (status, text, _) = send(
                    &router,
                    post(path, Some(&cookie), &ip, FORM, body.into_bytes()),
                )
                .await;
                answers.push((status, text, sent.elapsed()));
            }
            answers
        }));
    }
    let mut latencies = Vec::with_capacity(2 * PEOPLE);
    let (mut registered, mut booked, mut full, mut other) = (0_i64, 0_i64, 0, Vec::new());
    for task in tasks {
        let answers = task.await.expect("task");
        for (index, (status, text, took)) in answers.into_iter().enumerate() {
            latencies.push(took);
            match (index, status) {
                (0, 200) => registered += 1,
                (1, 200) => booked += 1,
                (_, 409) if text.contains("err_fair_full") || text.contains("err_slot_full") => {
                    full += 1;
                }
                // Refused because the registration was: the fair was full for this person.
                (1, 409) if text.contains("err_slot_needs_ticket") => full += 1,
                _ => other.push(format!("{status} {}", &text[..text.len().min(120)])),
            }
        }
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let pool = &state.db.pool;
    let (rows,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM fair_registrations WHERE fair_id = $1")
            .bind(fair)
            .fetch_one(pool)
            .await
            .expect("count");
    let (counter,): (i64,) = sqlx::query_as("SELECT registered FROM job_fairs WHERE id = $1")
        .bind(fair)
        .fetch_one(pool)
        .await
        .expect("counter");
    let (bookings,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM slot_bookings WHERE status = 'booked'")
            .fetch_one(pool)
            .await
            .expect("bookings");
    let (over,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM booth_slots s WHERE s.booked > s.capacity \
         OR s.booked <> (SELECT COUNT(*) FROM slot_bookings k WHERE k.slot_id = s.id AND k.status = 'booked')",
    )
    .fetch_one(pool)
    .await
    .expect("over");
    println!(
        "[{name}] {} requests in {:.1} s: {:.0} requests/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
    );
    println!(
        "[{name}] registrations accepted {registered} (capacity {CAPACITY}; rows {rows}, counter {counter}); bookings \
         accepted {booked} (places {}; rows {bookings}); refused as full {full}; slots over capacity or miscounted {over}; \
         other answers {}",
        SLOTS as i64 * SLOT_CAPACITY,
        other.len()
    );
    assert_eq!(registered, CAPACITY, "exactly the capacity registered");
    assert_eq!(
        (rows, counter),
        (registered, registered),
        "no accepted registration lost"
    );
    assert_eq!(booked, bookings, "no accepted booking lost");
    assert!(booked <= SLOTS as i64 * SLOT_CAPACITY);
    assert_eq!(over, 0, "no slot over its capacity");
    assert!(
        other.is_empty(),
        "unexpected answers: {:?}",
        &other[..other.len().min(5)]
    );
}

fn main() {
    support::on_both_backends("fairs", |name, url, dir| {
        Box::pin(bench_backend(name, url, dir))
    });
}
