//! The `dnaker` command: serve (default), migrate, seed-demo, create-admin, backup. Part of the composition
//! root (with `wiring`): it starts the server's tasks and calls into features (demo data, the first admin,
//! the privacy migration).
use std::{io::BufRead, path::PathBuf, time::Duration};

use axum::serve::ListenerExt;
use clap::{Parser, Subcommand};

use crate::{
    server::{config::Config, db::Db, secrets::SecretKey, state::AppState, telemetry},
    wiring,
};

#[derive(Parser)]
#[command(
    name = "dnaker",
    version,
    about = "d'naker DIGI — labour-services portal of Disnaker Kabupaten Tangerang"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default). Migrates the database first; starts even while it is down.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo data (companies, vacancies, one account per role); does nothing if already loaded.
    /// With `--scale N`, also add synthetic data: 20·N companies, 1,000·N vacancies, 2,000·N job seekers.
    SeedDemo {
        #[arg(long)]
        scale: Option<u32>,
    },
    /// Create an administrator account. The password is read from standard input (one line).
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Write a consistent copy of the database. SQLite: `VACUUM INTO` FILE. PostgreSQL: prints the
    /// `pg_dump` command to use instead (a dump needs the server's own tool).
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub async fn run() -> Result<(), BoxError> {
    let cli = Cli::parse();
    let config = Config::load()?;
    telemetry::init(&config.server.log_format);
    std::fs::create_dir_all(&config.server.data_dir)?;
    let db = Db::connect_lazy(&config.database_url())?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config, db).await,
        Command::Migrate => {
            db.migrate().await?;
            println!("migrations applied ({})", db.backend.name());
            Ok(())
        }
        Command::SeedDemo { scale } => {
            db.migrate().await?;
            let secret = SecretKey::load_or_generate(
                std::env::var("DNAKER_SECRET_KEY").ok(),
                &config.server.data_dir,
            )?;
            let pii = crate::server::pii::PiiCipher::from_secret(&secret);
            crate::features::demo::seed::seed_demo(&db, &pii)
                .await?
                .print();
            let storage = crate::server::storage::Storage::from_config(&config)?;
            crate::features::demo::obligations::store_demo_documents(&db, &storage).await?;
            if let Some(scale) = scale {
                crate::features::demo::scale::seed_scale(&db, &pii, scale, true)
                    .await?
                    .print();
            }
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            db.migrate().await?;
            let password = read_password()?;
            let id = crate::features::accounts::admin::create_admin(&db, &email, &name, &password)
                .await?;
            println!("admin account {id} created for {email}");
            Ok(())
        }
        Command::Backup { to } => crate::server::backup::backup(&db, &config, &to).await,
    }
}

fn read_password() -> Result<String, BoxError> {
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprint!("Password (input is shown; pipe it in to avoid that): ");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn serve(config: Config, db: Db) -> Result<(), BoxError> {
    let secret = SecretKey::load_or_generate(
        std::env::var("DNAKER_SECRET_KEY").ok(),
        &config.server.data_dir,
    )?;
    let addr = config.site_addr()?;
    let seed_demo = config.server.seed_demo_on_empty;
    let state = AppState::new(config, db, secret)?;
    tokio::spawn(prepare_database(state.clone(), seed_demo));
    tokio::spawn(crate::server::mail::run_sender(state.clone()));
    tokio::spawn(clean_up_sessions(state.clone()));
    tokio::spawn(crate::server::jobs::run_scheduler(
        state.clone(),
        wiring::jobs(),
    ));

    // A response can go out in several writes (a streamed download, a page of more than one chunk);
    // without TCP_NODELAY the last one waits for the client's delayed ACK (40 ms per signed-in page on Linux
    // when pages were streamed).
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "TCP_NODELAY not set");
        }
    });
    tracing::info!(%addr, backend = state.db.backend.name(), "d'naker DIGI listening");
    let app = wiring::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Migrates (and seeds demo data when asked), retrying while the database is unreachable, then
/// marks the instance ready. The server keeps answering `/healthz` meanwhile.
async fn prepare_database(state: AppState, seed_demo: bool) {
    let mut delay = Duration::from_millis(500);
    loop {
        match state.db.migrate().await {
            Ok(()) => break,
            Err(error) => {
                tracing::warn!(%error, retry_in_ms = delay.as_millis() as u64, "database not ready");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(15));
            }
        }
    }
    if let Err(error) =
        crate::features::accounts::privacy::encrypt_plain_nik_corrections(&state.db, &state.pii)
            .await
    {
        tracing::error!(%error, "NIK correction values could not be encrypted");
    }
    if seed_demo {
        match crate::features::demo::seed::seed_if_empty(&state.db, &state.pii).await {
            Ok(Some(report)) => report.print(),
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "demo data could not be loaded"),
        }
        if let Err(error) =
            crate::features::demo::obligations::store_demo_documents(&state.db, &state.storage)
                .await
        {
            tracing::error!(%error, "demo files could not be stored");
        }
    }
    state.mark_migrated();
    tracing::info!("database ready");
}

/// Expired sessions are never loaded again; removing them keeps the table small.
async fn clean_up_sessions(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        if !state.is_migrated() {
            continue;
        }
        if let Err(error) =
            crate::server::session::delete_expired(&state.db, state.clock.now_ms()).await
        {
            tracing::warn!(%error, "session clean-up");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing open requests");
}
