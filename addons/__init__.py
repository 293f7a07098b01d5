"""Add-on packages: one business capability each, a Django app each."""
