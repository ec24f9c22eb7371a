"""Entry point for `python -m analysis`."""

import atexit
import os
import sys

from analysis.cli import main

code = main()
# What atexit promises still runs (logging, child processes) and the streams are flushed; the interpreter's
# teardown of pandas, SQLAlchemy and every object they hold (0.15 s after an ingest) is skipped: nobody waits for it.
atexit._run_exitfuncs()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
