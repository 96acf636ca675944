//! Tests for the ccc models.
