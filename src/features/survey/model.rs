//! The IKM satisfaction survey (PermenPANRB 14/2017), shared by the browser and the server: the nine elements
//! scored 1-4, the answer form and its check, and the index formula with its grades.
//!
//! Per element NRR = sum of scores / answers; IKM = sum of NRR x 1/9; converted IKM = IKM x 25. The
//! converted figure is computed exactly in integers (sum of all scores x 25 / (9 x answers)), rounded to
//! hundredths, so the grade bounds (A 88.31-100, B 76.61-88.30, C 65.00-76.60, D 25.00-64.99) never depend
//! on floating-point rounding.
use serde::{Deserialize, Serialize};

use crate::core::error::FieldErrors;

/// The nine elements, as translation keys, in the regulation's order.
pub const ELEMENTS: [&str; 9] = [
    "survey_el_requirements",
    "survey_el_procedure",
    "survey_el_time",
    "survey_el_cost",
    "survey_el_product",
    "survey_el_competence",
    "survey_el_behaviour",
    "survey_el_complaints",
    "survey_el_facilities",
];

/// The four answers of every element, lowest first, as translation keys.
pub const SCALE: [&str; 4] = [
    "survey_scale_1",
    "survey_scale_2",
    "survey_scale_3",
    "survey_scale_4",
];

/// Invitation codes avoid look-alike characters (no 0/O, 1/I/L), so they can be read out or typed.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 10;
/// The optional suggestion's length.
pub const SUGGESTION_MAX: usize = 1000;

/// A code as typed: upper-cased, and `None` unless it is made of the alphabet and has the right length.
pub fn normalize_code(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    (code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// The answer form: `q1`..`q9` are "1".."4".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyForm {
    pub q1: String,
    pub q2: String,
    pub q3: String,
    pub q4: String,
    pub q5: String,
    pub q6: String,
    pub q7: String,
    pub q8: String,
    pub q9: String,
    pub suggestion: String,
}

/// The form field name of element `i` (0-based).
pub fn field_name(i: usize) -> &'static str {
    ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"][i.min(8)]
}

impl SurveyForm {
    fn raw(&self) -> [&str; 9] {
        [
            &self.q1, &self.q2, &self.q3, &self.q4, &self.q5, &self.q6, &self.q7, &self.q8,
            &self.q9,
        ]
    }

    /// The nine scores, each 1-4, or the fields left empty or out of range.
    pub fn check(&self) -> Result<[i64; 9], FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut scores = [0; 9];
        for (i, raw) in self.raw().into_iter().enumerate() {
            match raw.trim().parse::<i64>() {
                Ok(score @ 1..=4) => scores[i] = score,
                _ => errors.add(field_name(i), "survey_err_score"),
            }
        }
        if self.suggestion.chars().count() > SUGGESTION_MAX {
            errors.add("suggestion", "err_text_length");
        }
        errors.checked().map(|()| scores)
    }
}

/// The service quality grade of a converted IKM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    /// The grade of a converted IKM given in hundredths (8831 = 88.31).
    pub fn of(converted_hundredths: i64) -> Grade {
        match converted_hundredths {
            8831.. => Grade::A,
            7661.. => Grade::B,
            6500.. => Grade::C,
            _ => Grade::D,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    /// The translation key of the grade's meaning ("sangat baik" ... "tidak baik").
    pub fn label_key(self) -> &'static str {
        match self {
            Grade::A => "survey_grade_a",
            Grade::B => "survey_grade_b",
            Grade::C => "survey_grade_c",
            Grade::D => "survey_grade_d",
        }
    }
}

/// Answers counted so far: their number and each element's sum of scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub answers: i64,
    pub sums: [i64; 9],
}

impl Tally {
    pub fn add(&mut self, scores: [i64; 9]) {
        self.answers += 1;
        for (sum, score) in self.sums.iter_mut().zip(scores) {
            *sum += score;
        }
    }

    /// The index, or `None` without answers.
    pub fn ikm(&self) -> Option<Ikm> {
        if self.answers <= 0 {
            return None;
        }
        let n = self.answers;
        let nrr_hundredths = self.sums.map(|sum| rounded_div(sum * 100, n));
        let total: i64 = self.sums.iter().sum();
        // IKM = (total / n) / 9, in ten-thousandths; converted = IKM x 25, in hundredths.
        let ikm_ten_thousandths = rounded_div(total * 10_000, 9 * n);
        let converted_hundredths = rounded_div(total * 2_500, 9 * n);
        Some(Ikm {
            answers: n,
            nrr_hundredths,
            ikm_ten_thousandths,
            converted_hundredths,
            grade: Grade::of(converted_hundredths),
        })
    }
}

/// `num / den` rounded half up, for non-negative numbers and a positive denominator.
fn rounded_div(num: i64, den: i64) -> i64 {
    (num * 2 + den) / (den * 2)
}

/// The index of a set of answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ikm {
    pub answers: i64,
    /// Each element's NRR in hundredths (320 = 3.20).
    pub nrr_hundredths: [i64; 9],
    /// The IKM (1-4) in ten-thousandths (31333 = 3.1333).
    pub ikm_ten_thousandths: i64,
    /// The converted IKM (25-100) in hundredths (7833 = 78.33).
    pub converted_hundredths: i64,
    pub grade: Grade,
}

/// Hundredths as "78,33" (Indonesian decimal comma).
pub fn format_hundredths(value: i64) -> String {
    format!("{},{:02}", value / 100, value % 100)
}

/// What the survey page shows before it is answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyInvite {
    pub code: String,
    /// e.g. "complaint", "request:pp_approval".
    pub service_key: String,
    pub answered: bool,
}

/// One row of a report: a service (or every service, `service_key` empty) over a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IkmRow {
    pub service_key: String,
    /// The service's own name (Indonesian, English) where the portal keeps one, such as a request type an
    /// admin added (it has no translation key); empty otherwise.
    #[serde(default)]
    pub name: (String, String),
    /// "YYYY-MM" for a month, "YYYY" for a year.
    pub period: String,
    pub ikm: Ikm,
}

/// The officers' report: per service and month, and per service for the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IkmReport {
    pub year: i32,
    pub monthly: Vec<IkmRow>,
    pub yearly: Vec<IkmRow>,
    /// Every service together for the year.
    pub overall: Option<Ikm>,
}

/// The translation key naming a service key ("request:pp_approval" -> "survey_service_request_pp_approval").
pub fn service_label_key(service_key: &str) -> String {
    format!("survey_service_{}", service_key.replace(':', "_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A worked example: ten answers with these element sums give NRR 3.20, 3.00, 2.80, 3.50, 3.10, 3.30,
    /// 3.40, 2.90, 3.00; their sum 28.20 / 9 = IKM 3.1333; x 25 = 78.33, grade B.
    #[test]
    fn worked_example() {
        let tally = Tally {
            answers: 10,
            sums: [32, 30, 28, 35, 31, 33, 34, 29, 30],
        };
        let ikm = tally.ikm().expect("answers");
        assert_eq!(
            ikm.nrr_hundredths,
            [320, 300, 280, 350, 310, 330, 340, 290, 300]
        );
        assert_eq!(ikm.ikm_ten_thousandths, 31333);
        assert_eq!(ikm.converted_hundredths, 7833);
        assert_eq!(ikm.grade, Grade::B);
        assert_eq!(format_hundredths(ikm.converted_hundredths), "78,33");
    }

    #[test]
    fn extremes_are_100_and_25() {
        let mut best = Tally::default();
        let mut worst = Tally::default();
        for _ in 0..3 {
            best.add([4; 9]);
            worst.add([1; 9]);
        }
        assert_eq!(
            best.ikm().map(|i| (i.converted_hundredths, i.grade)),
            Some((10_000, Grade::A))
        );
        assert_eq!(
            worst.ikm().map(|i| (i.converted_hundredths, i.grade)),
            Some((2_500, Grade::D))
        );
        assert_eq!(Tally::default().ikm(), None);
    }

    #[test]
    fn grade_bounds() {
        for (hundredths, grade) in [
            (10_000, Grade::A),
            (8831, Grade::A),
            (8830, Grade::B),
            (7661, Grade::B),
            (7660, Grade::C),
            (6500, Grade::C),
            (6499, Grade::D),
            (2500, Grade::D),
        ] {
            assert_eq!(Grade::of(hundredths), grade, "{hundredths}");
        }
    }

    #[test]
    fn the_form_needs_nine_scores_from_one_to_four() {
        let mut form = SurveyForm {
            q1: "4".into(),
            q2: "3".into(),
            q3: "2".into(),
            q4: "1".into(),
            q5: "4".into(),
            q6: "4".into(),
            q7: "4".into(),
            q8: "4".into(),
            q9: "4".into(),
            suggestion: String::new(),
        };
        assert_eq!(form.check(), Ok([4, 3, 2, 1, 4, 4, 4, 4, 4]));
        form.q3 = "5".into();
        form.q9 = String::new();
        let errors = form.check().expect_err("invalid");
        assert_eq!(errors.get("q3"), Some("survey_err_score"));
        assert_eq!(errors.get("q9"), Some("survey_err_score"));
        assert!(errors.get("q1").is_none());
    }

    #[test]
    fn codes_are_checked_before_any_lookup() {
        assert_eq!(normalize_code(" abcdefghjk "), Some("ABCDEFGHJK".into()));
        assert_eq!(normalize_code("ABCDEFGHJ0"), None);
        assert_eq!(normalize_code("ABC"), None);
        assert_eq!(normalize_code("ABCDEFGHJK'--"), None);
    }
}
