//! The shell (`<html>` document), the root component and the route table.
use leptos::prelude::*;
use leptos_meta::{Meta, MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, LazyRoute, SsrMode,
    components::{Route, Router, Routes},
    lazy_route, path,
};

use crate::{
    core::i18n::Lang,
    features::{
        accounts::api::{SignOut, current_user},
        accounts::pages::{
            AccountPage, DataAccessPage, ForgotPasswordPage, ResetPasswordPage, SeekerSignUpPage,
            SignInPage, SignUpChoicePage, VerifyEmailPage,
        },
        admin::pages::{
            AdminAccountsPage, AuditPage, CorrectionsPage, JobRunsPage, MinimumWagesPage,
        },
        ak1::pages::{
            Ak1QueuePage, Ak1StatisticsPage, CounterPage, CounterSeekerPage, ProfilePage,
            VerifyAk1Page,
        },
        companies::pages::{CompanyPage, CompanyQueuePage, CompanySignUpPage, JoinCompanyPage},
        fairs::pages::{
            BoothPublicPage, BoothScreenPage, CheckInPage, CompanyFairsPage, FairListPage,
            FairPage, FairReportPage, MyFairsPage, OfficerFairsPage,
        },
        home::pages::HomePage,
        pkwt::pages::{
            CompanyPkwtPage, CompensationToolPage, MyContractsPage, OvertimeToolPage,
            PkwtQueuePage, VerifyPkwtPage,
        },
        tka::pages::{CompanyTkaPage, TkaQueuePage, TkaStatisticsPage, VerifyDkptkaPage},
        vacancies::pages::{
            CompanyVacanciesPage, MyJobsPage, PipelinePage, VacancyPage, VacancyQueuePage,
            VacancySearchPage,
        },
    },
    ui::{
        hydration::{BundleStylesheet, DeferredHydration},
        layout::{Footer, Header},
        not_found::NotFound,
    },
};
// imports: complaints (issue 22)
use crate::features::complaints::pages::{
    CompanyComplaintsPage, ComplaintCasePage, ComplaintFilePage, ComplaintQueuePage,
    ComplaintTrackPage,
};
// imports: requests and permits (issue 23)
use crate::features::requests::pages::{
    CompanyRequestsPage, MyPhkPage, RequestQueuePage, RequestTypesPage, UnionNoticesPage,
    VerifyRequestPage,
};
// imports: IKM survey (issue 23)
use crate::features::survey::pages::{IkmPublicPage, IkmReportPage, SurveyPage};
// imports: manpower report WLKP (issue 24)
use crate::features::manpower_report::pages::{ManpowerReportPage, VerifyManpowerReportPage};
// imports: K3 safety (issue 24)
use crate::features::safety::pages::CompanySafetyPage;
// imports: compliance (issue 24)
use crate::features::compliance::pages::CompliancePage;
// imports: training (issue 25)
use crate::features::training::pages::{
    CompanyTrainingPage, MyTrainingPage, OfficerTrainingPage, ProgrammePageView,
    TrainingCataloguePage, VerifyTrainingPage,
};
// imports: partner API (issue 26)
use crate::features::partner_api::pages::IntegrationPage;
// imports: statistics and service dashboard (issue 28)
use crate::features::statistics::pages::{DashboardPage, ServiceLevelsPage, StatisticsPage};
// imports: inbox (issue 28)
use crate::features::inbox::{api::unread_notices, pages::InboxPage};
// imports: regulations (issue 28)
use crate::features::regulations::pages::{RegulationPage, RegulationsPage};

/// The document around the app, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
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
                <BundleStylesheet options=options.clone() />
                <AutoReload options=options.clone() />
                // Never fetched while the page loads: the server-rendered page paints first and stays usable
                // (forms post without JavaScript); it becomes interactive on first use, or, signed in, when idle.
                <DeferredHydration options on_demand=visitor_is_anonymous() />
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
        <Title formatter=move |page: String| {
            if page.is_empty() { t.site_name.to_owned() } else { format!("{page} · {}", t.site_name) }
        } />
        <Meta name="description" content=t.meta_description />
        <Router>
            <a href="#konten" class="skip-link">{t.skip_to_content}</a>
            <SiteHeader />
            <main id="konten" tabindex="-1" class="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-10">
                // Every page renders whole (`SsrMode::Async`, not streamed out of order): it works without
                // JavaScript, is indexable, and its content is in the first HTML rather than swapped in by a
                // script; the status an error panel sets is the response's. Streaming bought a signed-in page
                // nothing (it is collected whole before gzip, see `server/router.rs`) and cost it each
                // `<Suspense>` twice, its fallback and its content in a `<template>` with a script to swap them.
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/masuk") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/daftar") view=SignUpChoicePage ssr=SsrMode::Async />
                    <Route path=path!("/daftar/pencaker") view={Lazy::<SeekerSignUpRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/daftar/perusahaan") view={Lazy::<CompanySignUpRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi-email") view={Lazy::<VerifyEmailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/lupa-sandi") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/atur-sandi") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/undangan") view={Lazy::<JoinCompanyRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/akun") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/akun/akses") view={Lazy::<DataAccessRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/akun/profil") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/ak1") view={Lazy::<Ak1QueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/loket") view={Lazy::<CounterRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/loket/:id") view={Lazy::<CounterSeekerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/statistik-ak1") view={Lazy::<Ak1StatisticsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi/ak1/:code") view=VerifyAk1Page ssr=SsrMode::Async />
                    <Route path=path!("/perusahaan") view={Lazy::<CompanyRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/perusahaan") view={Lazy::<CompanyQueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/koreksi") view={Lazy::<CorrectionsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/akun") view={Lazy::<AdminAccountsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/lowongan") view=VacancySearchPage ssr=SsrMode::Async />
                    <Route path=path!("/lowongan/:id") view=VacancyPage ssr=SsrMode::Async />
                    <Route path=path!("/akun/lamaran") view={Lazy::<MyJobsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/perusahaan/lowongan") view={Lazy::<CompanyVacanciesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/perusahaan/lowongan/:id") view={Lazy::<PipelineRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/lowongan") view={Lazy::<VacancyQueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/perusahaan/pkwt") view={Lazy::<CompanyPkwtRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/pkwt") view={Lazy::<PkwtQueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/akun/kontrak") view={Lazy::<MyContractsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi/pkwt/:code") view={Lazy::<VerifyPkwtRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/alat/kompensasi") view={Lazy::<CompensationToolRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/alat/lembur") view={Lazy::<OvertimeToolRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/upah-minimum") view={Lazy::<MinimumWagesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/tugas") view={Lazy::<JobRunsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/bursa-kerja") view={Lazy::<FairListRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/bursa-kerja/:id") view={Lazy::<FairRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/bursa-kerja/stan/:id") view={Lazy::<BoothPublicRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/bursa-kerja/stan/:id/layar") view={Lazy::<BoothScreenRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/akun/bursa-kerja") view={Lazy::<MyFairsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/perusahaan/bursa-kerja") view={Lazy::<CompanyFairsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/bursa-kerja") view={Lazy::<OfficerFairsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/bursa-kerja/pindai") view={Lazy::<CheckInRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/bursa-kerja/:id/laporan") view={Lazy::<FairReportRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/regulasi") view={Lazy::<RegulationsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/perusahaan/tka") view={Lazy::<CompanyTkaRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/tka") view={Lazy::<TkaQueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/tka/statistik") view={Lazy::<TkaStatisticsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi/dkptka/:code") view={Lazy::<VerifyDkptkaRoute>::new()} ssr=SsrMode::Async />
                    // routes: complaints (issue 22)
                    <Route path=path!("/pengaduan") view={Lazy::<ComplaintFileRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/pengaduan/:code") view={Lazy::<ComplaintTrackRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/pengaduan") view={Lazy::<ComplaintQueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/pengaduan/:id") view={Lazy::<ComplaintCaseRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/perusahaan/pengaduan") view={Lazy::<CompanyComplaintsRoute>::new()} ssr=SsrMode::Async />
                    // routes: requests and permits (issue 23)
                    <Route path=path!("/perusahaan/layanan") view={Lazy::<CompanyRequestsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/layanan") view={Lazy::<RequestQueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/layanan") view={Lazy::<RequestTypesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/akun/phk") view={Lazy::<MyPhkRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/akun/mogok") view={Lazy::<UnionNoticesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi/layanan/:code") view={Lazy::<VerifyRequestRoute>::new()} ssr=SsrMode::Async />
                    // routes: IKM survey (issue 23)
                    <Route path=path!("/survei") view={Lazy::<IkmPublicRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/survei/:code") view={Lazy::<SurveyRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/layanan/ikm") view={Lazy::<IkmReportRoute>::new()} ssr=SsrMode::Async />
                    // routes: manpower report WLKP (issue 24)
                    <Route path=path!("/perusahaan/laporan-ketenagakerjaan") view={Lazy::<ManpowerReportRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi/wlkp/:code") view={Lazy::<VerifyManpowerReportRoute>::new()} ssr=SsrMode::Async />
                    // routes: K3 safety (issue 24)
                    <Route path=path!("/perusahaan/k3") view={Lazy::<CompanySafetyRoute>::new()} ssr=SsrMode::Async />
                    // routes: compliance (issue 24)
                    <Route path=path!("/petugas/kepatuhan") view={Lazy::<ComplianceRoute>::new()} ssr=SsrMode::Async />
                    // routes: training (issue 25)
                    <Route path=path!("/pelatihan") view={Lazy::<TrainingCatalogueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/pelatihan/:id") view={Lazy::<ProgrammeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/perusahaan/pelatihan") view={Lazy::<CompanyTrainingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas/pelatihan") view={Lazy::<OfficerTrainingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/akun/pelatihan") view={Lazy::<MyTrainingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi/pelatihan/:code") view={Lazy::<VerifyTrainingRoute>::new()} ssr=SsrMode::Async />
                    // routes: partner API (issue 26)
                    <Route path=path!("/admin/integrasi") view={Lazy::<IntegrationRoute>::new()} ssr=SsrMode::Async />
                    // routes: statistics and service dashboard (issue 28)
                    <Route path=path!("/statistik") view={Lazy::<StatisticsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/statistik/layanan") view={Lazy::<ServiceLevelsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/petugas") view={Lazy::<ServiceDashboardRoute>::new()} ssr=SsrMode::Async />
                    // routes: inbox (issue 28)
                    <Route path=path!("/kotak-masuk") view={Lazy::<InboxRoute>::new()} ssr=SsrMode::Async />
                    // routes: regulations (issue 28)
                    <Route path=path!("/regulasi/:id") view={Lazy::<RegulationRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// The header with what it needs from accounts: who is signed in, re-read on every navigation so signing in
/// or out shows at once, and the sign-out form (it posts to the server function without JavaScript).
#[component]
fn SiteHeader() -> impl IntoView {
    let t = crate::ui::use_strings();
    let location = leptos_router::hooks::use_location();
    let user = Resource::new(
        move || location.pathname.get(),
        |_| async { current_user().await.ok().flatten() },
    );
    // Keyed by the path alone and awaiting `user` inside: a source that read `user` made the server resolve
    // it twice (first as "signed out" = 0, then with the count) and serialize whichever came first, so the
    // browser hydrated with another count than the server rendered and the page failed to hydrate.
    let unread = Resource::new(
        move || location.pathname.get(),
        move |_| async move {
            if user.await.is_some() {
                unread_notices().await.unwrap_or(0)
            } else {
                0
            }
        },
    );
    let sign_out = ServerAction::<SignOut>::new();
    let sign_out = ViewFn::from(move || {
        view! {
            <ActionForm action=sign_out>
                <button type="submit" class="btn-light">{t.sign_out}</button>
            </ActionForm>
        }
    });
    view! { <Header user sign_out unread /> }
}

/// A visitor who is not signed in: no cookie but the language choice (the page cache's rule).
#[cfg(feature = "ssr")]
fn visitor_is_anonymous() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .all(|value| {
                value
                    .to_str()
                    .is_ok_and(|value| crate::server::lang::only_language_cookie(Some(value)))
            })
    })
}

#[cfg(not(feature = "ssr"))]
fn visitor_is_anonymous() -> bool {
    false
}

/// Pages whose code the browser fetches only when one is visited: `cargo leptos build --split` moves them
/// into WASM chunks. The public pages people land on (home, search, vacancy, sign-in, sign-up choice,
/// document verification) stay in the first download: splitting every page was measured heavier (80–150
/// small chunks per page, 377–487 KB against 371 KB), as shared code then compresses chunk by chunk.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                #[cfg(feature = "ssr")]
                crate::ui::hydration::preload_lazy_chunks();
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy_pages!(
    SeekerSignUpRoute => SeekerSignUpPage,
    CompanySignUpRoute => CompanySignUpPage,
    VerifyEmailRoute => VerifyEmailPage,
    ForgotPasswordRoute => ForgotPasswordPage,
    ResetPasswordRoute => ResetPasswordPage,
    JoinCompanyRoute => JoinCompanyPage,
    AccountRoute => AccountPage,
    DataAccessRoute => DataAccessPage,
    ProfileRoute => ProfilePage,
    Ak1QueueRoute => Ak1QueuePage,
    CounterRoute => CounterPage,
    CounterSeekerRoute => CounterSeekerPage,
    Ak1StatisticsRoute => Ak1StatisticsPage,
    CompanyRoute => CompanyPage,
    CompanyQueueRoute => CompanyQueuePage,
    CorrectionsRoute => CorrectionsPage,
    AdminAccountsRoute => AdminAccountsPage,
    AuditRoute => AuditPage,
    MyJobsRoute => MyJobsPage,
    CompanyVacanciesRoute => CompanyVacanciesPage,
    PipelineRoute => PipelinePage,
    VacancyQueueRoute => VacancyQueuePage,
    CompanyPkwtRoute => CompanyPkwtPage,
    PkwtQueueRoute => PkwtQueuePage,
    MyContractsRoute => MyContractsPage,
    VerifyPkwtRoute => VerifyPkwtPage,
    CompensationToolRoute => CompensationToolPage,
    OvertimeToolRoute => OvertimeToolPage,
    MinimumWagesRoute => MinimumWagesPage,
    JobRunsRoute => JobRunsPage,
    FairListRoute => FairListPage,
    FairRoute => FairPage,
    BoothPublicRoute => BoothPublicPage,
    BoothScreenRoute => BoothScreenPage,
    MyFairsRoute => MyFairsPage,
    CompanyFairsRoute => CompanyFairsPage,
    OfficerFairsRoute => OfficerFairsPage,
    CheckInRoute => CheckInPage,
    FairReportRoute => FairReportPage,
    RegulationsRoute => RegulationsPage,
    CompanyTkaRoute => CompanyTkaPage,
    TkaQueueRoute => TkaQueuePage,
    TkaStatisticsRoute => TkaStatisticsPage,
    VerifyDkptkaRoute => VerifyDkptkaPage,
    // lazy: complaints (issue 22)
    ComplaintFileRoute => ComplaintFilePage,
    ComplaintTrackRoute => ComplaintTrackPage,
    ComplaintQueueRoute => ComplaintQueuePage,
    ComplaintCaseRoute => ComplaintCasePage,
    CompanyComplaintsRoute => CompanyComplaintsPage,
    // lazy: requests and permits (issue 23)
    CompanyRequestsRoute => CompanyRequestsPage,
    RequestQueueRoute => RequestQueuePage,
    RequestTypesRoute => RequestTypesPage,
    MyPhkRoute => MyPhkPage,
    UnionNoticesRoute => UnionNoticesPage,
    VerifyRequestRoute => VerifyRequestPage,
    // lazy: IKM survey (issue 23)
    IkmPublicRoute => IkmPublicPage,
    SurveyRoute => SurveyPage,
    IkmReportRoute => IkmReportPage,
    // lazy: manpower report WLKP (issue 24)
    ManpowerReportRoute => ManpowerReportPage,
    VerifyManpowerReportRoute => VerifyManpowerReportPage,
    // lazy: K3 safety (issue 24)
    CompanySafetyRoute => CompanySafetyPage,
    // lazy: compliance (issue 24)
    ComplianceRoute => CompliancePage,
    // lazy: training (issue 25)
    TrainingCatalogueRoute => TrainingCataloguePage,
    ProgrammeRoute => ProgrammePageView,
    CompanyTrainingRoute => CompanyTrainingPage,
    OfficerTrainingRoute => OfficerTrainingPage,
    MyTrainingRoute => MyTrainingPage,
    VerifyTrainingRoute => VerifyTrainingPage,
    // lazy: partner API (issue 26)
    IntegrationRoute => IntegrationPage,
    // lazy: statistics and service dashboard (issue 28)
    StatisticsRoute => StatisticsPage,
    ServiceLevelsRoute => ServiceLevelsPage,
    ServiceDashboardRoute => DashboardPage,
    // lazy: inbox (issue 28)
    InboxRoute => InboxPage,
    // lazy: regulations (issue 28)
    RegulationRoute => RegulationPage,
);

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
