//! One inbox for every role (issue 28): every in-app notice `server::notify::send` writes, read and unread,
//! each linking to its object, marked read one by one or all at once; the e-mail copy per category
//! (`core::notice`: some categories are mandatory); the header's unread count; and the automation jobs
//! that write notices on a schedule (AK-1 expiry, DKPTKA due, service-clock breaches, the monthly digest
//! and the monthly income notice), each once per recipient and period.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod reader;
#[cfg(feature = "ssr")]
pub mod repo;
