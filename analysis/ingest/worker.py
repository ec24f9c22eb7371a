"""Every upload parsed in child processes with a memory and a wall-clock limit, so a hostile file ends only its parse.

The children do all the work a file can make expensive: reading, finding the tables, matching names and the checks
(:func:`~analysis.ingest.pipeline.ingest_workbook`). What crosses back is plain picklable data: the IngestResult, or
one refusal line (Latvian / English) with a stable code. A parser abort (calamine's Rust ``abort``), a memory
blow-up or a slow file ends the children, never the caller. Storing stays with the caller, which holds the database.

A child is forked when the caller runs one thread (the command line); a threaded server (Streamlit) gets it from
a fork server with the ingest modules preloaded, as forking threads is unsafe. A parse can be started before the
caller knows the saved label mappings (:func:`start`, then :meth:`Running.finish`).

The command line splits the parse in two (``split=True``) so that its two cores work from the first moment: a
reader reads the file with no pandas at all, while a second child loads pandas and the pipeline and then checks
the sheets the reader hands it; meanwhile the caller opens its database and finds the saved mappings
(:meth:`Running.hand`) without pandas either. The limits hold for the two children together.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import multiprocessing.connection
import os
import resource
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable

from analysis.access import Actor
from analysis.ingest.raw import RawWorkbook, UnreadableFile
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

if TYPE_CHECKING:  # the modules that read and check are imported by the children, not by whoever forks them
    from analysis.ingest.pipeline import IngestResult

_PAGE = os.sysconf("SC_PAGE_SIZE")
_WATCH_SECONDS = 0.05
# Allocators reserve address space far beyond what they use (Arrow's mimalloc, glibc's per-thread arenas), so the
# address-space limit is this much looser than the memory limit the parent enforces on resident memory.
_ADDRESS_SPACE_SLACK = 4 * 1024 * MB
# what calamine (any Rust allocation) prints before it aborts the process
_RUST_OOM = b"memory allocation of"
_STDERR_KEEP = 65536
# what the checking child answers when the reader ended without handing over its sheets
_READER_GONE = "reader-gone"


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
    apart); the children's peak resident memory in KiB."""

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


@dataclass
class _Stage:
    """One child of a parse, the file its stderr goes to, and its resident memory when it started."""

    process: mp.process.BaseProcess
    err_path: str
    baseline: int = 0
    tail: bytes = b""


class Running:
    """A parse under way in its children: :meth:`finish` hands it the mappings it may wait for and returns the
    outcome; :meth:`cancel` ends it (the file turned out to be stored already)."""

    def __init__(self, job: ParseJob, *, limits: Limits, split: bool = False) -> None:
        self.job, self.limits = job, limits
        self._ctx = _context()
        split = split and self._ctx.get_start_method() == "fork"  # a fork server preloads pandas: one child
        self._receive, self._send = self._ctx.Pipe(duplex=False)
        self._later, self._give = self._ctx.Pipe(duplex=False)
        self._sheets = None  # split: the reader's sheets, read by the checking child
        self._handed = job.mappings is not None
        self._stages: list[_Stage] = []
        self._verdict: str | None = None  # 'memory' once wait_read() stopped the children for it
        self._deadline = time.monotonic() + limits.max_seconds
        try:
            if split:
                self._sheets, sheets_out = self._ctx.Pipe(duplex=False)
                try:
                    self._fork(_reader_child, sheets_out, job, limits, keep=(sheets_out,))
                finally:
                    sheets_out.close()  # only the reader holds it: the checking child reads its end as closed
                self._fork(_checker_child, self._sheets, self._send, self._later, job, limits,
                           keep=(self._sheets, self._send, self._later))
            else:
                self._fork(_child, self._send, self._later, job, limits, keep=(self._send, self._later))
        except BaseException:
            self._close()
            raise
        finally:  # the children's ends, closed here once the children hold them: a gone child reads as closed
            for end in (self._send, self._later, self._sheets):
                if end is not None:
                    end.close()

    def hand(self, mappings: dict[str, str] | None) -> None:
        """Gives a parse started without them its mappings now, so the checks go on while the caller does more."""
        if self._handed:
            return
        self._handed = True
        try:
            self._give.send(dict(mappings or {}))
        except (BrokenPipeError, OSError):
            pass  # the child is gone already: finish() says how

    def wait_read(self) -> None:
        """Returns once the file is read (split: the reader has handed its sheets on and ended; one child: at once)
        or the limits were passed, which finish() then reports: the caller's own heavy imports wait for it, so the
        reader has a core to itself."""
        if len(self._stages) < 2 or self._verdict is not None:
            return
        reader = self._stages[0].process
        while self._verdict is None and reader.is_alive():
            left = self._deadline - time.monotonic()
            if left <= 0:
                return
            mp.connection.wait([reader.sentinel], timeout=min(left, _WATCH_SECONDS))
            self._verdict = _over_memory(self._stages, memory=self.limits.max_memory_bytes)

    def finish(self, *, mappings: dict[str, str] | None = None) -> Parsed:
        """The children's outcome; `mappings` reach a parse started without them unless handed before."""
        try:
            self.hand(mappings)
            message = self._verdict or _receive(self._receive, self._stages, deadline=self._deadline,
                                                memory=self.limits.max_memory_bytes)
        finally:
            self._close()
        if isinstance(message, Parsed):
            return message
        stage = self._stages[0] if message == _READER_GONE else self._stages[-1]
        stderr = b"".join(s.tail for s in self._stages)
        return _failure(message, job=self.job, limits=self.limits, exitcode=stage.process.exitcode, stderr=stderr)

    def cancel(self) -> None:
        self._close()

    def _fork(self, target: Callable[..., None], *args: object, keep: tuple[object, ...]) -> None:
        """Starts one child; the parent's pipe ends that the child does not use are closed in it first."""
        fd, err_path = tempfile.mkstemp(prefix="bta-parse-", suffix=".err")
        os.close(fd)
        others = tuple(e for e in (self._receive, self._give, self._send, self._later, self._sheets)
                       if e is not None and e not in keep)
        process = self._ctx.Process(target=_enter, args=(target, others, err_path, self.limits, *args), daemon=True)
        stage = _Stage(process=process, err_path=err_path)
        self._stages.append(stage)
        process.start()
        stage.baseline = _resident(process.pid)

    def _close(self) -> None:
        for end in (self._receive, self._give, self._later, self._send, self._sheets):
            if end is not None:
                end.close()
        for stage in self._stages:
            if stage.process.is_alive():
                stage.process.kill()
            if stage.process.pid is not None:
                stage.process.join()
            if not stage.tail:
                stage.tail = _tail(stage.err_path)


def start(job: ParseJob, *, limits: Limits | None = None, split: bool = False) -> Running:
    """Starts the parse on a file; the caller goes on with its own work and calls finish()."""
    return Running(job, limits=limits or Limits(), split=split)


def _receive(receive, stages: list[_Stage], *, deadline: float, memory: int) -> object:
    """The answer, or why there is none: 'time' when the wall-clock limit passed, 'memory' when the children's
    resident memory grew past the limit from what they held when they started (they are then stopped), 'gone'
    when the answering child died."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return "time"
        if receive.poll(min(left, _WATCH_SECONDS)):
            try:
                return receive.recv()
            except (EOFError, OSError):
                return "gone"
        if _over_memory(stages, memory=memory):
            return "memory"
        if not stages[-1].process.is_alive() and not receive.poll(0):
            return "gone"


def _over_memory(stages: list[_Stage], *, memory: int) -> str | None:
    """'memory' when the children's resident memory grew past the limit from what they held when they started;
    they are then stopped."""
    if sum(max(_resident(s.process.pid) - s.baseline, 0) for s in stages) <= memory:
        return None
    for stage in stages:
        stage.process.kill()
    return "memory"


def _resident(pid: int | None) -> int:
    """Bytes of memory a process holds now (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _failure(reason: object, *, job: ParseJob, limits: Limits, exitcode: int | None, stderr: bytes) -> Parsed:
    """One line for children that answered nothing: out of time, out of memory, or crashed."""
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


# --- in the children --------------------------------------------------------------------------------------------


def _enter(target: Callable[..., None], others: tuple, err_path: str, limits: Limits, *args: object) -> None:
    """Limits first, then the child's work: the parent's other pipe ends closed (a gone parent reads as EOF),
    stderr to its file, malloc, the address-space limit."""
    for end in others:
        end.close()
    faulthandler.disable()  # a test runner's crash dump would reach the caller's terminal; the parent reports
    err = os.open(err_path, os.O_WRONLY | os.O_APPEND)
    os.dup2(err, 2)
    os.close(err)
    _plain_allocator()
    _limit_memory(extra=limits.max_memory_bytes + _ADDRESS_SPACE_SLACK)
    target(*args)


def _child(send, later, job: ParseJob, limits: Limits) -> None:
    """The whole parse in one child; whatever happens the parent gets one message or a closed pipe."""
    _answer(send, job=job, limits=limits, work=lambda: _work(job, limits=limits, mappings=later))


def _reader_child(out, job: ParseJob, limits: Limits) -> None:
    """Split: reads the file and hands the sheets (or why there are none) to the checking child, with its peak."""
    _answer(out, job=job, limits=limits, work=lambda: (_one_copy_each(_read(job, limits=limits)), _peak_rss()))


def _one_copy_each(read: RawWorkbook | Parsed) -> RawWorkbook | Parsed:
    """Equal texts made one object, in place, so the hand-over pickles each once: a name repeated down 50,000 rows
    crosses as one string and the checking child builds it once (at 500,000 values: a third of the bytes, two
    thirds of the time)."""
    if isinstance(read, Parsed):
        return read
    seen: dict[str, str] = {}
    keep = seen.setdefault
    for sheet in read.sheets:
        for row in sheet.rows:
            row[:] = [keep(v, v) if type(v) is str else v for v in row]
    return read


def _checker_child(sheets, send, later, job: ParseJob, limits: Limits) -> None:
    """Split: the checks on the reader's sheets; the reader gone without them is said so (the parent asks why)."""

    def work() -> Parsed | str:
        import analysis.ingest.pipeline  # noqa: F401 — loaded while the reader reads
        from analysis.catalogue import catalogue

        catalogue()
        try:
            message = sheets.recv()
        except (EOFError, OSError):
            return _READER_GONE
        finally:
            sheets.close()
        got, read_peak = message if isinstance(message, tuple) else (message, 0)
        if isinstance(got, Parsed):
            return replace(got, peak_rss_kib=max(got.peak_rss_kib, read_peak))
        parsed = _check(got, job=job, limits=limits, mappings=later)
        return replace(parsed, peak_rss_kib=max(parsed.peak_rss_kib, read_peak))

    _answer(send, job=job, limits=limits, work=work)


def _answer(send, *, job: ParseJob, limits: Limits, work: Callable[[], object]) -> None:
    """Runs the work and sends its one message; a bug or running out of memory is a refusal, never silence."""
    try:
        outcome = work()
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
    """Read, find the tables, match and check: everything a file can make slow or large."""
    workbook = _read(job, limits=limits)
    if isinstance(workbook, Parsed):
        return workbook
    return _check(workbook, job=job, limits=limits, mappings=mappings)


def _read(job: ParseJob, *, limits: Limits) -> RawWorkbook | Parsed:
    """The file's sheets as its cells, or why it cannot be read; no pandas, so a reader starts at once."""
    from analysis.ingest.readers import read_bytes, read_file

    try:
        if job.data is not None:
            return read_bytes(job.data, file_name=job.file_name, limits=limits)
        return read_file(job.path or job.file_name, file_name=job.file_name, limits=limits)
    except UnreadableFile as exc:
        return Parsed(result=None, error=(exc.lv, exc.en), code=getattr(exc, "code", None) or "unreadable-file",
                      peak_rss_kib=_peak_rss())


def _check(workbook: RawWorkbook, *, job: ParseJob, limits: Limits, mappings) -> Parsed:
    """Find the tables, match and check the sheets. Mappings left to follow (job.mappings None) are received from
    `mappings` first."""
    from analysis.catalogue import catalogue
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


# --- how the children are started --------------------------------------------------------------------------------

_PRELOAD = ["analysis.ingest.worker", "analysis.ingest.readers", "analysis.ingest.pipeline"]


def _context():
    """Fork a single-threaded caller; otherwise a fork server that has already imported this module."""
    if threading.active_count() == 1:
        return mp.get_context("fork")
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


__all__ = ["ParseJob", "Parsed", "Running", "parse", "start"]
