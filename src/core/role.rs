//! The roles of DESIGN.md ("Who uses it").
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Seeker,
    Company,
    Officer,
    Admin,
}

impl Role {
    /// The value stored in the `accounts.role` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Seeker => "seeker",
            Role::Company => "company",
            Role::Officer => "officer",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Seeker, Role::Company, Role::Officer, Role::Admin]
            .into_iter()
            .find(|role| role.as_str() == s)
    }

    /// Officers and admins work inside the office; their sessions get the short idle timeout.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Officer | Role::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_column_value() {
        for role in [Role::Seeker, Role::Company, Role::Officer, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Admin.is_staff() && !Role::Seeker.is_staff());
    }
}
