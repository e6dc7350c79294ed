// SPDX-License-Identifier: MIT
// The Django Channels tutorial chat on Node's `ws` package: the peer bench/run-bench.py compares
// kaiwa-server with (bench/README.md).
//
//   node server.js [--port 8002] [--host 127.0.0.1]
//
// WebSocket at ws://HOST:PORT/ws/chat/<room>/ (the room matches the tutorial's route, \w+). A text
// frame {"message": X} goes to every member of the room, the sender included, as {"message": X}:
// the JSON is encoded once per broadcast and the same buffer is sent to each member. No history,
// no ids; a frame that is not such JSON (or a binary frame) is ignored, the socket stays open.
// The first line on stdout is "node-ws listening on ws://HOST:PORT/ws/chat/<room>/".
'use strict';

const http = require('node:http');
const { WebSocketServer, WebSocket } = require('ws');

function option(name, fallback) {
    const at = process.argv.indexOf(name);
    return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const host = option('--host', '127.0.0.1');
const port = Number.parseInt(option('--port', '8002'), 10);
const roomRoute = /^\/ws\/chat\/(\w+)\/$/u;

/** room name -> Set of the sockets in it; a room disappears with its last member. */
const rooms = new Map();

function join(room, socket) {
    let members = rooms.get(room);
    if (!members) {
        members = new Set();
        rooms.set(room, members);
    }
    members.add(socket);
    return members;
}

function leave(room, members, socket) {
    members.delete(socket);
    if (members.size === 0 && rooms.get(room) === members)
        rooms.delete(room);
}

/** The tutorial's {"message": X} as one encoded frame payload, or null for anything else. */
function chatFrame(data, isBinary) {
    if (isBinary)
        return null;
    let parsed;
    try {
        parsed = JSON.parse(data.toString('utf8'));
    } catch {
        return null;
    }
    if (parsed === null || typeof parsed !== 'object' || !Object.hasOwn(parsed, 'message'))
        return null;
    return Buffer.from(JSON.stringify({ message: parsed.message }));
}

// Pages are Django's business; this peer only speaks WebSocket. Compression off, as in Daphne.
const server = http.createServer((request, response) => {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
});
const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });

server.on('upgrade', (request, stream, head) => {
    const path = new URL(request.url ?? '/', 'ws://peer').pathname;
    const route = roomRoute.exec(path);
    if (!route) {
        stream.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
    }
    sockets.handleUpgrade(request, stream, head, (socket) => {
        const room = route[1];
        const members = join(room, socket);
        socket.on('message', (data, isBinary) => {
            const frame = chatFrame(data, isBinary);
            if (frame === null)
                return;
            for (const member of members) {
                if (member.readyState === WebSocket.OPEN)
                    member.send(frame, { binary: false });
            }
        });
        socket.on('close', () => leave(room, members, socket));
        socket.on('error', () => socket.terminate());
    });
});

server.listen(port, host, () => {
    const { address, port: bound } = server.address();
    console.log(`node-ws listening on ws://${address}:${bound}/ws/chat/<room>/`);
});
for (const name of ['SIGINT', 'SIGTERM'])
    process.on(name, () => process.exit(0));
