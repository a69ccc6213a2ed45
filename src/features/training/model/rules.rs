//! The rules of a programme: who may join (one function for the browser and the server), places and
//! reserves in order, the attendance share, and the completion and placement rates.
use serde::{Deserialize, Serialize};
use time::Date;

use crate::{core::calendar::parse_date, features::vacancies::matching::education_rank};

/// Where a registration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegStatus {
    /// Holds a place, waiting for the selection (test or interview).
    Registered,
    Accepted,
    /// Waits in order for a place.
    Reserve,
    NotAccepted,
    Withdrawn,
    Completed,
    /// Completed and passed the competency test.
    Passed,
    NotCompleted,
}

impl RegStatus {
    pub const ALL: [RegStatus; 8] = [
        RegStatus::Registered,
        RegStatus::Accepted,
        RegStatus::Reserve,
        RegStatus::NotAccepted,
        RegStatus::Withdrawn,
        RegStatus::Completed,
        RegStatus::Passed,
        RegStatus::NotCompleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RegStatus::Registered => "registered",
            RegStatus::Accepted => "accepted",
            RegStatus::Reserve => "reserve",
            RegStatus::NotAccepted => "not_accepted",
            RegStatus::Withdrawn => "withdrawn",
            RegStatus::Completed => "completed",
            RegStatus::Passed => "passed",
            RegStatus::NotCompleted => "not_completed",
        }
    }

    pub fn parse(s: &str) -> Option<RegStatus> {
        RegStatus::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Holds one of the programme's places.
    pub fn holds_place(self) -> bool {
        matches!(self, RegStatus::Registered | RegStatus::Accepted)
    }

    /// Finished the programme (a certificate is issued).
    pub fn finished(self) -> bool {
        matches!(self, RegStatus::Completed | RegStatus::Passed)
    }

    /// The person may still withdraw.
    pub fn withdrawable(self) -> bool {
        self.holds_place() || self == RegStatus::Reserve
    }
}

/// Who may join a programme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub min_age: i64,
    pub max_age: i64,
    /// An education level code, or empty.
    pub min_education: String,
    pub requires_ak1: bool,
    /// A district code, or empty.
    pub district: String,
}

/// What eligibility knows of a person (from the profile, the AK-1 card and the identity record).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub date_of_birth: Option<String>,
    pub education: Option<String>,
    pub has_ak1: bool,
    pub district_code: Option<String>,
}

/// Whole years from `born` to `on`.
pub fn age_on(born: Date, on: Date) -> i64 {
    let mut years = i64::from(on.year() - born.year());
    if (on.month() as u8, on.day()) < (born.month() as u8, born.day()) {
        years -= 1;
    }
    years
}

/// `Ok` when the person may join, else the translation key of the first rule they miss.
pub fn eligibility(
    rules: &Eligibility,
    person: &Applicant,
    today: Date,
) -> Result<(), &'static str> {
    let Some(born) = person.date_of_birth.as_deref().and_then(parse_date) else {
        return Err("err_training_no_birth_date");
    };
    let age = age_on(born, today);
    if age < rules.min_age || age > rules.max_age {
        return Err("err_training_age");
    }
    if !rules.min_education.is_empty() {
        let needed = education_rank(&rules.min_education);
        let had = person.education.as_deref().map_or(0, education_rank);
        if had < needed {
            return Err("err_training_education");
        }
    }
    if rules.requires_ak1 && !person.has_ak1 {
        return Err("err_training_needs_ak1");
    }
    if !rules.district.is_empty()
        && person.district_code.as_deref() != Some(rules.district.as_str())
    {
        return Err("err_training_district");
    }
    Ok(())
}

/// What a registration got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seat {
    Place,
    /// A reserve with its rank (1 first).
    Reserve(i64),
    Full,
}

/// A programme's places and reserves as the database counts them (`held < quota`, then
/// `reserve_held < reserves` with the next rank): the same steps as the SQL, so tests can check the rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seats {
    pub quota: i64,
    pub reserves: i64,
    pub held: i64,
    pub reserve_held: i64,
    pub reserve_seq: i64,
}

impl Seats {
    pub fn take(&mut self) -> Seat {
        if self.held < self.quota {
            self.held += 1;
            Seat::Place
        } else if self.reserve_held < self.reserves {
            self.reserve_held += 1;
            self.reserve_seq += 1;
            Seat::Reserve(self.reserve_seq)
        } else {
            Seat::Full
        }
    }

    /// A place is given back: the first reserve in `waiting` (lowest rank) moves up and is returned.
    pub fn release_place(&mut self, waiting: &mut Vec<i64>) -> Option<i64> {
        match first_reserve(waiting) {
            Some(rank) => {
                waiting.retain(|r| *r != rank);
                self.reserve_held -= 1;
                Some(rank)
            }
            None => {
                self.held -= 1;
                None
            }
        }
    }

    pub fn release_reserve(&mut self, waiting: &mut Vec<i64>, rank: i64) {
        if waiting.contains(&rank) {
            waiting.retain(|r| *r != rank);
            self.reserve_held -= 1;
        }
    }
}

/// The reserve who moves up: the lowest rank.
pub fn first_reserve(ranks: &[i64]) -> Option<i64> {
    ranks.iter().copied().min()
}

/// Sessions attended, in whole percent of the sessions held (0 when none were held).
pub fn attendance_share(present: i64, sessions: i64) -> u8 {
    if sessions <= 0 {
        return 0;
    }
    (present.clamp(0, sessions) * 100 / sessions) as u8
}

/// Finished (completed or passed) of those who got to the end (finished or not completed), in percent.
pub fn completion_rate(finished: i64, not_completed: i64) -> Option<u8> {
    let total = finished + not_completed;
    (total > 0).then(|| (finished.clamp(0, total) * 100 / total) as u8)
}

/// Working six months after the programme, of those who finished it and were asked at six months, in
/// percent (`None` before anyone was asked).
pub fn placement_rate(working: i64, asked: i64) -> Option<u8> {
    (asked > 0).then(|| (working.clamp(0, asked) * 100 / asked) as u8)
}

/// The average rating in tenths (4.5 → 45).
pub fn rating_tenths(sum: i64, count: i64) -> Option<i64> {
    (count > 0).then(|| (sum * 10 + count / 2) / count)
}
