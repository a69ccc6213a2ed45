//! The application pipeline: its steps, who may move an application where, and what the seeker sees.
//! Shared by the browser (which buttons to offer) and the server (which moves to accept).
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationStatus {
    Received,
    Screened,
    Interview,
    Offered,
    Hired,
    NotSelected,
    Withdrawn,
}

impl ApplicationStatus {
    /// The company's steps, in order.
    pub const STEPS: [ApplicationStatus; 5] = [
        ApplicationStatus::Received,
        ApplicationStatus::Screened,
        ApplicationStatus::Interview,
        ApplicationStatus::Offered,
        ApplicationStatus::Hired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Received => "received",
            ApplicationStatus::Screened => "screened",
            ApplicationStatus::Interview => "interview",
            ApplicationStatus::Offered => "offered",
            ApplicationStatus::Hired => "hired",
            ApplicationStatus::NotSelected => "not_selected",
            ApplicationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<ApplicationStatus> {
        [ApplicationStatus::NotSelected, ApplicationStatus::Withdrawn]
            .into_iter()
            .chain(ApplicationStatus::STEPS)
            .find(|s| s.as_str() == text)
    }

    /// The translation key of the status ("app_status_received", …).
    pub fn label_key(self) -> String {
        format!("app_status_{}", self.as_str())
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Hired
                | ApplicationStatus::NotSelected
                | ApplicationStatus::Withdrawn
        )
    }

    fn step(self) -> Option<usize> {
        Self::STEPS.iter().position(|s| *s == self)
    }

    /// A company moves an open application forward (steps may be skipped) or declines it; hired, declined
    /// and withdrawn applications stay where they are.
    pub fn company_may_move_to(self, to: ApplicationStatus) -> bool {
        if self.is_final() {
            return false;
        }
        match (self.step(), to) {
            (_, ApplicationStatus::NotSelected) => true,
            (Some(from), to) => to.step().is_some_and(|to| to > from),
            (None, _) => false,
        }
    }

    /// The seeker may withdraw until a decision is made.
    pub fn seeker_may_withdraw(self) -> bool {
        !self.is_final()
    }

    /// Where the company can move an application from here.
    pub fn company_moves(self) -> Vec<ApplicationStatus> {
        Self::STEPS
            .into_iter()
            .chain([ApplicationStatus::NotSelected])
            .filter(|to| self.company_may_move_to(*to))
            .collect()
    }
}

/// Longest cover note a seeker can send, and longest note a company can keep about a candidate.
pub const MAX_COVER_NOTE: usize = 1000;
pub const MAX_COMPANY_NOTE: usize = 2000;

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::*;
    use super::*;

    #[test]
    fn companies_move_forward_or_decline_and_decisions_are_final() {
        assert!(Received.company_may_move_to(Screened));
        assert!(
            Received.company_may_move_to(Interview),
            "steps may be skipped"
        );
        assert!(Interview.company_may_move_to(Hired));
        assert!(Offered.company_may_move_to(NotSelected));
        assert!(!Interview.company_may_move_to(Screened), "no going back");
        assert!(!Received.company_may_move_to(Received));
        assert!(
            !Received.company_may_move_to(Withdrawn),
            "only the seeker withdraws"
        );
        for done in [Hired, NotSelected, Withdrawn] {
            assert!(done.company_moves().is_empty(), "{done:?}");
            assert!(!done.seeker_may_withdraw());
        }
        assert_eq!(Interview.company_moves(), vec![Offered, Hired, NotSelected]);
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in ApplicationStatus::STEPS
            .into_iter()
            .chain([NotSelected, Withdrawn])
        {
            assert_eq!(ApplicationStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ApplicationStatus::parse("deleted"), None);
    }
}
