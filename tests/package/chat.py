#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Chats through a running kaiwa-server with nothing but the standard library.

    chat.py PORT ROOM

Two WebSocket clients join ROOM on 127.0.0.1:PORT (the tutorial protocol, no subprotocol);
the first sends a message and both must receive it as a chat.message with an id. A third
client then joins and must get it replayed from the history. Exit 0 when all of that holds.
"""
import base64
import json
import os
import socket
import struct
import sys
import urllib.parse


class Client:
    def __init__(self, port, room, name):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        path = "/ws/chat/%s/?name=%s" % (urllib.parse.quote(room), urllib.parse.quote(name))
        self.sock.sendall((
            "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("connection closed during the handshake")
            head += chunk
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status:
            raise RuntimeError("handshake refused: %r" % status)

    def _read(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise RuntimeError("connection closed")
            data += chunk
        return data

    def send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + struct.pack("!H", len(payload))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def receive(self):
        """The next text message as JSON (control frames are skipped; pings answered)."""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._read(8))[0]
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 0x1:
                return json.loads(payload.decode())
            if opcode == 0x8:
                raise RuntimeError("server closed: %r" % payload)
            if opcode == 0x9:
                mask = os.urandom(4)
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + mask
                                  + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def wait_for(self, text):
        while True:
            event = self.receive()
            if event.get("message") == text:
                return event


def main():
    port, room = int(sys.argv[1]), sys.argv[2]
    text = "こんにちは from the installed package"
    alice = Client(port, room, "alice")
    bob = Client(port, room, "bob")
    alice.send(json.dumps({"message": text}))
    for client in (alice, bob):
        event = client.wait_for(text)
        if event.get("user") != "alice" or not isinstance(event.get("id"), int):
            raise RuntimeError("unexpected event: %r" % event)
    late = Client(port, room, "carol")
    replayed = late.wait_for(text)
    print("chat ok: id %d delivered to 2 members and replayed to a late joiner" % replayed["id"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
