"""The mini-program's HTTP contract: blueprints under /api/mp/v1 and their schemas.

Each module exposes `bp` (and optionally `dev_bp`, left out in prod); the app factory collects them.
"""
