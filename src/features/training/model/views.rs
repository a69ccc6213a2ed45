//! What the training screens show.
use serde::{Deserialize, Serialize};

use super::{Applicant, Eligibility};
use crate::core::qr::QrSvg;

/// `(code, label)` choices of a drop-down.
pub type Choices = Vec<(String, String)>;

/// A programme as lists show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeCard {
    pub id: i64,
    pub title: String,
    pub provider_kind: String,
    pub provider_name: String,
    pub kbji_code: String,
    pub format: String,
    pub district_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub hours: i64,
    pub quota: i64,
    pub reserves: i64,
    pub held: i64,
    pub reserve_held: i64,
    pub cost_idr: i64,
    pub registration_opens_on: String,
    pub registration_closes_on: String,
    pub selection: String,
    pub selection_on: String,
    pub status: String,
    pub skills: Vec<String>,
}

impl ProgrammeCard {
    pub fn registration_open(&self, today: &str) -> bool {
        self.status == "published"
            && self.registration_opens_on.as_str() <= today
            && today <= self.registration_closes_on.as_str()
    }

    pub fn places_left(&self) -> i64 {
        (self.quota - self.held).max(0)
    }

    pub fn reserves_left(&self) -> i64 {
        (self.reserves - self.reserve_held).max(0)
    }
}

/// The catalogue page: matching programmes and the filters' choices.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// The viewer's role ("anonymous", "seeker", …): the page links to their own training pages.
    pub viewer: String,
    pub items: Vec<ProgrammeCard>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub today: String,
    pub districts: Choices,
    pub occupations: Choices,
}

/// Completion, placement and rating of a programme (or a provider).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeStats {
    pub finished: i64,
    pub not_completed: i64,
    pub completion_rate: Option<u8>,
    pub working_6m: i64,
    pub placement_rate: Option<u8>,
    pub rating_tenths: Option<i64>,
    pub ratings: i64,
    pub comments: Vec<String>,
}

/// The signed-in seeker's registration on a programme page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnRegistration {
    pub id: i64,
    pub status: String,
    pub reserve_rank: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePage {
    pub card: ProgrammeCard,
    pub description: String,
    pub units: Vec<(String, String)>,
    pub eligibility: Eligibility,
    pub education_name: String,
    pub eligible_district_name: String,
    /// The viewer's role ("anonymous", "seeker", …).
    pub viewer: String,
    /// What eligibility knows of the signed-in seeker (the page runs the same rule).
    pub me: Option<Applicant>,
    pub mine: Option<OwnRegistration>,
    pub today: String,
    pub stats: ProgrammeStats,
}

/// One participant on the provider's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub registration_id: i64,
    pub name: String,
    pub status: String,
    pub reserve_rank: Option<i64>,
    pub attendance_share: u8,
    pub certificate_code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSheet {
    pub id: i64,
    pub session_on: String,
    pub topic: String,
    /// Registration ids marked present.
    pub present: Vec<i64>,
}

/// A programme as its provider manages it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedProgramme {
    pub card: ProgrammeCard,
    pub participants: Vec<Participant>,
    pub sessions: Vec<SessionSheet>,
    pub stats: ProgrammeStats,
}

/// The provider's page: their programmes, the one opened, the form's choices and the provider's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageData {
    /// "company" or "office".
    pub provider: String,
    pub programmes: Vec<ProgrammeCard>,
    pub opened: Option<ManagedProgramme>,
    pub totals: ProgrammeStats,
    pub districts: Choices,
    pub occupations: Choices,
    pub education: Choices,
}

/// A verified skill in the seeker's wallet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedSkill {
    pub skill: String,
    pub programme_title: String,
    pub certificate_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub registration_id: i64,
    pub programme_id: i64,
    pub title: String,
    pub provider_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub status: String,
    pub reserve_rank: Option<i64>,
    pub certificate_code: Option<String>,
    /// 3 or 6 when a follow-up question waits for an answer.
    pub followup_due: Option<i64>,
    pub rating: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTraining {
    pub registrations: Vec<MyRegistration>,
    pub wallet: Vec<VerifiedSkill>,
}

/// What the public verification page shows of a certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateCheck {
    pub code: String,
    pub holder: String,
    pub programme_title: String,
    pub provider_name: String,
    pub result: String,
    pub issued_on: String,
    pub starts_on: String,
    pub ends_on: String,
    pub hours: i64,
    pub skills: Vec<String>,
    pub units: Vec<(String, String)>,
    pub qr: QrSvg,
}
