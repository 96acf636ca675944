//! Campaign tests.
