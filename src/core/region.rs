//! The one regency this portal serves, in both spellings its codes use.

/// A regency (kabupaten) code as written in card numbers (`3603`) and in region codes (`36.03`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Regency {
    /// The code without the dot, as in `AK1/3603/2026/000123` and PKWT numbers.
    pub code: &'static str,
    /// The Kemendagri region code, the parent of the district codes (`36.03.xx`) and the UMK reference key.
    pub dotted: &'static str,
    pub name: &'static str,
}

/// Kabupaten Tangerang.
pub const REGENCY: Regency = Regency {
    code: "3603",
    dotted: "36.03",
    name: "Kabupaten Tangerang",
};

#[cfg(test)]
mod tests {
    use super::REGENCY;

    #[test]
    fn both_spellings_name_the_same_regency() {
        assert_eq!(REGENCY.dotted.replace('.', ""), REGENCY.code);
    }
}
