//! Typed models and validation for tencent. (filled by its work package)
