//! IKM survey (issue 23): being built (see ARCHITECTURE.md, the feature template).
