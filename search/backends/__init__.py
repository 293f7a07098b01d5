"""The search backends: the database (always there) and Elasticsearch (when configured)."""
