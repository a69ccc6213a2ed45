//! The server secret (signing keys, keyed hashes). Never hard-coded: taken from `DNAKER_SECRET_KEY`,
//! else read from `data_dir/secret.key`, else generated there on first start (and logged that it was).
use std::{io::Write, path::Path};

use base64::{Engine as _, engine::general_purpose::STANDARD};
use rand::RngCore;

/// At least 32 bytes of key material.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("DNAKER_SECRET_KEY or secret.key must be base64 of at least 32 bytes")]
    TooShort,
    #[error("cannot read or write the secret file {0}: {1}")]
    Io(String, std::io::Error),
}

impl SecretKey {
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    fn decode(text: &str) -> Result<SecretKey, SecretError> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| SecretError::TooShort)?;
        if bytes.len() < 32 {
            return Err(SecretError::TooShort);
        }
        Ok(SecretKey(bytes))
    }

    pub fn load_or_generate(
        env_value: Option<String>,
        data_dir: &Path,
    ) -> Result<SecretKey, SecretError> {
        if let Some(value) = env_value.filter(|v| !v.trim().is_empty()) {
            return SecretKey::decode(&value);
        }
        let path = data_dir.join("secret.key");
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => SecretKey::decode(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut bytes = vec![0u8; 32];
                rand::rng().fill_bytes(&mut bytes);
                write_private(&path, STANDARD.encode(&bytes).as_bytes())
                    .map_err(|e| SecretError::Io(shown.clone(), e))?;
                tracing::warn!(path = %shown, "no DNAKER_SECRET_KEY set: generated a new secret key file; keep it safe and back it up");
                Ok(SecretKey(bytes))
            }
            Err(e) => Err(SecretError::Io(shown, e)),
        }
    }
}

/// Writes a file only its owner can read.
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_kept_and_reused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = SecretKey::load_or_generate(None, dir.path()).expect("generated");
        let second = SecretKey::load_or_generate(None, dir.path()).expect("read back");
        assert_eq!(first.bytes(), second.bytes());
        assert_eq!(first.bytes().len(), 32);
    }

    #[test]
    fn a_short_environment_key_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(SecretKey::load_or_generate(Some(STANDARD.encode([1u8; 8])), dir.path()).is_err());
        let key =
            SecretKey::load_or_generate(Some(STANDARD.encode([7u8; 32])), dir.path()).expect("ok");
        assert_eq!(key.bytes(), &[7u8; 32]);
    }
}
