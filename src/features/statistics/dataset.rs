//! The open tables and the dimensions they break down by (re-exported as `model::Dataset` and
//! `model::Dimension`): what each counts, in what unit, from which tables of the portal.
use serde::{Deserialize, Serialize};

/// One open table: what is counted, in what unit, from which tables of the portal.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Dataset {
    /// AK-1 cards issued: job seekers registered.
    #[default]
    Seekers,
    /// Vacancies published.
    Vacancies,
    /// Positions (headcount) of the vacancies published.
    Positions,
    /// Placements reported (those not denied by the worker).
    Placements,
    /// Visitors registered for job fairs.
    FairVisitors,
    /// Visitors checked in at job fairs.
    FairAttendance,
    /// Training programmes starting (not cancelled).
    TrainingProgrammes,
    /// Registrations for training programmes (not withdrawn).
    TrainingRegistrations,
    /// Participants who completed a programme (completed or passed its test).
    TrainingCompleted,
    /// Complaints filed, by category (no one's identity: counts only).
    Complaints,
}

impl Dataset {
    pub const ALL: [Dataset; 10] = [
        Dataset::Seekers,
        Dataset::Vacancies,
        Dataset::Positions,
        Dataset::Placements,
        Dataset::FairVisitors,
        Dataset::FairAttendance,
        Dataset::TrainingProgrammes,
        Dataset::TrainingRegistrations,
        Dataset::TrainingCompleted,
        Dataset::Complaints,
    ];

    /// The name in URLs and file names.
    pub fn slug(self) -> &'static str {
        match self {
            Dataset::Seekers => "pencari-kerja",
            Dataset::Vacancies => "lowongan",
            Dataset::Positions => "formasi",
            Dataset::Placements => "penempatan",
            Dataset::FairVisitors => "bursa-kerja-pendaftar",
            Dataset::FairAttendance => "bursa-kerja-hadir",
            Dataset::TrainingProgrammes => "pelatihan-program",
            Dataset::TrainingRegistrations => "pelatihan-pendaftar",
            Dataset::TrainingCompleted => "pelatihan-selesai",
            Dataset::Complaints => "pengaduan",
        }
    }

    pub fn parse(slug: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.slug() == slug)
    }

    /// Whether a cell counts people (and small cells are suppressed); vacancies and training programmes
    /// are offers. A complaint counts a person's case: suppressed like people.
    pub fn counts_people(self) -> bool {
        !matches!(self, Dataset::Vacancies | Dataset::TrainingProgrammes)
    }

    /// The translation key stem: `<stem>` is the title, `<stem>_about` the definition.
    pub fn key(self) -> &'static str {
        match self {
            Dataset::Seekers => "statistics_ds_seekers",
            Dataset::Vacancies => "statistics_ds_vacancies",
            Dataset::Positions => "statistics_ds_positions",
            Dataset::Placements => "statistics_ds_placements",
            Dataset::FairVisitors => "statistics_ds_fair_visitors",
            Dataset::FairAttendance => "statistics_ds_fair_attendance",
            Dataset::TrainingProgrammes => "statistics_ds_training_programmes",
            Dataset::TrainingRegistrations => "statistics_ds_training_registrations",
            Dataset::TrainingCompleted => "statistics_ds_training_completed",
            Dataset::Complaints => "statistics_ds_complaints",
        }
    }

    /// The unit of a cell, as a translation key.
    pub fn unit_key(self) -> &'static str {
        match self {
            Dataset::Vacancies => "statistics_unit_vacancies",
            Dataset::Positions => "statistics_unit_positions",
            Dataset::TrainingProgrammes => "statistics_unit_programmes",
            Dataset::Complaints => "statistics_unit_complaints",
            _ => "statistics_unit_people",
        }
    }

    /// The unit as the partner API's rows name it.
    pub fn unit_slug(self) -> &'static str {
        match self {
            Dataset::Vacancies => "lowongan",
            Dataset::Positions => "formasi",
            Dataset::TrainingProgrammes => "program",
            Dataset::Complaints => "pengaduan",
            _ => "orang",
        }
    }

    /// The portal's tables the figures come from (named on each figure as its source).
    pub fn source_tables(self) -> &'static str {
        match self {
            Dataset::Seekers => "ak1_applications, seekers, seeker_profiles",
            Dataset::Vacancies | Dataset::Positions => "vacancies",
            Dataset::Placements => "placements, vacancies, companies, seekers",
            Dataset::FairVisitors | Dataset::FairAttendance => "fair_registrations, seekers",
            Dataset::TrainingProgrammes => "training_programmes",
            Dataset::TrainingRegistrations | Dataset::TrainingCompleted => {
                "training_registrations, training_programmes, seekers, seeker_profiles"
            }
            Dataset::Complaints => "complaints, companies",
        }
    }

    pub fn dimensions(self) -> &'static [Dimension] {
        use Dimension::{AgeBand, ComplaintCategory, District, Education, Occupation, Sector, Sex};
        match self {
            Dataset::Seekers | Dataset::FairVisitors | Dataset::FairAttendance => {
                &[District, Education, Sex, AgeBand]
            }
            Dataset::Vacancies | Dataset::Positions => &[District, Sector, Occupation, Education],
            Dataset::Placements => &[District, Sector, Occupation, Education, Sex, AgeBand],
            Dataset::TrainingProgrammes => &[District, Occupation],
            Dataset::TrainingRegistrations | Dataset::TrainingCompleted => {
                &[District, Occupation, Education, Sex, AgeBand]
            }
            Dataset::Complaints => &[ComplaintCategory, District, Sector],
        }
    }
}

/// What a table breaks its counts down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Dimension {
    District,
    /// KBLI 2020 section of the employer.
    Sector,
    /// KBJI 2014 major group of the occupation.
    Occupation,
    Education,
    Sex,
    AgeBand,
    /// The category of a complaint (wages, overtime, BPJS, PHK, …).
    ComplaintCategory,
}

/// The complaint categories in the order the complaint form lists them (the complaints area's stored
/// words; anything else sorts after them).
pub const COMPLAINT_CATEGORIES: [&str; 9] = [
    "wages",
    "overtime",
    "bpjs",
    "phk",
    "contract",
    "safety",
    "discrimination",
    "harassment",
    "other",
];

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::District,
        Dimension::Sector,
        Dimension::Occupation,
        Dimension::Education,
        Dimension::Sex,
        Dimension::AgeBand,
        Dimension::ComplaintCategory,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Dimension::District => "kecamatan",
            Dimension::Sector => "kbli",
            Dimension::Occupation => "kbji",
            Dimension::Education => "pendidikan",
            Dimension::Sex => "jenis_kelamin",
            Dimension::AgeBand => "kelompok_umur",
            Dimension::ComplaintCategory => "kategori_pengaduan",
        }
    }

    pub fn parse(slug: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.slug() == slug)
    }

    /// The translation key of its heading.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::District => "statistics_dim_district",
            Dimension::Sector => "statistics_dim_sector",
            Dimension::Occupation => "statistics_dim_occupation",
            Dimension::Education => "statistics_dim_education",
            Dimension::Sex => "statistics_dim_sex",
            Dimension::AgeBand => "statistics_dim_age",
            Dimension::ComplaintCategory => "statistics_dim_complaint_category",
        }
    }

    /// The translation key of a category's name where the dimension has fixed words of its own (sex,
    /// complaint category); `None` where the reference tables name it or the code is its own name.
    pub fn word_key(self, code: &str) -> Option<String> {
        match self {
            Dimension::Sex => Some(format!("statistics_sex_{code}")),
            Dimension::ComplaintCategory => Some(format!("statistics_complaint_{code}")),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_read_back_and_every_dataset_breaks_down_by_district() {
        for dataset in Dataset::ALL {
            assert_eq!(Dataset::parse(dataset.slug()), Some(dataset));
            assert!(dataset.dimensions().contains(&Dimension::District));
        }
        for dimension in Dimension::ALL {
            assert_eq!(Dimension::parse(dimension.slug()), Some(dimension));
        }
        assert!(Dataset::TrainingCompleted.counts_people());
        assert!(Dataset::Complaints.counts_people());
        assert!(!Dataset::TrainingProgrammes.counts_people());
    }
}
