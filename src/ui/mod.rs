//! Components shared by every feature.
pub mod error_panel;
pub mod form;
pub mod hydration;
pub mod layout;
pub mod nav;
pub mod not_found;
pub mod pager;

use leptos::prelude::use_context;

use crate::core::i18n::{Lang, Strings};

/// The language chosen for this page (provided by `App`).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The translated strings of this page's language.
pub fn use_strings() -> &'static Strings {
    use_lang().strings()
}

/// Sets the HTTP status of the page being rendered on the server (no-op in the browser).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}
