//! Write `typings/operations.d.ts` from the core's models; `--check` only compares, failing
//! when the committed file is stale.

use callplane_tests::typegen;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = typegen::workspace_root();
    let path = root.join(typegen::OUTPUT);
    let generated = match typegen::generate(&root) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("typegen failed:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    let check = std::env::args().any(|a| a == "--check");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if check {
        if current == generated.text {
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "{} is stale: run `cargo run -p callplane-tests --bin typegen` and commit it",
            typegen::OUTPUT
        );
        return ExitCode::FAILURE;
    }
    if current != generated.text {
        if let Some(dir) = path.parent()
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        if let Err(e) = std::fs::write(&path, &generated.text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "{}: {} operations",
        typegen::OUTPUT,
        generated.input_keys.len()
    );
    ExitCode::SUCCESS
}
