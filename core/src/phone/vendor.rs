//! Each vendor's wire format.
//!
//! - **Bland**: E.164 with `+` (`phone_number` "Must be a valid phone number in E.164 format",
//!   <https://docs.bland.ai/api-v1/post/calls>).
//! - **Alibaba dyvms**: mainland China only (`CalledNumber`: "仅支持中国大陆号码", BatchRobotSmartCall).
//!   We send the number as dialled inside China, without country code: mobiles as the 11 digits
//!   (`13900001111`), landlines with the trunk `0` and area code (`01088881234`). Alibaba's
//!   number-format guide (help.aliyun.com/zh/vms/product-overview/number-format-standards-guide)
//!   lists exactly these two domestic forms ("1390000****", "0108888****": "固话号码请保留区号");
//!   `+86`/`0086` are accepted there but "非必需", and a bare `00` prefix is read as an international
//!   call, which the domestic product refuses.
//! - **Tencent ccc**: `00` + country code + number. For China the number is the domestic form, so
//!   landlines keep the trunk `0`: the tccli examples for CreateAIAgentCall use `Callers`
//!   `008601012345678` (Beijing 010-1234-5678) next to `Callee` `008612300000000`
//!   (TencentCloud/tencentcloud-cli, tccli/examples/ccc/v20200210/CreateAIAgentCall.md). Other
//!   countries use the plain international form (`00` + cc + national significant number).
//!
//! "Domestic form" is libphonenumber's national format with the formatting removed: `0` is added
//! exactly when the format rule chosen for the number says `$NP$FG` (landlines, and Beijing's
//! 1096x shared-cost numbers; not mobiles, 400 or 800 numbers).

use super::meta::Index;
use super::{PhoneError, PhoneErrorKind, PhoneNumber};
use crate::Vendor;

/// The number as dialled inside its own country, digits only (CN only; others get the NSN).
pub(crate) fn domestic(n: &PhoneNumber) -> String {
    let nsn = n.national_number();
    // China's formatting rules are the only ones in the tables (`meta::CnFormats`).
    let Some(f) = Index::get()
        .cn_formats
        .as_ref()
        .filter(|_| n.country_code() == 86)
    else {
        return nsn.to_owned();
    };
    let (prefix, full) = f.dfa.walk(nsn.as_bytes());
    // chooseFormattingPatternForNumber: the first format whose (last) leading-digits pattern
    // matches at the start and whose pattern matches the whole number.
    let chosen = f.formats.iter().enumerate().find(|(i, (has_leading, _))| {
        let ld_ok = !has_leading || prefix & (1 << (2 * i)) != 0;
        ld_ok && full & (1 << (2 * i + 1)) != 0
    });
    match chosen {
        Some((_, (_, true))) => format!("{}{nsn}", f.national_prefix),
        _ => nsn.to_owned(),
    }
}

/// Format `n` for `vendor`'s wire.
pub(crate) fn to_wire(vendor: Vendor, n: &PhoneNumber) -> Result<String, PhoneError> {
    match vendor {
        Vendor::Bland => Ok(n.e164().to_owned()),
        Vendor::Aliyun => {
            require_mainland(n)?;
            Ok(domestic(n))
        }
        Vendor::Tencent => {
            if n.country_code() == 86 {
                Ok(format!("0086{}", domestic(n)))
            } else {
                Ok(format!("00{}{}", n.country_code(), n.national_number()))
            }
        }
    }
}

/// Alibaba dials mainland China only (+86; Hong Kong +852, Macau +853 and Taiwan +886 are not).
pub(crate) fn require_mainland(n: &PhoneNumber) -> Result<(), PhoneError> {
    if n.country_code() == 86 {
        return Ok(());
    }
    Err(PhoneError::new(
        PhoneErrorKind::NotSupportedByVendor,
        format!(
            "aliyun dials mainland China (+86) numbers only; {} is in {}",
            n.e164(),
            n.region().unwrap_or("a non-geographic numbering plan")
        ),
    ))
}
