"""One method's run inside a forked child: limits first, then the user's package, then each
example from `start` on, reporting `start`/`result`/`done` events as JSON lines on `events_fd`.
The parent (worker.py) owns the clock: it kills this process when an example overruns."""

import asyncio
import dataclasses
import enum
import importlib
import inspect
import json
import os
import resource
import signal
import sys
import time
import typing
from typing import Any

from .compare import approx_equal, error_info, raised_matches, short_repr, to_plain
from .container import sandbox_container_class
from .doubles import Doubles


def die_with_parent(parent: int) -> None:
    """Linux: SIGKILL this child when the worker dies (killed by onexgen's watchdog, or by user
    code), so an endless body never outlives its worker. Elsewhere the worker's clock suffices."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the worker died before prctl took effect
        os._exit(71)


def apply_limits(limits: dict[str, Any]) -> list[str]:
    """Sets the limits; returns a note for each the platform refused (macOS has no RLIMIT_AS)."""
    memory = int(limits["memoryBytes"])
    output = int(limits["outputBytes"])
    # Output goes to a capture file; past the cap a write fails with EFBIG instead of killing us.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    refused = []
    for name, what, value in (("RLIMIT_AS", "memory limit", memory), ("RLIMIT_FSIZE", "output cap", output), ("RLIMIT_CORE", "no core dumps", 0)):
        try:
            resource.setrlimit(getattr(resource, name), (value, value))
        except (AttributeError, ValueError, OSError) as exc:
            refused.append(f"{what} not applied ({name}: {exc or type(exc).__name__})")
    return refused


def redirect_stdio(work_dir: str) -> None:
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    capture = os.open(os.path.join(work_dir, ".output"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(capture, 1)
    os.dup2(capture, 2)
    os.close(devnull)
    os.close(capture)
    sys.stdin = open(0, closefd=False)
    sys.stdout = open(1, "w", buffering=1, closefd=False)
    sys.stderr = open(2, "w", buffering=1, closefd=False)


def flush_output() -> None:
    """Flushes what the method printed; past the output cap the rest is dropped, not fatal."""
    for name in ("stdout", "stderr"):
        try:
            getattr(sys, name).flush()
        except OSError:
            setattr(sys, name, open(1 if name == "stdout" else 2, "w", buffering=1, closefd=False))


def _model_class(annotation: Any) -> Any:
    """The class a dict argument becomes: a pydantic model, a dataclass or an enum (unwrapping
    Optional/Union); None when the annotation asks for none of them."""
    candidates = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)) else (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and (
            hasattr(candidate, "model_validate") or dataclasses.is_dataclass(candidate) or issubclass(candidate, enum.Enum)
        ):
            return candidate
    return None


def coerce_arguments(func: Any, given: dict[str, Any]) -> dict[str, Any]:
    """Turns JSON `given` values into what the parameters are annotated with (pydantic models via
    model_validate, dataclasses via their constructor, enums by value); others pass unchanged."""
    try:
        hints = typing.get_type_hints(func)
    except Exception:
        hints = {name: p.annotation for name, p in inspect.signature(func).parameters.items()}
    coerced = {}
    for name, value in given.items():
        cls = _model_class(hints.get(name))
        if cls is None:
            coerced[name] = value
        elif hasattr(cls, "model_validate") and isinstance(value, dict):
            coerced[name] = cls.model_validate(value)
        elif dataclasses.is_dataclass(cls) and isinstance(value, dict):
            coerced[name] = cls(**value)
        elif isinstance(cls, type) and issubclass(cls, enum.Enum) and not isinstance(value, cls):
            coerced[name] = cls(value)
        else:
            coerced[name] = value
    return coerced


def load_class(request: dict[str, Any]) -> type:
    sys.path.insert(0, request["packageParent"])
    module = importlib.import_module(f"{request['packageName']}.{request['module']}")
    return getattr(module, request["className"])


async def _call(node_class: type, container: Any, method: str, given: dict[str, Any], phase: list[str]) -> Any:
    phase[0] = "construct"
    node = node_class(container)
    func = getattr(node, method)
    kwargs = coerce_arguments(func, given)
    phase[0] = "call"
    result = func(**kwargs)
    if inspect.isawaitable(result):
        result = await result
    return result


def run_example(node_class: Any, load_error: BaseException | None, example: dict[str, Any], env: dict[str, Any]) -> dict[str, Any]:
    limit = env["reprChars"]
    doubles = Doubles(example.get("io"))
    started = time.perf_counter()
    outcome: dict[str, Any]
    # Where an exception came from: the package import, the node's construction (or the
    # arguments' conversion), or the method itself. Only `call` is the method body's doing.
    phase = ["import"]
    try:
        if load_error is not None:
            raise load_error
        phase[0] = "construct"
        container = env["container_class"](doubles)
        value = asyncio.run(_call(node_class, container, env["method"], example.get("given") or {}, phase))
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are outcomes too
        expected_raise = example.get("raises")
        if expected_raise and raised_matches(exc, expected_raise, env["core_codes"]):
            outcome = {"outcome": "passed"}
        else:
            outcome = {"outcome": "failed" if expected_raise else "raised", "error": {**error_info(exc, limit), "phase": phase[0]}}
    else:
        plain = to_plain(value)
        if "raises" in example:
            outcome = {"outcome": "failed", "actual": short_repr(plain, limit)}
        elif approx_equal(plain, example.get("expect")):
            outcome = {"outcome": "passed", "actual": short_repr(plain, limit)}
        else:
            outcome = {"outcome": "failed", "actual": short_repr(plain, limit)}
    outcome["durationMs"] = round((time.perf_counter() - started) * 1000, 3)
    if doubles.script.calls:
        outcome["calls"] = doubles.script.calls
    return outcome


def child_main(request: dict[str, Any], start: int, events_fd: int, runtime: dict[str, Any], parent: int) -> None:
    """Never returns: the child leaves through os._exit so no parent state is flushed twice."""
    code = 0
    try:
        os.setpgid(0, 0)
        os.chdir(request["workDir"])
        # Temp files and home-directory caches land in the run's dir, which is removed afterwards.
        os.environ["TMPDIR"] = os.environ["HOME"] = request["workDir"]
        import tempfile

        tempfile.tempdir = None
        redirect_stdio(request["workDir"])
        if runtime["drop_privileges"]:
            from .privileges import drop

            drop()
        die_with_parent(parent)  # after the switch: a credential change clears the death signal
        refused = apply_limits(request["limits"])

        def emit(event: dict[str, Any]) -> None:
            data = (json.dumps(event, default=repr) + "\n").encode()
            while data:
                data = data[os.write(events_fd, data):]

        for note in refused:
            emit({"event": "note", "text": note})

        node_class, load_error = None, None
        try:
            node_class = load_class(request)
        except BaseException as exc:  # noqa: BLE001 - an import that fails is every example's outcome
            load_error = exc
        env = {
            "method": request["method"],
            "reprChars": int(request["limits"]["reprChars"]),
            "container_class": runtime["container_class"],
            "core_codes": runtime["core_codes"],
        }
        examples = request["examples"]
        for index in range(start, len(examples)):
            emit({"event": "start", "index": index})
            result = run_example(node_class, load_error, examples[index], env)
            flush_output()
            emit({"event": "result", "index": index, **result})
            if result.get("error", {}).get("type") == "MemoryError" and index + 1 < len(examples):
                # The heap may stay fragmented or pinned after a MemoryError: go on in a fresh child.
                emit({"event": "fresh", "next": index + 1})
                return
        emit({"event": "done"})
    except BaseException:  # noqa: BLE001 - the parent reports a crash from the exit status
        code = 70
        try:
            import traceback

            traceback.print_exc()  # into the captured output, where the run's `output` shows it
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
    finally:
        os._exit(code)


def load_runtime() -> dict[str, Any]:
    """Imports the ONEX runtime once in the warm worker; forked children inherit it."""
    from omnibase_core.errors.error_codes import EnumCoreErrorCode
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer

    for name in (
        "omnibase_core.models.errors.model_onex_error",
        "omnibase_core.logging.structured",
        "omnibase_core.enums.enum_log_level",
        "omnibase_core.models.core",
        "omnibase_core.nodes",
        "omnibase_core.models.contracts.model_contract_effect",
        "omnibase_core.models.contracts.model_contract_compute",
        "omnibase_core.models.contracts.model_contract_reducer",
        "omnibase_core.models.contracts.model_contract_orchestrator",
    ):
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a real omnibase_core of another version may lack one; the user's import will say
    try:
        # generated effect code imports asyncpg; load it (the real one or the stand-in) in the worker
        # so children inherit it and never read it from disk
        importlib.import_module("asyncpg")
    except ImportError:
        pass
    import omnibase_core

    if getattr(omnibase_core, "__onexgen_stand_in__", False):
        # The whole stand-in is small: load it now, so children never read it from disk (they may
        # run as a user who cannot) and never pay for it.
        import pkgutil

        for info in pkgutil.walk_packages(omnibase_core.__path__, "omnibase_core."):
            importlib.import_module(info.name)
    return {
        "container_class": sandbox_container_class(ModelONEXContainer),
        "core_codes": {member.name for member in EnumCoreErrorCode},
    }
