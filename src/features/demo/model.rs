//! The shapes of the static demo data.

/// A fictional employer.
#[derive(Debug, Clone, Copy)]
pub struct DemoCompany {
    pub name: &'static str,
    /// Nomor Induk Berusaha, 13 digits.
    pub nib: &'static str,
    /// NPWP, digits only: 15 (old format) or 16 (new format).
    pub npwp: &'static str,
    /// KBLI 2020 section letter.
    pub kbli_section: &'static str,
    /// KBLI 2020 two-digit division.
    pub kbli_division: &'static str,
    /// District (kecamatan) of Kabupaten Tangerang, dotted code as in the regions table.
    pub district_code: &'static str,
    pub address: &'static str,
    /// "mikro", "kecil", "menengah" or "besar".
    pub size_band: &'static str,
    pub contact_name: &'static str,
    pub contact_email: &'static str,
}

/// A vacancy of one of [`COMPANIES`](super::data::COMPANIES).
#[derive(Debug, Clone, Copy)]
pub struct DemoVacancy {
    /// Index into [`COMPANIES`](super::data::COMPANIES).
    pub company_index: usize,
    pub title_id: &'static str,
    /// KBJI 2014 sub-major group.
    pub occupation_code: &'static str,
    /// Required skills, comma-separated.
    pub skills: &'static str,
    pub title_en: &'static str,
    pub kbli_section: &'static str,
    /// Code of the `education_levels` table (minimum education).
    pub education_code: &'static str,
    pub wage_min_idr: i64,
    pub wage_max_idr: i64,
    pub headcount: i64,
    /// "full_time", "part_time", "shift" or "contract".
    pub work_type: &'static str,
    /// Place of work: a district of Kabupaten Tangerang.
    pub district_code: &'static str,
    pub description_id: &'static str,
    pub description_en: &'static str,
    /// Days from the day the demo data is loaded to the application deadline.
    pub deadline_days_from_seed: i64,
}
