//! Pages of accounts: sign-in, sign-up, e-mail verification, passwords, the account page.
mod account;
mod password;
mod sign_in;
mod sign_up;

pub use account::{AccountPage, DataAccessPage};
pub use password::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use sign_in::SignInPage;
pub use sign_up::{ConsentChoices, IdentityFields, SeekerSignUpPage, SignUpChoicePage};

use crate::core::role::Role;

/// Where a person lands after signing in.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::Seeker => "/akun",
        Role::Company => "/perusahaan",
        Role::Officer => "/petugas/ak1",
        Role::Admin => "/admin/akun",
    }
}

/// A full page load (so the header and every resource see the new session); browser only.
pub fn go_to(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
