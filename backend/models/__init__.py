"""Tortoise ORM models, one module per aggregate. Nothing here imports from services or handlers."""
