//! The explainable seeker ↔ vacancy score (0–100): each part says how many of its points it gave and why,
//! and the skills the seeker lacks are listed. Shared by the browser and the server.
use serde::{Deserialize, Serialize};

/// What the score knows of a seeker (from the profile, work history and preferences).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeekerFacts {
    pub skills: Vec<String>,
    /// Skills verified by a completed training programme (they count one and a half times).
    #[serde(default)]
    pub verified_skills: Vec<String>,
    pub preferred_occupations: Vec<String>,
    /// Rank of the highest education level (see [`education_rank`]).
    pub education_rank: u8,
    pub experience_months: u32,
    pub district_code: Option<String>,
    pub preferred_district_code: Option<String>,
    pub minimum_wage_idr: Option<i64>,
    /// "full_time", "part_time" or "any".
    pub work_time: Option<String>,
}

/// What the score knows of a vacancy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VacancyFacts {
    pub title: String,
    pub required_skills: Vec<String>,
    pub education_rank: u8,
    pub experience_years: u32,
    pub district_code: String,
    pub wage_max_idr: i64,
    pub work_time: String,
}

/// One part of the score: a translation key for why, the points given and the points possible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorePart {
    pub reason: String,
    pub points: u8,
    pub max: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchScore {
    pub score: u8,
    pub parts: Vec<ScorePart>,
    pub missing_skills: Vec<String>,
}

const SKILLS: u8 = 35;
const OCCUPATION: u8 = 20;
const EDUCATION: u8 = 15;
const EXPERIENCE: u8 = 10;
const LOCATION: u8 = 10;
const WAGE: u8 = 5;
const WORK_TIME: u8 = 5;

/// Education levels in order: the codes of the `education_levels` table (forms list them in this order).
pub const EDUCATION_CODES: [&str; 11] = [
    "TIDAK_SEKOLAH",
    "SD",
    "SMP",
    "SMA",
    "SMK",
    "D1",
    "D2",
    "D3",
    "D4_S1",
    "S2",
    "S3",
];

/// The rank of an education level; unknown codes rank 0.
pub fn education_rank(code: &str) -> u8 {
    // SMA and SMK are the same level.
    match EDUCATION_CODES.iter().position(|c| *c == code) {
        Some(i) if i >= 4 => i as u8,
        Some(i) => i as u8 + 1,
        None => 0,
    }
}

fn same_skill(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn part(reason: &str, points: u8, max: u8) -> ScorePart {
    ScorePart {
        reason: reason.to_owned(),
        points: points.min(max),
        max,
    }
}

/// The score of `seeker` for `vacancy`, with its parts and the missing skills.
pub fn score(seeker: &SeekerFacts, vacancy: &VacancyFacts) -> MatchScore {
    let verified = |needed: &String| {
        seeker
            .verified_skills
            .iter()
            .any(|had| same_skill(had, needed))
    };
    let missing_skills: Vec<String> = vacancy
        .required_skills
        .iter()
        .filter(|needed| {
            !verified(needed) && !seeker.skills.iter().any(|had| same_skill(had, needed))
        })
        .cloned()
        .collect();
    let required = vacancy.required_skills.len();
    let skills = if required == 0 {
        part("match_skills_none_required", SKILLS, SKILLS)
    } else {
        let had = (required - missing_skills.len()) as u32;
        // A skill verified by training weighs one and a half typed ones (the part stays within its max).
        let proven = vacancy
            .required_skills
            .iter()
            .filter(|n| verified(n))
            .count() as u32;
        let points = u32::from(SKILLS) * (2 * had + proven) / (2 * required as u32);
        part(
            if proven > 0 {
                "training_match_verified_skills"
            } else {
                "match_skills"
            },
            points.min(u32::from(SKILLS)) as u8,
            SKILLS,
        )
    };
    let title = vacancy.title.to_lowercase();
    let occupation = if seeker.preferred_occupations.is_empty() {
        part("match_occupation_no_preference", OCCUPATION / 2, OCCUPATION)
    } else if seeker
        .preferred_occupations
        .iter()
        .any(|o| !o.trim().is_empty() && title.contains(&o.trim().to_lowercase()))
    {
        part("match_occupation", OCCUPATION, OCCUPATION)
    } else {
        part("match_occupation_other", 0, OCCUPATION)
    };
    let education = match seeker.education_rank.cmp(&vacancy.education_rank) {
        std::cmp::Ordering::Less if seeker.education_rank + 1 == vacancy.education_rank => {
            part("match_education_one_below", EDUCATION / 3, EDUCATION)
        }
        std::cmp::Ordering::Less => part("match_education_below", 0, EDUCATION),
        _ => part("match_education", EDUCATION, EDUCATION),
    };
    let needed_months = vacancy.experience_years * 12;
    let experience = if needed_months == 0 {
        part("match_experience_none_required", EXPERIENCE, EXPERIENCE)
    } else {
        let months = seeker.experience_months.min(needed_months);
        part(
            if months == needed_months {
                "match_experience"
            } else {
                "match_experience_short"
            },
            (u32::from(EXPERIENCE) * months / needed_months) as u8,
            EXPERIENCE,
        )
    };
    let wanted = seeker
        .preferred_district_code
        .as_deref()
        .or(seeker.district_code.as_deref());
    let location = match wanted {
        Some(code) if code == vacancy.district_code => part("match_location", LOCATION, LOCATION),
        Some(_) => part("match_location_other", 0, LOCATION),
        None => part("match_location_unknown", LOCATION / 2, LOCATION),
    };
    let wage = match seeker.minimum_wage_idr {
        Some(floor) if vacancy.wage_max_idr < floor => part("match_wage_low", 0, WAGE),
        _ => part("match_wage", WAGE, WAGE),
    };
    let work_time = match seeker.work_time.as_deref() {
        Some(wanted) if wanted != "any" && wanted != vacancy.work_time => {
            part("match_work_time_other", 0, WORK_TIME)
        }
        _ => part("match_work_time", WORK_TIME, WORK_TIME),
    };
    let parts = vec![
        skills, occupation, education, experience, location, wage, work_time,
    ];
    MatchScore {
        score: parts.iter().map(|p| p.points).sum(),
        parts,
        missing_skills,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn operator_job() -> VacancyFacts {
        VacancyFacts {
            title: "Operator Produksi Injeksi Plastik".into(),
            required_skills: vec!["Operator mesin produksi".into(), "Quality control".into()],
            education_rank: education_rank("SMK"),
            experience_years: 1,
            district_code: "36.03.18".into(),
            wage_max_idr: 6_000_000,
            work_time: "full_time".into(),
        }
    }

    fn budi() -> SeekerFacts {
        SeekerFacts {
            skills: vec!["operator mesin produksi".into(), "forklift".into()],
            verified_skills: vec![],
            preferred_occupations: vec!["operator".into()],
            education_rank: education_rank("SMA"),
            experience_months: 6,
            district_code: Some("36.03.01".into()),
            preferred_district_code: Some("36.03.18".into()),
            minimum_wage_idr: Some(5_500_000),
            work_time: Some("full_time".into()),
        }
    }

    #[test]
    fn each_part_gives_its_points_and_says_why() {
        let result = score(&budi(), &operator_job());
        let points: Vec<(&str, u8)> = result
            .parts
            .iter()
            .map(|p| (p.reason.as_str(), p.points))
            .collect();
        assert_eq!(
            points,
            vec![
                ("match_skills", 17),
                ("match_occupation", 20),
                ("match_education", 15),
                ("match_experience_short", 5),
                ("match_location", 10),
                ("match_wage", 5),
                ("match_work_time", 5),
            ]
        );
        assert_eq!(result.score, 77);
        assert_eq!(result.missing_skills, vec!["Quality control"]);
        assert_eq!(result.parts.iter().map(|p| p.max).sum::<u8>(), 100);
    }

    #[test]
    fn mismatches_cost_their_part_only() {
        let picky = SeekerFacts {
            minimum_wage_idr: Some(8_000_000),
            work_time: Some("part_time".into()),
            preferred_district_code: Some("36.03.01".into()),
            education_rank: education_rank("SD"),
            ..budi()
        };
        let result = score(&picky, &operator_job());
        let zero: Vec<&str> = result
            .parts
            .iter()
            .filter(|p| p.points == 0)
            .map(|p| p.reason.as_str())
            .collect();
        assert_eq!(
            zero,
            vec![
                "match_education_below",
                "match_location_other",
                "match_wage_low",
                "match_work_time_other"
            ]
        );
        let perfect = SeekerFacts {
            skills: vec!["Operator mesin produksi".into(), "QUALITY CONTROL".into()],
            experience_months: 30,
            ..budi()
        };
        assert_eq!(score(&perfect, &operator_job()).score, 100);
        assert_eq!(education_rank("SMA"), education_rank("SMK"));
        let one_below = SeekerFacts {
            education_rank: education_rank("SMP"),
            ..budi()
        };
        assert_eq!(score(&one_below, &operator_job()).parts[2].points, 5);
        assert!(education_rank("D3") > education_rank("SMK"));
    }

    #[test]
    fn a_verified_skill_weighs_more_than_a_typed_one_and_says_so() {
        let typed = score(&budi(), &operator_job());
        let trained = SeekerFacts {
            skills: vec![],
            verified_skills: vec!["Operator mesin produksi".into()],
            ..budi()
        };
        let verified = score(&trained, &operator_job());
        assert!(
            verified.score > typed.score,
            "{} > {}",
            verified.score,
            typed.score
        );
        assert_eq!(verified.parts[0].reason, "training_match_verified_skills");
        assert_eq!(verified.parts[0].points, 26);
        assert_eq!(verified.missing_skills, vec!["Quality control"]);
        let all = SeekerFacts {
            verified_skills: vec!["Operator mesin produksi".into(), "Quality control".into()],
            ..trained
        };
        assert_eq!(score(&all, &operator_job()).parts[0].points, 35);
    }

    proptest! {
        /// Learning a skill the vacancy asks for never lowers the score.
        #[test]
        fn adding_a_required_skill_never_lowers_the_score(
            had in proptest::collection::vec(0usize..6, 0..6),
            required in proptest::collection::vec(0usize..6, 0..6),
            learn in 0usize..6,
            months in 0u32..60,
            years in 0u32..5,
        ) {
            const NAMES: [&str; 6] = ["las", "forklift", "excel", "akuntansi", "jahit", "k3"];
            let vacancy = VacancyFacts {
                required_skills: required.iter().map(|i| NAMES[*i].to_owned()).collect(),
                experience_years: years,
                ..operator_job()
            };
            let before = SeekerFacts {
                skills: had.iter().map(|i| NAMES[*i].to_owned()).collect(),
                experience_months: months,
                ..budi()
            };
            let mut after = before.clone();
            if let Some(skill) = vacancy.required_skills.get(learn % vacancy.required_skills.len().max(1)) {
                after.skills.push(skill.clone());
            }
            prop_assert!(score(&after, &vacancy).score >= score(&before, &vacancy).score);
            prop_assert!(score(&after, &vacancy).score <= 100);
        }
    }
}
