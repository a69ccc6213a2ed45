//! Complaints and labour disputes: categories, privacy levels, statuses, the stage machine and the legal clocks
//! (UU 2/2004 and the SP4N-LAPOR! practice), as pure functions over the holiday calendar. Shared by the
//! server and the browser; the forms live in `forms`, the screen types in `views` (re-exported here).
mod forms;
mod views;

pub use forms::*;
pub use views::*;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::calendar::HolidayCalendar;

/// The case's number as the company, its notices and the documents show it. Never the ticket code: the
/// code is the complainant's only credential (tracking, messages, the answer to the anjuran, the rating).
pub fn case_ref(id: i64) -> String {
    format!("PGD-{id:06}")
}

/// Maps an enum to its stored text and back, in one place.
macro_rules! text_enum {
    ($name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

text_enum!(Category {
    Wages => "wages",
    Overtime => "overtime",
    Bpjs => "bpjs",
    Phk => "phk",
    Contract => "contract",
    Safety => "safety",
    Discrimination => "discrimination",
    Harassment => "harassment",
    Other => "other",
});

text_enum!(Privacy {
    Open => "open",
    Confidential => "confidential",
    Anonymous => "anonymous",
});

text_enum!(Status {
    Submitted => "submitted",
    InfoNeeded => "info_needed",
    Accepted => "accepted",
    Referred => "referred",
    Bipartite => "bipartite",
    Choice => "choice",
    Mediation => "mediation",
    Recommendation => "recommendation",
    Closed => "closed",
});

text_enum!(Outcome {
    Agreement => "agreement",
    Recommendation => "recommendation",
    Referred => "referred",
    Withdrawn => "withdrawn",
    Unfounded => "unfounded",
});

text_enum!(Step {
    Accept => "accept",
    MoreInfo => "more_info",
    Refer => "refer",
    Plan => "plan",
    BipartiteFailed => "bipartite_failed",
    Mediation => "mediation",
    Session => "session",
    Minutes => "minutes",
    Anjuran => "anjuran",
    Answer => "answer",
    Agreement => "agreement",
    Chosen => "chosen",
    Close => "close",
});

text_enum!(Forum {
    Conciliation => "conciliation",
    Arbitration => "arbitration",
});

text_enum!(Clock {
    Verify => "verify",
    Plan => "plan",
    Bipartite => "bipartite",
    Choice => "choice",
    Recommendation => "recommendation",
    Answers => "answers",
    Mediation => "mediation",
});

/// Where labour-norm and K3 cases go since UU 23/2014 moved labour inspection to the provinces.
pub const PROVINCIAL_INSPECTORATE: &str =
    "Pengawas Ketenagakerjaan Dinas Tenaga Kerja dan Transmigrasi Provinsi Banten";

impl Category {
    /// Labour-norm (wages, overtime, social security) and K3 cases: the province inspects, so "not our
    /// authority" hands them on to the provincial inspectorate.
    pub fn labour_norm(self) -> bool {
        matches!(
            self,
            Category::Wages | Category::Overtime | Category::Bpjs | Category::Safety
        )
    }
}

impl Status {
    /// Open cases still run a clock; referred and closed ones are done.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Referred | Status::Closed)
    }
}

impl Step {
    /// The statuses a step may be taken from (the guarded UPDATE binds them).
    pub fn from(self) -> &'static [Status] {
        use Status as S;
        match self {
            Step::Accept => &[S::Submitted, S::InfoNeeded],
            Step::MoreInfo => &[S::Submitted],
            Step::Refer => &[S::Submitted, S::InfoNeeded, S::Accepted],
            Step::Plan => &[S::Accepted],
            Step::BipartiteFailed => &[S::Bipartite],
            Step::Mediation | Step::Chosen => &[S::Choice],
            Step::Session | Step::Minutes => &[S::Mediation, S::Recommendation],
            Step::Anjuran => &[S::Mediation],
            Step::Answer => &[S::Recommendation],
            Step::Agreement => &[S::Bipartite, S::Mediation, S::Recommendation],
            Step::Close => &[
                S::Submitted,
                S::InfoNeeded,
                S::Accepted,
                S::Bipartite,
                S::Choice,
                S::Mediation,
                S::Recommendation,
            ],
        }
    }

    /// The status after the step.
    pub fn to(self, from: Status) -> Status {
        match self {
            Step::Accept => Status::Accepted,
            Step::MoreInfo => Status::InfoNeeded,
            Step::Refer => Status::Referred,
            Step::Plan => Status::Bipartite,
            Step::BipartiteFailed => Status::Choice,
            Step::Mediation => Status::Mediation,
            Step::Anjuran => Status::Recommendation,
            Step::Agreement | Step::Chosen | Step::Close => Status::Closed,
            Step::Session | Step::Minutes | Step::Answer => from,
        }
    }

    /// Whether the company reads the step's text on its timeline: not the triage texts, which officers write
    /// to the complainant and which may name them.
    pub fn company_sees(self) -> bool {
        !matches!(self, Step::Accept | Step::MoreInfo | Step::Refer)
    }

    /// The clock this step stops (done), if any.
    pub fn stops(self) -> Option<Clock> {
        match self {
            Step::Accept | Step::MoreInfo => Some(Clock::Verify),
            Step::Plan => Some(Clock::Plan),
            Step::BipartiteFailed => Some(Clock::Bipartite),
            Step::Mediation | Step::Chosen => Some(Clock::Choice),
            Step::Anjuran => Some(Clock::Recommendation),
            _ => None,
        }
    }

    /// The clock this step starts, if any (the first mediation session starts the recommendation clock).
    pub fn starts(self) -> Option<Clock> {
        match self {
            Step::Accept => Some(Clock::Plan),
            Step::Plan => Some(Clock::Bipartite),
            Step::BipartiteFailed => Some(Clock::Choice),
            Step::Mediation => Some(Clock::Mediation),
            Step::Anjuran => Some(Clock::Answers),
            _ => None,
        }
    }
}

impl Clock {
    /// The period in working days.
    pub fn working_days(self) -> u32 {
        match self {
            Clock::Verify => 3,
            Clock::Plan => 5,
            Clock::Bipartite | Clock::Mediation => 30,
            Clock::Choice => 7,
            Clock::Recommendation | Clock::Answers => 10,
        }
    }

    /// The rule the period comes from (shown beside every deadline).
    pub fn article(self) -> &'static str {
        match self {
            Clock::Verify | Clock::Plan => "PermenPANRB 62/2018 (SP4N-LAPOR!)",
            Clock::Bipartite => "UU 2/2004 Ps 3 ayat (2)",
            Clock::Choice => "UU 2/2004 Ps 4 ayat (3)-(4)",
            Clock::Recommendation => "UU 2/2004 Ps 13 ayat (2) huruf a",
            Clock::Answers => "UU 2/2004 Ps 13 ayat (2) huruf b",
            Clock::Mediation => "UU 2/2004 Ps 15",
        }
    }

    /// The last day of the period that starts on `start` (a working day, never `start` itself).
    pub fn due(self, calendar: &HolidayCalendar, start: Date) -> Date {
        calendar.add_working_days(start, self.working_days())
    }
}

/// Whether a clock that fell due on `due` has run out by `today` (the due day itself still counts).
pub fn overdue(due: Date, today: Date) -> bool {
    today > due
}

/// An answer to the anjuran that did not come within its 10 working days counts as a rejection
/// (UU 2/2004 Ps 13 ayat (2) huruf c).
pub fn answer_or_silence(answer: Option<&str>, due: Date, today: Date) -> Option<&'static str> {
    match answer {
        Some("accept") => Some("accept"),
        Some("reject") => Some("reject"),
        Some(_) | None if overdue(due, today) => Some("silent"),
        _ => None,
    }
}

/// The bipartite stage failed by the calendar: 30 working days passed without an agreement (Ps 3 ayat (3)).
pub fn bipartite_lapsed(calendar: &HolidayCalendar, started: Date, today: Date) -> bool {
    overdue(Clock::Bipartite.due(calendar, started), today)
}

/// Ticket codes: no 0/O, 1/I/L, 2/Z, 5/S or 8/B, so a code read over the phone or copied by hand is unambiguous.
pub const CODE_ALPHABET: &[u8] = b"34679ACDEFGHJKMNPQRTUVWXY";
pub const CODE_LEN: usize = 10;

/// Whether `code` could be a ticket code (checked before any look-up).
pub fn valid_code(code: &str) -> bool {
    code.len() == CODE_LEN + 4
        && code.starts_with("ADU-")
        && code[4..].bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// Normalises a typed code: upper case, trimmed.
pub fn normalize_code(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

#[cfg(test)]
mod tests;
