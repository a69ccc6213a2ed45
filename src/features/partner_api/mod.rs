//! Partner API (issue 26): being built (see ARCHITECTURE.md, the feature template).
