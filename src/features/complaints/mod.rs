//! Complaints (issue 22): being built (see ARCHITECTURE.md, the feature template).
