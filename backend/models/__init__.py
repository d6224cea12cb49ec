"""Tortoise ORM models, one module per aggregate. Nothing here imports from services or handlers."""

# INTEGER primary keys (PostgreSQL int4): larger ids cannot exist and would make the driver raise.
MAX_DB_ID = 2_147_483_647
