"""Child process of the kill -9 tests: writes the sample corpus to a sink, resuming.

Usage: python kill_child.py TARGET N BATCH. Prints "ready" once the sink is open, then writes
every batch's not-yet-done items, and prints "done" at the end.
"""

from __future__ import annotations

import sys

from store_samples import corpus

from warta.store import open_sink


def main() -> None:
    target, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    items = corpus(n)
    with open_sink(target) as sink:
        print("ready", flush=True)
        for start in range(0, n, batch):
            chunk = items[start : start + batch]
            done = sink.done_origins(item.origin for item in chunk)
            sink.write([item for item in chunk if item.origin not in done])
    print("done", flush=True)


if __name__ == "__main__":
    main()
