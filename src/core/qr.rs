//! A QR code as pages draw it (made on the server by `server::qr`, shown by both targets).
use serde::{Deserialize, Serialize};

/// A QR code drawn as one SVG path over a `size`×`size` grid (quiet zone included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrSvg {
    pub size: u32,
    pub path: String,
}
