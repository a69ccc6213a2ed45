//! Inbox (issue 28): being built (see ARCHITECTURE.md, the feature template).
