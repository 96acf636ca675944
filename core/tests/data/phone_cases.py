#!/usr/bin/env python3
"""Regenerates phone_cases.tsv from the hand-written CASES below.

Expected values are libphonenumber's (the `phonenumbers` 9.0.33 Python port, same metadata
version as the Rust crate), with callplane's documented policy applied on top, implemented here
independently of the Rust code:
- letters and extensions are InvalidCharacters; `+` only before the first digit; %2B only for Bland;
- no digits is Empty, fewer than 3 digits TooShort, more than 24 digits TooLong;
- a leading `00` is an international prefix from every region;
- Bland defaults to US; Alibaba and Tencent to CN; Alibaba refuses non-+86 numbers;
- wire: Bland E.164; Alibaba the domestic (national format) digits; Tencent `0086`+domestic for
  China, else `00`+cc+national significant number.

Run: /tmp/pn/bin/python core/tests/data/phone_cases.py > core/tests/data/phone_cases.tsv
Columns: input (escapes: \\t \\u{...}), mode (region code, or bland/aliyun/tencent), expected
(+E164 or !ErrorKind), region, type, bland wire, aliyun wire, tencent wire, exact message or -, note.
"""
import re
import sys

import phonenumbers as p
from phonenumbers import NumberParseException as E
from phonenumbers import PhoneNumberType as T
from phonenumbers import ValidationResult as V
from phonenumbers.phonemetadata import PhoneMetadata

assert p.__version__ == "9.0.33"

TYPES = {
    T.FIXED_LINE: "fixed_line", T.MOBILE: "mobile", T.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    T.TOLL_FREE: "toll_free", T.PREMIUM_RATE: "premium_rate", T.SHARED_COST: "shared_cost",
    T.VOIP: "voip", T.PERSONAL_NUMBER: "personal_number", T.PAGER: "pager", T.UAN: "uan",
    T.VOICEMAIL: "voicemail",
}
PARSE_ERRORS = {
    E.INVALID_COUNTRY_CODE: "InvalidForRegion", E.NOT_A_NUMBER: "TooShort",
    E.TOO_SHORT_AFTER_IDD: "TooShort", E.TOO_SHORT_NSN: "TooShort", E.TOO_LONG: "TooLong",
}
REASONS = {
    V.IS_POSSIBLE: "InvalidForRegion", V.INVALID_LENGTH: "InvalidForRegion",
    V.IS_POSSIBLE_LOCAL_ONLY: "TooShort", V.TOO_SHORT: "TooShort", V.TOO_LONG: "TooLong",
}
FORMATTING = set(" \t-./()\u00a0\u00ad\u200b\u2060\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u3000\u30fc\uff08\uff09\uff0d\uff0e\uff0f")

# (input, mode, exact message or None, note)
CASES = [
    # --- Bland: the inbound page's four spellings of one number (333 is not an assigned area code)
    ("+13334445555", "bland", "not a valid number for region US", "Bland inbound example"),
    ("%2B13334445555", "bland", "not a valid number for region US", "Bland inbound example"),
    ("13334445555", "bland", "not a valid number for region US", "Bland inbound example"),
    ("3334445555", "bland", "not a valid number for region US", "Bland inbound example"),
    # --- the same four spellings with a real number
    ("+12015550123", "bland", None, "E.164"),
    ("%2B12015550123", "bland", None, "URL-encoded plus"),
    ("%2b12015550123", "bland", None, "URL-encoded plus, lower case"),
    ("12015550123", "bland", None, "country code without plus"),
    ("2015550123", "bland", None, "no country code means US"),
    # --- formatting
    ("(201) 555-0123", "bland", None, "parentheses and dash"),
    ("201-555-0123", "bland", None, "dashes"),
    ("201.555.0123", "bland", None, "dots"),
    ("1 201 555 0123", "bland", None, "spaces"),
    ("+1 (201) 555-0123", "bland", None, "plus, spaces, parentheses"),
    ("  +1 201 555 0123  ", "bland", None, "surrounding whitespace"),
    ("+1\\t201\\t555\\t0123", "bland", None, "tabs"),
    ("+1\\u{a0}201\\u{a0}555\\u{a0}0123", "bland", None, "no-break spaces"),
    ("201/555/0123", "bland", None, "slashes"),
    ("201\\u{2013}555\\u{2013}0123", "bland", None, "en dashes"),
    # --- Bland's simple-pathway examples (222 is not an assigned area code either)
    ("+12223334444", "bland", None, "Bland 'ideal' example"),
    ("2223334444", "bland", None, "Bland 'valid but not recommended'"),
    ("+1 (222) 333-4444", "bland", None, "Bland 'valid but not recommended'"),
    ("12223334444", "bland", None, "Bland lists as INVALID"),
    ("552223334444", "bland", None, "Bland lists as INVALID"),
    ("2223334444 ext. 123", "bland", None, "Bland lists as INVALID: extension"),
    # --- seed batch numbers
    ("1234567890", "bland", "not a valid number for region US", "seed batch row: area code 123 does not exist"),
    ("32176540987", "bland", None, "seed batch row: 11 digits not starting with 1"),
    ("1234567890", "US", "not a valid number for region US", "seed batch row via parse"),
    ("32176540987", "US", None, "seed batch row via parse"),
    # --- extensions and letters
    ("2015550123 x123", "bland", None, "x extension"),
    ("2015550123x123", "bland", None, "x extension, no space"),
    ("2015550123;ext=123", "bland", None, "RFC 3966 extension"),
    ("2015550123#123", "bland", None, "hash extension"),
    ("2015550123, 123", "bland", None, "comma pause"),
    ("2015550123 extension 4", "bland", None, "spelled-out extension"),
    ("1-800-FLOWERS", "bland", None, "vanity letters"),
    ("1-800-flowers", "bland", None, "vanity letters, lower case"),
    ("CALL-ME-NOW", "bland", None, "letters only"),
    ("tel:+12015550123", "bland", None, "tel: URI"),
    ("+1 201 555 0123 (mobile)", "bland", None, "comment"),
    ("john@example.com", "bland", None, "an e-mail in the phone column"),
    ("*123#", "bland", None, "USSD code"),
    ("201*555*0123", "bland", None, "stars"),
    ("++12015550123", "bland", None, "two plus signs"),
    ("1+2015550123", "bland", None, "plus after a digit"),
    ("%2B%2B12015550123", "bland", None, "percent after %2B"),
    ("%2B12015550123", "US", None, "%2B only means + for Bland"),
    ("201\\n555\\n0123", "bland", None, "newlines"),
    # --- empty, short, long
    ("", "bland", None, "empty"),
    ("   ", "bland", None, "blank"),
    ("( ) - .", "bland", None, "formatting only"),
    ("+", "bland", None, "plus only"),
    ("7", "bland", None, "one digit"),
    ("12", "bland", None, "two digits"),
    ("911", "bland", None, "US emergency short code"),
    ("12345", "bland", None, "5-digit short code"),
    ("555-0123", "bland", None, "7 digits: local number without area code"),
    ("201555012", "bland", None, "9 digits"),
    ("201555012345", "bland", None, "12 digits"),
    ("+1 201 555 0123 4567", "bland", None, "too long after +1"),
    ("+44 20 7946 0958 1234 5678 9", "bland", None, "more than 17 national digits"),
    ("1234567890123456789012345", "bland", None, "25 digits"),
    ("+12", "bland", None, "too short after plus"),
    ("+999 123 4567", "bland", None, "unassigned country calling code"),
    ("+0 201 555 0123", "bland", None, "calling codes never start with 0"),
    ("000 201 555 0123", "bland", None, "00 followed by 0 is not an international prefix"),
    # --- international prefixes
    ("011 44 20 7946 0958", "bland", None, "US international prefix 011"),
    ("00 44 20 7946 0958", "bland", None, "00 accepted from the US too"),
    ("0044 20 7946 0958", "US", None, "00 accepted from the US too"),
    ("+44 20 7946 0958", "bland", None, "UK London"),
    ("011 86 138 0013 8000", "bland", None, "US dialling China"),
    ("0011 44 20 7946 0958", "AU", None, "Australian international prefix 0011"),
    ("011-123-4567", "JP", None, "011 is Sapporo in Japan, not an international prefix"),
    # --- United Kingdom and its Crown dependencies
    ("020 7946 0958", "GB", None, "national with trunk 0"),
    ("07400 123456", "GB", None, "UK mobile"),
    ("+44 7400 123456", "bland", None, "UK mobile international"),
    ("+44 901 234 5678", "bland", None, "UK premium rate"),
    ("+44 800 123 4567", "bland", None, "UK toll free"),
    ("+44 1534 456789", "bland", None, "Jersey (shares +44)"),
    ("+44 7781 123456", "bland", None, "Guernsey mobile (shares +44)"),
    ("+44 1624 756789", "bland", None, "Isle of Man (shares +44)"),
    # --- Germany
    ("+49 30 1234567", "bland", None, "Berlin"),
    ("030 1234567", "DE", None, "Berlin, national"),
    ("+49 1512 3456789", "bland", None, "German mobile"),
    ("01512 3456789", "DE", None, "German mobile, national"),
    ("+49 900 1 234567", "bland", None, "German premium rate"),
    # --- India
    ("+91 98765 43210", "bland", None, "Indian mobile"),
    ("098765 43210", "IN", None, "Indian mobile, trunk 0"),
    ("+91 1800 12 3456", "bland", None, "Indian toll free"),
    # --- Brazil
    ("+55 11 91234 5678", "bland", None, "Sao Paulo mobile"),
    ("(11) 91234-5678", "BR", None, "Sao Paulo mobile, national"),
    ("0 15 11 91234 5678", "BR", None, "carrier selection code 15 before the area code"),
    ("+55 11 2345 6789", "bland", None, "Sao Paulo landline"),
    # --- Japan
    ("+81 3 1234 5678", "bland", None, "Tokyo"),
    ("03-1234-5678", "JP", None, "Tokyo, national"),
    ("090-1234-5678", "JP", None, "Japanese mobile"),
    ("0120-123-456", "JP", None, "Japanese toll free"),
    # --- more countries and shared calling codes
    ("+1 242 345 6789", "bland", None, "Bahamas (NANPA, leading digits 242)"),
    ("+1 506 234 5678", "bland", None, "Canada"),
    ("+1 787 234 5678", "bland", None, "Puerto Rico"),
    ("+1 800 234 5678", "bland", None, "US toll free"),
    ("1-800-234-5678", "bland", None, "US toll free, national"),
    ("+1 900 234 5678", "bland", None, "US premium rate"),
    ("+7 912 345 67 89", "bland", None, "Russian mobile"),
    ("8 (912) 345-67-89", "RU", None, "Russian mobile, trunk 8"),
    ("+7 771 000 9998", "bland", None, "Kazakhstan mobile (shares +7)"),
    ("+61 412 345 678", "bland", None, "Australian mobile"),
    ("+33 6 12 34 56 78", "bland", None, "French mobile"),
    ("+33 891 12 34 56", "bland", None, "French premium rate"),
    ("+39 06 1234 5678", "bland", None, "Rome: the leading 0 is part of the number"),
    ("+52 222 123 4567", "bland", None, "Mexico"),
    ("+54 9 11 2345 6789", "bland", None, "Argentine mobile"),
    ("011 15-2345-6789", "AR", None, "Argentine mobile, national: transform rule adds the 9"),
    ("+82 10 2000 0000", "bland", None, "Korean mobile"),
    ("+800 1234 5678", "bland", None, "international freephone (non-geographic)"),
    ("+800 1234 567", "bland", None, "international freephone, one digit short"),
    ("2015550123", "ZZ", None, "unknown default region"),
    # --- China for Alibaba
    ("13900001111", "aliyun", None, "Alibaba docs mobile shape"),
    ("13800138000", "aliyun", None, "mobile"),
    ("138 0013 8000", "aliyun", None, "mobile, spaces"),
    ("138-0013-8000", "aliyun", None, "mobile, dashes"),
    ("+86 138 0013 8000", "aliyun", None, "+86"),
    ("0086 138 0013 8000", "aliyun", None, "0086"),
    ("8613800138000", "aliyun", None, "86 without plus"),
    ("\\u{ff11}\\u{ff13}\\u{ff18}\\u{ff10}\\u{ff10}\\u{ff11}\\u{ff13}\\u{ff18}\\u{ff10}\\u{ff10}\\u{ff10}", "aliyun", None, "full-width digits"),
    ("\\u{ff0b}86\\u{3000}138\\u{3000}0013\\u{3000}8000", "aliyun", None, "full-width plus, ideographic spaces"),
    ("010-1234-5678", "aliyun", None, "Beijing landline"),
    ("(021) 6666 1234", "aliyun", None, "Shanghai landline"),
    ("0571-8888-1234", "aliyun", None, "Hangzhou landline"),
    ("+86 10 1234 5678", "aliyun", None, "Beijing landline, international"),
    ("400-123-4567", "aliyun", None, "400 shared cost"),
    ("800-123-4567", "aliyun", None, "800 toll free"),
    ("168 1234 5", "aliyun", None, "premium rate 168"),
    ("010 9612 34", "aliyun", None, "Beijing 1096x shared cost keeps the trunk 0"),
    ("10086", "aliyun", None, "China Mobile service short code"),
    ("1380013800", "aliyun", None, "mobile, one digit short"),
    ("138001380001", "aliyun", None, "mobile, one digit long"),
    ("12300000000", "aliyun", None, "12x is not a mobile range"),
    ("+1 201 555 0123", "aliyun", None, "US number: Alibaba dials mainland China only"),
    ("+852 5123 4567", "aliyun", None, "Hong Kong is not mainland China"),
    ("+886 912 345 678", "aliyun", None, "Taiwan is not mainland China"),
    ("+800 1234 5678", "aliyun", None, "non-geographic number"),
    ("1390000****", "aliyun", None, "masked number from a console export"),
    # --- China for Tencent
    ("008612300000000", "tencent", None, "tccli example Callee: 123 is not a mobile range"),
    ("008613012345678", "tencent", None, "CN docs Callee example"),
    ("+8613012345678", "tencent", None, "E.164"),
    ("13012345678", "tencent", None, "no country code means China"),
    ("008601012345678", "tencent", None, "tccli Callers example: landline keeps the trunk 0"),
    ("01012345678", "tencent", None, "Beijing landline, national"),
    ("+86 10 1234 5678", "tencent", None, "Beijing landline, international"),
    ("0086158xxxxxxxx", "tencent", None, "masked CDR number"),
    ("0014155550132", "tencent", None, "00 from China to the US"),
    ("+44 20 7946 0958", "tencent", None, "UK landline"),
    ("+800 1234 5678", "tencent", None, "non-geographic"),
    ("086 138 0013 8000", "tencent", None, "trunk 0 before a mobile"),
]


def unescape(s):
    s = s.replace("\\t", "\t").replace("\\n", "\n")
    return re.sub(r"\\u\{([0-9a-f]+)\}", lambda m: chr(int(m.group(1), 16)), s)


def is_digit(c):
    return "0" <= c <= "9" or "\uff10" <= c <= "\uff19"


def lex(text, bland):
    t = text.strip()
    if not t:
        return None, "!Empty"
    if bland and t[:3].lower() == "%2b":
        t = "+" + t[3:]
    plus, digits = False, ""
    for c in t:
        if is_digit(c):
            digits += str(ord(c) - (0xFF10 if c >= "\uff10" else 0x30))
        elif c in "+\uff0b":
            if plus or digits:
                return None, "!InvalidCharacters"
            plus = True
        elif c not in FORMATTING:
            return None, "!InvalidCharacters"
    if not digits:
        return None, "!Empty"
    if len(digits) < 3:
        return None, "!TooShort"
    if len(digits) > 24:
        return None, "!TooLong"
    return ("+" if plus else "") + digits, None


def parse(clean, region):
    if not clean.startswith("+") and clean.startswith("00") and clean[2:3] != "0":
        idd = PhoneMetadata.metadata_for_region(region).international_prefix
        if not re.match("(?:%s)" % idd, clean):
            clean = "+" + clean[2:]
    try:
        n = p.parse(clean, region)
    except E as e:
        return None, "!" + PARSE_ERRORS[e.error_type]
    if not p.is_valid_number(n):
        return None, "!" + REASONS[p.is_possible_number_with_reason(n)]
    return n, None


def domestic(n):
    return "".join(c for c in p.format_number(n, p.PhoneNumberFormat.NATIONAL) if c.isdigit())


def row(raw, mode, message, note):
    text = unescape(raw)
    region = {"bland": "US", "aliyun": "CN", "tencent": "CN"}.get(mode, mode)
    if region not in p.SUPPORTED_REGIONS:
        return [raw, mode, "!InvalidForRegion"] + ["-"] * 5 + [message or "-", note]
    clean, err = lex(text, mode == "bland")
    n = None
    if clean:
        n, err = parse(clean, region)
    if n and mode == "aliyun" and n.country_code != 86:
        n, err = None, "!NotSupportedByVendor"
    if not n:
        return [raw, mode, err] + ["-"] * 5 + [message or "-", note]
    e164 = p.format_number(n, p.PhoneNumberFormat.E164)
    rc = p.region_code_for_number(n)
    rc = "-" if rc in (None, "001") else rc
    nsn = p.national_significant_number(n)
    cn = n.country_code == 86
    aliyun = domestic(n) if cn else "!NotSupportedByVendor"
    tencent = "0086" + domestic(n) if cn else "00%d%s" % (n.country_code, nsn)
    return [raw, mode, e164, rc, TYPES[p.number_type(n)], e164, aliyun, tencent, message or "-", note]


def main():
    print("# generated by phone_cases.py from libphonenumber 9.0.33 (phonenumbers); see that file")
    print("\t".join(["input", "mode", "expected", "region", "type", "bland", "aliyun", "tencent", "message", "note"]))
    for case in CASES:
        print("\t".join(row(*case)))


if __name__ == "__main__":
    sys.exit(main())
