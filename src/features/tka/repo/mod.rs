//! The foreign-worker and DKPTKA rows: every SQL statement of the feature. Functions take an executor (the
//! pool or the caller's transaction) and return rows; the actions own the transaction, the authorization,
//! audit and notices.
pub mod bills;
pub mod reports;
pub mod talent;
pub mod workers;
