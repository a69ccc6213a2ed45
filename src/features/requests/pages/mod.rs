//! The request pages: the company's filings, the officers' queue, the admins' types, the public
//! verification of an issued document, the worker's PHK page, and a union's strike notices.
pub mod admin;
pub mod company;
pub mod officer;
pub mod parts;
pub mod public;
pub mod union;

pub use admin::RequestTypesPage;
pub use company::CompanyRequestsPage;
pub use officer::RequestQueuePage;
pub use public::{MyPhkPage, VerifyRequestPage};
pub use union::UnionNoticesPage;
