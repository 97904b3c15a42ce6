"""`run --workers N`: N worker processes on one webhook port and one database. The parent
only supervises: it starts each as `python -m bot run` with SIKERJA_CLUSTER set (they share
the port through SO_REUSEPORT and elect their leader through the database), passes them
one webhook secret, forwards SIGTERM / SIGINT, and starts again a worker that died."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence

log = logging.getLogger(__name__)

RESTART_DELAY = 1.0  # seconds before a dead worker is started again
STOP_TIMEOUT = 20.0  # seconds a worker gets to stop cleanly before it is killed


class Supervisor:
    def __init__(self, n: int, argv: Sequence[str], env: dict[str, str]) -> None:
        """argv: the command of one worker; env: its environment."""
        self.n, self.argv, self.env = n, list(argv), env
        self.workers: list[subprocess.Popen] = []
        self._stopping = False

    def start(self) -> None:
        self.workers = [self._spawn(i) for i in range(self.n)]

    def _spawn(self, index: int) -> subprocess.Popen:
        proc = subprocess.Popen(self.argv, env={**self.env, "SIKERJA_WORKER_INDEX": str(index)})
        log.info("worker %d started (pid %d)", index, proc.pid)
        return proc

    def stop(self, *_signal_args: object) -> None:
        self._stopping = True
        for proc in self.workers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)

    def watch(self, poll: float = 0.2) -> int:
        """Until stopped: start again whichever worker exits; then wait for all."""
        while not self._stopping:
            for index, proc in enumerate(self.workers):
                if proc.poll() is not None and not self._stopping:
                    log.warning("worker %d (pid %d) exited with %s; starting it again", index, proc.pid,
                                proc.returncode)
                    time.sleep(RESTART_DELAY)
                    self.workers[index] = self._spawn(index)
            time.sleep(poll)
        deadline = time.monotonic() + STOP_TIMEOUT
        for proc in self.workers:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        return 0


def run_workers(n: int, worker_args: Sequence[str], secret: str) -> int:
    env = {**os.environ, "SIKERJA_CLUSTER": "true", "SIKERJA_WEBHOOK_SECRET": secret}
    supervisor = Supervisor(n, [sys.executable, "-m", "bot", "run", "--no-migrate", *worker_args], env)
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    supervisor.start()
    return supervisor.watch()
