"""Lịch làm việc: the working calendar from which appointment dates and deadlines are computed (OSS-9)."""
