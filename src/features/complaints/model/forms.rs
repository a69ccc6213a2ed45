//! The complaint form and the officer's step form, with the `check()` the browser and the server both run.
use serde::{Deserialize, Serialize};
use time::Date;

use super::{Category, Forum, Outcome, Privacy, Step};
use crate::core::{
    calendar::parse_date,
    error::FieldErrors,
    text::normalize_text,
    validate::{normalize_email, normalize_phone},
};

/// Evidence and documents: PDF, JPEG or PNG, at most this large; at most this many per case.
pub const FILE_MAX_BYTES: usize = 5 * 1024 * 1024;
pub const FILES_PER_CASE: i64 = 20;

fn text(errors: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) -> String {
    normalize_text(value, min, max).unwrap_or_else(|key| {
        errors.add(field, key);
        String::new()
    })
}

/// What a person files at `/pengaduan`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComplaintForm {
    /// A registered company's id, or empty when the company is typed in `company_name`.
    pub company_id: String,
    pub company_name: String,
    pub category: String,
    pub description: String,
    /// Since when (YYYY-MM-DD).
    pub since_date: String,
    pub workers_affected: String,
    pub wish: String,
    pub privacy: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// A SP4N-LAPOR! tracking id, when the person also filed there.
    pub lapor_id: String,
}

/// A checked complaint: what is stored. Identity fields are `None` for an anonymous complaint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedComplaint {
    pub company_id: Option<i64>,
    pub company_name: String,
    pub category: Category,
    pub privacy: Privacy,
    pub description: String,
    pub since_date: String,
    pub workers_affected: i64,
    pub wish: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lapor_id: Option<String>,
}

impl ComplaintForm {
    pub fn check(&self, today: Date) -> Result<CheckedComplaint, FieldErrors> {
        let mut errors = FieldErrors::new();
        let company_id = self
            .company_id
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0);
        let company_name = if company_id.is_some() && self.company_name.trim().is_empty() {
            String::new()
        } else {
            text(&mut errors, "company_name", &self.company_name, 3, 200)
        };
        let category = Category::parse(self.category.trim());
        if category.is_none() {
            errors.add("category", "err_choose");
        }
        let privacy = Privacy::parse(self.privacy.trim());
        if privacy.is_none() {
            errors.add("privacy", "err_choose");
        }
        let description = text(&mut errors, "description", &self.description, 20, 4000);
        let wish = text(&mut errors, "wish", &self.wish, 5, 1000);
        let since = parse_date(&self.since_date);
        match since {
            None => errors.add("since_date", "err_date"),
            Some(d) if d > today => errors.add("since_date", "complaint_err_future"),
            Some(_) => {}
        }
        let workers = self
            .workers_affected
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100_000).contains(n));
        if workers.is_none() {
            errors.add("workers_affected", "complaint_err_workers");
        }
        let named = privacy.is_some_and(|p| p != Privacy::Anonymous);
        let name = named.then(|| text(&mut errors, "name", &self.name, 3, 120));
        let optional = |errors: &mut FieldErrors,
                        field: &str,
                        value: &str,
                        check: fn(&str) -> Result<String, &'static str>| {
            if !named || value.trim().is_empty() {
                return None;
            }
            check(value).map_err(|key| errors.add(field, key)).ok()
        };
        let email = optional(&mut errors, "email", &self.email, normalize_email);
        let phone = optional(&mut errors, "phone", &self.phone, normalize_phone);
        let lapor = self.lapor_id.trim();
        if lapor.chars().count() > 40
            || lapor
                .chars()
                .any(|c| !(c.is_ascii_alphanumeric() || c == '-'))
        {
            errors.add("lapor_id", "complaint_err_lapor");
        }
        match (category, privacy, since, workers, errors.is_empty()) {
            (Some(category), Some(privacy), Some(since), Some(workers), true) => {
                Ok(CheckedComplaint {
                    company_id,
                    company_name,
                    category,
                    privacy,
                    description,
                    since_date: crate::core::calendar::format_date(since),
                    workers_affected: workers,
                    wish,
                    name,
                    email,
                    phone,
                    lapor_id: Some(lapor.to_owned()).filter(|l| !l.is_empty()),
                })
            }
            _ => Err(errors),
        }
    }
}

/// An officer's step on a case (one form for every step; `step` says which fields count).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepForm {
    pub complaint_id: i64,
    pub step: String,
    /// The plan, the reason, the issue, the anjuran, the agreement or the closing note.
    pub text: String,
    /// Bipartite minutes: the parties, their positions and the conclusion.
    pub parties: String,
    pub positions: String,
    pub conclusion: String,
    /// "1" when the employer did not respond to the bipartite invitation.
    pub no_response: String,
    /// A date (bipartite meeting, mediation session) and its place.
    pub date: String,
    pub place: String,
    /// The session whose minutes these are.
    pub session: String,
    /// Answers: "worker" or "company", "accept" or "reject".
    pub side: String,
    pub answer: String,
    pub outcome: String,
    /// Where a case is handed on to (empty: the provincial inspectorate); for `chosen`, the conciliator or
    /// arbitrator the parties chose.
    pub body: String,
    /// For `chosen`: "conciliation" or "arbitration" (UU 2/2004 Ps 4 ayat (3)).
    pub forum: String,
}

/// A checked step: the fields the step uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedStep {
    pub step: Step,
    pub text: String,
    pub date: Option<String>,
    pub place: String,
    pub session: i64,
    pub side: String,
    pub answer: String,
    pub outcome: Option<Outcome>,
    pub forum: Option<Forum>,
}

impl StepForm {
    pub fn check(&self) -> Result<CheckedStep, FieldErrors> {
        let mut errors = FieldErrors::new();
        let Some(step) = Step::parse(self.step.trim()) else {
            errors.add("step", "err_choose");
            return Err(errors);
        };
        let mut checked = CheckedStep {
            step,
            text: String::new(),
            date: None,
            place: String::new(),
            session: 0,
            side: String::new(),
            answer: String::new(),
            outcome: None,
            forum: None,
        };
        match step {
            Step::Accept | Step::Session => {}
            Step::BipartiteFailed => checked.text = self.bipartite_minutes(&mut errors),
            Step::Minutes => {
                checked.session = self.session.trim().parse().unwrap_or(0);
                if checked.session < 1 {
                    errors.add("session", "err_choose");
                }
                checked.text = text(&mut errors, "text", &self.text, 10, 4000);
            }
            Step::Answer => {
                if !matches!(self.side.trim(), "worker" | "company") {
                    errors.add("side", "err_choose");
                }
                if !matches!(self.answer.trim(), "accept" | "reject") {
                    errors.add("answer", "err_choose");
                }
                checked.side = self.side.trim().to_owned();
                checked.answer = self.answer.trim().to_owned();
            }
            Step::Close => {
                checked.outcome =
                    Outcome::parse(self.outcome.trim()).filter(|o| *o != Outcome::Agreement);
                if checked.outcome.is_none() {
                    errors.add("outcome", "err_choose");
                }
                checked.text = text(&mut errors, "text", &self.text, 5, 2000);
            }
            Step::Refer => {
                checked.text = text(&mut errors, "text", &self.text, 5, 1000);
                checked.place = if self.body.trim().is_empty() {
                    super::PROVINCIAL_INSPECTORATE.to_owned()
                } else {
                    text(&mut errors, "body", &self.body, 5, 200)
                };
            }
            Step::Chosen => {
                checked.forum = Forum::parse(self.forum.trim());
                if checked.forum.is_none() {
                    errors.add("forum", "err_choose");
                }
                checked.place = text(&mut errors, "body", &self.body, 3, 200);
            }
            _ => checked.text = text(&mut errors, "text", &self.text, 5, 4000),
        }
        if step == Step::Session {
            checked.date = parse_date(&self.date).map(crate::core::calendar::format_date);
            if checked.date.is_none() {
                errors.add("date", "err_date");
            }
            checked.place = text(&mut errors, "place", &self.place, 3, 200);
        }
        if errors.is_empty() {
            Ok(checked)
        } else {
            Err(errors)
        }
    }

    /// The bipartite minutes (risalah, UU 2/2004 Ps 6) as one text, or the employer's non-response.
    fn bipartite_minutes(&self, errors: &mut FieldErrors) -> String {
        if self.no_response.trim() == "1" {
            return "no_response".to_owned();
        }
        let parties = text(errors, "parties", &self.parties, 5, 500);
        let date = parse_date(&self.date);
        if date.is_none() {
            errors.add("date", "err_date");
        }
        let place = text(errors, "place", &self.place, 3, 200);
        let issue = text(errors, "text", &self.text, 5, 2000);
        let positions = text(errors, "positions", &self.positions, 5, 2000);
        let conclusion = text(errors, "conclusion", &self.conclusion, 5, 2000);
        format!(
            "Para pihak: {parties}\nTanggal dan tempat: {} , {place}\nPermasalahan: {issue}\nPendapat para pihak: {positions}\nKesimpulan: {conclusion}",
            date.map(crate::core::calendar::format_date)
                .unwrap_or_default()
        )
    }
}
