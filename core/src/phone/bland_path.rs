//! Bland's spelling rules for a number in a URL path (the inbound page,
//! <https://docs.bland.ai/api-v1/post/inbound-number-update>): "'+' or prefix '%2B' is optional; if
//! no country code is provided, the US country code is assumed", with the examples
//! `+13334445555`, `%2B13334445555`, `13334445555` and `3334445555` all meaning `+13334445555`.
//!
//! These rules are purely about spelling. Whether the digits form a number libphonenumber knows is a
//! separate question ([`super::parse_bland`]): the page's own example uses area code 333, which is
//! unassigned, and an inbound number is one Bland already assigned to the account, so callers decide
//! how much validity matters (the Bland inbound validator warns; outbound numbers are strict).

use super::{PhoneError, PhoneErrorKind};

/// The E.164 form (`+13334445555`) of a number spelled by Bland's path rules.
pub fn bland_path_e164(input: &str) -> Result<String, PhoneError> {
    let s = input.trim();
    let (explicit_plus, rest) =
        if let Some(r) = s.strip_prefix("%2B").or_else(|| s.strip_prefix("%2b")) {
            (true, r)
        } else if let Some(r) = s.strip_prefix('+') {
            (true, r)
        } else {
            (false, s)
        };
    let mut digits = String::with_capacity(rest.len() + 1);
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            other => {
                return Err(PhoneError::new(
                    PhoneErrorKind::InvalidCharacters,
                    format!(
                        "`{other}` is not allowed in a phone number; use digits, with an optional leading + or %2B"
                    ),
                ));
            }
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::new(
            PhoneErrorKind::Empty,
            "phone number is empty",
        ));
    }
    let e164_digits = if explicit_plus {
        digits
    } else {
        match digits.len() {
            10 => format!("1{digits}"),
            11 if digits.starts_with('1') => digits,
            n if n < 10 => {
                return Err(PhoneError::new(
                    PhoneErrorKind::TooShort,
                    format!("{n} digits: a US number without country code has 10 digits"),
                ));
            }
            n => {
                return Err(PhoneError::new(
                    PhoneErrorKind::InvalidForRegion,
                    format!(
                        "{n} digits without a country code cannot be a US number; write numbers outside the US with + or %2B"
                    ),
                ));
            }
        }
    };
    // E.164: at most 15 digits; the shortest assigned international numbers have 8 with the code.
    match e164_digits.len() {
        n if n > 15 => Err(PhoneError::new(
            PhoneErrorKind::TooLong,
            format!("{n} digits: E.164 numbers have at most 15"),
        )),
        n if n < 8 => Err(PhoneError::new(
            PhoneErrorKind::TooShort,
            format!("{n} digits: too short for an international number"),
        )),
        _ => Ok(format!("+{e164_digits}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_documented_spellings_mean_the_same_number() {
        for s in [
            "+13334445555",
            "%2B13334445555",
            "13334445555",
            "3334445555",
            " (333) 444-5555 ",
        ] {
            assert_eq!(bland_path_e164(s).as_deref(), Ok("+13334445555"), "{s}");
        }
        assert_eq!(
            bland_path_e164("%2b442079460958").as_deref(),
            Ok("+442079460958")
        );
    }

    #[test]
    fn spelling_errors_are_typed() {
        let kind = |s: &str| bland_path_e164(s).unwrap_err().kind;
        assert_eq!(kind(""), PhoneErrorKind::Empty);
        assert_eq!(kind("333444555"), PhoneErrorKind::TooShort);
        assert_eq!(kind("32176540987"), PhoneErrorKind::InvalidForRegion);
        assert_eq!(kind("+1234567890123456"), PhoneErrorKind::TooLong);
        assert_eq!(kind("+1234567"), PhoneErrorKind::TooShort);
        assert_eq!(
            kind("333-444-5555 ext 2"),
            PhoneErrorKind::InvalidCharacters
        );
        assert_eq!(kind("333#4445555"), PhoneErrorKind::InvalidCharacters);
    }
}
