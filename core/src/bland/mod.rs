//! Typed models and validation for bland. (filled by its work package)
