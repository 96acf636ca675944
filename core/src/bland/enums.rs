//! Bland's enumerations.
//!
//! Two kinds:
//! - **strict** input enums (`Model`, `VoicemailAction`): the set is documented and closed, so an
//!   unknown value is an `invalid_enum` error from the parser;
//! - **open** enums (`lenient_enum!`): the documented set is known but Bland adds values over time
//!   (response statuses, `webhook_events`, `background_track`). They keep unknown values verbatim in
//!   `Other(String)`: a response never fails to parse because of a new status, and input validators
//!   turn `Other` into a warning instead of refusing the request.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Declares an open enum: documented variants with their wire strings plus `Other(String)`.
macro_rules! lenient_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident => $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[doc = $doc])* $variant, )*
            /// A value this version of callplane does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// Every documented variant, in documentation order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant,)*];

            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(s) => s,
                }
            }

            /// Read a wire string; unknown strings become `Other`.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// False for `Other`.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }

            /// The documented wire strings, for messages: `` `a`, `b` ``.
            pub fn documented() -> String {
                let all: &[&str] = &[$($wire,)*];
                all.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok($name::from_wire(&s))
            }
        }

        /// As `Deserialize` (a `Cow<str>` reads as a `String`), sharing `String`'s reader.
        impl $crate::json::read::ReadJson for $name {
            fn read(
                v: &serde_json::Value,
                at: &$crate::json::read::Chain<'_>,
            ) -> Result<Self, $crate::json::track::PathError> {
                <String as $crate::json::read::ReadJson>::read(v, at).map(|s| $name::from_wire(&s))
            }
        }
    };
}

lenient_enum! {
    /// `status` of Bland's legacy v1 envelope (`{"status": "success" | "error", "message": …}`).
    pub enum ResponseStatus {
        /// The request succeeded.
        Success => "success",
        /// The request failed; see `message` / `errors`.
        Error => "error",
    }
}

/// `model` of a call or inbound number. The inbound-update page lists exactly `base`, `turbo` and
/// `enhanced` ("in nearly all cases `enhanced` is the best choice"); older `/v1/calls` pages also
/// listed `gpt4`, which is no longer documented, so it is refused rather than guessed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// The original model; follows scripts most closely.
    Base,
    /// Lowest latency; no transfers, IVR navigation or custom tools.
    Turbo,
    /// Fast and conversational.
    Enhanced,
}

/// `voicemail.action` (and `retry.voicemail_action`): what to do when a voicemail answers.
/// Src: docs.bland.ai/api-v1/post/calls, `voicemail` object.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(rename_all = "snake_case")]
pub enum VoicemailAction {
    /// End the call without a message (Bland's default).
    Hangup,
    /// Play `voicemail.message` after the beep, then end the call.
    LeaveMessage,
    /// Continue as if no voicemail was detected (IVRs, special routing).
    Ignore,
}

lenient_enum! {
    /// `webhook_events`: live event categories Bland streams to `webhook` during a call.
    /// Src: docs.bland.ai/api-v1/post/calls (`webhook_events`).
    pub enum WebhookEvent {
        /// Queue lifecycle (`Call enqueued`, …).
        Queue => "queue",
        /// Call lifecycle.
        Call => "call",
        /// Latency measurements.
        Latency => "latency",
        /// Webhook deliveries.
        Webhook => "webhook",
        /// Tool invocations.
        Tool => "tool",
        /// Dynamic-data fetches.
        DynamicData => "dynamic_data",
        /// Citations (enterprise).
        Citations => "citations",
        /// Evaluations.
        Evals => "evals",
        /// Transcript after a transfer.
        PostTransferTranscript => "post_transfer_transcript",
    }
}

lenient_enum! {
    /// `background_track`: audio played under the agent. `null` (field absent) is quiet phone static.
    pub enum BackgroundTrack {
        /// Office soundscape.
        Office => "office",
        /// Cafe soundscape.
        Cafe => "cafe",
        /// Like `cafe`, more subtle.
        Restaurant => "restaurant",
        /// Minimal background noise.
        None => "none",
    }
}

lenient_enum! {
    /// `queue_status` of a call: new → queued → allocated → started → complete, or an error state.
    /// Bland's own examples also show `completed`, so both spellings are known.
    /// Src: docs.bland.ai/api-v1/get/calls-id.
    pub enum QueueStatus {
        /// Accepted, not yet queued.
        New => "new",
        /// Waiting for capacity.
        Queued => "queued",
        /// A line was allocated.
        Allocated => "allocated",
        /// Dialling or in progress.
        Started => "started",
        /// Finished.
        Complete => "complete",
        /// Finished (spelling seen in Bland's examples).
        Completed => "completed",
        /// Refused before queueing.
        PreQueueError => "pre_queue_error",
        /// Failed while queued.
        QueueError => "queue_error",
        /// Failed while calling.
        CallError => "call_error",
        /// Failed while completing.
        CompleteError => "complete_error",
    }
}

impl QueueStatus {
    /// True for the error states (`*_error`).
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            QueueStatus::PreQueueError
                | QueueStatus::QueueError
                | QueueStatus::CallError
                | QueueStatus::CompleteError
        )
    }
}

lenient_enum! {
    /// `status` of a finished call. Src: docs.bland.ai/api-v1/get/calls-id.
    pub enum CallStatus {
        /// The call connected and ended normally.
        Completed => "completed",
        /// The call failed (see `error_message`).
        Failed => "failed",
        /// The line was busy.
        Busy => "busy",
        /// Nobody answered.
        NoAnswer => "no-answer",
        /// Cancelled before it connected.
        Canceled => "canceled",
        /// Bland does not know.
        Unknown => "unknown",
    }
}

lenient_enum! {
    /// `answered_by`: answering-machine detection on the first ~5 s of audio (`null` while
    /// undecided or when detection is off). Src: docs.bland.ai/api-v1/get/calls-id.
    pub enum AnsweredBy {
        /// A person.
        Human => "human",
        /// A voicemail system.
        Voicemail => "voicemail",
        /// Undecided.
        Unknown => "unknown",
        /// Not answered.
        NoAnswer => "no-answer",
    }
}

lenient_enum! {
    /// `call_ended_by`: which side hung up.
    pub enum CallEndedBy {
        /// The AI agent.
        Assistant => "ASSISTANT",
        /// The callee.
        User => "USER",
    }
}

lenient_enum! {
    /// `transcripts[].user`: who spoke a transcript line.
    pub enum TranscriptUser {
        /// The callee.
        User => "user",
        /// The AI agent.
        Assistant => "assistant",
        /// System / robot lines.
        Robot => "robot",
        /// An action the agent took (transfer, tool call, …).
        AgentAction => "agent-action",
    }
}

lenient_enum! {
    /// Status of a v2 batch in its `status_webhook` events and lifecycle logs.
    /// Src: docs.bland.ai/api-v2/post/batches (`status_webhook`).
    pub enum BatchStatus {
        /// Call objects are being validated.
        Validating => "validating",
        /// Calls are being dispatched.
        Dispatching => "dispatching",
        /// Calls are running.
        InProgress => "in_progress",
        /// Calls are running, dispatched in chunks.
        InProgressChunked => "in_progress_chunked",
        /// Every immediate call is out; scheduled ones are pending.
        WaitingForScheduledCalls => "waiting_for_scheduled_calls",
        /// Finished; every call was dispatched.
        Completed => "completed",
        /// The batch failed (see `code`/`reason`).
        Failed => "failed",
        /// Finished; some calls failed.
        CompletedPartial => "completed_partial",
    }
}

impl BatchStatus {
    /// True for the final states (`completed`, `failed`, `completed_partial`).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            BatchStatus::Completed | BatchStatus::Failed | BatchStatus::CompletedPartial
        )
    }
}

lenient_enum! {
    /// `event_type` of a v2 batch log entry.
    pub enum BatchLogEventType {
        /// A state change (`payload.state_change`, `payload.message`).
        Lifecycle => "lifecycle",
        /// The final tally (`payload.calls_total`, …).
        Complete => "complete",
    }
}

lenient_enum! {
    /// `status` of a legacy v1 batch (`GET /v1/batches/{id}`).
    pub enum LegacyBatchStatus {
        /// Calls are still running.
        InProgress => "in-progress",
        /// Every call finished.
        Completed => "completed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_enums_keep_unknown_values_and_round_trip() {
        for (wire, known) in [
            ("\"no-answer\"", true),
            ("\"completed\"", true),
            ("\"voicemail-ish\"", false),
        ] {
            let s: CallStatus = serde_json::from_str(wire).unwrap();
            assert_eq!(s.is_known(), known, "{wire}");
            assert_eq!(serde_json::to_string(&s).unwrap(), wire);
        }
        assert_eq!(QueueStatus::from_wire("call_error"), QueueStatus::CallError);
        assert!(QueueStatus::CallError.is_error());
        assert!(!QueueStatus::Complete.is_error());
        assert!(BatchStatus::CompletedPartial.is_final());
        assert!(!BatchStatus::InProgressChunked.is_final());
    }

    #[test]
    fn every_known_variant_reads_back_as_itself() {
        for v in BatchStatus::KNOWN {
            assert_eq!(&BatchStatus::from_wire(v.as_str()), v);
        }
        for v in QueueStatus::KNOWN {
            assert_eq!(&QueueStatus::from_wire(v.as_str()), v);
        }
        for v in WebhookEvent::KNOWN {
            assert_eq!(&WebhookEvent::from_wire(v.as_str()), v);
        }
    }

    #[test]
    fn strict_enums_refuse_undocumented_values() {
        assert!(serde_json::from_str::<Model>("\"gpt4\"").is_err());
        assert_eq!(
            serde_json::from_str::<Model>("\"enhanced\"").unwrap(),
            Model::Enhanced
        );
        assert_eq!(
            serde_json::from_str::<VoicemailAction>("\"leave_message\"").unwrap(),
            VoicemailAction::LeaveMessage
        );
    }
}
