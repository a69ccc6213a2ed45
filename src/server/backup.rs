//! `dnaker backup --to FILE`.
use std::path::Path;

use crate::server::{
    config::Config,
    db::{Backend, Db},
};

pub async fn backup(
    db: &Db,
    config: &Config,
    to: &Path,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    match db.backend {
        Backend::Sqlite => {
            if to.exists() {
                return Err(format!("{} exists already; choose a new file", to.display()).into());
            }
            // VACUUM INTO writes a consistent, compacted copy while the portal keeps running.
            sqlx::query("VACUUM INTO $1")
                .bind(to.display().to_string())
                .execute(&db.pool)
                .await?;
            println!("backup written to {}", to.display());
            Ok(())
        }
        Backend::Postgres => {
            let url = config.database_url();
            Err(format!(
                "PostgreSQL backups are made with the server's own tool, e.g.\n  pg_dump --format=custom --file {} '{}'\n\
                 and restored with pg_restore. Schedule it (or use continuous archiving) on the database host.",
                to.display(),
                redact_password(&url)
            )
            .into())
        }
    }
}

fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_hidden_from_the_printed_command() {
        assert_eq!(
            super::redact_password("postgres://app:s3cret@db:5432/dnaker"),
            "postgres://app:***@db:5432/dnaker"
        );
        assert_eq!(
            super::redact_password("postgres://db/dnaker"),
            "postgres://db/dnaker"
        );
    }
}
