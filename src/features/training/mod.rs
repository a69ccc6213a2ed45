//! Training (issue 25): being built (see ARCHITECTURE.md, the feature template).
