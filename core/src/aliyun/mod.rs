//! Typed models and validation for aliyun. (filled by its work package)
