//! Account rules shared by the browser and the server.

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Length limits on a new password; the key names the problem for the user.
pub fn check_password_length(password: &str) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err("err_password_short")
    } else if chars > PASSWORD_MAX_CHARS {
        Err("err_password_long")
    } else {
        Ok(())
    }
}

/// A display name: trimmed, 2–120 characters, no control characters.
pub fn normalize_full_name(name: &str) -> Result<String, &'static str> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = name.chars().count();
    if !(2..=120).contains(&chars) || name.chars().any(char::is_control) {
        return Err("err_full_name");
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_length_is_bounded_in_characters_not_bytes() {
        assert_eq!(check_password_length("1234567"), Err("err_password_short"));
        assert_eq!(check_password_length("12345678"), Ok(()));
        assert_eq!(check_password_length(&"é".repeat(128)), Ok(()));
        assert_eq!(
            check_password_length(&"a".repeat(129)),
            Err("err_password_long")
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            normalize_full_name("  Siti   Aminah "),
            Ok("Siti Aminah".to_owned())
        );
        assert_eq!(normalize_full_name("A"), Err("err_full_name"));
        assert_eq!(normalize_full_name("Bad\u{7}Name"), Err("err_full_name"));
    }
}
