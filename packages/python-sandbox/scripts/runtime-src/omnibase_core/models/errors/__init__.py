"""ONEX error models."""
