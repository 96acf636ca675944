//! The AI-call result lookups, derived on read from the call's plan and its CreateAICall request:
//! the conversation (DescribeAICallInteractionRecords) opens with the call's real `WelcomeMessage`
//! (variables filled from `Variables`/`PromptVariables`), or with a greeting derived from
//! `SystemPrompt` when `WelcomeType` is 1; the callee speaks first when there is neither, as Tencent
//! documents. Rounds follow every 12 s of talk. Extraction answers follow `ExtractConfig`;
//! analysis and latency are deterministic per session.

use super::Call;
use super::lookups::{not_found, parse, with_session};
use super::view::{self, Seen};
use crate::http::Reply;
use crate::lifecycle::Status;
use crate::outcome::{Outcome, fnv1a, splitmix64};
use callplane_core::tencent::create_ai_call::AiCallExtractConfigElement;
use callplane_core::tencent::lookups::{
    AiAnalysisResult, AiCallExtractResultElement, AiCallExtractResultInfo, AiCallInteractionRound,
    AiLatencyDetail, AiLatencyStatistics, AiLatencyStatisticsInfo, AiRoundMessage, AiSpeakEvent,
    AnalysisType, DescribeAIAnalysisResult, DescribeAIAnalysisResultOutput,
    DescribeAICallExtractResult, DescribeAICallExtractResultOutput,
    DescribeAICallInteractionRecords, DescribeAICallInteractionRecordsOutput, DescribeAILatency,
    DescribeAILatencyOutput, UserReplyEvent,
};
use serde_json::{Value, json};

/// Seconds of talk per conversation round.
const ROUND_MS: i64 = 12_000;
/// The AI joins this long after the answer (the `seatJoining` second).
const JOIN_MS: i64 = 1_000;
const MAX_ROUNDS: i64 = 50;

/// One of the four AI-result lookups, by action name.
pub fn lookup(c: &Call, action: &str) -> Reply {
    match action {
        "DescribeAICallInteractionRecords" => {
            let (m, app) = match parse::<DescribeAICallInteractionRecords>(c, |m| m.sdk_app_id) {
                Ok(x) => x,
                Err(r) => return r,
            };
            answer(c, app, &m.session_id, None, |s| {
                json!(DescribeAICallInteractionRecordsOutput {
                    interaction_event_list: Some(
                        rounds(s).iter().map(|r| r.to_vendor(s)).collect()
                    ),
                    ..Default::default()
                })
            })
        }
        "DescribeAICallExtractResult" => {
            let (m, app) = match parse::<DescribeAICallExtractResult>(c, |m| m.sdk_app_id) {
                Ok(x) => x,
                Err(r) => return r,
            };
            answer(
                c,
                app,
                &m.session_id,
                window(m.start_time, m.end_time),
                |s| {
                    json!(DescribeAICallExtractResultOutput {
                        result_list: Some(extract(s)),
                        ..Default::default()
                    })
                },
            )
        }
        "DescribeAIAnalysisResult" => {
            let (m, app) = match parse::<DescribeAIAnalysisResult>(c, |m| m.sdk_app_id) {
                Ok(x) => x,
                Err(r) => return r,
            };
            answer(
                c,
                app,
                &m.session_id,
                window(m.start_time, m.end_time),
                |s| {
                    json!(DescribeAIAnalysisResultOutput {
                        result_list: Some(analysis(s)),
                        ..Default::default()
                    })
                },
            )
        }
        _ => {
            let (m, app) = match parse::<DescribeAILatency>(c, |m| m.sdk_app_id) {
                Ok(x) => x,
                Err(r) => return r,
            };
            answer(
                c,
                app,
                &m.session_id,
                window(m.start_time, m.end_time),
                latency,
            )
        }
    }
}

fn window(start: Option<i64>, end: Option<i64>) -> Option<(i64, i64)> {
    Some((start?, end?))
}

/// Look the session up (inside the search window, when the operation has one) and build the
/// output from what it looks like now.
fn answer(
    c: &Call,
    app: u64,
    id: &str,
    window: Option<(i64, i64)>,
    build: impl FnOnce(&Seen) -> Value,
) -> Reply {
    let found = with_session(c, app, id, |s| {
        let t = view::secs(s.snap.created_ms);
        match window {
            Some((start, end)) if !(start..=end).contains(&t) => Err(format!(
                "session `{id}` started at {t}, outside StartTime..EndTime ({start}..{end})"
            )),
            _ => Ok(build(s)),
        }
    });
    match found {
        Some(Ok(v)) => c.ok(v),
        Some(Err(why)) => c.error("InvalidParameterValue.RecordNotExist", &why),
        None => not_found(c, id),
    }
}

/// One round of the conversation.
struct Round {
    index: i64,
    start_ms: i64,
    /// The callee spoke first in this round.
    user_first: bool,
    user: Option<String>,
    ai: Option<String>,
}

impl Round {
    fn to_vendor(&self, s: &Seen) -> AiCallInteractionRound {
        let user = self.user.as_ref().map(|text| AiRoundMessage {
            user_reply: Some(UserReplyEvent {
                asr_transcript: Some(text.clone()),
                ..Default::default()
            }),
            ..Default::default()
        });
        let ai = self.ai.as_ref().map(|text| AiRoundMessage {
            ai_speak: Some(AiSpeakEvent {
                can_be_interrupted: Some(true),
                spoken_text: Some(text.clone()),
                ..Default::default()
            }),
            ..Default::default()
        });
        let ordered = if self.user_first {
            [user, ai]
        } else {
            [ai, user]
        };
        let messages = ordered
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, mut m)| {
                m.timestamp = Some(self.start_ms + i as i64 * 4_000);
                m
            })
            .collect();
        AiCallInteractionRound {
            round_id: Some(format!("{}-{}", s.call.id, self.index)),
            round_index: Some(self.index),
            tags: Some(String::new()),
            messages: Some(messages),
            ..Default::default()
        }
    }
}

fn english(s: &Seen) -> bool {
    s.facts().english
}

/// The first thing the AI says, if it speaks first.
fn greeting(s: &Seen) -> Option<String> {
    s.facts().greeting.clone()
}

const USER_ZH: &[&str] = &[
    "嗯，你好，请说。",
    "好的，我明白了。",
    "可以再详细说一下吗？",
    "嗯，听起来不错。",
];
const AI_ZH: &[&str] = &[
    "好的，我简单为您介绍一下。",
    "明白，我再补充一点。",
    "好的，这部分我来说明。",
    "感谢您的耐心。",
];
const USER_EN: &[&str] = &[
    "Hi, go ahead.",
    "Okay, I see.",
    "Could you tell me more?",
    "That sounds good.",
];
const AI_EN: &[&str] = &[
    "Sure, let me explain briefly.",
    "Understood, one more thing.",
    "Right, here is how it works.",
    "Thank you for your patience.",
];

fn line(list: &[&str], k: i64) -> String {
    list.get(k as usize % list.len().max(1))
        .copied()
        .unwrap_or("")
        .to_owned()
}

/// The conversation so far (only rounds that have begun by the instant asked about).
fn rounds(s: &Seen) -> Vec<Round> {
    let Some(answered) = s.snap.answered_ms else {
        return Vec::new();
    };
    let en = english(s);
    let (users, ais) = if en {
        (USER_EN, AI_EN)
    } else {
        (USER_ZH, AI_ZH)
    };
    let until = s.snap.ended_ms.unwrap_or(s.now_ms);
    let first = answered + JOIN_MS;
    let greeting = greeting(s);
    if s.call.plan.outcome == Outcome::Voicemail {
        // An answering machine: the greeting (if any) goes into the mailbox, which "replies" with
        // its own announcement.
        let announcement = if en {
            "The person you are calling is not available. Please leave a message after the tone."
        } else {
            "您拨打的用户暂时无法接听，请在提示音后留言。"
        };
        return vec![Round {
            index: 0,
            start_ms: first,
            user_first: true,
            user: Some(announcement.to_owned()),
            ai: greeting,
        }]
        .into_iter()
        .filter(|r| r.start_ms <= until)
        .collect();
    }
    let count = ((until - answered) / ROUND_MS).clamp(1, MAX_ROUNDS);
    let mut out = Vec::new();
    for k in 0..count {
        let start_ms = first + k * ROUND_MS;
        if start_ms > until {
            break;
        }
        let round = if k == 0 {
            match &greeting {
                Some(g) => Round {
                    index: 0,
                    start_ms,
                    user_first: false,
                    ai: Some(g.clone()),
                    user: Some(if s.call.plan.early_hangup {
                        if en {
                            "No thanks."
                        } else {
                            "不需要，谢谢。"
                        }
                        .to_owned()
                    } else {
                        line(users, 0)
                    }),
                },
                None => Round {
                    index: 0,
                    start_ms,
                    user_first: true,
                    user: Some(if en { "Hello?" } else { "喂，你好？" }.to_owned()),
                    ai: Some(line(ais, 0)),
                },
            }
        } else {
            Round {
                index: k,
                start_ms,
                user_first: true,
                user: Some(line(users, k)),
                ai: Some(line(ais, k)),
            }
        };
        out.push(round);
    }
    out
}

/// Whether the call is over and was a conversation (results exist only then).
fn finished_conversation(s: &Seen) -> bool {
    s.snap.ended_ms.is_some() && s.answered()
}

fn extract(s: &Seen) -> Vec<AiCallExtractResultElement> {
    if !finished_conversation(s) {
        return Vec::new();
    }
    let items: Vec<AiCallExtractConfigElement> = s
        .facts()
        .extract
        .clone()
        .and_then(|x| serde_json::from_value(x).ok())
        .unwrap_or_default();
    let interested = s.snap.status == Status::Completed && !s.call.plan.early_hangup;
    items
        .into_iter()
        .map(|item| {
            let mut result = AiCallExtractResultInfo {
                text: Some(String::new()),
                chosen: Some(Vec::new()),
                boolean: Some(false),
                number: Some(0.0),
                ..Default::default()
            };
            match item.info_type.as_str() {
                "Text" => {
                    result.text = Some(format!("（模拟提取）{}", item.info_name));
                }
                "Selector" => {
                    let choices = item.choices.clone().unwrap_or_default();
                    let pick = draw(s, &item.info_name) as usize % choices.len().max(1);
                    result.chosen = Some(choices.get(pick).cloned().into_iter().collect());
                }
                "Boolean" => result.boolean = Some(interested),
                "Number" => result.number = Some((draw(s, &item.info_name) % 100) as f64),
                _ => {}
            }
            AiCallExtractResultElement {
                info_type: Some(item.info_type),
                info_name: Some(item.info_name),
                info_content: item.info_content,
                result: Some(result),
                ..Default::default()
            }
        })
        .collect()
}

fn analysis(s: &Seen) -> Vec<AiAnalysisResult> {
    if !finished_conversation(s) {
        return Vec::new();
    }
    let n = rounds(s).len();
    let voicemail = s.snap.status == Status::Voicemail;
    let interested = s.snap.status == Status::Completed && !s.call.plan.early_hangup;
    let entry = |t, text: String| AiAnalysisResult {
        analysis_type: Some(t),
        result: Some(text),
        ..Default::default()
    };
    vec![
        entry(
            AnalysisType::Summary,
            if voicemail {
                format!("通话进入语音信箱，时长 {} 秒。", s.duration_s())
            } else {
                format!(
                    "AI 与用户进行了 {n} 轮对话，通话时长 {} 秒。",
                    s.duration_s()
                )
            },
        ),
        entry(
            AnalysisType::Mood,
            if interested { "积极" } else { "中性" }.to_owned(),
        ),
        entry(
            AnalysisType::Intention,
            if interested { "有意向" } else { "无意向" }.to_owned(),
        ),
    ]
}

fn latency(s: &Seen) -> Value {
    let rounds = rounds(s);
    let mut per_stage: [Vec<i64>; 4] = Default::default();
    let detail: Vec<AiLatencyDetail> = rounds
        .iter()
        .map(|r| {
            let key = format!("latency-{}", r.index);
            let d = draw(s, &key);
            let asr = 300 + (d % 400) as i64;
            let llm = 400 + ((d >> 16) % 800) as i64;
            let tts = 150 + ((d >> 32) % 250) as i64;
            let ete = asr + llm + tts + 50;
            for (v, stage) in [asr, llm, tts, ete].into_iter().zip(per_stage.iter_mut()) {
                stage.push(v);
            }
            AiLatencyDetail {
                round_id: Some(format!("{}-{}", s.call.id, r.index)),
                asr_latency: Some(asr),
                llm_latency: Some(llm),
                tts_latency: Some(tts),
                ete_latency: Some(ete),
                ..Default::default()
            }
        })
        .collect();
    let [asr, llm, tts, ete] = per_stage.map(stats);
    json!(DescribeAILatencyOutput {
        ai_latency_detail: Some(detail),
        ai_latency_statistics: Some(AiLatencyStatistics {
            asr_latency: Some(asr),
            llm_latency: Some(llm),
            tts_latency: Some(tts),
            ete_latency: Some(ete),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// Min / median / p90 (nearest rank); -1 everywhere without data, as Tencent reports it.
fn stats(mut v: Vec<i64>) -> AiLatencyStatisticsInfo {
    v.sort_unstable();
    let at = |q: f64| -> i64 {
        if v.is_empty() {
            return -1;
        }
        let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
        v.get(rank - 1).copied().unwrap_or(-1)
    };
    AiLatencyStatisticsInfo {
        min_latency: Some(v.first().copied().unwrap_or(-1)),
        middle_latency: Some(at(0.5)),
        p90_latency: Some(at(0.9)),
        ..Default::default()
    }
}

/// A deterministic number per session and purpose.
fn draw(s: &Seen, purpose: &str) -> u64 {
    splitmix64(fnv1a(s.call.id.as_bytes()) ^ fnv1a(purpose.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_statistics_use_nearest_rank() {
        let s = stats((1..=10).collect());
        assert_eq!(
            (s.min_latency, s.middle_latency, s.p90_latency),
            (Some(1), Some(5), Some(9))
        );
        let empty = stats(Vec::new());
        assert_eq!(
            (empty.min_latency, empty.middle_latency, empty.p90_latency),
            (Some(-1), Some(-1), Some(-1))
        );
    }
}
