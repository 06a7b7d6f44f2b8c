"""onexgen's sandbox harness: a warm worker that forks a limited child per method and runs the
method's spec examples there (see worker.py for the protocol, child.py for one method's run)."""
