"""Viewflow flows that move dossiers through their process."""
