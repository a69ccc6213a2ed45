//! Runtime configuration: defaults, then `Leptos.toml`, then environment variables.
use std::{net::SocketAddr, path::PathBuf};

use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct ServerSection {
    pub site_addr: String,
    pub site_root: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: String,
    pub body_limit_bytes: usize,
    pub log_format: String,
    pub seed_demo_on_empty: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_proxy: bool,
    /// How many proxies of ours append to `X-Forwarded-For`: the client is that many hops from the right
    /// (`DNAKER_TRUST_PROXY=2` for a CDN in front of the proxy). Hops further left are the client's own
    /// say and never trusted.
    pub trusted_proxies: usize,
    /// Sign-ups from one address per hour before the back-off starts. A job fair's wifi, or a mobile
    /// network that puts many phones behind one address, needs more than the default.
    pub sign_ups_per_address: i64,
    /// How long a public page is kept for anonymous visitors (`server::page_cache`); 0 keeps none.
    pub page_cache_seconds: u64,
}

impl Default for ServerSection {
    fn default() -> Self {
        ServerSection {
            site_addr: "127.0.0.1:3000".into(),
            site_root: "target/site".into(),
            data_dir: PathBuf::from(".dnaker"),
            database_url: String::new(),
            public_url: "http://127.0.0.1:3000".into(),
            body_limit_bytes: 2 * 1024 * 1024,
            log_format: "pretty".into(),
            seed_demo_on_empty: false,
            trust_proxy: false,
            trusted_proxies: 1,
            sign_ups_per_address: 10,
            page_cache_seconds: 10,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct MailSection {
    pub transport: String,
    pub smtp_url: String,
    pub from: String,
}

impl Default for MailSection {
    fn default() -> Self {
        MailSection {
            transport: "file".into(),
            smtp_url: String::new(),
            from: "d'naker DIGI <noreply@disnaker.tangerangkab.go.id>".into(),
        }
    }
}

/// Uploaded files: `local` (the data dir) or `s3` (an S3-compatible bucket shared by every instance).
#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct StorageSection {
    pub backend: String,
    pub s3_endpoint: String,
    pub s3_bucket: String,
    pub s3_region: String,
    pub s3_prefix: String,
    pub s3_access_key_id: String,
    pub s3_secret_access_key: String,
}

impl Default for StorageSection {
    fn default() -> Self {
        StorageSection {
            backend: "local".into(),
            s3_endpoint: String::new(),
            s3_bucket: String::new(),
            s3_region: "us-east-1".into(),
            s3_prefix: String::new(),
            s3_access_key_id: String::new(),
            s3_secret_access_key: String::new(),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Config {
    pub server: ServerSection,
    pub mail: MailSection,
    pub storage: StorageSection,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {source}")]
    Parse {
        path: String,
        source: Box<toml::de::Error>,
    },
    #[error("{name} is not valid: {value:?}")]
    BadValue { name: &'static str, value: String },
}

impl Config {
    /// Loads `DNAKER_CONFIG` (or `./Leptos.toml` when present) and applies the environment on top.
    pub fn load() -> Result<Config, ConfigError> {
        let explicit = std::env::var("DNAKER_CONFIG").ok();
        let path = explicit.clone().unwrap_or_else(|| "Leptos.toml".into());
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => Config::from_toml(&text, &path)?,
            Err(e) if explicit.is_none() && e.kind() == std::io::ErrorKind::NotFound => {
                Config::default()
            }
            Err(source) => return Err(ConfigError::Read { path, source }),
        };
        config.apply_env(|name| std::env::var(name).ok())?;
        Ok(config)
    }

    pub fn from_toml(text: &str, path: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|source| ConfigError::Parse {
            path: path.into(),
            source: Box::new(source),
        })
    }

    /// Environment variables win over the file; `env` is a parameter so tests need not touch the process.
    pub fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let server = &mut self.server;
        if let Some(v) = env("LEPTOS_SITE_ADDR") {
            server.site_addr = v;
        }
        if let Some(v) = env("LEPTOS_SITE_ROOT") {
            server.site_root = v;
        }
        if let Some(v) = env("DNAKER_DATA_DIR") {
            server.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("DATABASE_URL") {
            server.database_url = v;
        }
        if let Some(v) = env("DNAKER_PUBLIC_URL") {
            server.public_url = v;
        }
        if let Some(v) = env("DNAKER_BODY_LIMIT") {
            server.body_limit_bytes = v.parse().map_err(|_| ConfigError::BadValue {
                name: "DNAKER_BODY_LIMIT",
                value: v,
            })?;
        }
        if let Some(v) = env("DNAKER_LOG_FORMAT") {
            server.log_format = v;
        }
        if let Some(v) = env("DNAKER_SEED_DEMO") {
            server.seed_demo_on_empty = matches!(v.as_str(), "1" | "true" | "yes");
        }
        if let Some(v) = env("DNAKER_TRUST_PROXY") {
            server.trust_proxy = matches!(v.as_str(), "1" | "true" | "yes");
            if let Ok(hops) = v.parse::<usize>() {
                server.trust_proxy = hops > 0;
                server.trusted_proxies = hops.max(1);
            }
        }
        if let Some(v) = env("DNAKER_SIGN_UPS_PER_ADDRESS") {
            server.sign_ups_per_address =
                v.parse()
                    .ok()
                    .filter(|n: &i64| *n > 0)
                    .ok_or(ConfigError::BadValue {
                        name: "DNAKER_SIGN_UPS_PER_ADDRESS",
                        value: v,
                    })?;
        }
        if let Some(v) = env("DNAKER_PAGE_CACHE_SECONDS") {
            server.page_cache_seconds = v.parse().map_err(|_| ConfigError::BadValue {
                name: "DNAKER_PAGE_CACHE_SECONDS",
                value: v,
            })?;
        }
        if let Some(v) = env("DNAKER_MAIL_TRANSPORT") {
            self.mail.transport = v;
        }
        if let Some(v) = env("DNAKER_SMTP_URL") {
            self.mail.smtp_url = v;
        }
        if let Some(v) = env("DNAKER_MAIL_FROM") {
            self.mail.from = v;
        }
        let storage = &mut self.storage;
        for (name, field) in [
            ("DNAKER_STORAGE", &mut storage.backend),
            ("DNAKER_S3_ENDPOINT", &mut storage.s3_endpoint),
            ("DNAKER_S3_BUCKET", &mut storage.s3_bucket),
            ("DNAKER_S3_REGION", &mut storage.s3_region),
            ("DNAKER_S3_PREFIX", &mut storage.s3_prefix),
            ("DNAKER_S3_ACCESS_KEY_ID", &mut storage.s3_access_key_id),
            (
                "DNAKER_S3_SECRET_ACCESS_KEY",
                &mut storage.s3_secret_access_key,
            ),
        ] {
            if let Some(v) = env(name) {
                *field = v;
            }
        }
        self.validate()
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.site_addr()?;
        if !matches!(self.server.log_format.as_str(), "pretty" | "json") {
            return Err(ConfigError::BadValue {
                name: "log_format",
                value: self.server.log_format.clone(),
            });
        }
        match self.storage.backend.as_str() {
            "local" => {}
            "s3" if !self.storage.s3_bucket.is_empty() => {}
            _ => {
                return Err(ConfigError::BadValue {
                    name: "storage.backend (s3 needs s3_bucket)",
                    value: self.storage.backend.clone(),
                });
            }
        }
        if !matches!(self.mail.transport.as_str(), "file" | "smtp") {
            return Err(ConfigError::BadValue {
                name: "mail.transport",
                value: self.mail.transport.clone(),
            });
        }
        Ok(())
    }

    pub fn site_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.server
            .site_addr
            .parse()
            .map_err(|_| ConfigError::BadValue {
                name: "LEPTOS_SITE_ADDR",
                value: self.server.site_addr.clone(),
            })
    }

    /// `DATABASE_URL` when given, else the SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        if self.server.database_url.trim().is_empty() {
            crate::server::db::sqlite_url_in(&self.server.data_dir)
        } else {
            self.server.database_url.trim().to_owned()
        }
    }

    /// Cookies get `Secure` and the `__Host-` prefix when the portal is reached over HTTPS.
    pub fn https(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }

    pub fn leptos_options(&self) -> leptos::config::LeptosOptions {
        leptos::config::LeptosOptions::builder()
            .output_name("dnaker")
            .site_root(self.server.site_root.clone())
            .site_pkg_dir("pkg")
            .hash_files(asset_hashes_present())
            .site_addr(
                self.site_addr()
                    .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 3000))),
            )
            .build()
    }
}

/// cargo-leptos writes `hash.txt` beside the binary it builds; Leptos reads the hashed asset names from
/// it. Binaries built without it (tests, `cargo build`) link the unhashed names.
fn asset_hashes_present() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").is_file()))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_the_file() {
        let mut config =
            Config::from_toml("[server]\nsite_addr = \"0.0.0.0:8080\"\n", "t").expect("valid");
        assert_eq!(config.server.site_addr, "0.0.0.0:8080");
        assert!(config.database_url().starts_with("sqlite://"));
        config
            .apply_env(|name| (name == "DATABASE_URL").then(|| "postgres://db/dnaker".to_owned()))
            .expect("valid");
        assert_eq!(config.database_url(), "postgres://db/dnaker");
        assert_eq!(config.server.site_addr, "0.0.0.0:8080");
    }

    #[test]
    fn bad_values_are_refused_with_their_name() {
        let mut config = Config::default();
        let err = config
            .apply_env(|name| (name == "LEPTOS_SITE_ADDR").then(|| "nowhere".to_owned()))
            .expect_err("refused");
        assert!(err.to_string().contains("LEPTOS_SITE_ADDR"));
        assert!(Config::from_toml("[server]\nbody_limit_bytes = \"big\"", "t").is_err());
    }

    #[test]
    fn the_page_cache_lifetime_is_configurable_and_zero_turns_it_off() {
        let mut config = Config::default();
        assert_eq!(config.server.page_cache_seconds, 10);
        config
            .apply_env(|name| (name == "DNAKER_PAGE_CACHE_SECONDS").then(|| "0".to_owned()))
            .expect("zero is allowed");
        assert_eq!(config.server.page_cache_seconds, 0);
        let err = Config::default()
            .apply_env(|name| (name == "DNAKER_PAGE_CACHE_SECONDS").then(|| "-1".to_owned()))
            .expect_err("refused");
        assert!(err.to_string().contains("DNAKER_PAGE_CACHE_SECONDS"));
    }

    #[test]
    fn the_sign_up_allowance_per_address_is_configurable_and_positive() {
        let mut config = Config::default();
        assert_eq!(config.server.sign_ups_per_address, 10);
        config
            .apply_env(|name| (name == "DNAKER_SIGN_UPS_PER_ADDRESS").then(|| "500".to_owned()))
            .expect("valid");
        assert_eq!(config.server.sign_ups_per_address, 500);
        let err = Config::default()
            .apply_env(|name| (name == "DNAKER_SIGN_UPS_PER_ADDRESS").then(|| "0".to_owned()))
            .expect_err("refused");
        assert!(err.to_string().contains("DNAKER_SIGN_UPS_PER_ADDRESS"));
    }

    #[test]
    fn the_shipped_leptos_toml_parses() {
        let text = include_str!("../../Leptos.toml");
        let config = Config::from_toml(text, "Leptos.toml").expect("valid");
        assert_eq!(config.server.site_addr, "127.0.0.1:3000");
        assert_eq!(config.mail.transport, "file");
    }
}
