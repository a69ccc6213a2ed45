//! The job-fair SQL: row structs and queries. Reads take the pool (`&Db`); writes take the caller's
//! connection (`&mut *tx`), so the action that owns the transaction decides what commits together. No
//! authorization here: the callers check who is asking.
pub mod booth;
pub mod fair;
pub mod report;
pub mod slot;
pub mod visitor;
