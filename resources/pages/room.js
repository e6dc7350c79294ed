// SPDX-License-Identifier: MIT
// The chat room page of /chat/<room>/ (docs/protocol.md, subprotocol kaiwa.v1).
//
// - The log is the tutorial's #chat-log, a role="log" list of message elements built from text only
//   (see "the log" below). Nothing from the server or the user is ever parsed as HTML.
// - Reconnects by itself with exponential backoff (0.5 s doubling to 20 s, with jitter) and asks
//   only for what it missed (?since=<last id>); chat ids already shown are ignored.
// - Sending never loses a message: each one carries a client_id and stays in an outbox until the
//   server confirms it (its own chat.message echo or an ack). Messages typed while disconnected
//   are queued and sent on reconnect; the server drops duplicates by client_id.
// - Shows who is in the room ("2 online: alice, bob") and who is typing, from the kaiwa.v1
//   presence and typing events, as text. Tells the room when this user types, at most every 2 s.
'use strict';

(() => {
    const strings = JSON.parse(document.getElementById('kaiwa-i18n').textContent);
    const roomName = JSON.parse(document.getElementById('room-name').textContent);
    const log = document.querySelector('#chat-log');
    const input = document.querySelector('#chat-message-input');
    const submit = document.querySelector('#chat-message-submit');
    const nameInput = document.querySelector('#display-name-input');
    const status = document.querySelector('#connection-status');
    const notice = document.querySelector('#chat-notice');
    const membersLine = document.querySelector('#room-members');
    const typingLine = document.querySelector('#typing-indicator');

    const NAME_KEY = 'kaiwa.name';
    const MIN_DELAY_MS = 500;
    const MAX_DELAY_MS = 20000;
    const TYPING_INTERVAL_MS = 2000; // docs/protocol.md: at most one typing notification per 2 s
    // Error codes that refuse one message the client sent (the oldest one still in flight).
    const REFUSING_CODES = new Set(['rate_limited', 'store_failed', 'empty_message', 'invalid_message',
        'missing_message', 'invalid_field']);

    let socket = null; // the current WebSocket, or null while waiting to reconnect
    let open = false;
    let highestId = 0; // highest chat.message id shown
    let resumeId = null; // ?since= for the next connection; null before the first welcome
    let attempt = 0;
    let retryTimer = null;
    let countdownTimer = null;
    let leaving = false;
    let serverName = '';
    let statusText = '';
    const outbox = []; // {clientId, text, socket}: sent or queued, not yet confirmed
    let ownMemberId = '';
    let members = new Map(); // member id -> display name, from presence, member.joined and member.left
    const typists = new Map(); // member id -> {user, timer}
    let lastTypingSent = 0;

    const format = (text, value) => text.replace('%1', () => String(value));
    const format2 = (text, first, second) => format(text, first).replace('%2', () => String(second));

    // ---- storage -------------------------------------------------------------------------------

    function storedName() {
        try {
            return window.localStorage.getItem(NAME_KEY) || '';
        } catch (e) {
            return ''; // storage disabled: the name is simply not remembered
        }
    }

    function storeName(name) {
        try {
            if (name) {
                window.localStorage.setItem(NAME_KEY, name);
            } else {
                window.localStorage.removeItem(NAME_KEY);
            }
        } catch (e) {
            // storage disabled or full: nothing to do
        }
    }

    // ---- display -------------------------------------------------------------------------------

    function renderStatus() {
        const queued = outbox.filter((entry) => entry.socket === null).length;
        status.textContent = queued > 0 ? `${statusText} — ${format(strings['status.queued'], queued)}` : statusText;
    }

    function setStatus(state, text) {
        status.dataset.state = state;
        statusText = text;
        renderStatus();
    }

    function setNotice(text, kind) {
        notice.textContent = text;
        notice.dataset.kind = kind;
        notice.hidden = text === '';
    }

    // ---- the log -------------------------------------------------------------------------------
    //
    // Each message is an element of its own in #chat-log: a header with the sender's name, a badge when
    // the server verified the sender's account ("verified": true), and the time; then the text, whose
    // line breaks stay inside that element. Everything is set as textContent. The badge is an element
    // drawn by the style sheet, not a character, so a name such as "alice ✓" stays plain text, and a
    // text with a line break and "20:17 bob ✓: approved" stays one message's text, under its header.

    const pad2 = (n) => String(n).padStart(2, '0');

    function element(tag, className, text) {
        const node = document.createElement(tag);
        node.className = className;
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function timeElement(iso) {
        const date = new Date(iso);
        if (Number.isNaN(date.getTime())) {
            return null;
        }
        const time = element('time', 'message-time', `${pad2(date.getHours())}:${pad2(date.getMinutes())}`);
        time.dateTime = iso;
        time.title = date.toLocaleString(document.documentElement.lang);
        return time;
    }

    function messageElement(data) {
        const item = element('article', 'message');
        if (typeof data.id === 'number') {
            item.dataset.id = String(data.id);
        }
        const header = element('div', 'message-header');
        if (typeof data.user === 'string') {
            header.append(element('span', 'message-user', data.user));
            if (data.verified === true) {
                const badge = element('span', 'verified-badge');
                badge.setAttribute('role', 'img');
                badge.setAttribute('aria-label', strings['message.verified']);
                badge.title = strings['message.verified'];
                header.append(badge);
            }
        }
        const time = typeof data.time === 'string' ? timeElement(data.time) : null;
        if (time !== null) {
            header.append(time);
        }
        if (header.childElementCount > 0) { // a tutorial-only server sends the text alone
            item.append(header);
        }
        item.append(element('div', 'message-text', String(data.message)));
        return item;
    }

    // The Django Channels tutorial's own browser tests read document.querySelector('#chat-log').value,
    // the text of the <textarea> the tutorial's log is. A <textarea> cannot tell a page's line from a
    // line inside a message, nor a verification mark from a name, so #chat-log is the list above, and
    // keeps a read-only `value` for such tests and scripts: the log as text, one message per line,
    // "HH:MM name: text", later lines of a text indented by two spaces. It is derived from the elements
    // and says nothing of verification: only the badge does.
    function messageAsText(item) {
        const part = (selector) => {
            const node = item.querySelector(selector);
            return node === null ? '' : node.textContent;
        };
        const time = part('.message-time');
        const user = part('.message-user');
        const text = part('.message-text').replace(/\r\n?|\n/g, '\n  ');
        return `${time ? time + ' ' : ''}${user ? user + ': ' : ''}${text}\n`;
    }

    Object.defineProperty(log, 'value', {
        get: () => Array.from(log.querySelectorAll(':scope > .message'), messageAsText).join(''),
        enumerable: true,
    });

    function showChatMessage(data) {
        if (typeof data.id === 'number') {
            if (data.id <= highestId) {
                return; // already shown (replayed after a reconnect)
            }
            highestId = data.id;
            resumeId = Math.max(resumeId ?? 0, data.id);
        }
        const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
        log.append(messageElement(data));
        if (atBottom) {
            log.scrollTop = log.scrollHeight;
        }
    }

    // ---- presence and typing -------------------------------------------------------------------

    const byName = (a, b) => a.localeCompare(b);

    function renderMembers() {
        if (members.size === 0) {
            membersLine.textContent = '';
            return;
        }
        const names = Array.from(members.values()).sort(byName).join(strings['presence.separator']);
        membersLine.textContent = format2(strings['presence.online'], members.size, names);
    }

    function renderTyping() {
        const names = Array.from(typists.values(), (entry) => entry.user).sort(byName);
        if (names.length === 0) {
            typingLine.textContent = '';
        } else if (names.length === 1) {
            typingLine.textContent = format(strings['typing.one'], names[0]);
        } else if (names.length === 2) {
            typingLine.textContent = format2(strings['typing.two'], names[0], names[1]);
        } else {
            typingLine.textContent = strings['typing.many'];
        }
    }

    const memberOf = (data) => (data.member !== null && typeof data.member === 'object'
        && typeof data.member.id === 'string' ? data.member : null);

    function stopTyping(id) {
        const entry = typists.get(id);
        if (entry) {
            window.clearTimeout(entry.timer);
            typists.delete(id);
            renderTyping();
        }
    }

    function clearPresence() {
        members = new Map();
        typists.forEach((entry) => window.clearTimeout(entry.timer));
        typists.clear();
        renderMembers();
        renderTyping();
    }

    function onPresence(data) {
        members = new Map();
        if (Array.isArray(data.members)) {
            data.members.forEach((member) => {
                if (member !== null && typeof member === 'object' && typeof member.id === 'string') {
                    members.set(member.id, String(member.user));
                }
            });
        }
        renderMembers();
    }

    function onTyping(data) {
        const member = memberOf(data);
        if (member === null || member.id === ownMemberId) {
            return;
        }
        stopTyping(member.id);
        const expires = Number(data.expires_in_ms);
        if (expires > 0) {
            const timer = window.setTimeout(() => stopTyping(member.id), Math.min(expires, 60000));
            typists.set(member.id, { user: String(member.user), timer });
            renderTyping();
        }
    }

    function noteTyping() {
        const now = Date.now();
        if (!open || socket === null || socket.protocol !== 'kaiwa.v1' || input.value.trim() === ''
            || now - lastTypingSent < TYPING_INTERVAL_MS) {
            return;
        }
        lastTypingSent = now;
        socket.send(JSON.stringify({ type: 'typing' }));
    }

    // ---- outbox --------------------------------------------------------------------------------

    function newClientId() {
        // crypto.randomUUID() needs a secure context; plain http on a LAN address is not one.
        const bytes = window.crypto.getRandomValues(new Uint8Array(16));
        return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    }

    function transmit(entry) {
        socket.send(JSON.stringify({ message: entry.text, client_id: entry.clientId }));
        entry.socket = socket;
    }

    function confirm(clientId) {
        const index = outbox.findIndex((entry) => entry.clientId === clientId);
        if (index >= 0) {
            outbox.splice(index, 1);
            renderStatus();
        }
    }

    // A message the server refused goes back into the input box (if that is free) instead of vanishing.
    function giveBack(entry) {
        outbox.splice(outbox.indexOf(entry), 1);
        if (input.value === '') {
            input.value = entry.text;
        }
        renderStatus();
    }

    // Everything not yet confirmed, in order: queued ones and those lost with the last socket.
    function flushOutbox() {
        outbox.forEach(transmit);
        renderStatus();
    }

    function send() {
        const text = input.value;
        if (text.trim() === '') {
            return;
        }
        input.value = '';
        lastTypingSent = 0; // the server takes our indicator down with the message; typing anew shows it again
        const entry = { clientId: newClientId(), text, socket: null };
        outbox.push(entry);
        if (open) {
            transmit(entry);
        }
        renderStatus();
    }

    // ---- connection ----------------------------------------------------------------------------

    function socketUrl() {
        const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
        let query = `name=${encodeURIComponent(nameInput.value.trim())}`;
        if (resumeId !== null) { // 0 too: "everything", when the room was empty at our first join
            query = `since=${resumeId}&${query}`;
        }
        return `${scheme}://${window.location.host}/ws/chat/${encodeURIComponent(roomName)}/?${query}`;
    }

    function clearTimers() {
        window.clearTimeout(retryTimer);
        window.clearInterval(countdownTimer);
        retryTimer = null;
        countdownTimer = null;
    }

    function connect() {
        clearTimers();
        setStatus('connecting', strings['status.connecting']);
        let ws;
        try {
            ws = new WebSocket(socketUrl(), ['kaiwa.v1']);
        } catch (e) {
            scheduleReconnect();
            return;
        }
        socket = ws;
        ws.onopen = () => {
            if (socket !== ws) {
                return;
            }
            open = true;
            attempt = 0;
            setStatus('connected', format(strings['status.connected'], nameInput.value.trim() || serverName || strings['room.anonymous']));
            // With kaiwa.v1 the welcome comes first and may show that this connection is no good
            // (see there); send then. A tutorial-protocol server sends no welcome: send now.
            if (ws.protocol !== 'kaiwa.v1') {
                flushOutbox();
            }
        };
        ws.onmessage = (event) => {
            if (socket === ws) {
                handleFrame(event.data);
            }
        };
        ws.onclose = (event) => {
            if (socket !== ws) {
                return;
            }
            socket = null;
            open = false;
            clearPresence(); // stale once disconnected; the next connection brings a fresh list
            if (event.code === 1009) {
                // Too big for the server: resending would only close the connection again.
                const sent = outbox.filter((entry) => entry.socket === ws);
                if (sent.length > 0) {
                    giveBack(sent.reduce((a, b) => (b.text.length > a.text.length ? b : a)));
                    setNotice(strings['notice.tooLong'], 'error');
                }
            }
            outbox.forEach((entry) => { entry.socket = null; });
            if (!leaving) {
                scheduleReconnect();
            }
        };
    }

    function scheduleReconnect() {
        clearTimers();
        const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt);
        const delay = Math.min(MAX_DELAY_MS, base * (0.8 + 0.4 * Math.random()));
        attempt += 1;
        const deadline = Date.now() + delay;
        const tick = () => {
            const seconds = Math.ceil((deadline - Date.now()) / 1000);
            setStatus('disconnected', seconds > 0 ? format(strings['status.reconnecting'], seconds)
                                                  : strings['status.reconnectingNow']);
        };
        tick();
        countdownTimer = window.setInterval(tick, 1000);
        retryTimer = window.setTimeout(connect, delay);
    }

    function reconnectNow() {
        const old = socket;
        socket = null;
        open = false;
        outbox.forEach((entry) => { entry.socket = null; });
        clearPresence();
        if (old) {
            old.close(1000);
        }
        attempt = 0;
        connect();
    }

    function handleFrame(raw) {
        let data;
        try {
            data = JSON.parse(raw);
        } catch (e) {
            return;
        }
        if (data === null || typeof data !== 'object') {
            return;
        }
        switch (data.type) {
        case 'welcome':
            serverName = typeof data.user === 'string' ? data.user : '';
            ownMemberId = typeof data.member_id === 'string' ? data.member_id : '';
            if (typeof data.last_id === 'number') {
                if (resumeId === null) {
                    resumeId = data.last_id; // history up to here is replayed now, not after reconnects
                } else if (data.last_id < highestId) {
                    // Ids went backwards: the server lost its store (a restart with an in-memory
                    // database) and its ids start again. Forget ours, or new messages would look
                    // old, and connect again: this connection filters out ids up to our ?since=.
                    highestId = data.last_id;
                    resumeId = data.last_id;
                    reconnectNow();
                    break;
                }
            }
            setStatus('connected', format(strings['status.connected'], serverName));
            flushOutbox();
            break;
        case 'ack':
            confirm(data.client_id);
            break;
        case 'error':
            onError(data);
            break;
        case 'history.gap':
            setNotice(strings['notice.gap'], 'info');
            break;
        case 'presence':
            onPresence(data);
            break;
        case 'member.joined':
            if (memberOf(data) !== null) {
                members.set(data.member.id, String(data.member.user));
                renderMembers();
            }
            break;
        case 'member.left':
            if (memberOf(data) !== null) {
                members.delete(data.member.id);
                stopTyping(data.member.id);
                renderMembers();
            }
            break;
        case 'typing':
            onTyping(data);
            break;
        case 'chat.message':
        case undefined: // a server speaking only the tutorial's protocol
            if ('message' in data) {
                if (typeof data.client_id === 'string') {
                    confirm(data.client_id);
                }
                showChatMessage(data);
            }
            break;
        default:
            break; // history pages...: not used by this page
        }
    }

    function onError(data) {
        const detail = String(data.detail || data.code || '');
        const refused = REFUSING_CODES.has(data.code) ? outbox.find((entry) => entry.socket === socket) : undefined;
        if (refused) {
            giveBack(refused);
            setNotice(format(strings['notice.notSent'], detail), 'error');
        } else {
            setNotice(format(strings['notice.error'], detail), 'error');
        }
    }

    // ---- wiring --------------------------------------------------------------------------------

    nameInput.value = storedName();
    input.focus();

    input.addEventListener('keydown', (e) => {
        // Enter that confirms an input method composition (Japanese input) is not a send.
        if (e.key === 'Enter' && !e.isComposing) {
            e.preventDefault();
            submit.click();
        }
    });
    input.addEventListener('input', noteTyping);
    submit.addEventListener('click', () => {
        send();
        input.focus();
    });
    nameInput.addEventListener('change', () => {
        const name = nameInput.value.trim();
        storeName(name);
        if (socket !== null) {
            reconnectNow(); // the name is given at the upgrade
        }
    });
    window.addEventListener('online', () => {
        if (socket === null && !leaving) {
            attempt = 0;
            connect();
        }
    });
    window.addEventListener('pagehide', () => {
        leaving = true;
        clearTimers();
    });
    window.addEventListener('pageshow', (event) => {
        if (event.persisted) { // back from the back/forward cache
            leaving = false;
            reconnectNow();
        }
    });

    connect();
})();
