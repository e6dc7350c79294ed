// SPDX-License-Identifier: MIT
// The room directory of /chat/: the rooms of `GET /api/rooms` in the order the server gives (most active first),
// each a link to its page with the people in it now, its messages and its last activity (and, signed in, what is
// unread there and how much of it mentions the account), its topic, whether it is private, and a filter box that
// compares as people read (case and width do not matter: "ＬＯＢＢＹ" finds "lobby"). A direct-message room is
// "@bob" (the other account), a link to /dm/bob/. Built from text only.
'use strict';

(() => {
    const { strings, language, format, fold, element, validDate, localTime } = window.KaiwaKit;
    const list = document.querySelector('#room-list');
    const filter = document.querySelector('#room-filter');
    const status = document.querySelector('#room-list-status');

    const UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600],
        ['minute', 60]];
    const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    const numbers = new Intl.NumberFormat(language);

    // The server counts unread messages up to 1000 (docs/protocol.md): more than 999 is "999+".
    const count = (n) => (n > 999 ? `${numbers.format(999)}+` : numbers.format(n));

    // "5 minutes ago", "昨日": the largest unit that fits; under a minute is "now".
    function ago(date) {
        const seconds = (date.getTime() - Date.now()) / 1000;
        const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 0];
        return size === 0 ? relative.format(0, 'second') : relative.format(Math.round(seconds / size), unit);
    }

    function roomItem(room) {
        const item = element('li', 'room-entry');
        const direct = typeof room.direct === 'string' && room.direct !== '' ? room.direct : null;
        item.dataset.room = direct === null ? room.room : `@${direct}`;
        const link = element('a', 'room-link', item.dataset.room);
        link.href = direct === null ? `/chat/${encodeURIComponent(room.room)}/` : `/dm/${encodeURIComponent(direct)}/`;
        if (direct !== null) {
            link.title = strings['directory.direct'];
        }
        const details = element('span', 'room-details');
        if (room.private === true && direct === null) {
            details.append(element('span', 'room-private', strings['directory.private']));
        }
        const online = Number.isInteger(room.online) ? room.online : room.members;
        if (Number.isInteger(online)) {
            details.append(element('span', online > 0 ? 'room-online room-active' : 'room-online',
                format(strings['directory.online'], numbers.format(online))));
        }
        if (Number.isInteger(room.messages)) {
            details.append(element('span', 'room-messages',
                format(strings['directory.messages'], numbers.format(room.messages))));
        }
        // A signed-in account's rooms (those it has joined) carry its unread and mention counts.
        if (Number.isInteger(room.unread) && room.unread > 0) {
            details.append(element('span', 'room-unread', format(strings['directory.unread'], count(room.unread))));
        }
        if (Number.isInteger(room.mentions) && room.mentions > 0) {
            details.append(element('span', 'room-mentions',
                format(strings['directory.mentions'], count(room.mentions))));
        }
        const date = validDate(room.last_activity);
        if (date !== null) {
            const time = element('time', 'room-activity', format(strings['directory.lastActivity'], ago(date)));
            time.dateTime = room.last_activity;
            time.title = localTime(date);
            details.append(time);
        }
        item.append(link, details);
        if (typeof room.topic === 'string' && room.topic !== '') {
            item.append(element('span', 'room-topic', room.topic));
        }
        return item;
    }

    function applyFilter() {
        const wanted = fold(filter.value.trim());
        let shown = 0;
        for (const item of list.children) {
            item.hidden = !fold(item.dataset.room).includes(wanted);
            shown += item.hidden ? 0 : 1;
        }
        if (list.childElementCount === 0) {
            status.textContent = strings['directory.empty'];
        } else {
            status.textContent = shown === 0 ? strings['directory.noMatch'] : '';
        }
        status.hidden = status.textContent === '';
    }

    async function load() {
        try {
            const response = await window.fetch('/api/rooms', { credentials: 'same-origin' });
            if (!response.ok) {
                throw new Error(`HTTP ${response.status}`);
            }
            const rooms = await response.json();
            list.replaceChildren(...(Array.isArray(rooms) ? rooms : []).filter((room) => room !== null
                && typeof room === 'object' && typeof room.room === 'string').map(roomItem));
            list.dataset.state = 'loaded';
            applyFilter();
        } catch (e) {
            list.dataset.state = 'failed';
            status.textContent = strings['directory.failed'];
            status.hidden = false;
        }
    }

    filter.addEventListener('input', applyFilter);
    load();
})();
