"""The ONEX dependency-injection container."""
