"""Node service models."""
