//! Who is signed in, as every layer sees it (both targets: the header shows it in the browser).
use serde::{Deserialize, Serialize};

use crate::core::role::Role;

/// What the session knows about the signed-in person (no secrets; safe to send to the browser).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub account_id: i64,
    pub full_name: String,
    pub email: String,
    pub role: Role,
    pub company_id: Option<i64>,
    pub company_admin: bool,
    pub email_verified: bool,
}
