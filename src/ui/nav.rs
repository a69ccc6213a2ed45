//! Navigation by role: what each kind of user is offered in the header.
//!
//! The menu is one table, in the order it is shown; each entry names who sees it. To add a page to a menu,
//! add a row (and its route in `app.rs`: a link to nowhere is a 404).
use crate::core::{i18n::Strings, role::Role};

#[derive(Clone, Copy)]
pub struct NavItem {
    pub href: &'static str,
    pub label: fn(&Strings) -> &'static str,
}

/// Who is offered an entry.
#[derive(Clone, Copy)]
enum Audience {
    /// Every visitor, signed in or not.
    Everyone,
    /// Only people signed in with one of these roles.
    Roles(&'static [Role]),
}

impl Audience {
    fn includes(self, role: Option<Role>) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Roles(roles) => role.is_some_and(|role| roles.contains(&role)),
        }
    }
}

const SEEKER: Audience = Audience::Roles(&[Role::Seeker]);
const COMPANY: Audience = Audience::Roles(&[Role::Company]);
/// Officers' work, which an admin does too.
const STAFF: Audience = Audience::Roles(&[Role::Officer, Role::Admin]);
const ADMIN: Audience = Audience::Roles(&[Role::Admin]);
/// The own account (password, sessions, consents) is listed for those who have no other way to it.
const OWN_ACCOUNT: Audience = Audience::Roles(&[Role::Seeker, Role::Admin]);

const fn entry(
    href: &'static str,
    label: fn(&Strings) -> &'static str,
    audience: Audience,
) -> (NavItem, Audience) {
    (NavItem { href, label }, audience)
}

/// The whole menu, public entries first. Training and complaints join when their features exist.
const MENU: &[(NavItem, Audience)] = &[
    entry("/lowongan", |t| t.nav_vacancies, Audience::Everyone),
    entry("/bursa-kerja", |t| t.nav_job_fairs, Audience::Everyone),
    entry("/regulasi", |t| t.nav_regulations, Audience::Everyone),
    entry("/pelatihan", |t| t.training_nav, Audience::Everyone),
    entry("/statistik", |t| t.statistics_nav, Audience::Everyone),
    entry("/akun/profil", |t| t.nav_ak1_card, SEEKER),
    entry("/akun/lamaran", |t| t.nav_my_applications, SEEKER),
    entry("/akun/kontrak", |t| t.nav_my_contracts, SEEKER),
    entry("/akun/bursa-kerja", |t| t.nav_my_fairs, SEEKER),
    entry("/perusahaan", |t| t.nav_company, COMPANY),
    entry("/perusahaan/lowongan", |t| t.nav_company_vacancies, COMPANY),
    entry("/perusahaan/pkwt", |t| t.nav_company_pkwt, COMPANY),
    entry("/perusahaan/bursa-kerja", |t| t.nav_company_fairs, COMPANY),
    entry("/perusahaan/tka", |t| t.nav_tka, COMPANY),
    entry("/petugas", |t| t.statistics_nav_dashboard, STAFF),
    entry("/petugas/ak1", |t| t.nav_ak1_queue, STAFF),
    entry("/petugas/loket", |t| t.nav_counter, STAFF),
    entry("/petugas/statistik-ak1", |t| t.nav_ak1_statistics, STAFF),
    entry("/petugas/perusahaan", |t| t.nav_company_queue, STAFF),
    entry("/petugas/lowongan", |t| t.nav_vacancy_queue, STAFF),
    entry("/petugas/pkwt", |t| t.nav_pkwt_queue, STAFF),
    entry("/petugas/bursa-kerja", |t| t.nav_fairs_officer, STAFF),
    entry("/petugas/tka", |t| t.nav_tka, STAFF),
    entry("/petugas/koreksi", |t| t.nav_corrections, STAFF),
    entry("/admin/akun", |t| t.nav_admin_accounts, ADMIN),
    entry("/admin/upah-minimum", |t| t.nav_minimum_wages, ADMIN),
    entry("/admin/tugas", |t| t.nav_job_runs, ADMIN),
    entry("/admin/audit", |t| t.nav_audit, ADMIN),
    // menu: complaints (issue 22)
    entry("/pengaduan", |t| t.complaint_nav, Audience::Everyone),
    entry("/petugas/pengaduan", |t| t.complaint_nav_officer, STAFF),
    // menu: requests and permits (issue 23)
    entry("/perusahaan/layanan", |t| t.requests_nav_company, COMPANY),
    entry("/petugas/layanan", |t| t.requests_nav_officer, STAFF),
    entry("/admin/layanan", |t| t.requests_nav_admin, ADMIN),
    // menu: IKM survey (issue 23)
    // menu: manpower report WLKP (issue 24)
    entry(
        "/perusahaan/laporan-ketenagakerjaan",
        |t| t.manpower_nav,
        COMPANY,
    ),
    // menu: K3 safety (issue 24)
    entry("/perusahaan/k3", |t| t.safety_nav, COMPANY),
    // menu: compliance (issue 24)
    entry("/petugas/kepatuhan", |t| t.compliance_nav, STAFF),
    // menu: training (issue 25)
    entry("/perusahaan/pelatihan", |t| t.training_nav_company, COMPANY),
    entry("/akun/pelatihan", |t| t.training_nav_mine, SEEKER),
    entry("/petugas/pelatihan", |t| t.training_nav_manage, STAFF),
    // menu: partner API (issue 26)
    entry("/admin/integrasi", |t| t.partner_api_nav, ADMIN),
    // menu: statistics and service dashboard (issue 28)
    // menu: inbox (issue 28)
    // menu: regulations (issue 28)
    entry("/akun", |t| t.nav_my_account, OWN_ACCOUNT),
];

/// The public items, then what the signed-in role adds.
pub fn nav_items(role: Option<Role>) -> Vec<NavItem> {
    MENU.iter()
        .filter(|(_, audience)| audience.includes(role))
        .map(|(item, _)| *item)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::{EN, ID};

    const ROLES: [Option<Role>; 5] = [
        None,
        Some(Role::Seeker),
        Some(Role::Company),
        Some(Role::Officer),
        Some(Role::Admin),
    ];

    fn hrefs(role: Option<Role>) -> Vec<&'static str> {
        nav_items(role).into_iter().map(|item| item.href).collect()
    }

    fn public_then(own: &[&'static str]) -> Vec<&'static str> {
        let mut all = vec![
            "/lowongan",
            "/bursa-kerja",
            "/regulasi",
            "/pelatihan",
            "/statistik",
        ];
        all.extend_from_slice(own);
        all
    }

    const OFFICER: [&str; 10] = [
        "/petugas",
        "/petugas/ak1",
        "/petugas/loket",
        "/petugas/statistik-ak1",
        "/petugas/perusahaan",
        "/petugas/lowongan",
        "/petugas/pkwt",
        "/petugas/bursa-kerja",
        "/petugas/tka",
        "/petugas/koreksi",
    ];

    #[test]
    fn each_role_sees_its_menu_in_order() {
        assert_eq!(hrefs(None), public_then(&["/pengaduan"]));
        assert_eq!(
            hrefs(Some(Role::Seeker)),
            public_then(&[
                "/akun/profil",
                "/akun/lamaran",
                "/akun/kontrak",
                "/akun/bursa-kerja",
                "/pengaduan",
                "/akun/pelatihan",
                "/akun",
            ])
        );
        assert_eq!(
            hrefs(Some(Role::Company)),
            public_then(&[
                "/perusahaan",
                "/perusahaan/lowongan",
                "/perusahaan/pkwt",
                "/perusahaan/bursa-kerja",
                "/perusahaan/tka",
                "/pengaduan",
                "/perusahaan/layanan",
                "/perusahaan/laporan-ketenagakerjaan",
                "/perusahaan/k3",
                "/perusahaan/pelatihan",
            ])
        );
        assert_eq!(
            hrefs(Some(Role::Officer)),
            public_then(
                &[
                    &OFFICER[..],
                    &[
                        "/pengaduan",
                        "/petugas/pengaduan",
                        "/petugas/layanan",
                        "/petugas/kepatuhan",
                        "/petugas/pelatihan"
                    ]
                ]
                .concat()
            )
        );
        // An admin does the officers' work (corrections included) and has its own pages and account.
        let mut admin = OFFICER.to_vec();
        admin.extend([
            "/admin/akun",
            "/admin/upah-minimum",
            "/admin/tugas",
            "/admin/audit",
            "/pengaduan",
            "/petugas/pengaduan",
            "/petugas/layanan",
            "/admin/layanan",
            "/petugas/kepatuhan",
            "/petugas/pelatihan",
            "/admin/integrasi",
            "/akun",
        ]);
        assert_eq!(hrefs(Some(Role::Admin)), public_then(&admin));
    }

    #[test]
    fn each_role_sees_only_its_own_areas() {
        assert!(hrefs(None).contains(&"/lowongan"));
        assert!(
            !hrefs(None)
                .iter()
                .any(|h| h.starts_with("/petugas") || h.starts_with("/admin"))
        );
        assert!(hrefs(Some(Role::Company)).contains(&"/perusahaan"));
        assert!(hrefs(Some(Role::Seeker)).contains(&"/akun/profil"));
        assert!(!hrefs(Some(Role::Company)).contains(&"/petugas/ak1"));
        assert!(
            !hrefs(Some(Role::Seeker))
                .iter()
                .any(|h| h.starts_with("/perusahaan"))
        );
        assert!(hrefs(Some(Role::Officer)).contains(&"/petugas/perusahaan"));
        assert!(!hrefs(Some(Role::Officer)).contains(&"/admin/akun"));
        assert!(hrefs(Some(Role::Admin)).contains(&"/admin/audit"));
        assert!(hrefs(Some(Role::Admin)).contains(&"/admin/integrasi"));
        assert!(!hrefs(Some(Role::Officer)).contains(&"/admin/integrasi"));
    }

    /// The paths of `app.rs`'s routes, read from its source.
    fn route_paths() -> Vec<&'static str> {
        include_str!("../app.rs")
            .split("path!(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn every_nav_item_is_a_route() {
        let routes = route_paths();
        assert!(
            routes.len() > 20,
            "the routes of app.rs were not found: {routes:?}"
        );
        for role in ROLES {
            for href in hrefs(role) {
                assert!(
                    routes.contains(&href),
                    "{href} is in the menu but not a route"
                );
            }
        }
    }

    /// A staff page of its own (two segments, no parameter) is in the admin menu; the pages under one
    /// (TKA statistics, fair check-in, a counter's seeker) are reached from it.
    #[test]
    fn the_admin_menu_lists_every_staff_page() {
        let admin = hrefs(Some(Role::Admin));
        let staff_pages = route_paths().into_iter().filter(|path| {
            (path.starts_with("/petugas/") || path.starts_with("/admin/"))
                && path.matches('/').count() == 2
                && !path.contains(':')
        });
        for path in staff_pages {
            assert!(
                admin.contains(&path),
                "{path} is missing from the admin menu"
            );
        }
    }

    #[test]
    fn every_item_is_labelled_in_both_languages() {
        for role in ROLES {
            for item in nav_items(role) {
                assert!(!(item.label)(&ID).is_empty() && !(item.label)(&EN).is_empty());
            }
        }
    }
}
