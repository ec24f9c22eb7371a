"""Every upload parsed in a child process with a memory and a wall-clock limit, so a hostile file ends only its parse.

The child does all the work a file can make expensive: reading, finding the tables, matching names and the checks
(:func:`~analysis.ingest.pipeline.ingest_workbook`). What crosses back is plain picklable data: the IngestResult, or
one refusal line (Latvian / English) with a stable code. A parser abort (calamine's Rust ``abort``), a memory
blow-up or a slow file ends the child, never the caller. Storing stays with the caller, which holds the database.

The child is forked when the caller runs one thread (the command line); a threaded server (Streamlit) gets it from
a fork server with the ingest modules preloaded, as forking threads is unsafe. A parse can be started before the
caller knows the saved label mappings (:func:`start`, then :meth:`Running.finish`): the command line forks first
and opens its database while the child reads the file, so the two cores work at once.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from analysis.access import Actor
from analysis.ingest.raw import UnreadableFile
from analysis.ingest.safety import (
    MB,
    PARSE_CRASHED,
    PARSE_MEMORY_LIMIT,
    PARSE_TIME_LIMIT,
    Limits,
    broken,
    refuse,
)
from analysis.report import Said

if TYPE_CHECKING:  # the modules that read and check are imported by the child, not by whoever forks it
    from analysis.ingest.pipeline import IngestResult

_PAGE = os.sysconf("SC_PAGE_SIZE")
_WATCH_SECONDS = 0.05
# Allocators reserve address space far beyond what they use (Arrow's mimalloc, glibc's per-thread arenas), so the
# address-space limit is this much looser than the memory limit the parent enforces on resident memory.
_ADDRESS_SPACE_SLACK = 4 * 1024 * MB
# what calamine (any Rust allocation) prints before it aborts the process
_RUST_OOM = b"memory allocation of"
_STDERR_KEEP = 65536


@dataclass(frozen=True)
class ParseJob:
    """One file and the uploader's choices: bytes (the dashboard) or a path (the command line). Mappings None: they
    follow through :meth:`Running.finish` once the file is read."""

    file_name: str
    path: str | None = None
    data: bytes | None = None
    municipality: str | None = None
    mappings: dict[str, str] | None = field(default_factory=dict)
    municipality_mappings: dict[str, str] = field(default_factory=dict)
    actor: Actor | None = None


@dataclass(frozen=True)
class Parsed:
    """The file understood (result), or refused with a stable code and why (Latvian, English: each one line, kept
    apart); the child's peak resident memory in KiB."""

    result: IngestResult | None
    error: tuple[str, str] | None = None
    code: str | None = None
    peak_rss_kib: int = 0

    @property
    def line(self) -> str:
        """The refusal on one terminal line, Latvian first."""
        return " / ".join(self.error) if self.error else ""


def parse(job: ParseJob, *, limits: Limits | None = None, isolated: bool = True) -> Parsed:
    """Parses in a worker process (isolated=False runs the same work here, for measuring what isolation costs)."""
    if not isolated:
        return _work(job, limits=limits or Limits(), mappings=None)
    return start(job, limits=limits).finish()


class Running:
    """A parse under way in its worker: :meth:`finish` hands it the mappings it may wait for and returns the
    outcome; :meth:`cancel` ends it (the file turned out to be stored already)."""

    def __init__(self, job: ParseJob, *, limits: Limits) -> None:
        self.job, self.limits = job, limits
        ctx = _context()
        self._receive, send = ctx.Pipe(duplex=False)
        self._later, self._give = ctx.Pipe(duplex=False)
        fd, self._err_path = tempfile.mkstemp(prefix="bta-parse-", suffix=".err")
        os.close(fd)
        self._deadline = time.monotonic() + limits.max_seconds
        self._process = ctx.Process(target=_child, args=(send, self._later, self._give, job, limits, self._err_path),
                                    daemon=True)
        try:
            self._process.start()
        except BaseException:
            self._close()
            raise
        finally:
            send.close()  # the child's end: once the child is gone the pipe reads as closed
            self._later.close()
        self._baseline = _resident(self._process.pid)

    def finish(self, *, mappings: dict[str, str] | None = None) -> Parsed:
        """The child's outcome; `mappings` reach a child started without them (ignored otherwise)."""
        try:
            if self.job.mappings is None:
                try:
                    self._give.send(dict(mappings or {}))
                except (BrokenPipeError, OSError):
                    pass  # the child is gone already: _receive says how
            message = _receive(self._receive, self._process, deadline=self._deadline,
                               memory=self.limits.max_memory_bytes, baseline=self._baseline)
        finally:
            tail = self._close()
        if isinstance(message, Parsed):
            return message
        return _failure(message, job=self.job, limits=self.limits, exitcode=self._process.exitcode, stderr=tail)

    def cancel(self) -> None:
        self._close()

    def _close(self) -> bytes:
        for end in (self._receive, self._give, self._later):
            end.close()
        if self._process.is_alive():
            self._process.kill()
        if self._process.pid is not None:
            self._process.join()
        return _tail(self._err_path)


def start(job: ParseJob, *, limits: Limits | None = None) -> Running:
    """Starts the worker on a file; the caller goes on with its own work and calls finish()."""
    return Running(job, limits=limits or Limits())


def _receive(receive, process, *, deadline: float, memory: int, baseline: int) -> object:
    """The child's answer, or why there is none: 'time' when the wall-clock limit passed, 'memory' when its
    resident memory grew past the limit from `baseline`, its size when it started (it is then stopped), 'gone'
    when it died."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return "time"
        if receive.poll(min(left, _WATCH_SECONDS)):
            try:
                return receive.recv()
            except (EOFError, OSError):
                return "gone"
        if _resident(process.pid) - baseline > memory:
            process.kill()
            return "memory"
        if not process.is_alive() and not receive.poll(0):
            return "gone"


def _resident(pid: int | None) -> int:
    """Bytes of memory a process holds now (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _failure(reason: object, *, job: ParseJob, limits: Limits, exitcode: int | None, stderr: bytes) -> Parsed:
    """One line for a child that answered nothing: out of time, out of memory, or crashed."""
    if reason == "time":
        kind, params = PARSE_TIME_LIMIT, {"seconds": f"{limits.max_seconds:g}"}
    elif reason == "memory" or _RUST_OOM in stderr:
        kind, params = PARSE_MEMORY_LIMIT, {"limit_mb": f"{limits.max_memory_bytes / MB:g}"}
    else:
        kind, params = PARSE_CRASHED, {"detail": _exit_detail(exitcode)}
    refusal = refuse(kind, file=job.file_name, **params)
    return Parsed(result=None, error=(refusal.lv, refusal.en), code=refusal.code)


def _exit_detail(exitcode: int | None) -> Said:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return Said(f"signāls {name}", f"signal {name}")
    return Said(f"izejas kods {exitcode}", f"exit code {exitcode}")


def _tail(path: str) -> bytes:
    """What the child wrote to stderr, its start and end (a Rust abort says why, then a backtrace); then removed."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_STDERR_KEEP)
            fh.seek(max(len(head), os.path.getsize(path) - _STDERR_KEEP))
            return head + fh.read()
    except OSError:
        return b""
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


# --- in the child -----------------------------------------------------------------------------------------------


def _child(send, later, give, job: ParseJob, limits: Limits, err_path: str) -> None:
    """Limits first, then the work; whatever happens the parent gets one message or a closed pipe."""
    give.close()  # the parent's end of the mappings pipe, inherited by a fork: closed, so a gone parent reads as EOF
    faulthandler.disable()  # a test runner's crash dump would reach the caller's terminal; the parent reports
    err = os.open(err_path, os.O_WRONLY | os.O_APPEND)
    os.dup2(err, 2)
    os.close(err)
    _plain_allocator()
    _limit_memory(extra=limits.max_memory_bytes + _ADDRESS_SPACE_SLACK)
    try:
        outcome = _work(job, limits=limits, mappings=later)
    except _Cancelled:
        return
    except MemoryError:
        outcome = _memory_refusal(job, limits=limits)
    except Exception as exc:  # noqa: BLE001 — a bug met by one file ends that file's parse, in one line
        refusal = refuse(PARSE_CRASHED, file=job.file_name, detail=broken("programmas kļūda", type(exc).__name__, exc))
        outcome = Parsed(result=None, error=(refusal.lv, refusal.en), code=refusal.code, peak_rss_kib=_peak_rss())
    try:
        send.send(outcome)
    except MemoryError:
        send.send(_memory_refusal(job, limits=limits))
    send.close()


def _plain_allocator() -> None:
    """Arrow (pandas' strings) allocates with mimalloc, which reserves address space by the gigabyte up front;
    under an address-space limit that reads as running out of memory, so the child uses malloc."""
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        arrow.set_memory_pool(arrow.system_memory_pool())


def _limit_memory(*, extra: int) -> None:
    """The address space may grow by `extra` bytes from here, so one absurd allocation fails at once (calamine
    asked for 512 GiB); no core files from an abort. The parent watches the memory really used."""
    with open("/proc/self/statm") as fh:
        now = int(fh.read().split()[0]) * _PAGE
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    target = now + extra if hard == resource.RLIM_INFINITY else min(now + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (target, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _memory_refusal(job: ParseJob, *, limits: Limits) -> Parsed:
    refusal = refuse(PARSE_MEMORY_LIMIT, file=job.file_name, limit_mb=f"{limits.max_memory_bytes / MB:g}")
    return Parsed(result=None, error=(refusal.lv, refusal.en), code=refusal.code, peak_rss_kib=_peak_rss())


class _Cancelled(Exception):
    """The caller went away before handing over the mappings: nothing to answer."""


def _work(job: ParseJob, *, limits: Limits, mappings) -> Parsed:
    """Read, find the tables, match and check: everything a file can make slow or large. Mappings left to follow
    (job.mappings None) are received from `mappings` once the file is read."""
    from analysis.catalogue import catalogue
    from analysis.ingest.readers import read_bytes, read_file

    try:
        if job.data is not None:
            workbook = read_bytes(job.data, file_name=job.file_name, limits=limits)
        else:
            workbook = read_file(job.path or job.file_name, file_name=job.file_name, limits=limits)
    except UnreadableFile as exc:
        return Parsed(result=None, error=(exc.lv, exc.en), code=getattr(exc, "code", None) or "unreadable-file",
                      peak_rss_kib=_peak_rss())
    from analysis.ingest.pipeline import ingest_workbook

    if job.mappings is None:
        try:
            if mappings is not None and not mappings.poll(max(limits.max_seconds, 1)):
                raise _Cancelled
            job = replace(job, mappings=mappings.recv() if mappings is not None else {})
        except (EOFError, OSError) as exc:
            raise _Cancelled from exc
    result = ingest_workbook(
        workbook, catalogue=catalogue(), municipality=job.municipality, mappings=dict(job.mappings or {}),
        municipality_mappings=dict(job.municipality_mappings), actor=job.actor,
    )
    return Parsed(result=result, peak_rss_kib=_peak_rss())


def _peak_rss() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# --- how the child is started ------------------------------------------------------------------------------------

_PRELOAD = ["analysis.ingest.worker", "analysis.ingest.readers", "analysis.ingest.pipeline"]


def _context():
    """Fork a single-threaded caller; otherwise a fork server that has already imported this module."""
    if threading.active_count() == 1:
        return mp.get_context("fork")
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


__all__ = ["ParseJob", "Parsed", "Running", "parse", "start"]
