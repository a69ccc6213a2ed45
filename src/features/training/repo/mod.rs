//! All training SQL. Functions take an executor or a connection; the caller owns the transaction.
pub mod programme;
pub mod registration;
pub mod sessions;
pub mod stats;
