"""Site-wide page types: home, guidance, news and standard pages, and the site settings."""
