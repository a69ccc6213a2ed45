//! The shell (`<html>` document), the root component and the route table.
use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::{
    core::i18n::Lang,
    features::{
        accounts::pages::{
            AccountPage, DataAccessPage, ForgotPasswordPage, ResetPasswordPage, SeekerSignUpPage,
            SignInPage, SignUpChoicePage, VerifyEmailPage,
        },
        admin::pages::{AdminAccountsPage, AuditPage, CorrectionsPage},
        ak1::pages::{
            Ak1QueuePage, Ak1StatisticsPage, CounterPage, CounterSeekerPage, ProfilePage,
            VerifyAk1Page,
        },
        companies::pages::{CompanyPage, CompanyQueuePage, CompanySignUpPage, JoinCompanyPage},
        home::pages::HomePage,
        vacancies::pages::{
            CompanyVacanciesPage, MyJobsPage, PipelinePage, VacancyPage, VacancyQueuePage,
            VacancySearchPage,
        },
    },
    ui::{
        layout::{Footer, Header},
        not_found::NotFound,
    },
};

/// The document around the app, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    #[cfg(feature = "ssr")]
    set_page_security_headers();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0f5f8c" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
                <script src="/pwa.js" defer></script>
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = current_lang();
    provide_context(lang);
    let t = lang.strings();
    view! {
        <Link rel="stylesheet" id="leptos" href="/pkg/dnaker.css" />
        <Title formatter=move |page: String| {
            if page.is_empty() { t.site_name.to_owned() } else { format!("{page} · {}", t.site_name) }
        } />
        <Meta name="description" content=t.meta_description />
        <Router>
            <a href="#konten" class="skip-link">{t.skip_to_content}</a>
            <Header />
            <main id="konten" tabindex="-1" class="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-10">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("/masuk") view=SignInPage />
                    <Route path=path!("/daftar") view=SignUpChoicePage />
                    <Route path=path!("/daftar/pencaker") view=SeekerSignUpPage />
                    <Route path=path!("/daftar/perusahaan") view=CompanySignUpPage />
                    <Route path=path!("/verifikasi-email") view=VerifyEmailPage />
                    <Route path=path!("/lupa-sandi") view=ForgotPasswordPage />
                    <Route path=path!("/atur-sandi") view=ResetPasswordPage />
                    <Route path=path!("/undangan") view=JoinCompanyPage />
                    <Route path=path!("/akun") view=AccountPage />
                    <Route path=path!("/akun/akses") view=DataAccessPage />
                    <Route path=path!("/akun/profil") view=ProfilePage />
                    <Route path=path!("/petugas/ak1") view=Ak1QueuePage />
                    <Route path=path!("/petugas/loket") view=CounterPage />
                    <Route path=path!("/petugas/loket/:id") view=CounterSeekerPage />
                    <Route path=path!("/petugas/statistik-ak1") view=Ak1StatisticsPage />
                    <Route path=path!("/verifikasi/ak1/:code") view=VerifyAk1Page />
                    <Route path=path!("/perusahaan") view=CompanyPage />
                    <Route path=path!("/petugas/perusahaan") view=CompanyQueuePage />
                    <Route path=path!("/petugas/koreksi") view=CorrectionsPage />
                    <Route path=path!("/admin/akun") view=AdminAccountsPage />
                    <Route path=path!("/admin/audit") view=AuditPage />
                    // Whole pages at once (not streamed): they must work without JavaScript and be indexable.
                    <Route path=path!("/lowongan") view=VacancySearchPage ssr=SsrMode::Async />
                    <Route path=path!("/lowongan/:id") view=VacancyPage ssr=SsrMode::Async />
                    <Route path=path!("/akun/lamaran") view=MyJobsPage />
                    <Route path=path!("/perusahaan/lowongan") view=CompanyVacanciesPage />
                    <Route path=path!("/perusahaan/lowongan/:id") view=PipelinePage />
                    <Route path=path!("/petugas/lowongan") view=VacancyQueuePage />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// The language of the current render: from the request cookie on the server, and from the
/// `<html lang>` the server rendered when the browser hydrates (so both agree).
pub fn current_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| {
                let cookie = parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok());
                Lang::from_cookie_header(cookie)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        use_context::<Lang>().unwrap_or_else(lang_of_document)
    }
}

#[cfg(not(feature = "ssr"))]
fn lang_of_document() -> Lang {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Lang::default()
    }
}

/// The page's CSP carries this response's nonce, so only the hydration scripts Leptos wrote run.
#[cfg(feature = "ssr")]
fn set_page_security_headers() {
    use http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
    let (Some(response), Some(nonce)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        leptos::nonce::use_nonce(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&crate::server::security::page_csp(&nonce.to_string()))
    {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
