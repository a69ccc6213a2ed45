//! Compliance (issue 24): being built (see ARCHITECTURE.md, the feature template).
