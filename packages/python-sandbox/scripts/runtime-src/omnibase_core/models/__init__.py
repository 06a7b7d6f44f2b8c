"""ONEX models (errors, container, core, contracts, node services)."""
