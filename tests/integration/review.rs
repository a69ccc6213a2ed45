//! The one decision flow (`server::review`): the guarded transition lets exactly one decision through,
//! and a finished decision leaves its audit event; a refused claim leaves nothing.
use axum::http::Request;
use dnaker::{
    core::error::AppError,
    server::{authz::RequestCtx, review},
};

use crate::common::TestApp;

on_both_backends!(
    a_second_claim_is_told_it_was_already_reviewed,
    |app: TestApp| async move {
        let pool = &app.state.db.pool;
        sqlx::query("CREATE TABLE review_probe (id BIGINT PRIMARY KEY, status TEXT NOT NULL)")
            .execute(pool)
            .await
            .expect("probe table");
        sqlx::query("INSERT INTO review_probe (id, status) VALUES (1, 'waiting')")
            .execute(pool)
            .await
            .expect("probe row");
        let (parts, ()) = Request::get("/").body(()).expect("request").into_parts();
        let ctx = RequestCtx::from_parts(app.state.clone(), &parts)
            .await
            .expect("context");
        let decide = || async {
            let mut tx = ctx.state.db.begin_write().await?;
            review::claim(
                &mut tx,
                sqlx::query(
                    "UPDATE review_probe SET status = 'approved' WHERE id = $1 AND status = 'waiting'",
                )
                .bind(1_i64),
            )
            .await?;
            review::finish(
                tx,
                Vec::new(),
                ctx.audit("probe.decide", "review_probe", Some("1".into())),
            )
            .await
        };
        decide().await.expect("the first decision");
        assert_eq!(
            decide().await,
            Err(AppError::Conflict("err_already_reviewed".into()))
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'probe.decide'")
                .await,
            1,
            "one audit event: the refused claim recorded nothing"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM review_probe WHERE status = 'approved'")
                .await,
            1
        );
    }
);
