//! The durable campaign journal: one SQLite file (rusqlite, SQLite compiled in).
//!
//! Durability: the file runs in WAL mode with `synchronous=NORMAL`. A commit in WAL mode appends
//! the transaction's pages to the `-wal` file with `write()` before the commit returns; with
//! `NORMAL` SQLite skips the `fsync` at each commit and syncs only at checkpoints. A killed
//! process (SIGKILL, a crash, an OOM kill) therefore loses nothing that was committed: the bytes
//! are in the operating system's page cache, which outlives the process, and the next open
//! replays the WAL. Only a power loss or kernel crash can drop the last commits
//! (sqlite.org/pragma.html#pragma_synchronous: "WAL mode is always consistent with
//! synchronous=NORMAL, but WAL mode does lose durability" — durability against power loss only).
//! That is the failure the journal guards against: the dispatching process dying at any point.
//!
//! Writes go through one writer thread that *group-commits*: every write queued while the previous
//! transaction was committing joins the next one, so thousands of intents per second cost a few
//! hundred commits. A write's future resolves only after its transaction has committed, which is
//! what "recorded before the request is sent" means.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// The schema. `intents` is the plan, one row per vendor request, with its dispatch state;
/// `contacts` holds one [`super::record::CallRecord`] per contact of the campaign.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS intents (
    seq INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    operation TEXT NOT NULL,
    input TEXT NOT NULL,
    contacts TEXT NOT NULL,
    trace TEXT NOT NULL,
    not_before_ms INTEGER,
    state TEXT NOT NULL,
    sends INTEGER NOT NULL DEFAULT 0,
    lost INTEGER NOT NULL DEFAULT 0,
    sent_at_ms INTEGER,
    result TEXT,
    resolved_by TEXT
);
CREATE TABLE IF NOT EXISTS contacts (
    idx INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    phone TEXT,
    intent TEXT,
    status TEXT NOT NULL,
    call_id TEXT,
    group_id TEXT,
    duration_s REAL,
    transcript TEXT,
    recording_url TEXT,
    analysis TEXT,
    raw TEXT,
    error TEXT,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS contacts_by_intent ON contacts(intent);
CREATE INDEX IF NOT EXISTS contacts_by_call ON contacts(call_id);
";

/// Where an intent is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// Planned, never sent.
    Planned,
    /// Recorded as about to be sent; no outcome recorded yet. After a crash: ask the vendor.
    Sending,
    /// The vendor accepted it (or a lookup found its trace).
    Sent,
    /// The vendor refused it for good; its contacts are failed.
    Failed,
    /// Sent, but the answer was lost (a timeout after sending). Ask the vendor before re-sending.
    Ambiguous,
}

impl State {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            State::Planned => "planned",
            State::Sending => "sending",
            State::Sent => "sent",
            State::Failed => "failed",
            State::Ambiguous => "ambiguous",
        }
    }
    fn parse(s: &str) -> Option<State> {
        Some(match s {
            "planned" => State::Planned,
            "sending" => State::Sending,
            "sent" => State::Sent,
            "failed" => State::Failed,
            "ambiguous" => State::Ambiguous,
            _ => return None,
        })
    }
}

/// One planned vendor request as the journal keeps it.
#[derive(Debug, Clone)]
pub(crate) struct IntentRow {
    pub seq: i64,
    pub key: String,
    pub operation: String,
    pub input: Value,
    /// Contact indexes covered.
    pub contacts: Vec<i64>,
    /// How to find the request's trace at the vendor (see `trace::Trace`).
    pub trace: Value,
    pub not_before_ms: Option<i64>,
    pub state: State,
    /// Sends that got no answer the vendor kept: answer lost, or refused with a retryable error
    /// (sends cut short by a crash of this process do not count).
    pub lost: i64,
    pub sent_at_ms: Option<i64>,
}

/// One contact row to create with the plan.
#[derive(Debug, Clone)]
pub(crate) struct NewContact {
    pub idx: i64,
    pub key: String,
    pub phone: Option<String>,
    pub intent: Option<String>,
    /// `queued` when planned; `failed` (with `error`) when preflight excluded it.
    pub status: String,
    pub error: Option<Value>,
}

/// A change to one contact's record (absent fields are left as they are).
#[derive(Debug, Clone, Default)]
pub(crate) struct ContactUpdate {
    pub idx: i64,
    pub status: Option<String>,
    pub call_id: Option<String>,
    pub group_id: Option<String>,
    pub duration_s: Option<f64>,
    pub transcript: Option<String>,
    pub recording_url: Option<String>,
    pub analysis: Option<Value>,
    pub raw: Option<Value>,
    pub error: Option<Value>,
}

/// A write runs inside the group transaction (in its own savepoint); it sees a `Connection`.
type Write = Box<dyn FnOnce(&Connection) -> rusqlite::Result<()> + Send>;

struct Job {
    write: Write,
    done: oneshot::Sender<Result<(), String>>,
}

/// The largest group of writes committed in one transaction.
const MAX_GROUP: usize = 8_192;

/// A handle to the journal; cheap to clone, usable from any task.
#[derive(Clone)]
pub(crate) struct Journal {
    jobs: mpsc::Sender<Job>,
    path: PathBuf,
}

/// A journal error, as text (the file path is included by the caller).
pub(crate) type JResult<T> = Result<T, String>;

fn sql(e: rusqlite::Error) -> String {
    e.to_string()
}

/// Open `path` with the journal's settings (see the module comment for why they are safe).
fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // A reader (`campaignStatus` from another process) may hold the file briefly.
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

impl Journal {
    /// Open (or create) the journal at `path` and start its writer thread.
    pub(crate) fn open(path: &Path) -> JResult<Journal> {
        let conn = connect(path).map_err(sql)?;
        conn.execute_batch(SCHEMA).map_err(sql)?;
        let (jobs, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("callplane-journal".into())
            .spawn(move || writer(conn, rx))
            .map_err(|e| format!("the journal writer could not start: {e}"))?;
        Ok(Journal {
            jobs,
            path: path.to_owned(),
        })
    }

    /// The journal file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Run `write` in the next group transaction; resolves once it is committed.
    pub(crate) async fn write(
        &self,
        write: impl FnOnce(&Connection) -> rusqlite::Result<()> + Send + 'static,
    ) -> JResult<()> {
        let (done, wait) = oneshot::channel();
        self.jobs
            .send(Job {
                write: Box::new(write),
                done,
            })
            .map_err(|_| "the journal writer stopped".to_owned())?;
        wait.await
            .map_err(|_| "the journal writer stopped".to_owned())?
    }

    /// Read with a fresh connection (WAL lets readers run beside the writer).
    pub(crate) async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> JResult<T> {
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let conn = connect(&path).map_err(sql)?;
            f(&conn).map_err(sql)
        })
        .await
        .map_err(|e| format!("journal read failed: {e}"))?
    }
}

/// The writer thread: group commit until every handle is dropped.
fn writer(mut conn: Connection, rx: mpsc::Receiver<Job>) {
    while let Ok(first) = rx.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(j) => group.push(j),
                Err(_) => break,
            }
        }
        let mut results: Vec<Result<(), String>> = Vec::with_capacity(group.len());
        let mut dones = Vec::with_capacity(group.len());
        let committed = (|| -> rusqlite::Result<()> {
            let mut tx = conn.transaction()?;
            for job in group {
                // A savepoint per write: one failing write does not undo the others.
                let sp = tx.savepoint_with_name("w")?;
                let r = (job.write)(&sp);
                match r {
                    Ok(()) => {
                        sp.commit()?;
                        results.push(Ok(()));
                    }
                    Err(e) => {
                        drop(sp);
                        results.push(Err(e.to_string()));
                    }
                }
                dones.push(job.done);
            }
            tx.commit()
        })();
        match committed {
            Ok(()) => {
                for (done, r) in dones.into_iter().zip(results) {
                    let _ = done.send(r);
                }
            }
            Err(e) => {
                for done in dones {
                    let _ = done.send(Err(format!("journal commit failed: {e}")));
                }
            }
        }
    }
}

/// `meta` value `k`.
pub(crate) fn meta(conn: &Connection, k: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT v FROM meta WHERE k = ?1", [k], |r| r.get(0))
        .optional()
}

/// Set `meta` value `k`.
pub(crate) fn set_meta(tx: &Connection, k: &str, v: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO meta (k, v) VALUES (?1, ?2) ON CONFLICT(k) DO UPDATE SET v = excluded.v",
        params![k, v],
    )?;
    Ok(())
}

/// Insert the plan: every intent `planned`, every contact with its first status.
pub(crate) fn insert_plan(
    tx: &Connection,
    intents: &[IntentRow],
    contacts: &[NewContact],
    now_ms: i64,
) -> rusqlite::Result<()> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO intents (seq, key, operation, input, contacts, trace, not_before_ms, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'planned')",
    )?;
    for i in intents {
        ins.execute(params![
            i.seq,
            i.key,
            i.operation,
            i.input.to_string(),
            Value::from(i.contacts.clone()).to_string(),
            i.trace.to_string(),
            i.not_before_ms,
        ])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO contacts (idx, key, phone, intent, status, error, updated_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for c in contacts {
        ins.execute(params![
            c.idx,
            c.key,
            c.phone,
            c.intent,
            c.status,
            c.error.as_ref().map(Value::to_string),
            now_ms,
        ])?;
    }
    Ok(())
}

/// Every intent, in plan order.
pub(crate) fn intents(conn: &Connection) -> rusqlite::Result<Vec<IntentRow>> {
    let mut st = conn.prepare(
        "SELECT seq, key, operation, input, contacts, trace, not_before_ms, state, sends, sent_at_ms, lost
         FROM intents ORDER BY seq",
    )?;
    let rows = st.query_map([], |r| {
        let text = |i: usize| -> rusqlite::Result<Value> {
            let s: String = r.get(i)?;
            serde_json::from_str(&s).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
            })
        };
        let state: String = r.get(7)?;
        Ok(IntentRow {
            seq: r.get(0)?,
            key: r.get(1)?,
            operation: r.get(2)?,
            input: text(3)?,
            contacts: text(4)?
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default(),
            trace: text(5)?,
            not_before_ms: r.get(6)?,
            state: State::parse(&state).unwrap_or(State::Sending),
            sent_at_ms: r.get(9)?,
            lost: r.get(10)?,
        })
    })?;
    rows.collect()
}

/// Record that `key` is about to be sent at `now_ms` (committed before the request leaves).
pub(crate) fn mark_sending(tx: &Connection, key: &str, now_ms: i64) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE intents SET state = 'sending', sends = sends + 1, sent_at_ms = ?2 WHERE key = ?1",
        params![key, now_ms],
    )?;
    Ok(())
}

/// Record the outcome of `key`.
pub(crate) fn set_state(
    tx: &Connection,
    key: &str,
    state: State,
    result: Option<&Value>,
    resolved_by: Option<&str>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE intents SET state = ?2, result = COALESCE(?3, result),
                lost = lost + (CASE WHEN ?2 IN ('ambiguous', 'planned') AND ?3 IS NOT NULL THEN 1 ELSE 0 END),
                resolved_by = CASE WHEN ?4 = 'answer' AND resolved_by = 'absent' THEN 'resent'
                                   ELSE COALESCE(?4, resolved_by) END
         WHERE key = ?1",
        params![
            key,
            state.as_str(),
            result.map(Value::to_string),
            resolved_by
        ],
    )?;
    Ok(())
}

/// Apply contact updates.
pub(crate) fn update_contacts(
    tx: &Connection,
    updates: &[ContactUpdate],
    now_ms: i64,
) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "UPDATE contacts SET
            status = COALESCE(?2, status), call_id = COALESCE(?3, call_id),
            group_id = COALESCE(?4, group_id), duration_s = COALESCE(?5, duration_s),
            transcript = COALESCE(?6, transcript), recording_url = COALESCE(?7, recording_url),
            analysis = COALESCE(?8, analysis), raw = COALESCE(?9, raw),
            error = COALESCE(?10, error), updated_ms = ?11
         WHERE idx = ?1",
    )?;
    for u in updates {
        st.execute(params![
            u.idx,
            u.status,
            u.call_id,
            u.group_id,
            u.duration_s,
            u.transcript,
            u.recording_url,
            u.analysis.as_ref().map(Value::to_string),
            u.raw.as_ref().map(Value::to_string),
            u.error.as_ref().map(Value::to_string),
            now_ms,
        ])?;
    }
    Ok(())
}

/// Contact counts by status.
pub(crate) fn totals(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut st = conn.prepare("SELECT status, COUNT(*) FROM contacts GROUP BY status")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// How intents got their outcome, with counts: `answer` (the vendor answered), `lookup` (the
/// answer was lost; a lookup found the request), `resent` (a lookup found no trace, so it was sent
/// again and answered), `absent` (found no trace, not yet answered).
pub(crate) fn resolution_totals(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut st = conn.prepare(
        "SELECT resolved_by, COUNT(*) FROM intents WHERE resolved_by IS NOT NULL GROUP BY resolved_by",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Intent counts by state.
pub(crate) fn intent_totals(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut st = conn.prepare("SELECT state, COUNT(*) FROM intents GROUP BY state")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
