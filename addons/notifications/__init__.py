"""Notifications to applicants and staff: email and SMS, per event, recorded and retried (OSS-9)."""
