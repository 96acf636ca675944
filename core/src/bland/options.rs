//! The call options shared by `POST /v1/calls`, legacy `POST /v1/batches`, and v2 batch `global` /
//! `call_objects` (docs.bland.ai/api-v1/post/calls; VENDORS.md §1.1).
//!
//! Why a macro instead of `#[serde(flatten)] options: CallOptions`: with `flatten` serde buffers the
//! fields and loses the field path of a type error (`max_duration: "ten"` would be reported at the
//! root and could not be dropped for the next round), and `deny_unknown_fields` stops working. The
//! field list is therefore written once in [`call_option_fields!`] and pasted into each request
//! struct, which keeps exact wire paths, `deny_unknown_fields` and zero-cost access; every such
//! struct gets a `call_options()` view ([`CallOptionsRef`]) that the shared validator reads.

use super::enums::VoicemailAction;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The shared field list. Calls `$callback! { { $args } fields… }`; each field becomes
/// `pub $field: Option<$ty>` in the generated struct.
macro_rules! call_option_fields {
    ($callback:path { $($args:tt)* }) => {
        $callback! { { $($args)* }
            /// Agent instructions (the prompt). Required unless `pathway_id` is set.
            task: String,
            /// A conversational pathway to follow instead of `task`.
            pathway_id: String,
            /// Pathway version; production when absent.
            pathway_version: u32,
            /// The pathway node to start from (only with `pathway_id`).
            start_node_id: String,
            /// Voice name (`maya`) or voice / preset / clone id.
            voice: String,
            /// The agent's first sentence, spoken as given.
            first_sentence: String,
            /// A persona (call preset); fields in the request override it.
            persona_id: String,
            /// `base`, `turbo` or `enhanced`.
            model: $crate::bland::enums::Model,
            /// Language code (`ENG`…, or `babel-en` style on /v1/calls).
            language: String,
            /// Wait for the callee to speak first.
            wait_for_greeting: bool,
            /// How to say specific words.
            pronunciation_guide: Vec<Option<$crate::bland::options::PronunciationGuideEntry>>,
            /// LLM temperature, 0–1 (default 0.7).
            temperature: f64,
            /// How long the agent waits before answering (recommended 50–200).
            interruption_threshold: u32,
            /// An owned outbound number to call from (country code required).
            from: String,
            /// How the caller number is chosen (shape not pinned down by the docs: passed verbatim).
            dialing_strategy: ::serde_json::Value,
            /// IANA time zone of the call (default America/Los_Angeles).
            timezone: String,
            /// Schedule: `YYYY-MM-DD HH:MM:SS -HH:MM`, at least 5 minutes ahead.
            start_time: String,
            /// Number the agent may transfer to.
            transfer_phone_number: String,
            /// Named transfer numbers (`default`, `sales`, …).
            transfer_list: ::std::collections::BTreeMap<String, String>,
            /// Longest call, in minutes (default 30, at most 12 hours).
            max_duration: u32,
            /// Custom tools: inline tool objects or tool ids (`TL-…`, `KB-…`).
            tools: Vec<::serde_json::Value>,
            /// Background audio.
            background_track: $crate::bland::enums::BackgroundTrack,
            /// Filter background noise.
            noise_cancellation: bool,
            /// Ignore interruptions from the callee.
            block_interruptions: bool,
            /// Record the call (`recording_url` in call details).
            record: bool,
            /// What to do on voicemail.
            voicemail: $crate::bland::options::Voicemail,
            /// Citation schemas to run after the call (enterprise).
            citation_schema_ids: Vec<String>,
            /// Instructions for the post-call summary (< 2000 characters).
            summary_prompt: String,
            /// Retry after voicemail.
            retry: $crate::bland::options::Retry,
            /// Outcome tags the AI picks from after the call.
            dispositions: Vec<String>,
            /// Facts the agent knows; also `{{variables}}`.
            request_data: ::serde_json::Map<String, ::serde_json::Value>,
            /// Anything to get back with the call (webhook, call details).
            metadata: ::serde_json::Map<String, ::serde_json::Value>,
            /// Post-call webhook URL (https).
            webhook: String,
            /// Live event categories streamed to `webhook`.
            webhook_events: Vec<$crate::bland::enums::WebhookEvent>,
            /// External data fetched into the agent's knowledge.
            dynamic_data: ::serde_json::Value,
            /// Words boosted in transcription (at most 20).
            keywords: Vec<String>,
            /// Ignore keypad input.
            ignore_button_press: bool,
            /// DTMF digits played before the call (`0-9`, `*`, `#`, `w` = 0.5 s pause).
            precall_dtmf_sequence: String,
            /// Guard rails to enforce (ids or objects; passed verbatim).
            guard_rails: ::serde_json::Value,
            /// What to extract into `analysis` after the call.
            analysis_schema: ::serde_json::Map<String, ::serde_json::Value>,
            /// Phone-tree / IVR navigation mode.
            amd: bool,
            /// Answering-machine detection (`answered_by`).
            answered_by_enabled: bool,
        }
    };
}
pub(crate) use call_option_fields;

/// Emits a request struct: its own fields, then every call option as `Option<T>`, plus
/// `call_options()`. Used through [`with_call_options!`].
macro_rules! emit_with_call_options {
    (
        { $(#[$sm:meta])* pub struct $name:ident { $($own:tt)* } }
        $( $(#[doc = $doc:literal])* $field:ident : $ty:ty, )*
    ) => {
        $(#[$sm])*
        pub struct $name {
            $($own)*
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl $name {
            /// The shared `/v1/calls` options of this request, borrowed for validation.
            pub fn call_options(&self) -> $crate::bland::options::CallOptionsRef<'_> {
                $crate::bland::options::CallOptionsRef {
                    $( $field: self.$field.as_ref(), )*
                }
            }
        }
    };
}
pub(crate) use emit_with_call_options;

/// Declare a request struct carrying every shared call option after its own fields.
macro_rules! with_call_options {
    ($($def:tt)*) => {
        $crate::bland::options::call_option_fields!(
            $crate::bland::options::emit_with_call_options { $($def)* }
        );
    };
}
pub(crate) use with_call_options;

macro_rules! emit_call_options_ref {
    ({} $( $(#[doc = $doc:literal])* $field:ident : $ty:ty, )*) => {
        /// A borrowed view of the shared call options of any request that carries them
        /// ([`super::SendCallRequest`], [`super::BatchRequest`], v2 `global` and call objects).
        #[derive(Debug, Clone, Copy, Default)]
        pub struct CallOptionsRef<'a> {
            $( $(#[doc = $doc])* pub $field: Option<&'a $ty>, )*
        }

        /// Wire names of every shared call option.
        pub const CALL_OPTION_FIELDS: &[&str] = &[$( stringify!($field), )*];
    };
}

call_option_fields!(emit_call_options_ref {});

/// `voicemail`: the voicemail policy object of /v1/calls.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct Voicemail {
    /// What to do (`hangup` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<VoicemailAction>,
    /// The message to leave (required for `leave_message`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Also send a text message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<VoicemailSms>,
    /// Use AI voicemail detection for sensitive cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
}

/// `voicemail.sms`: a text sent after leaving a voicemail.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct VoicemailSms {
    /// Recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Sender (an owned number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `retry`: call again after reaching voicemail.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    /// Seconds to wait before retrying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait: Option<u32>,
    /// Voicemail policy for the retried call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voicemail_action: Option<VoicemailAction>,
    /// Message for `leave_message` on the retried call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voicemail_message: Option<String>,
}

/// One `pronunciation_guide` entry. Bland's own example writes the flags as strings
/// (`"case_sensitive": "false"`), so they are kept as JSON and checked to be a boolean or
/// `"true"`/`"false"`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct PronunciationGuideEntry {
    /// The word to guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word: Option<String>,
    /// How to say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pronunciation: Option<String>,
    /// Match case (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_sensitive: Option<Value>,
    /// Match whole words only (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spaced: Option<Value>,
}
