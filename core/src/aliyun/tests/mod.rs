//! Tests for the aliyun module.
