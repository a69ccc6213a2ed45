//! QR codes for web pages: one SVG path, so a ticket or booth screen shows a sharp code at any size
//! without images or inline styles.
use qrcode::{Color, QrCode};

use crate::core::qr::QrSvg;

/// Modules of quiet zone around the code, as scanners expect.
const QUIET: usize = 4;

pub fn svg(text: &str) -> Result<QrSvg, qrcode::types::QrError> {
    let code = QrCode::new(text.as_bytes())?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    // One rectangle per horizontal run of dark modules keeps the path short.
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
            path.push_str(&format!("M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET));
            x += run;
        }
    }
    Ok(QrSvg {
        size: (width + 2 * QUIET) as u32,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_a_square_path_with_its_quiet_zone() {
        let qr =
            svg("https://dnaker.example/petugas/bursa-kerja/pindai?kode=K7Q2M9XPAB").expect("qr");
        assert!(qr.size >= 21 + 8);
        assert!(qr.path.starts_with('M'));
        assert!(qr.path.matches('z').count() > 20);
    }
}
