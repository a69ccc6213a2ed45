//! Typed ids: a `CompanyId` cannot be passed where a `VacancyId` is expected.
use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )*};
}

typed_id!(AccountId, CompanyId, VacancyId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_and_print_as_plain_numbers() {
        let id: VacancyId = "42".parse().expect("a number");
        assert_eq!(id, VacancyId(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&CompanyId(7)).expect("json"), "7");
        assert!("4x".parse::<AccountId>().is_err());
    }
}
