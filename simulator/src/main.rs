//! `callplane-sim` command line.

use callplane_sim::config::Credentials;
use callplane_sim::{SimConfig, Simulator};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// A local server that behaves like Bland.ai, Alibaba Cloud dyvms and Tencent Cloud ccc.
#[derive(Debug, Parser)]
#[command(name = "callplane-sim", version)]
struct Cli {
    /// Listening address. Non-loopback addresses need --allow-remote.
    #[arg(long, default_value = "127.0.0.1:4010")]
    addr: SocketAddr,
    /// Allow listening on a non-loopback address (the simulator accepts published test keys).
    #[arg(long)]
    allow_remote: bool,
    /// Seed for outcomes of non-magic numbers and for fault dice.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Simulated seconds per real second.
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Credentials file (JSON); the built-in test credentials are used without it.
    #[arg(long)]
    credentials: Option<PathBuf>,
    /// Persist and restore all state across restarts.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Turn every vendor rate and frequency limit off (for load tests).
    #[arg(long)]
    limits_off: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if !cli.addr.ip().is_loopback() && !cli.allow_remote {
        eprintln!(
            "callplane-sim: refusing to listen on {} (not loopback): the simulator accepts published test credentials. Pass --allow-remote to do it anyway.",
            cli.addr
        );
        return ExitCode::from(2);
    }
    if !(cli.speed.is_finite() && cli.speed >= 0.0) {
        eprintln!("callplane-sim: --speed must be a non-negative number");
        return ExitCode::from(2);
    }
    let credentials = match &cli.credentials {
        None => Credentials::default(),
        Some(p) => match std::fs::read(p)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Credentials>(&b).map_err(|e| e.to_string()))
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!("callplane-sim: --credentials {}: {e}", p.display());
                return ExitCode::from(2);
            }
        },
    };
    let config = SimConfig {
        seed: cli.seed,
        speed: cli.speed,
        credentials,
        state_file: cli.state.clone(),
        limits: if cli.limits_off {
            callplane_sim::config::Limits::off()
        } else {
            callplane_sim::config::Limits::default()
        },
        ..SimConfig::default()
    };
    let sim = match Simulator::builder()
        .config(config)
        .addr(cli.addr)
        .start()
        .await
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("callplane-sim: {e}");
            return ExitCode::from(1);
        }
    };
    // A closed stdout (a parent that read the first line and left) must not stop the server, so
    // these writes ignore errors instead of panicking like `println!`.
    use std::io::Write;
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "callplane-sim listening on {}", sim.url());
    let _ = stdout.flush();
    let c = sim.credentials();
    // Test credentials only open this simulator; printing them is the point.
    let _ = writeln!(
        stdout,
        "credentials: {}",
        serde_json::json!({
            "bland": {"api_keys": c.bland.api_keys, "webhook_secret": c.bland.webhook_secret},
            "aliyun": c.aliyun.iter().map(|k| serde_json::json!({"access_key_id": k.access_key_id, "access_key_secret": k.access_key_secret})).collect::<Vec<_>>(),
            "tencent": c.tencent.iter().map(|k| serde_json::json!({"secret_id": k.secret_id, "secret_key": k.secret_key, "sdk_app_ids": k.sdk_app_ids})).collect::<Vec<_>>(),
        })
    );
    wait_for_signal().await;
    match sim.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("callplane-sim: saving state: {e}");
            ExitCode::from(1)
        }
    }
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
