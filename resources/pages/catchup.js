// SPDX-License-Identifier: MIT
// Catching up on the room page (room.js): the read marker, the "new messages" divider, the unread count in the
// title while the tab is hidden, and the "jump to latest" button.
//
// - The marker is the id of the newest message this reader has read. A signed-in page whose server keeps
//   markers (its `welcome` has `read_id`) takes it from there and from live `read` events (read on another
//   device), and reports its own with `{"type": "read", "id": N}` at most once a second. Otherwise the marker
//   is kept in this browser's localStorage per room (`kaiwa.read.<room>`, with the history's epoch); a first
//   visit counts what it is shown on joining as read, as the server does for accounts.
// - A message is read once the newest message has been visible in the log of a visible tab that has focus.
// - The divider stands above the first message of others after the marker as it was when the reader came
//   (the page was opened, or the tab shown again after being hidden): it shows where the new part starts while
//   the reader goes through it, and moves only when the reader leaves and comes back, or reads elsewhere.
'use strict';

window.KaiwaCatchUp = (() => {
    const { strings, format, element, stored, store } = window.KaiwaKit;
    const REPORT_INTERVAL_MS = 1000; // docs/protocol.md: at most one `read` per second per room

    // counts(item): whether a message element counts as unread (not this reader's own, not deleted).
    // sendRead(id): sends a `read` frame; false when not connected. keepingBottom(change): room.js's.
    function create({ log, jumpButton, roomName, counts, sendRead, keepingBottom }) {
        const storageKey = `kaiwa.read.${roomName}`;
        const baseTitle = document.title;
        const divider = element('div', 'new-divider');
        divider.setAttribute('role', 'separator');
        divider.append(element('span', 'new-divider-label', strings['divider.new']));

        let known = false; // a marker was learnt (first welcome)
        let reading = false; // the first join's replay is shown: from now on what the reader sees is read
        let marker = 0; // newest message id read
        let dividerAt = 0; // the divider goes above the first counted message after this id
        let serverKeeps = false; // the server keeps this account's marker (welcome.read_id)
        let reportedId = 0; // what the server has from this page (or sent it in welcome)
        let lastReport = 0;
        let reportTimer = null;
        let epoch = '';
        let updateTimer = null;

        const messageItems = () => log.querySelectorAll(':scope > .message[data-id]');
        const idOf = (item) => Number(item.dataset.id);

        function localMarker() {
            try {
                const saved = JSON.parse(stored(storageKey) || 'null');
                return saved !== null && saved.epoch === epoch && Number.isInteger(saved.id) ? saved.id : null;
            } catch (e) {
                return null;
            }
        }

        // Another tab of the room may have read further: the stored marker never goes back.
        const storeLocal = () => store(storageKey, JSON.stringify({ epoch, id: Math.max(marker, localMarker() ?? 0) }));

        function report() {
            reportTimer = null;
            if (marker > reportedId && sendRead(marker)) {
                reportedId = marker;
                lastReport = Date.now();
            }
        }

        function persist() {
            if (!serverKeeps) {
                storeLocal();
            } else if (reportTimer === null) {
                reportTimer = window.setTimeout(report, Math.max(0, lastReport + REPORT_INTERVAL_MS - Date.now()));
            }
        }

        function newestVisible(newest) {
            const item = newest.getBoundingClientRect();
            const view = log.getBoundingClientRect();
            return item.top < view.bottom && item.bottom > view.top;
        }

        function markRead(newest) {
            if (!reading || newest === null || document.hidden || !document.hasFocus() || !newestVisible(newest)
                || idOf(newest) <= marker) {
                return;
            }
            const dividerShown = divider.isConnected;
            marker = idOf(newest);
            if (!dividerShown) {
                dividerAt = marker; // nothing was new when the reader came: what arrives while reading is read
            }
            persist();
        }

        function placeDivider() {
            const first = Array.from(messageItems()).find((item) => idOf(item) > dividerAt && counts(item));
            if (first === undefined) {
                divider.remove();
            } else if (divider.nextElementSibling !== first) {
                first.before(divider);
            }
        }

        // Brings everything in line with the log, its scrolling, the tab's visibility and focus.
        function update() {
            window.clearTimeout(updateTimer);
            updateTimer = null;
            if (!known) {
                return;
            }
            const items = messageItems();
            const newest = items.length > 0 ? items[items.length - 1] : null;
            markRead(newest); // before the divider goes above a message that arrived while the reader looks on
            keepingBottom(placeDivider);
            const unread = Array.from(items).filter((item) => idOf(item) > marker && counts(item)).length;
            document.title = document.hidden && unread > 0 ? `(${unread}) ${baseTitle}` : baseTitle;
            jumpButton.hidden = newest === null || newestVisible(newest);
            jumpButton.textContent = unread > 0 ? format(strings['jump.new'], unread) : strings['jump.latest'];
        }

        // The `welcome` of every connection: `readId` is its read_id (undefined when the server keeps none).
        function welcome(readId, lastId, welcomeEpoch) {
            epoch = welcomeEpoch;
            serverKeeps = Number.isInteger(readId);
            if (!known) {
                known = true;
                const local = serverKeeps ? null : localMarker();
                marker = serverKeeps ? readId : local ?? lastId;
                dividerAt = marker;
                if (!serverKeeps && local === null) {
                    storeLocal(); // a first visit: what it is shown now is read
                }
            } else if (serverKeeps && readId > marker) {
                marker = readId; // read elsewhere while this page was away
                dividerAt = Math.max(dividerAt, readId);
            }
            reportedId = serverKeeps ? readId : 0;
            if (serverKeeps && marker > reportedId) {
                persist(); // read here while disconnected
            }
            update();
        }

        // history.reset: the room's history is another one; what this page held of the old one is gone.
        function reset(lastId, newEpoch) {
            epoch = newEpoch;
            marker = lastId;
            dividerAt = lastId;
            if (!serverKeeps) {
                storeLocal();
            }
            update();
        }

        // After changes of the log: once for a burst of them (a replay brings hundreds of messages one by one).
        function scheduleUpdate() {
            if (updateTimer === null) {
                updateTimer = window.setTimeout(update, 0);
            }
        }

        // A `read` event: this account read up to `id` in `room`, here or on another device.
        function remoteRead(room, id) {
            if (room !== roomName || !Number.isInteger(id) || id <= marker) {
                return;
            }
            marker = id;
            if (id > reportedId) { // not this page's own report coming back
                dividerAt = Math.max(dividerAt, id);
            }
            update();
        }

        // After the first join's replay, which is all new to the reader when it follows the marker: opens the log at
        // the divider when there is one above what is shown, and starts reading.
        function showFirstUnread() {
            keepingBottom(placeDivider);
            reading = true;
            if (divider.isConnected && divider.getBoundingClientRect().top < log.getBoundingClientRect().top) {
                log.scrollTop += divider.getBoundingClientRect().top - log.getBoundingClientRect().top;
            }
            update();
        }

        document.addEventListener('visibilitychange', () => {
            if (document.hidden) {
                dividerAt = marker; // what comes while the reader is away is what is new when they come back
            }
            update();
        });
        window.addEventListener('focus', update);
        // What is in view changes without scrolling when the window or the log (it can be resized) changes size.
        new ResizeObserver(scheduleUpdate).observe(log);
        log.addEventListener('scroll', update, { passive: true });
        jumpButton.addEventListener('click', () => {
            log.scrollTop = log.scrollHeight;
            update();
        });

        return Object.freeze({ welcome, reset, remoteRead, update: scheduleUpdate, showFirstUnread,
            get marker() { return marker; } });
    }

    return Object.freeze({ create });
})();
