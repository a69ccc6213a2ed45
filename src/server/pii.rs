//! Personal data at rest: NIKs are encrypted (AES-256-GCM) and indexed by a keyed hash (HMAC-SHA-256),
//! both keys derived from the server secret with HKDF, so a copy of the database file alone reveals no NIK.
use aes_gcm::{
    Aes256Gcm, KeyInit, Nonce,
    aead::{Aead, AeadCore, OsRng},
};
use base64::{Engine as _, engine::general_purpose::STANDARD};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::server::secrets::SecretKey;

const NONCE_LEN: usize = 12;

#[derive(Clone)]
pub struct PiiCipher {
    aead: Aes256Gcm,
    index_key: [u8; 32],
}

impl std::fmt::Debug for PiiCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PiiCipher(..)")
    }
}

#[derive(Debug, thiserror::Error)]
#[error("personal data could not be encrypted or decrypted (wrong secret key or damaged row)")]
pub struct PiiError;

impl PiiCipher {
    pub fn from_secret(secret: &SecretKey) -> PiiCipher {
        let hkdf = Hkdf::<Sha256>::new(Some(b"dnaker-pii-v1"), secret.bytes());
        let mut encryption_key = [0u8; 32];
        let mut index_key = [0u8; 32];
        // Both outputs are 32 bytes, far below HKDF-SHA-256's limit, so expansion cannot fail.
        let _ = hkdf.expand(b"nik encryption", &mut encryption_key);
        let _ = hkdf.expand(b"nik blind index", &mut index_key);
        PiiCipher {
            aead: Aes256Gcm::new(&encryption_key.into()),
            index_key,
        }
    }

    /// `base64(nonce ‖ ciphertext)`, with a fresh random nonce each time.
    pub fn encrypt(&self, plaintext: &str) -> Result<String, PiiError> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ciphertext = self
            .aead
            .encrypt(&nonce, plaintext.as_bytes())
            .map_err(|_| PiiError)?;
        let mut stored = nonce.to_vec();
        stored.extend_from_slice(&ciphertext);
        Ok(STANDARD.encode(stored))
    }

    pub fn decrypt(&self, stored: &str) -> Result<String, PiiError> {
        let bytes = STANDARD.decode(stored).map_err(|_| PiiError)?;
        if bytes.len() <= NONCE_LEN {
            return Err(PiiError);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let plaintext = self
            .aead
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| PiiError)?;
        String::from_utf8(plaintext).map_err(|_| PiiError)
    }

    /// A deterministic keyed hash (hex) for unique indexes and look-ups by NIK.
    pub fn blind_index(&self, value: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.index_key)
            .expect("HMAC takes keys of any length");
        mac.update(value.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// SHA-256 (hex) of a random token: what the database keeps instead of the token itself.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A URL-safe random token with 256 bits of entropy.
pub fn new_token() -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cipher(byte: u8) -> PiiCipher {
        let dir = tempfile::tempdir().expect("tempdir");
        let secret = SecretKey::load_or_generate(Some(STANDARD.encode([byte; 32])), dir.path())
            .expect("secret");
        PiiCipher::from_secret(&secret)
    }

    #[test]
    fn encryption_round_trips_and_hides_the_value() {
        let c = cipher(1);
        let stored = c.encrypt("3603011508950001").expect("encrypts");
        assert!(!stored.contains("3603011508950001"));
        assert_ne!(
            stored,
            c.encrypt("3603011508950001").expect("encrypts"),
            "fresh nonce every time"
        );
        assert_eq!(c.decrypt(&stored).expect("decrypts"), "3603011508950001");
        assert!(
            cipher(2).decrypt(&stored).is_err(),
            "another key cannot read it"
        );
        assert!(c.decrypt("garbage").is_err());
    }

    #[test]
    fn the_blind_index_is_stable_and_keyed() {
        assert_eq!(
            cipher(1).blind_index("3603011508950001"),
            cipher(1).blind_index("3603011508950001")
        );
        assert_ne!(
            cipher(1).blind_index("3603011508950001"),
            cipher(2).blind_index("3603011508950001")
        );
        assert_eq!(token_hash("abc").len(), 64);
        assert_ne!(new_token(), new_token());
    }
}
