//! Staff reads of a person's record (issue 20, defect 10): a role alone is not enough. A relation the
//! system knows (here: the person's AK-1 waiting in the officer queue) or a typed reason is required,
//! stored in the audit log, and shown on the person's "who accessed my data" page.
use axum::http::StatusCode;
use dnaker::features::{
    accounts::api::{LoadMyDataAccess, OfficerViewSeeker},
    ak1::api::{ApplyAk1, SaveProfile},
};
use leptos::server_fn::ServerFn;

use crate::{
    ak1::{PNG, PROFILE},
    common::{
        TestApp,
        matrix::{self, Actor},
    },
};

const REASON: &str = "Pengaduan nomor 17 lewat telepon";

/// Stores a photo for `seeker` directly (the upload route is tested elsewhere).
async fn give_photo(app: &TestApp, seeker: i64) {
    let key = format!("seekers/{seeker}/photo-test");
    app.state.storage.put(&key, PNG).await.expect("put");
    sqlx::query(
        "INSERT INTO seeker_files (account_id, kind, storage_key, content_type, size_bytes, uploaded_at_ms) \
         VALUES ($1, 'photo', $2, 'image/png', $3, 1)",
    )
    .bind(seeker)
    .bind(&key)
    .bind(PNG.len() as i64)
    .execute(&app.db().pool)
    .await
    .expect("file row");
}

async fn reads_of(app: &TestApp, seeker: i64) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT action, detail FROM audit_log WHERE subject_account_id = $1 \
         AND action IN ('seeker.read', 'seeker_file.read') ORDER BY id",
    )
    .bind(seeker)
    .fetch_all(&app.db().pool)
    .await
    .expect("reads")
}

on_both_backends!(
    staff_reads_need_a_relation_or_a_stated_reason,
    |app: TestApp| async move {
        // Seeker B has no AK-1, no counter consent and no correction request: no relation.
        let f = matrix::fixture(&app).await;
        give_photo(&app, f.seeker_b).await;
        let b = f.seeker_b.to_string();
        let mut officer = matrix::signed_in(&app, Actor::Officer, "10.21.0.1").await;

        let bare = officer
            .post(OfficerViewSeeker::PATH, &[("account_id", b.as_str())])
            .await;
        assert_eq!(
            bare.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            bare.body
        );
        assert!(
            bare.body.contains("err_access_reason_required"),
            "{}",
            bare.body
        );
        assert!(!bare.body.contains("3603011508950002"));
        let short = officer
            .post(
                OfficerViewSeeker::PATH,
                &[("account_id", b.as_str()), ("reason", "cek")],
            )
            .await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("err_access_reason"), "{}", short.body);
        let photo_path = format!("/petugas/pencaker/{b}/berkas/photo");
        let file = officer.get(&photo_path).await;
        assert_eq!(file.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            file.body.contains("alasan"),
            "the field's message: {}",
            file.body
        );
        assert!(
            reads_of(&app, f.seeker_b).await.is_empty(),
            "refused reads read nothing"
        );

        // With a reason: allowed, audited with the reason, shown to the person.
        let record = officer
            .post(
                OfficerViewSeeker::PATH,
                &[("account_id", b.as_str()), ("reason", REASON)],
            )
            .await;
        assert_eq!(record.status, StatusCode::OK, "{}", record.body);
        assert!(record.body.contains("3603011508950002"));
        let encoded = REASON.replace(' ', "%20");
        let file = officer.get(&format!("{photo_path}?alasan={encoded}")).await;
        assert_eq!(file.status, StatusCode::OK, "{}", file.body);
        let expected = format!("reason:{REASON}");
        assert_eq!(
            reads_of(&app, f.seeker_b).await,
            vec![
                ("seeker.read".to_owned(), expected.clone()),
                ("seeker_file.read".to_owned(), expected),
            ]
        );
        let mut seeker = matrix::signed_in(&app, Actor::SeekerB, "10.21.0.2").await;
        let access = seeker.post(LoadMyDataAccess::PATH, &[]).await;
        assert!(access.body.contains(REASON), "{}", access.body);

        // A relation the system knows (the AK-1 in the officer queue): no typing needed.
        assert_eq!(
            seeker.post(SaveProfile::PATH, &PROFILE).await.status,
            StatusCode::OK
        );
        assert_eq!(
            seeker.post(ApplyAk1::PATH, &[]).await.status,
            StatusCode::OK
        );
        let file = officer.get(&photo_path).await;
        assert_eq!(file.status, StatusCode::OK, "{}", file.body);
        let record = officer
            .post(OfficerViewSeeker::PATH, &[("account_id", b.as_str())])
            .await;
        assert_eq!(record.status, StatusCode::OK, "{}", record.body);
        let reads = reads_of(&app, f.seeker_b).await;
        assert_eq!(reads[2].1, "relation:ak1_queue");
        assert_eq!(reads[3].1, "relation:ak1_queue");
        let access = seeker.post(LoadMyDataAccess::PATH, &[]).await;
        assert!(
            access.body.contains("access_basis_ak1_queue"),
            "{}",
            access.body
        );
    }
);
