//! Statistics pages: the open figures and service levels (public) and the officers' dashboard.
pub mod charts;
pub mod officer;
pub mod public;

pub use officer::DashboardPage;
pub use public::{ServiceLevelsPage, StatisticsPage};
