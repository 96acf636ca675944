#!/usr/bin/env python3
"""Regenerates phone_oracle.tsv: what libphonenumber itself says about a seeded corpus of inputs.

Truth comes from `phonenumbers` 9.0.33, the Python port of libphonenumber with the same metadata
version as the `phonenumber` crate 0.3.10 (libphonenumber 9.0.33). Not run by CI (the expected
values are committed); run by hand after a metadata upgrade:

    python3 -m venv /tmp/pn && /tmp/pn/bin/pip install phonenumbers==9.0.33
    /tmp/pn/bin/python core/tests/data/phone_oracle.py > core/tests/data/phone_oracle.tsv

Inputs: every example number of every region and type from libphonenumber's metadata, in
international, national, trunk-prefixed and country-code-without-plus forms, plus seeded random
mutations (digit changed, inserted, deleted, truncated) and random formatting. Columns:
default region, input, then either `+E164 region type domestic` (domestic = the number as dialled
inside China, for +86 only, else `-`) or `!ErrorKind`.

callplane's one addition to libphonenumber is applied here as in the Rust code: a leading `00` is
an international prefix from every region (libphonenumber only honours the region's own prefix).
"""
import random
import re

import phonenumbers as p
from phonenumbers import NumberParseException as E
from phonenumbers import PhoneNumberType as T
from phonenumbers import ValidationResult as V
from phonenumbers.phonemetadata import PhoneMetadata

assert p.__version__ == "9.0.33", p.__version__

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


def policy(text, region):
    """callplane: `00` is an international prefix everywhere."""
    digits = "".join(c for c in text if c.isdigit())
    if text.lstrip().startswith("+") or not digits.startswith("00") or digits[2:3] == "0":
        return text
    md = PhoneMetadata.metadata_for_region(region)
    idd = md.international_prefix if md else None
    if idd and re.match("(?:%s)" % idd, digits):
        return text  # the region's own prefix applies (libphonenumber handles it)
    return "+" + digits[2:]


def expected(text, region):
    digits = sum(c.isdigit() for c in text)
    if digits == 0:
        return "!Empty"
    if digits < 3:
        return "!TooShort"
    try:
        n = p.parse(policy(text, region), region)
    except E as e:
        return "!" + PARSE_ERRORS[e.error_type]
    if not p.is_valid_number(n):
        return "!" + REASONS[p.is_possible_number_with_reason(n)]
    rc = p.region_code_for_number(n)
    rc = "-" if rc in (None, "001") else rc
    domestic = "-"
    if n.country_code == 86:
        domestic = "".join(c for c in p.format_number(n, p.PhoneNumberFormat.NATIONAL) if c.isdigit())
    return "\t".join([p.format_number(n, p.PhoneNumberFormat.E164), rc, TYPES[p.number_type(n)], domestic])


def examples():
    out = []
    for region in sorted(p.SUPPORTED_REGIONS):
        md = PhoneMetadata.metadata_for_region(region)
        for t in TYPES:
            n = p.example_number_for_type(region, t)
            if n and n.country_code == md.country_code:
                out.append((region, md, p.national_significant_number(n)))
    for cc in sorted(p.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        n = p.example_number_for_non_geo_entity(cc)
        if n:
            out.append(("001", PhoneMetadata.metadata_for_nongeo_region(cc), p.national_significant_number(n)))
    return out


def mutate(rng, d):
    d = list(d)
    k = rng.random()
    if k < 0.3 and d:
        d[rng.randrange(len(d))] = str(rng.randrange(10))
    elif k < 0.5:
        d.insert(rng.randrange(len(d) + 1), str(rng.randrange(10)))
    elif k < 0.7 and d:
        del d[rng.randrange(len(d))]
    else:
        d = d[: rng.randrange(len(d) + 1)]
    return "".join(d)


def decorate(rng, s):
    """Random spaces, dashes, dots and parentheses between digits (never before a leading +)."""
    out = []
    for i, c in enumerate(s):
        if i > 0 and c.isdigit() and rng.random() < 0.15:
            out.append(rng.choice([" ", "-", ".", " (", ") ", "/"]))
        out.append(c)
    return "".join(out)


def main():
    rng = random.Random(20250901)
    ex = examples()
    lines = set()
    defaults = ["US", "CN", "GB", "DE", "IN", "BR", "JP"]
    for region, md, nsn in ex:
        cc = str(md.country_code)
        home = region if region != "001" else "US"
        np = md.national_prefix or ""
        lines.add((home, "+" + cc + nsn))
        lines.add(("US", "011" + cc + nsn))
        lines.add(("CN", "00" + cc + nsn))
        if region != "001":
            lines.add((region, nsn))
            lines.add((region, np + nsn))
            lines.add((region, cc + nsn))
    for _ in range(6000):
        region, md, nsn = rng.choice(ex)
        cc = str(md.country_code)
        nsn = mutate(rng, nsn) if rng.random() < 0.75 else nsn
        home = region if region != "001" and rng.random() < 0.5 else rng.choice(defaults)
        hmd = PhoneMetadata.metadata_for_region(home)
        form = rng.random()
        if form < 0.35:
            s = "+" + cc + nsn
        elif form < 0.45:
            s = "00" + cc + nsn
        elif form < 0.7:
            s = nsn
        elif form < 0.85:
            s = (hmd.national_prefix or "") + nsn
        else:
            s = str(hmd.country_code) + nsn
        if rng.random() < 0.3:
            s = decorate(rng, s)
        lines.add((home, s))
    for home, s in sorted(lines):
        print("%s\t%s\t%s" % (home, s, expected(s, home)))


if __name__ == "__main__":
    main()
