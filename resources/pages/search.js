// SPDX-License-Identifier: MIT
// The search box of the room page: `GET /api/search` (docs/protocol.md, "Search") in this room, or in every
// room with the toggle; results newest first with room, author, time and the matched parts marked (text nodes
// and <mark> elements, never HTML), more on request (`next_before`). Activating a result calls open(result).
'use strict';

window.KaiwaSearch = (() => {
    const { strings, format, element, button, timeElement } = window.KaiwaKit;
    const PAGE_SIZE = 20;

    // The text with its `highlights` ([[start, length], ...] in UTF-16 code units, sorted, not overlapping) in
    // <mark> elements. Spans out of order or out of range are left unmarked.
    function markedText(className, text, highlights) {
        const node = element('span', className);
        let done = 0;
        for (const span of Array.isArray(highlights) ? highlights : []) {
            const [start, length] = Array.isArray(span) ? span.map(Number) : [];
            if (!Number.isInteger(start) || !Number.isInteger(length) || length <= 0 || start < done
                || start + length > text.length) {
                continue;
            }
            node.append(text.slice(done, start), element('mark', 'search-match', text.slice(start, start + length)));
            done = start + length;
        }
        node.append(text.slice(done));
        return node;
    }

    function errorText(status, code) {
        const known = { empty_query: 'search.emptyQuery', query_too_long: 'search.tooLong',
            rate_limited: 'error.rate_limited' }[code];
        if (known !== undefined) {
            return strings[known];
        }
        return status === 401 || status === 403 ? strings['search.signIn'] : strings['search.failed'];
    }

    // form: #search-form (holding #search-input and #search-all-rooms); panel: #search-panel, holding
    // #search-status, #search-results, #search-more and #search-close. roomName: this page's room.
    function create({ form, input, allRooms, panel, status, list, more, close, roomName, open }) {
        let query = null; // {q, room, nextBefore} of the results shown
        let busy = false;

        function setStatus(text) {
            status.textContent = text;
            status.hidden = text === '';
        }

        function resultItem(result) {
            const item = element('li', 'search-result-item');
            const entry = button('search-result', undefined, undefined, () => open(result));
            const header = element('span', 'search-result-header');
            if (query.room === '') {
                header.append(element('span', 'search-result-room', result.room));
            }
            header.append(element('span', 'search-result-user', result.user));
            const time = timeElement(result.time, 'search-result-time');
            if (time !== null) {
                header.append(time);
            }
            entry.append(header, markedText('search-result-text', result.message, result.highlights));
            item.append(entry);
            return item;
        }

        const validResult = (result) => result !== null && typeof result === 'object' && Number.isInteger(result.id)
            && typeof result.room === 'string' && typeof result.message === 'string';

        async function fetchPage(appending) {
            const parameters = new URLSearchParams({ q: query.q, limit: String(PAGE_SIZE) });
            if (query.room !== '') {
                parameters.set('room', query.room);
            }
            if (appending) {
                parameters.set('before', String(query.nextBefore));
            }
            const asked = query;
            busy = true;
            more.hidden = true;
            setStatus(strings['search.searching']);
            try {
                const response = await window.fetch(`/api/search?${parameters}`, { credentials: 'same-origin' });
                const body = await response.json().catch(() => ({}));
                if (asked !== query) {
                    return; // another search started meanwhile
                }
                if (!response.ok) {
                    setStatus(errorText(response.status, body.error));
                    return;
                }
                const results = (Array.isArray(body.results) ? body.results : []).filter(validResult);
                list.append(...results.map((result) => resultItem({ ...result, user: String(result.user ?? '') })));
                query.nextBefore = body.more === true ? body.next_before : null;
                more.hidden = query.nextBefore === null || query.nextBefore === undefined;
                const shown = list.childElementCount;
                setStatus(shown === 0 ? strings['search.none'] : format(strings['search.count'], shown));
            } catch (e) {
                if (asked === query) {
                    setStatus(strings['search.failed']);
                }
            } finally {
                if (asked === query) {
                    busy = false;
                }
            }
        }

        function search() {
            const q = input.value.trim();
            if (q === '') {
                hide();
                return;
            }
            query = { q, room: allRooms.checked ? '' : roomName, nextBefore: null };
            list.replaceChildren();
            panel.hidden = false;
            fetchPage(false);
        }

        function hide() {
            query = null;
            busy = false;
            list.replaceChildren();
            panel.hidden = true;
            setStatus('');
        }

        form.addEventListener('submit', (e) => {
            e.preventDefault();
            search();
        });
        allRooms.addEventListener('change', () => {
            if (query !== null) {
                search();
            }
        });
        input.addEventListener('keydown', (e) => {
            if (e.key === 'Escape' && !e.isComposing) {
                input.value = '';
                hide();
            }
        });
        more.addEventListener('click', () => {
            if (query !== null && !busy && query.nextBefore !== null) {
                fetchPage(true);
            }
        });
        close.addEventListener('click', () => {
            hide();
            input.focus();
        });

        return Object.freeze({ hide });
    }

    return Object.freeze({ create, markedText });
})();
