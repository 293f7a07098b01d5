"""Criteria search: one interface, an Elasticsearch backend and a database backend."""
