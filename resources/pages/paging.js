// SPDX-License-Identifier: MIT
// Older history for the room page (room.js): when the log is scrolled near its top, or is not tall enough to
// scroll at all, it asks for the page before its oldest message (`{"type": "history", "before": ID}`,
// docs/protocol.md) and lets room.js put the page above, keeping the message the reader looks at where it was.
// One request at a time; answers come in the order asked, on the connection that asked.
'use strict';

window.KaiwaPaging = (() => {
    const NEAR_TOP_PX = 120;
    const PAGE_SIZE = 50;
    const REVEAL_PAGES = 20; // how far back a jump to a message loads: 1000 messages

    // log: #chat-log. oldestId(): the id of the oldest message shown, or null. send(frame): true when it was
    // sent. insert(messages): puts a page's messages (oldest first) above the others.
    function create({ log, oldestId, send, insert }) {
        let pending = false; // a request is out on the current connection
        let exhausted = false; // the server said there is nothing older
        let waiters = []; // resolve functions of loadOlder() callers

        const settle = (result) => {
            const done = waiters;
            waiters = [];
            done.forEach((resolve) => resolve(result));
        };

        // Asks for the page before the oldest message; resolves true when a page came, false when nothing older
        // can be had (none left, nothing shown, or not connected).
        function loadOlder() {
            const before = oldestId();
            if (exhausted || before === null) {
                return Promise.resolve(false);
            }
            if (!pending) {
                if (!send({ type: 'history', before, limit: PAGE_SIZE })) {
                    return Promise.resolve(false);
                }
                pending = true;
            }
            return new Promise((resolve) => waiters.push(resolve));
        }

        // Loads older pages until the message `id` is shown (isShown(id)), at most REVEAL_PAGES of them. Resolves
        // 'shown'; 'missing' when the room's history does not hold it (deleted, or not of this room); 'tooFar';
        // or 'unavailable' (not connected).
        async function reveal(id, isShown) {
            for (let page = 0; ; page += 1) {
                const oldest = oldestId();
                if (isShown(id)) {
                    return 'shown';
                }
                if (oldest !== null && oldest < id) {
                    return 'missing'; // it would be among those shown
                }
                if (page === REVEAL_PAGES) {
                    return 'tooFar';
                }
                if (!(await loadOlder())) {
                    return exhausted || oldest === null ? 'missing' : 'unavailable';
                }
            }
        }

        function onHistory(data) {
            if (!pending) {
                return; // not asked by this page
            }
            pending = false;
            const messages = Array.isArray(data.messages) ? data.messages : [];
            exhausted = data.more !== true;
            const anchor = log.querySelector(':scope > .message[data-id]');
            const top = anchor === null ? 0 : anchor.getBoundingClientRect().top;
            insert(messages);
            if (anchor !== null) { // the reader's place stays where it was
                log.scrollTop += anchor.getBoundingClientRect().top - top;
            }
            settle(messages.length > 0);
            if (messages.length > 0 && log.scrollHeight <= log.clientHeight) {
                check(); // still nothing to scroll: fill the log
            }
        }

        const nearTop = () => log.scrollTop < NEAR_TOP_PX || log.scrollHeight <= log.clientHeight;

        // More is wanted when the reader is near the top; called on scroll and once the join's replay is shown.
        function check() {
            if (nearTop() && !pending) {
                loadOlder();
            }
        }

        // The connection is gone: its answer will not come. A new history (history.reset) may have older pages.
        function disconnected() {
            pending = false;
            settle(false);
        }

        function reset() {
            disconnected();
            exhausted = false;
        }

        log.addEventListener('scroll', check, { passive: true });

        return Object.freeze({ loadOlder, reveal, onHistory, check, disconnected, reset,
            get exhausted() { return exhausted; } });
    }

    return Object.freeze({ create });
})();
