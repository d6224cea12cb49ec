"""社组通 backend service."""
