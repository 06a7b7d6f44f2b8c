"""Node infrastructure (NodeCoreBase)."""
