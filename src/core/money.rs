//! Money as whole integers: rupiah have no minor unit in practice, and USD (for the DKPTKA levy) is kept in
//! cents. Integers keep wage comparisons and sums exact, which floating point would not.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount in whole rupiah.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Rupiah(pub i64);

/// An amount in US cents.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct UsdCents(pub i64);

/// Digits of `n` in groups of three. `u64` so that `i64::MIN` has a magnitude.
fn group_thousands(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Rupiah {
    /// Indonesian style, as on payslips and the UMK decree: "Rp 5.210.377", "-Rp 1.000".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(
            f,
            "{sign}Rp {}",
            group_thousands(self.0.unsigned_abs(), '.')
        )
    }
}

impl fmt::Display for UsdCents {
    /// US style, since the levy is set in dollars: "USD 1,200.00", "-USD 0.50".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(
            f,
            "{sign}USD {}.{:02}",
            group_thousands(abs / 100, ','),
            abs % 100
        )
    }
}

/// Digits with either no separators or correct dot grouping ("5210377", "5.210.377"). Anything looser
/// ("5.21.0377", "5210.377") is refused, because in Indonesian a stray separator is as likely a typo as a
/// thousands mark, and a wage silently read as a thousand times too small is worse than a form error.
fn parse_grouped_digits(s: &str) -> Option<u64> {
    let groups: Vec<&str> = s.split('.').collect();
    let well_formed = groups.iter().enumerate().all(|(i, g)| {
        let len_ok = if groups.len() == 1 {
            !g.is_empty()
        } else if i == 0 {
            (1..=3).contains(&g.len())
        } else {
            g.len() == 3
        };
        len_ok && g.bytes().all(|b| b.is_ascii_digit())
    });
    if !well_formed {
        return None;
    }
    groups.iter().try_fold(0u64, |acc, g| {
        g.bytes().try_fold(acc, |acc, b| {
            acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        })
    })
}

impl Rupiah {
    /// Reads an amount as people type it: "5210377", "5.210.377", "Rp 5.210.377", "Rp5.210.377", "Rp. 5.210.377"
    /// (the "Rp" in any case), and a leading minus as [`Display`](fmt::Display) writes it. Decimals are refused: a comma is
    /// the Indonesian decimal mark and rupiah amounts here are whole. `None` on anything else or on overflow.
    pub fn parse(s: &str) -> Option<Rupiah> {
        let s = s.trim();
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let s = match s.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("rp") => {
                let rest = &s[2..];
                rest.strip_prefix('.').unwrap_or(rest).trim_start()
            }
            _ => s,
        };
        let magnitude = parse_grouped_digits(s)?;
        if negative {
            0i64.checked_sub_unsigned(magnitude).map(Rupiah)
        } else {
            i64::try_from(magnitude).ok().map(Rupiah)
        }
    }

    /// `self × num ÷ den`, rounded to the nearest rupiah with halves away from zero (so a negative amount rounds
    /// as the mirror of the positive one), e.g. PKWT compensation `wage.times_ratio(months, 12)`. The product is
    /// taken in `i128`, so it cannot overflow before the division. `None` if `den` is 0 or the result does not
    /// fit in an `i64`.
    pub fn checked_times_ratio(self, num: i64, den: i64) -> Option<Rupiah> {
        if den == 0 {
            return None;
        }
        let mut p = i128::from(self.0) * i128::from(num);
        let mut d = i128::from(den);
        if d < 0 {
            p = -p;
            d = -d;
        }
        let (q, r) = (p / d, p % d);
        let rounded = if 2 * r.abs() >= d { q + p.signum() } else { q };
        i64::try_from(rounded).ok().map(Rupiah)
    }

    /// [`checked_times_ratio`](Self::checked_times_ratio) for the everyday case.
    ///
    /// # Panics
    /// If `den` is 0, like integer division. A result beyond `i64` saturates; no real wage comes near that.
    pub fn times_ratio(self, num: i64, den: i64) -> Rupiah {
        assert!(den != 0, "Rupiah::times_ratio: zero denominator");
        self.checked_times_ratio(num, den).unwrap_or_else(|| {
            let negative = (self.0 < 0) != ((num < 0) != (den < 0));
            Rupiah(if negative { i64::MIN } else { i64::MAX })
        })
    }

    pub fn checked_add(self, other: Rupiah) -> Option<Rupiah> {
        self.0.checked_add(other.0).map(Rupiah)
    }

    pub fn checked_sub(self, other: Rupiah) -> Option<Rupiah> {
        self.0.checked_sub(other.0).map(Rupiah)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rupiah_display() {
        let cases = [
            (0, "Rp 0"),
            (7, "Rp 7"),
            (999, "Rp 999"),
            (1_000, "Rp 1.000"),
            (100_000, "Rp 100.000"),
            (5_210_377, "Rp 5.210.377"),
            (-1_000, "-Rp 1.000"),
            (-999, "-Rp 999"),
            (i64::MAX, "Rp 9.223.372.036.854.775.807"),
            (i64::MIN, "-Rp 9.223.372.036.854.775.808"),
        ];
        for (n, want) in cases {
            assert_eq!(Rupiah(n).to_string(), want);
        }
    }

    #[test]
    fn rupiah_parse_accepted_forms() {
        for s in [
            "5210377",
            "5.210.377",
            "Rp 5.210.377",
            "Rp5.210.377",
            "RP 5210377",
            "Rp. 5.210.377",
            "rp.5210377",
            "  Rp  5.210.377 ",
        ] {
            assert_eq!(Rupiah::parse(s), Some(Rupiah(5_210_377)), "{s}");
        }
        assert_eq!(Rupiah::parse("0"), Some(Rupiah(0)));
        assert_eq!(Rupiah::parse("999"), Some(Rupiah(999)));
        assert_eq!(Rupiah::parse("-Rp 1.000"), Some(Rupiah(-1_000)));
        assert_eq!(Rupiah::parse("-1000"), Some(Rupiah(-1_000)));
        assert_eq!(
            Rupiah::parse("9.223.372.036.854.775.807"),
            Some(Rupiah(i64::MAX))
        );
        assert_eq!(
            Rupiah::parse("-Rp 9.223.372.036.854.775.808"),
            Some(Rupiah(i64::MIN))
        );
    }

    #[test]
    fn rupiah_parse_refusals() {
        for s in [
            "",
            "   ",
            "Rp",
            "Rp ",
            "-",
            "abc",
            "5.210.377,00",
            "5,210,377",
            "5210377.50",
            "5.21.0377",
            "5210.377",
            ".5.210",
            "5.210.",
            "5..210",
            "5 210 377",
            "Rp -1.000",
            "--1000",
            "+1000",
            "12a",
            "Rp 5.210.377 juta",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999",
            "Rp٥",
        ] {
            assert_eq!(Rupiah::parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn times_ratio_rounds_half_away_from_zero() {
        // PKWT compensation: 7 months of the 2026 UMK.
        assert_eq!(
            Rupiah(5_210_377).times_ratio(7, 12),
            Rupiah(3_039_387) // 3_039_386.58…
        );
        assert_eq!(Rupiah(5_210_377).times_ratio(12, 12), Rupiah(5_210_377));
        assert_eq!(Rupiah(5).times_ratio(1, 2), Rupiah(3));
        assert_eq!(Rupiah(-5).times_ratio(1, 2), Rupiah(-3));
        assert_eq!(Rupiah(5).times_ratio(-1, 2), Rupiah(-3));
        assert_eq!(Rupiah(5).times_ratio(1, -2), Rupiah(-3));
        assert_eq!(Rupiah(5).times_ratio(-1, -2), Rupiah(3));
        assert_eq!(Rupiah(7).times_ratio(1, 3), Rupiah(2));
        assert_eq!(Rupiah(8).times_ratio(1, 3), Rupiah(3));
        assert_eq!(Rupiah(0).times_ratio(5, 7), Rupiah(0));
        // The intermediate product is far beyond i64.
        assert_eq!(
            Rupiah(i64::MAX).times_ratio(i64::MAX, i64::MAX),
            Rupiah(i64::MAX)
        );
        assert_eq!(Rupiah(i64::MAX).times_ratio(3, 2), Rupiah(i64::MAX));
        assert_eq!(Rupiah(i64::MAX).times_ratio(-3, 2), Rupiah(i64::MIN));
        assert_eq!(Rupiah(1).checked_times_ratio(1, 0), None);
        assert_eq!(Rupiah(i64::MAX).checked_times_ratio(2, 1), None);
    }

    #[test]
    #[should_panic(expected = "zero denominator")]
    fn times_ratio_zero_denominator_panics() {
        let _ = Rupiah(1).times_ratio(1, 0);
    }

    #[test]
    fn checked_arithmetic() {
        assert_eq!(
            Rupiah(4_901_117).checked_add(Rupiah(309_260)),
            Some(Rupiah(5_210_377))
        );
        assert_eq!(Rupiah(i64::MAX).checked_add(Rupiah(1)), None);
        assert_eq!(Rupiah(i64::MIN).checked_sub(Rupiah(1)), None);
        assert_eq!(Rupiah(1).checked_sub(Rupiah(3)), Some(Rupiah(-2)));
    }

    #[test]
    fn usd_display() {
        let cases = [
            (0, "USD 0.00"),
            (5, "USD 0.05"),
            (10_000, "USD 100.00"),
            (120_000, "USD 1,200.00"),
            (123_456_789, "USD 1,234,567.89"),
            (-50, "-USD 0.50"),
            (i64::MIN, "-USD 92,233,720,368,547,758.08"),
        ];
        for (n, want) in cases {
            assert_eq!(UsdCents(n).to_string(), want);
        }
    }

    #[test]
    fn serde_is_a_plain_number() {
        // Newtype structs serialize as the inner value, keeping the API and stored JSON simple.
        fn assert_serde<T: Serialize + for<'de> Deserialize<'de>>() {}
        assert_serde::<Rupiah>();
        assert_serde::<UsdCents>();
        assert_eq!(Rupiah::default(), Rupiah(0));
        assert!(Rupiah(999) < Rupiah(1_000));
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(n in any::<i64>()) {
            prop_assert_eq!(Rupiah::parse(&Rupiah(n).to_string()), Some(Rupiah(n)));
        }

        #[test]
        fn plain_digits_round_trip(n in 0i64..=i64::MAX) {
            prop_assert_eq!(Rupiah::parse(&n.to_string()), Some(Rupiah(n)));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,24}|[Rp -.0-9]{0,24}") {
            let _ = Rupiah::parse(&s);
        }

        #[test]
        fn times_ratio_is_nearest(a in -1_000_000_000_000i64..1_000_000_000_000, num in -1000i64..1000, den in 1i64..1000) {
            let got = Rupiah(a).times_ratio(num, den).0 as i128;
            let exact_x2 = 2 * i128::from(a) * i128::from(num);
            // |got - a·num/den| ≤ 1/2, in integers.
            prop_assert!((2 * got * i128::from(den) - exact_x2).abs() <= i128::from(den));
            prop_assert_eq!(Rupiah(-a).times_ratio(num, den).0, -Rupiah(a).times_ratio(num, den).0);
        }

        #[test]
        fn times_ratio_identity(a in any::<i64>(), k in 1i64..i64::MAX) {
            prop_assert_eq!(Rupiah(a).times_ratio(k, k), Rupiah(a));
        }
    }
}
