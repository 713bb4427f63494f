"""Clean up after a batch that was killed: run as a script, it reads its orders on stdin.

    python sjzforecast/watchdog.py        (started by :class:`Watchdog`; imports no package)

Lines ``kill <pgid>`` and ``remove <folder>`` name what to clean up; ``forget <pgid>`` takes
a process group back (its kernel was shut down normally); ``done`` means the batch
finished and cleaned up itself.  When stdin ends without ``done`` (the batch died, even
by ``SIGKILL``, which nothing in the batch can catch), every process group named is
killed and every folder named is removed.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys


def watch(lines) -> None:
    groups, folders = set(), []
    for line in lines:
        order, _, arg = line.strip().partition(" ")
        if order == "done":
            return
        if order == "kill":
            groups.add(int(arg))
        elif order == "forget":
            groups.discard(int(arg))
        elif order == "remove":
            folders.append(arg)
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


class Watchdog:
    """The batch's side: starts the script in its own session and sends it orders."""

    def __init__(self):
        self._process = subprocess.Popen([sys.executable, os.path.abspath(__file__)], stdin=subprocess.PIPE,
                                         stdout=subprocess.DEVNULL, start_new_session=True, text=True)

    def tell(self, order: str, arg: object = "") -> None:
        try:
            self._process.stdin.write(f"{order} {arg}\n")
            self._process.stdin.flush()
        except (BrokenPipeError, ValueError):  # the watchdog is gone: nothing more to tell it
            pass

    def close(self) -> None:
        """The batch cleaned up itself: let the watchdog exit without doing anything."""
        self.tell("done")
        try:
            self._process.stdin.close()
        except BrokenPipeError:
            pass
        self._process.wait()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch(sys.stdin)
