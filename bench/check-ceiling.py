#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Correctness checks of kaiwa-ceiling (the bench's reference server), with raw sockets:
the tutorial protocol ({"message": X} in, {"message":X} out to every member of the room, the
sender included, nobody else), fragmented and large messages, ping/pong, the close handshake,
404 for other paths, unmasked frames refused, and a slow reader closed at its bound while the
room goes on. Exit status 0 when all pass.

    bench/check-ceiling.py [--ceiling-bin build/bin/kaiwa-ceiling]
"""
import argparse
import base64
import hashlib
import json
import os
import socket
import struct
import sys

import benchlib as bl

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class Client:
    def __init__(self, port, path, rcvbuf=None):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(5)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16))
        self.sock.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                          b"Connection: Upgrade\r\nSec-WebSocket-Key: " + key + b"\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            self.buf += chunk
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        self.status = head.split(b"\r\n")[0].decode()
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        self.upgraded = self.status.startswith("HTTP/1.1 101") and b"Sec-WebSocket-Accept: " + accept in head

    def send_frame(self, opcode, payload, fin=True, masked=True):
        head = bytes([(0x80 if fin else 0) | opcode])
        n = len(payload)
        m = 0x80 if masked else 0
        if n < 126:
            head += bytes([m | n])
        elif n < 65536:
            head += bytes([m | 126]) + struct.pack(">H", n)
        else:
            head += bytes([m | 127]) + struct.pack(">Q", n)
        if masked:
            mask = os.urandom(4)
            payload = bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
            head += mask
        self.sock.sendall(head + payload)

    def send_text(self, text):
        self.send_frame(1, text.encode())

    def _fill(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk

    def read_frame(self):
        """(opcode, payload) of the next frame."""
        self._fill(2)
        op, n = self.buf[0] & 0x0F, self.buf[1] & 0x7F
        pos = 2
        if n == 126:
            self._fill(4)
            n, pos = struct.unpack(">H", self.buf[2:4])[0], 4
        elif n == 127:
            self._fill(10)
            n, pos = struct.unpack(">Q", self.buf[2:10])[0], 10
        self._fill(pos + n)
        payload, self.buf = self.buf[pos:pos + n], self.buf[pos + n:]
        return op, payload

    def read_text(self):
        op, payload = self.read_frame()
        assert op == 1, f"expected a text frame, got opcode {op}"
        return payload.decode()

    def closed_by_server(self, timeout=5):
        """True when the server closes (EOF or reset) within timeout, whatever it sends before."""
        self.sock.settimeout(timeout)
        try:
            while self.sock.recv(65536):
                pass
            return True
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False

    def close(self):
        self.sock.close()


def check(name, condition):
    if not condition:
        raise AssertionError(name)
    print(f"ok   {name}")


def run_checks(port):
    a1, a2 = Client(port, "/ws/chat/a/"), Client(port, "/ws/chat/a/")
    b1 = Client(port, "/ws/chat/b/")
    check("upgrade answers 101 with the right Sec-WebSocket-Accept", a1.upgraded and a2.upgraded and b1.upgraded)

    a1.send_text(json.dumps({"message": "hi"}))
    check("the sender gets its own message", a1.read_text() == '{"message":"hi"}')
    check("the other member gets it", a2.read_text() == '{"message":"hi"}')
    b1.send_text('{"message": "b only"}')
    check("another room does not get it", b1.read_text() == '{"message":"b only"}')

    a2.send_text('{ "user": "x", "message" : {"nested": [1, "two"]} }')
    expected = '{"message":{"nested": [1, "two"]}}'
    check("the message value is passed as raw JSON", a1.read_text() == expected and a2.read_text() == expected)

    a1.send_frame(1, b'{"message": "frag', fin=False)
    a1.send_frame(0, b'mented"}')
    check("a fragmented message is broadcast whole", a2.read_text() == '{"message":"fragmented"}')
    a1.read_text()

    big = "x" * 100000
    a1.send_text(json.dumps({"message": big}))
    check("a 100 KB message arrives intact (64-bit length)", json.loads(a2.read_text())["message"] == big)
    a1.read_text()

    a1.send_frame(9, b"ping!")
    check("ping is answered with a pong carrying its payload", a1.read_frame() == (10, b"ping!"))

    a2.send_frame(8, struct.pack(">H", 1000) + b"bye")
    op, payload = a2.read_frame()
    check("close is answered with a close frame and the code", op == 8 and payload[:2] == struct.pack(">H", 1000))
    check("then the server closes the connection", a2.closed_by_server())
    a1.send_text('{"message": "after close"}')
    check("the room goes on without the closed member", a1.read_text() == '{"message":"after close"}')

    other = Client(port, "/chat/")
    check("other paths get 404", other.status.startswith("HTTP/1.1 404") and other.closed_by_server())

    bad = Client(port, "/ws/chat/a/")
    bad.send_frame(1, b'{"message": "unmasked"}', masked=False)
    check("an unmasked client frame closes the connection", bad.closed_by_server())

    # A member that never reads, in a room flooded by another: the server keeps at most 4 MiB for it,
    # then closes it; the flooding member keeps getting its echoes all along.
    slow = Client(port, "/ws/chat/slow/", rcvbuf=4096)
    fast = Client(port, "/ws/chat/slow/")
    text = json.dumps({"message": "y" * 1000})
    flood = 12000  # 12 MB: the 4 MiB bound plus what the kernel's socket buffers hold, with room to spare
    echoes = 0
    for _ in range(flood):
        fast.send_text(text)
        echoes += fast.read_text() == '{"message":"' + "y" * 1000 + '"}'
    check(f"the flooding member got all its {flood} echoes", echoes == flood)
    check("the member that never reads was closed (what it can still read ends in EOF)", slow.closed_by_server())
    fast.send_text('{"message": "still here"}')
    check("the room goes on after the slow reader is gone", fast.read_text() == '{"message":"still here"}')
    for c in (a1, b1, other, bad, slow, fast):
        c.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ceiling-bin", default=None)
    a = ap.parse_args()
    binary = bl.find_bin("kaiwa-ceiling", a.ceiling_bin)
    if not binary:
        bl.log("check-ceiling: kaiwa-ceiling not found (cmake --build build --target kaiwa-ceiling)")
        return 2
    server = bl.Server("ceiling", [binary, "--port", "0"], line_re=bl.LISTENING_RE, cpus=None)
    server.start()
    try:
        run_checks(server.port)
        check("the ceiling is still running", server.alive())
    except (AssertionError, EOFError, OSError) as e:
        print(f"FAIL {e}")
        return 1
    finally:
        server.stop()
    print("check-ceiling: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
