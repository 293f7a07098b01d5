"""Users (people, organisations, staff), roles and staff two-factor authentication."""
