//! Time zones and calling windows.
