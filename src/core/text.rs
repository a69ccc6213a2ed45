//! Text rules and display formats every feature shares.

/// Free text such as a place of birth or an address line: trimmed, `min..=max` characters.
pub fn normalize_text(text: &str, min: usize, max: usize) -> Result<String, &'static str> {
    let text = text.trim().to_owned();
    let chars = text.chars().count();
    if chars < min || chars > max || text.chars().any(|c| c.is_control() && c != '\n') {
        return Err("err_text_length");
    }
    Ok(text)
}

/// Formats epoch milliseconds as `YYYY-MM-DD HH:MM WIB` for display.
pub fn format_wib(epoch_ms: i64) -> String {
    let date = crate::core::calendar::wib_date(epoch_ms);
    let minutes_of_day = (epoch_ms / 60_000 + 7 * 60).rem_euclid(24 * 60);
    format!(
        "{} {:02}:{:02} WIB",
        crate::core::calendar::format_date(date),
        minutes_of_day / 60,
        minutes_of_day % 60
    )
}

/// A search as typed, made safe to bind and bounded before it grows: trimmed, without control characters
/// (PostgreSQL refuses a NUL in text, SQLite would take it), at most `max` characters.
pub fn bounded_search(raw: &str, max: usize) -> String {
    let kept: String = raw
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect();
    kept.trim().to_owned()
}

/// A LIKE pattern matching the text anywhere, with `%`, `_` and `\` taken literally (`ESCAPE '\'`), for a
/// column compared as `LOWER(column)`. SQLite's `LOWER` folds ASCII letters only, PostgreSQL's every letter:
/// a name with a capital outside ASCII ("ÉLAN") is found by any case on PostgreSQL, on SQLite by its own.
pub fn like_pattern(query: &str) -> String {
    let mut pattern = String::with_capacity(query.len() + 2);
    pattern.push('%');
    for c in query.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// `min_digits` or more digits in a row (spaces, dots and dashes between them allowed): a NIK or KK number
/// (16), a BPJS membership or phone number (10–13) rather than a case number. Such a text is refused where
/// it would be stored in clear (a staff member's reason, a partner's declared purpose).
pub fn has_identity_number(text: &str, min_digits: usize) -> bool {
    let mut run = 0;
    // One space, dot or dash joins groups of digits ("3603 0115 …"); more ("2025 - 2026") end the run.
    let mut separated = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
            separated = false;
            if run >= min_digits {
                return true;
            }
        } else if matches!(c, ' ' | '.' | '-') && run > 0 && !separated {
            separated = true;
        } else {
            run = 0;
            separated = false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_wib() {
        // 2026-11-28 17:30 UTC is 00:30 the next day in WIB.
        assert_eq!(format_wib(1_795_887_000_000), "2026-11-29 00:30 WIB");
    }

    #[test]
    fn identity_numbers_are_digit_runs_joined_by_one_separator_at_most() {
        for (text, min, found) in [
            ("NIK 3603011508950001", 12, true),
            ("NIK 3603 0115 0895 0001", 12, true),
            ("NIK 3603-0115-0895-0001", 12, true),
            ("NIK 3603.0115.0895.0001", 12, true),
            ("KPJ 12345678901", 10, true),
            ("tiket ADU-2026-000123", 12, false),
            ("tiket ADU-2026-000123", 10, true),
            // A date range is two dates, not one number.
            ("periode 01.01.2025 - 31.12.2025", 10, false),
            ("3603  0115  0895  0001", 10, false),
            ("", 10, false),
        ] {
            assert_eq!(has_identity_number(text, min), found, "{text:?} at {min}");
        }
    }

    #[test]
    fn searches_are_bounded_and_bindable() {
        assert_eq!(bounded_search("  PT\0 Maju\u{7}  ", 50), "PT Maju");
        assert_eq!(bounded_search(" \0 ", 50), "");
        assert_eq!(bounded_search(&"é".repeat(500), 100).chars().count(), 100);
    }

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_pattern("50%_UMK\\"), "%50\\%\\_umk\\\\%");
    }
}
