"""Running the user's code as `nobody` when the worker is root.

The environment never holds a key, but a root child could still read one from a file (~/.npmrc,
a project's .env). When the worker runs as root, each child switches to an unprivileged user
before importing the user's code — provided that user can still read the interpreter, its
site-packages and the ONEX runtime; `probe()` checks that once, in a throwaway child, and the
sandbox reports why it kept root when it cannot.
"""

import os
import sys
from typing import Any

NOBODY = 65534


def drop() -> None:
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def _unreadable(paths: list[tuple[str, bool]]) -> str | None:
    # Whether each path is a directory was read as root: as nobody, stat itself may be refused.
    for path, is_dir in paths:
        if not os.access(path, os.R_OK | (os.X_OK if is_dir else 0)):
            return path
    return None


def probe(runtime_paths: list[str]) -> dict[str, Any]:
    """{"drop": True} when running as root and `nobody` can read everything imports need."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return {"drop": False, "reason": "the worker does not run as root"}
    candidates = [os.path.dirname(os.__file__), *[p for p in sys.path if p], *runtime_paths]
    needed = [(p, os.path.isdir(p)) for p in candidates if os.path.exists(p)]
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        code = 1
        try:
            drop()
            blocked = _unreadable(needed)
            os.write(write_fd, (blocked or "").encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    answer = b""
    while chunk := os.read(read_fd, 4096):
        answer += chunk
    os.close(read_fd)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return {"drop": False, "reason": "switching to nobody failed (no CAP_SETUID in this namespace)"}
    if answer:
        return {"drop": False, "reason": f"nobody cannot read {answer.decode()}"}
    return {"drop": True}


def open_run_dirs(package_parent: str, work_dir: str) -> None:
    """Lets `nobody` read the package and own the working directory (the worker is root)."""
    os.chmod(os.path.dirname(work_dir), 0o755)
    for root, dirs, files in os.walk(package_parent):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    os.chown(work_dir, NOBODY, NOBODY)
