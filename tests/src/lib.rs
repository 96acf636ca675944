//! Cross-crate integration tests live in `tests/tests/`; [`typegen`] generates the TypeScript
//! declarations of every operation (`cargo run -p callplane-tests --bin typegen`).

pub mod typegen;
