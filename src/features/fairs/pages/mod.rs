//! Job-fair pages: public (fairs, booths, booth screen), the seeker's tickets, the company's booths, the
//! officer's events and report, and ticket check-in.
pub mod booth;
pub mod company;
pub mod officer;
pub mod public;
pub mod scan;
pub mod seeker;

pub use booth::{BoothPublicPage, BoothScreenPage};
pub use company::CompanyFairsPage;
pub use officer::{FairReportPage, OfficerFairsPage};
pub use public::{FairListPage, FairPage};
pub use scan::CheckInPage;
pub use seeker::MyFairsPage;
