"""Domain logic: async, keyword-only, owns transactions, raises domain errors; never imports sanic."""
