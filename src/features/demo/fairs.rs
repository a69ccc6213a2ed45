//! A demo job fair so a newcomer sees one: an upcoming hybrid fair with approved booths of demo companies,
//! their vacancies and interview slots, and the first demo seeker holding a ticket and a booked slot; and a
//! past online fair with check-ins, so its report shows figures.
use sqlx::{Any, Transaction};

use crate::{
    core::calendar::{self, format_date},
    features::fairs::seeker::new_ticket_code,
};

const DAY_MS: i64 = 86_400_000;

struct DemoFair {
    name: &'static str,
    description: &'static str,
    kind: &'static str,
    venue: &'static str,
    start_offset: i64,
    status: &'static str,
    capacity: i64,
}

const UPCOMING: DemoFair = DemoFair {
    name: "Job Fair Kabupaten Tangerang 2026",
    description: "Bursa kerja hibrida Disnaker Kabupaten Tangerang: datang ke Gedung Serbaguna Tigaraksa atau ikuti \
                  wawancara daring. Daftar untuk mendapat tiket, lalu pesan jadwal wawancara di stan perusahaan \
                  supaya tidak perlu antre.",
    kind: "hybrid",
    venue: "Gedung Serbaguna Pemkab Tangerang, Tigaraksa",
    start_offset: 21,
    status: "published",
    capacity: 3000,
};

const PAST: DemoFair = DemoFair {
    name: "Bursa Kerja Virtual Oktober 2026",
    description: "Bursa kerja daring untuk lulusan SMK dan D3 dengan wawancara melalui panggilan video.",
    kind: "online",
    venue: "",
    start_offset: -40,
    status: "closed",
    capacity: 1000,
};

async fn insert_fair(
    tx: &mut Transaction<'static, Any>,
    fair: &DemoFair,
    officer: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let today = calendar::wib_date(now);
    let day = |offset: i64| format_date(today + time::Duration::days(offset));
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO job_fairs (name, description, kind, venue, map_url, starts_on, ends_on, opens_at, closes_at, \
         registration_opens_on, registration_closes_on, capacity, status, created_by, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '08:00', '16:00', $8, $9, $10, $11, $12, $13, $13) RETURNING id",
    )
    .bind(fair.name)
    .bind(fair.description)
    .bind(fair.kind)
    .bind(fair.venue)
    .bind((fair.kind != "online").then_some("https://maps.google.com/?q=Tigaraksa"))
    .bind(day(fair.start_offset))
    .bind(day(fair.start_offset + 1))
    .bind(day(fair.start_offset - 24))
    .bind(day(fair.start_offset - 1))
    .bind(fair.capacity)
    .bind(fair.status)
    .bind(officer)
    .bind(now - 30 * DAY_MS)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// An approved booth with up to three of the company's vacancies; returns its id.
async fn insert_booth(
    tx: &mut Transaction<'static, Any>,
    fair_id: i64,
    company_id: i64,
    requested_by: i64,
    officer: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO fair_booths (fair_id, company_id, status, description, contact_hours, requested_by, created_at_ms, \
         decided_by, decided_at_ms) VALUES ($1, $2, 'approved', $3, '08.30–15.30 WIB', $4, $5, $6, $5) RETURNING id",
    )
    .bind(fair_id)
    .bind(company_id)
    .bind("Temui tim rekrutmen kami: wawancara langsung di stan atau lewat panggilan video. Bawa CV dan kartu AK-1.")
    .bind(requested_by)
    .bind(now - 20 * DAY_MS)
    .bind(officer)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO fair_booth_vacancies (booth_id, vacancy_id) SELECT $1, id FROM vacancies \
         WHERE company_id = $2 AND status = 'published' ORDER BY id LIMIT 3",
    )
    .bind(id)
    .bind(company_id)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Loads both demo fairs; returns the number of fairs.
pub async fn insert_demo_fairs(
    tx: &mut Transaction<'static, Any>,
    company_ids: &[i64],
    now: i64,
) -> Result<usize, sqlx::Error> {
    let account = |email: &'static str| {
        sqlx::query_as::<_, (i64,)>("SELECT id FROM accounts WHERE email = $1").bind(email)
    };
    let (officer,) = account("petugas@demo.dnaker.id")
        .fetch_one(&mut **tx)
        .await?;
    let (hrd,) = account("hrd@demo.dnaker.id").fetch_one(&mut **tx).await?;
    let (seeker,) = account("pencaker1@demo.dnaker.id")
        .fetch_one(&mut **tx)
        .await?;
    let today = calendar::wib_date(now);
    let first_day = format_date(today + time::Duration::days(UPCOMING.start_offset));

    let fair = insert_fair(tx, &UPCOMING, officer, now).await?;
    let mut first_slot = None;
    for &company_id in company_ids.iter().take(4) {
        let booth = insert_booth(tx, fair, company_id, hrd, officer, now).await?;
        for minute in (0..180).step_by(15) {
            let starts_at = format!("{first_day} {:02}:{:02}", 9 + minute / 60, minute % 60);
            let (slot,): (i64,) = sqlx::query_as(
                "INSERT INTO booth_slots (booth_id, starts_at, minutes, capacity, video_url) \
                 VALUES ($1, $2, 15, 3, 'https://meet.jit.si/dnaker-demo') RETURNING id",
            )
            .bind(booth)
            .bind(starts_at)
            .fetch_one(&mut **tx)
            .await?;
            first_slot.get_or_insert((booth, slot));
        }
    }
    sqlx::query(
        "INSERT INTO fair_registrations (fair_id, seeker_account_id, ticket_code, created_at_ms) VALUES ($1, $2, $3, $4)",
    )
    .bind(fair)
    .bind(seeker)
    .bind(new_ticket_code())
    .bind(now - DAY_MS)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE job_fairs SET registered = 1 WHERE id = $1")
        .bind(fair)
        .execute(&mut **tx)
        .await?;
    if let Some((booth, slot)) = first_slot {
        sqlx::query(
            "INSERT INTO slot_bookings (slot_id, booth_id, seeker_account_id, status, created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, 'booked', $4, $4)",
        )
        .bind(slot)
        .bind(booth)
        .bind(seeker)
        .bind(now - DAY_MS)
        .execute(&mut **tx)
        .await?;
        sqlx::query("UPDATE booth_slots SET booked = 1 WHERE id = $1")
            .bind(slot)
            .execute(&mut **tx)
            .await?;
    }

    // The past fair: the demo seekers came (checked in at 09:10 and 10:40 WIB on its first day).
    let past = insert_fair(tx, &PAST, officer, now).await?;
    let booth = insert_booth(tx, past, company_ids[0], hrd, officer, now).await?;
    let past_day = today + time::Duration::days(PAST.start_offset);
    let midnight_wib_ms = past_day.midnight().assume_utc().unix_timestamp() * 1000 - 7 * 3_600_000;
    let visitors: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM accounts WHERE email LIKE 'pencaker%@demo.dnaker.id' ORDER BY id",
    )
    .fetch_all(&mut **tx)
    .await?;
    for (index, (visitor,)) in visitors.iter().enumerate() {
        let checked_in = midnight_wib_ms + (9 * 60 + 10 + 90 * index as i64) * 60_000;
        let (registration,): (i64,) = sqlx::query_as(
            "INSERT INTO fair_registrations (fair_id, seeker_account_id, ticket_code, created_at_ms, checked_in_at_ms, \
             checked_in_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(past)
        .bind(visitor)
        .bind(new_ticket_code())
        .bind(checked_in - 10 * DAY_MS)
        .bind(checked_in)
        .bind(officer)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO booth_visits (booth_id, registration_id, at_ms) VALUES ($1, $2, $3)",
        )
        .bind(booth)
        .bind(registration)
        .bind(checked_in + 20 * 60_000)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE job_fairs SET registered = $1 WHERE id = $2")
        .bind(visitors.len() as i64)
        .bind(past)
        .execute(&mut **tx)
        .await?;
    Ok(2)
}
