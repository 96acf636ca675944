//! Tests of the Bland module.
