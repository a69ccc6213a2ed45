//! Accounts and roles. Sign-up, sessions and the audit views arrive with the accounts issue; the
//! foundation needs the account table for `dnaker create-admin` and the demo data.
pub mod model;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod repo;
