//! K3 pages: the company's accidents, self-checks and inspection orders.
pub mod company;
pub mod parts;

pub use company::CompanySafetyPage;
