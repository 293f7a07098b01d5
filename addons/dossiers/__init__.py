"""Dossiers (hồ sơ): from application to result, through the agency's internal process."""
