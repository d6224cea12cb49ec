"""Staff/admin HTTP handlers and WeChat server callbacks; thin wrappers over services."""
