#!/usr/bin/env python3
"""A wire with a fixed one-way delay between two TUN devices, for kernels without tc netem.

Usage: delay-line.py ROOT_END INNER_END DELAY_MS [QUEUE_PACKETS]

Creates the TUN devices ROOT_END and INNER_END (IP packets, no packet information header),
prints "ready" once both exist, then carries every packet read from one to the other
DELAY_MS later, in order. The caller moves INNER_END into its namespace and gives both
ends their addresses. At most QUEUE_PACKETS (default 4096) wait in each direction; more
are dropped, like a router's full buffer. A packet written to a device that is down is
lost, as on an unplugged cable. Exits when its standard input closes (the test that
started it is gone), which removes both devices.
"""
import fcntl
import heapq
import os
import select
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH22x", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main():
    root_end, inner_end, delay_ms = sys.argv[1], sys.argv[2], float(sys.argv[3])
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else 4096
    a, b = open_tun(root_end), open_tun(inner_end)
    other = {a: b, b: a}
    waiting = {a: 0, b: 0}
    delay = delay_ms / 1000.0
    queue = []  # (due, order, source fd, packet): the heap keeps each direction in order
    order = 0
    print("ready", flush=True)
    while True:
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, source, packet = heapq.heappop(queue)
            waiting[source] -= 1
            try:
                os.write(other[source], packet)
            except OSError:
                pass
        timeout = max(0.0, queue[0][0] - now) if queue else 1.0
        readable, _, _ = select.select([a, b, 0], [], [], timeout)
        for fd in readable:
            if fd == 0:
                if not os.read(0, 4096):
                    return
                continue
            arrived = time.monotonic()
            while True:
                try:
                    packet = os.read(fd, 65536)
                except BlockingIOError:
                    break
                except OSError:
                    break
                if waiting[fd] >= limit:
                    continue
                waiting[fd] += 1
                order += 1
                heapq.heappush(queue, (arrived + delay, order, fd, packet))


if __name__ == "__main__":
    main()
