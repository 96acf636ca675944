# Shared helpers for scripts/*.sh. Everything the scripts need is installed here, never by hand.
step() { printf '\n==> %s\n' "$*"; }

ensure_rust_components() {
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
}
