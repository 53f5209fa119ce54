"""The runner's flight recorder: what the item in flight has written so far, in memory it shares with the pytest process.

The runner writes each test report and each journal note of the item it runs here as it
is made (a memory copy, no system call); the pytest process reads it only after the
runner died, to know the phase, the input and the matrix path that killed it. On success
the item's reports travel in one message instead, so the recorder is never read twice.
A record that does not fit goes through the runner's pipe (``overflow``), never lost.
"""

from __future__ import annotations

import mmap
import struct

SIZE = 64 << 20  # anonymous and shared: only the pages an item writes are ever allocated
HEADER = struct.Struct("<qq")  # the index of the item the records belong to, the bytes in use
RECORD = struct.Struct("<cI")  # a record's kind (b"R" a pickled report, b"N" a pickled note) and its length
REPORT, NOTE = b"R", b"N"


class Blackbox:
    def __init__(self, size: int = SIZE):
        self.size = size
        self.memory = mmap.mmap(-1, size)  # MAP_SHARED: a forked child writes what this process reads

    def start(self, index: int) -> None:
        """The runner begins item ``index``: what it writes from now on belongs to that item."""
        HEADER.pack_into(self.memory, 0, index, HEADER.size)

    def write(self, kind: bytes, data: bytes) -> bool:
        """Append one record; False when it does not fit. The header moves last, so a record is whole or absent."""
        index, used = HEADER.unpack_from(self.memory, 0)
        end = used + RECORD.size + len(data)
        if end > self.size:
            return False
        RECORD.pack_into(self.memory, used, kind, len(data))
        self.memory[used + RECORD.size:end] = data
        HEADER.pack_into(self.memory, 0, index, end)
        return True

    def began(self, index: int) -> bool:
        """Whether the runner had begun item ``index`` (it marks the start of an item before anything else)."""
        return HEADER.unpack_from(self.memory, 0)[0] == index

    def read(self, index: int) -> list[tuple[bytes, bytes]]:
        """The records of item ``index`` (none if the runner never began it)."""
        item, used = HEADER.unpack_from(self.memory, 0)
        if item != index:
            return []
        records, position = [], HEADER.size
        while position < used:
            kind, length = RECORD.unpack_from(self.memory, position)
            start = position + RECORD.size
            records.append((kind, bytes(self.memory[start:start + length])))
            position = start + length
        return records

    def close(self) -> None:
        self.memory.close()
