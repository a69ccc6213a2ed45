//! Training as the pages and server functions share it: the programme form and its check, the eligibility
//! rules (one function, run in the browser and on the server), places and reserves in order, attendance
//! share, completion and placement rates, the catalogue's URL state and the screens' types.
//!
//! All re-exported here, so callers name `training::model::X`.
mod programme;
mod query;
mod rules;
mod views;

pub use programme::*;
pub use query::*;
pub use rules::*;
pub use views::*;

#[cfg(test)]
mod tests;
