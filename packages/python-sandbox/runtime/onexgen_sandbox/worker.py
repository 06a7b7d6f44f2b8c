"""The warm worker: imports the ONEX runtime once, then serves run requests from onexgen.

Protocol (JSON lines). On start it writes {"event": "ready", ...}. Requests on stdin:
  {"op": "run", "id", "packageParent", "packageName", "workDir", "module", "className",
   "method", "examples": [...], "limits": {exampleTimeoutMs, methodTimeoutMs, memoryBytes,
   outputBytes, reprChars}}
  {"op": "cancel", "id"}
Answers on the protocol fd: {"event": "done", "id", "results", "output", "notes"} or {"event": "cancelled", "id"}.

Each run forks a child (child.py) that imports the user's package under the limits and runs the
examples in order. This process keeps the clock: an example past its limit gets its child's
process group killed, is reported as a timeout, and a fresh child continues with the next one; a
child that dies is a crash. So neither a hang nor a crash ever loses the worker.
Usage: python -u -B worker.py --runtime stand-in|real|auto --stand-in PATH
"""

import argparse
import json
import os
import select
import signal
import sys
import time
from collections import deque
from typing import Any


# Stand-ins for the I/O libraries generated effect code imports (asyncpg): appended to the end of
# sys.path, so the interpreter's own packages always win.
IO_STAND_INS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "io-stand-ins")


def choose_runtime(mode: str, stand_in_path: str) -> str:
    if IO_STAND_INS not in sys.path:
        sys.path.append(IO_STAND_INS)
    if mode == "stand-in":
        sys.path.insert(0, stand_in_path)
        return "stand-in"
    try:
        import omnibase_core  # noqa: F401 - the user's real package, when the interpreter has it

        return "real"
    except ImportError:
        if mode == "real":
            raise
        sys.path.insert(0, stand_in_path)
        return "stand-in"


class Worker:
    def __init__(self, runtime: dict[str, Any], proto_out: int) -> None:
        self.runtime = runtime
        self.proto_out = proto_out
        self.pending: deque[dict[str, Any]] = deque()
        self.buffer = b""
        self.closed = False
        # What a child could not apply (a refused limit), once per run, in order.
        self.notes: dict[str, None] = {}

    def send(self, event: dict[str, Any]) -> None:
        data = (json.dumps(event) + "\n").encode()
        while data:
            data = data[os.write(self.proto_out, data):]

    def read_requests(self) -> list[dict[str, Any]]:
        chunk = os.read(0, 1 << 16)
        if not chunk:
            self.closed = True
            return []
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        return [json.loads(line) for line in lines if line.strip()]

    def serve(self) -> None:
        while not (self.closed and not self.pending):
            if not self.pending:
                select.select([0], [], [])
                self.pending.extend(self.read_requests())
                continue
            request = self.pending.popleft()
            if request.get("op") == "run":
                self.send(self.run(request))

    def run(self, request: dict[str, Any]) -> dict[str, Any]:
        from .child import child_main

        limits = request["limits"]
        examples = request["examples"]
        results: list[dict[str, Any] | None] = [None] * len(examples)
        example_limit = limits["exampleTimeoutMs"] / 1000
        method_deadline = time.monotonic() + limits["methodTimeoutMs"] / 1000
        if self.runtime["drop_privileges"]:
            from .privileges import open_run_dirs

            open_run_dirs(request["packageParent"], request["workDir"])
        index = 0
        while index < len(examples):
            if time.monotonic() >= method_deadline:
                for rest in range(index, len(examples)):
                    results[rest] = timeout_result(rest, 0, f"method time limit ({limits['methodTimeoutMs']} ms) reached before this example ran")
                break
            read_fd, write_fd = os.pipe()
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                os.close(self.proto_out)
                child_main(request, index, write_fd, self.runtime, parent)
            os.close(write_fd)
            try:
                os.setpgid(pid, pid)
            except OSError:
                pass  # the child already did it (or is gone); both are fine
            try:
                outcome = self.watch(request, pid, read_fd, index, results, example_limit, method_deadline)
            finally:
                os.close(read_fd)
            if outcome == "cancelled":
                return {"event": "cancelled", "id": request["id"]}
            index = outcome
        output = read_output(request["workDir"], int(limits["outputBytes"]))
        notes, self.notes = list(self.notes), {}
        return {"event": "done", "id": request["id"], "results": results, "output": output, "notes": notes}

    def watch(self, request: dict[str, Any], pid: int, fd: int, current: int, results: list[Any], example_limit: float, method_deadline: float) -> Any:
        """Follows one child until it is done, dies or overruns; returns the next example to run."""
        buffer = b""
        started = time.monotonic()
        deadline = min(started + example_limit, method_deadline)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                kill_group(pid)
                which = "example" if deadline < method_deadline else "method"
                limit_ms = request["limits"]["exampleTimeoutMs" if which == "example" else "methodTimeoutMs"]
                results[current] = timeout_result(current, (time.monotonic() - started) * 1000, f"{which} time limit ({limit_ms} ms) exceeded; the child was killed")
                return current + 1
            ready, _, _ = select.select([fd, 0] if not self.closed else [fd], [], [], remaining)
            if 0 in ready:
                for incoming in self.read_requests():
                    if incoming.get("op") == "cancel" and incoming.get("id") == request["id"]:
                        kill_group(pid)
                        return "cancelled"
                    if incoming.get("op") == "run":
                        self.pending.append(incoming)
            if fd not in ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                status = reap(pid)
                if current >= len(results):
                    return current
                results[current] = crash_result(current, (time.monotonic() - started) * 1000, status)
                return current + 1
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                event = json.loads(line)
                if event["event"] == "start":
                    current = event["index"]
                    started = time.monotonic()
                    deadline = min(started + example_limit, method_deadline)
                elif event["event"] == "result":
                    event.pop("event")
                    results[event["index"]] = event
                    current = event["index"] + 1
                elif event["event"] == "note":
                    self.notes.setdefault(event["text"], None)
                elif event["event"] == "fresh":
                    reap(pid)
                    return event["next"]
                elif event["event"] == "done":
                    reap(pid)
                    return len(results)


def kill_group(pid: int) -> None:
    for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            kill()
        except OSError:
            pass
    reap(pid)


def reap(pid: int) -> int | None:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return None


def describe_status(status: int | None) -> str:
    if status is None:
        return "the child is gone"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        return f"killed by {signal.Signals(sig).name}" if sig in signal.Signals._value2member_map_ else f"killed by signal {sig}"
    return f"exited with status {os.WEXITSTATUS(status)} before reporting"


def timeout_result(index: int, elapsed_ms: float, message: str) -> dict[str, Any]:
    return {"index": index, "outcome": "timeout", "error": {"type": "Timeout", "message": message}, "durationMs": round(elapsed_ms, 3)}


def crash_result(index: int, elapsed_ms: float, status: int | None) -> dict[str, Any]:
    return {"index": index, "outcome": "crash", "error": {"type": "Crash", "message": f"the child process {describe_status(status)}"}, "durationMs": round(elapsed_ms, 3)}


def read_output(work_dir: str, limit: int) -> str:
    try:
        with open(os.path.join(work_dir, ".output"), "rb") as captured:
            return captured.read(limit).decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runtime", choices=["stand-in", "real", "auto"], default="auto")
    parser.add_argument("--stand-in", required=True)
    parser.add_argument("--drop-privileges", action="store_true")
    args = parser.parse_args()
    # The protocol gets its own fd; fd 1 then points at stderr so a stray print cannot corrupt it.
    proto_out = os.dup(1)
    os.dup2(2, 1)
    runtime_name = choose_runtime(args.runtime, args.stand_in)
    from .child import load_runtime

    runtime = load_runtime()
    import ctypes  # noqa: F401 - warm: each child uses it to die with the worker
    try:
        import pydantic  # noqa: F401 - warm it: generated models import it

        has_pydantic = True
    except ImportError:
        has_pydantic = False
    from .privileges import probe

    privileges = probe([args.stand_in, os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]) if args.drop_privileges else {"drop": False, "reason": "disabled by options"}
    runtime["drop_privileges"] = privileges["drop"]
    worker = Worker(runtime, proto_out)
    worker.send(
        {
            "event": "ready",
            "runtime": runtime_name,
            "executable": sys.executable,
            "version": ".".join(map(str, sys.version_info[:3])),
            "pydantic": has_pydantic,
            "privileges": "dropped" if privileges["drop"] else ("root" if os.geteuid() == 0 else "unprivileged"),
            "privilegesReason": privileges.get("reason"),
        }
    )
    worker.serve()


if __name__ == "__main__":
    main()
