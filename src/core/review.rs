//! An officer's decision on something waiting for review (AK-1, PKWT, booths, levy, vacancies, corrections).
use serde::{Deserialize, Serialize};

/// An officer's decision on a waiting application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
    Revise,
}

impl Decision {
    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            "revise" => Some(Decision::Revise),
            _ => None,
        }
    }

    /// Rejections and revision requests must say why.
    pub fn needs_reason(self) -> bool {
        !matches!(self, Decision::Approve)
    }
}
