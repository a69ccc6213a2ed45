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

/// Where to go after signing in when a page sent the person to `/masuk?kembali=…`: a path of this portal
/// only (`core::local_path`, the one check for every return address), and not the sign-in page itself.
pub fn return_path(next: &str) -> Option<&str> {
    crate::core::local_path::local_path(next.trim()).filter(|path| !path.starts_with("/masuk"))
}

/// Whether a return address is a file (a PDF or CSV link that sent the person to sign in), not a page:
/// its last segment has a dot. The client's router cannot show it; the browser must load it.
pub fn is_file_path(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
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

#[cfg(test)]
mod tests {
    use super::return_path;

    #[test]
    fn files_are_told_from_pages_by_their_last_segment() {
        assert!(super::is_file_path("/akun/kartu-ak1.pdf"));
        assert!(super::is_file_path(
            "/petugas/kepatuhan/ekspor.csv?kecamatan=36.03.01"
        ));
        assert!(!super::is_file_path("/lowongan?q=a.b"));
        assert!(!super::is_file_path("/bursa-kerja/3"));
        assert!(!super::is_file_path("/"));
    }

    #[test]
    fn only_paths_of_this_portal_are_returned_to() {
        assert_eq!(return_path("/bursa-kerja/3"), Some("/bursa-kerja/3"));
        assert_eq!(return_path(" /lowongan?q=las "), Some("/lowongan?q=las"));
        for refused in [
            "",
            "https://evil.example/",
            "//evil.example",
            "/\\evil",
            "javascript:alert(1)",
            "/masuk",
            "bursa-kerja",
            "/a\nb",
            "/\t/evil.example",
            "/%2F%2Fevil.example",
        ] {
            assert_eq!(return_path(refused), None, "{refused:?}");
        }
    }
}
