//! AK-1 SQL and row structs. Functions take an executor; the caller (an action module) owns the
//! transaction, the authorization and the audit row.
mod application;
mod files;
mod officer;
mod profile;
mod reports;

pub use application::*;
pub use files::*;
pub use officer::*;
pub use profile::*;
pub use reports::*;
