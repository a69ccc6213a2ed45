//! Complaint pages: filing and tracking (public), the officer's desk and case page, the company's cases.
pub mod company;
pub mod officer;
pub mod parts;
pub mod public;
pub mod steps;

pub use company::CompanyComplaintsPage;
pub use officer::{ComplaintCasePage, ComplaintQueuePage};
pub use public::{ComplaintFilePage, ComplaintTrackPage};
