//! The vacancy feature's SQL and row structs, by table family. Functions take an executor, a connection or
//! the pool; the caller (an action module) owns the transaction, the authorization and the audit.
pub mod applications;
pub mod matching;
pub mod placements;
pub mod vacancies;
