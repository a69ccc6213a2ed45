use leptos::prelude::*;

use crate::{
    core::{error::AppError, i18n::Strings},
    ui::{set_status, use_strings},
};

/// A localized, friendly report of a failed request. Internal errors show their reference only.
///
/// A page showing it failed to load what it is about, so during the server render it also answers with the
/// error's HTTP status (`AppError::status_code`: 503 when the database is unavailable). A 200 would let the
/// page cache keep the error and send it to every visitor, and tells crawlers and monitors the page is fine.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    set_status(error.status_code());
    view! { <ErrorBox error /> }
}

/// The panel alone, without the status: for an earlier action's error shown on a page that itself rendered
/// fine (a form posted before the page hydrated comes back to the form with its error).
#[component]
pub fn ErrorBox(error: AppError) -> impl IntoView {
    let t = use_strings();
    // Never a dead end: a page that needs signing in links to the sign-in, which comes back here; a page
    // for another role says whose it is and how to get there, and links home.
    let way_on = match error {
        AppError::Unauthenticated => Some(
            view! { <a class="btn-primary mt-3 inline-flex" href=sign_in_here()>{t.sign_in}</a> }
                .into_any(),
        ),
        AppError::Forbidden => Some(forbidden_help(t).into_any()),
        _ => None,
    };
    view! {
        <div role="alert" class="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
            <p class="font-semibold">{t.error_title}</p>
            <p class="mt-1">{error.localized(t)}</p>
            {way_on}
        </div>
    }
}

/// The page being shown, with its query: where the sign-in comes back to.
fn here() -> String {
    let location = leptos_router::hooks::use_location();
    let search = location.search.get_untracked();
    let path = location.pathname.get_untracked();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{}", search.trim_start_matches('?'))
    }
}

fn sign_in_here() -> String {
    format!(
        "/masuk?kembali={}",
        crate::ui::layout::encode_query_value(&here())
    )
}

/// Whose pages a path belongs to, read from its first segment (the route map in `app.rs` groups them so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Audience {
    Company,
    Officer,
    Admin,
    Seeker,
}

fn audience(path: &str) -> Option<Audience> {
    let first = path.trim_start_matches('/').split(['/', '?']).next()?;
    match first {
        "perusahaan" => Some(Audience::Company),
        "petugas" => Some(Audience::Officer),
        "admin" => Some(Audience::Admin),
        "akun" => Some(Audience::Seeker),
        _ => None,
    }
}

/// A link shown under the explanation: its text and where it goes.
type WayOn = (&'static str, String);

/// What a page is for and the ways on for a signed-in person of another role. The person is signed in, so
/// a sign-in link alone would loop back here: the text says to sign out first.
fn explanation(t: &'static Strings, path: &str) -> Option<(&'static str, Vec<WayOn>)> {
    let sign_in = sign_in_here();
    let (text, links) = match audience(path)? {
        Audience::Company => {
            let mut links = vec![
                (
                    t.forbidden_company_register,
                    "/daftar/perusahaan".to_owned(),
                ),
                (t.forbidden_company_sign_in, sign_in),
            ];
            // The home page's PKWT card leads seekers here; their own contracts have a page of their own.
            if path.starts_with("/perusahaan/pkwt") {
                links.insert(0, (t.forbidden_pkwt_mine_link, "/akun/kontrak".to_owned()));
            }
            (t.forbidden_company, links)
        }
        // A person's counter page answers 403 once the day's consent has ended, to the officer too: the text
        // speaks to both, and the way on is to open the person again at the counter, with their consent.
        Audience::Officer
            if path
                .strip_prefix("/petugas/loket/")
                .is_some_and(|rest| !rest.is_empty()) =>
        {
            (
                t.forbidden_counter_consent,
                vec![
                    (t.forbidden_counter_open_again, "/petugas/loket".to_owned()),
                    (t.forbidden_sign_in_other, sign_in),
                ],
            )
        }
        Audience::Officer => (
            t.forbidden_officer,
            vec![(t.forbidden_sign_in_other, sign_in)],
        ),
        Audience::Admin => (
            t.forbidden_admin,
            vec![(t.forbidden_sign_in_other, sign_in)],
        ),
        Audience::Seeker => (
            t.forbidden_seeker,
            vec![
                (t.forbidden_seeker_sign_up, "/daftar/pencaker".to_owned()),
                (t.forbidden_sign_in_other, sign_in),
            ],
        ),
    };
    Some((text, links))
}

fn forbidden_help(t: &'static Strings) -> impl IntoView {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let pkwt_note = path
        .starts_with("/perusahaan/pkwt")
        .then(|| view! { <p class="mt-2">{t.forbidden_pkwt_mine}</p> });
    let (text, links) = explanation(t, &path).unwrap_or_default();
    view! {
        {(!text.is_empty()).then(|| view! { <p class="mt-2" data-testid="forbidden-help">{text}</p> })}
        {pkwt_note}
        <ul class="mt-3 flex flex-wrap gap-x-4 gap-y-2">
            {links.into_iter().map(|(label, href)| view! {
                <li><a class="link" href=href>{label}</a></li>
            }).collect_view()}
            <li><a class="link" href="/">{t.back_home}</a></li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::{Audience, audience};

    #[test]
    fn a_path_belongs_to_the_role_of_its_first_segment() {
        assert_eq!(audience("/perusahaan/pkwt"), Some(Audience::Company));
        assert_eq!(audience("/perusahaan"), Some(Audience::Company));
        assert_eq!(audience("/petugas/perusahaan"), Some(Audience::Officer));
        assert_eq!(audience("/admin/akun"), Some(Audience::Admin));
        assert_eq!(audience("/akun/profil"), Some(Audience::Seeker));
        assert_eq!(audience("/lowongan"), None);
        assert_eq!(audience("/perusahaanku"), None);
        assert_eq!(audience("/"), None);
    }
}
