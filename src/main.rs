#[tokio::main]
async fn main() -> std::process::ExitCode {
    match dnaker::server::cli::run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dnaker: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
