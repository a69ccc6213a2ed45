//! Navigation by role: what each kind of user is offered in the header.
use crate::core::{i18n::Strings, role::Role};

#[derive(Clone, Copy)]
pub struct NavItem {
    pub href: &'static str,
    pub label: fn(&Strings) -> &'static str,
}

/// Training, regulations and complaints join when their features exist (a link to nowhere is a 404).
const PUBLIC: [NavItem; 3] = [
    NavItem {
        href: "/lowongan",
        label: |t| t.nav_vacancies,
    },
    NavItem {
        href: "/bursa-kerja",
        label: |t| t.nav_job_fairs,
    },
    NavItem {
        href: "/regulasi",
        label: |t| t.nav_regulations,
    },
];

/// The public items, then what the signed-in role adds.
pub fn nav_items(role: Option<Role>) -> Vec<NavItem> {
    let mut items = PUBLIC.to_vec();
    let own: &[NavItem] = match role {
        None => &[],
        Some(Role::Seeker) => &[
            NavItem {
                href: "/akun/profil",
                label: |t| t.nav_ak1_card,
            },
            NavItem {
                href: "/akun/lamaran",
                label: |t| t.nav_my_applications,
            },
            NavItem {
                href: "/akun/kontrak",
                label: |t| t.nav_my_contracts,
            },
            NavItem {
                href: "/akun/bursa-kerja",
                label: |t| t.nav_my_fairs,
            },
            NavItem {
                href: "/akun",
                label: |t| t.nav_my_account,
            },
        ],
        Some(Role::Company) => &[
            NavItem {
                href: "/perusahaan",
                label: |t| t.nav_company,
            },
            NavItem {
                href: "/perusahaan/lowongan",
                label: |t| t.nav_company_vacancies,
            },
            NavItem {
                href: "/perusahaan/pkwt",
                label: |t| t.nav_company_pkwt,
            },
            NavItem {
                href: "/perusahaan/bursa-kerja",
                label: |t| t.nav_company_fairs,
            },
            NavItem {
                href: "/perusahaan/tka",
                label: |t| t.nav_tka,
            },
        ],
        Some(Role::Officer) => &[
            NavItem {
                href: "/petugas/ak1",
                label: |t| t.nav_ak1_queue,
            },
            NavItem {
                href: "/petugas/loket",
                label: |t| t.nav_counter,
            },
            NavItem {
                href: "/petugas/statistik-ak1",
                label: |t| t.nav_ak1_statistics,
            },
            NavItem {
                href: "/petugas/perusahaan",
                label: |t| t.nav_company_queue,
            },
            NavItem {
                href: "/petugas/lowongan",
                label: |t| t.nav_vacancy_queue,
            },
            NavItem {
                href: "/petugas/pkwt",
                label: |t| t.nav_pkwt_queue,
            },
            NavItem {
                href: "/petugas/bursa-kerja",
                label: |t| t.nav_fairs_officer,
            },
            NavItem {
                href: "/petugas/tka",
                label: |t| t.nav_tka,
            },
            NavItem {
                href: "/petugas/koreksi",
                label: |t| t.nav_corrections,
            },
        ],
        Some(Role::Admin) => &[
            NavItem {
                href: "/petugas/ak1",
                label: |t| t.nav_ak1_queue,
            },
            NavItem {
                href: "/petugas/loket",
                label: |t| t.nav_counter,
            },
            NavItem {
                href: "/petugas/statistik-ak1",
                label: |t| t.nav_ak1_statistics,
            },
            NavItem {
                href: "/petugas/perusahaan",
                label: |t| t.nav_company_queue,
            },
            NavItem {
                href: "/petugas/lowongan",
                label: |t| t.nav_vacancy_queue,
            },
            NavItem {
                href: "/petugas/pkwt",
                label: |t| t.nav_pkwt_queue,
            },
            NavItem {
                href: "/petugas/bursa-kerja",
                label: |t| t.nav_fairs_officer,
            },
            NavItem {
                href: "/petugas/tka",
                label: |t| t.nav_tka,
            },
            NavItem {
                href: "/admin/akun",
                label: |t| t.nav_admin_accounts,
            },
            NavItem {
                href: "/admin/upah-minimum",
                label: |t| t.nav_minimum_wages,
            },
            NavItem {
                href: "/admin/tugas",
                label: |t| t.nav_job_runs,
            },
            NavItem {
                href: "/admin/audit",
                label: |t| t.nav_audit,
            },
        ],
    };
    items.extend_from_slice(own);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::{EN, ID};

    fn hrefs(role: Option<Role>) -> Vec<&'static str> {
        nav_items(role).into_iter().map(|item| item.href).collect()
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
    }

    #[test]
    fn every_item_is_labelled_in_both_languages() {
        for role in [
            None,
            Some(Role::Seeker),
            Some(Role::Company),
            Some(Role::Officer),
            Some(Role::Admin),
        ] {
            for item in nav_items(role) {
                assert!(!(item.label)(&ID).is_empty() && !(item.label)(&EN).is_empty());
            }
        }
    }
}
