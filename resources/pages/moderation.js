// SPDX-License-Identifier: MIT
// Rooms with owners on the room page (docs/protocol.md, "Rooms with owners"): the header shows the room's topic
// (and "@bob" for a direct-message room), kept current by room.settings; a moderator's or owner's page lists the
// people in the room with Kick, Ban and Mute (a reason, and for Ban and Mute a duration, asked in a small form
// under the name); the moderation events of the room are told in the notice line; and a connection the server
// closed with 4010 (kicked), 4011 (banned) or 4012 (room unavailable) says so instead of reconnecting (after a
// kick the notice offers a link that joins again). room.js owns the socket and asks this module what to show.
'use strict';

window.KaiwaModeration = (() => {
    const { strings, format, format2, element, button, validDate, localTime } = window.KaiwaKit;

    const CLOSE_KICKED = 4010;
    const CLOSE_BANNED = 4011;
    const CLOSE_UNAVAILABLE = 4012;
    const MAX_REASON = 200; // characters, as the server takes them
    const MAX_MINUTES = 525600;
    const MODERATORS = new Set(['moderator', 'owner']);

    /**
     * `options`: title (the h1), topic (the topic line), list (the moderator's member list), account ('' when
     * anonymous), request(frame) (sends a kaiwa.v1 request now, never again), notify(text, kind)
     * (the notice line), rejoin() (connect again after a kick).
     */
    function create(options) {
        const { title, topic, list, account, request, notify, rejoin } = options;
        let role = null; // this connection's role: 'owner' | 'moderator' | 'member' | null
        let direct = ''; // the other account of a direct-message room
        let ownMemberId = '';
        let lastAgainstMe = null; // the moderation frame that named this connection, before its close
        let openForm = null; // the member id whose form is open

        const canModerate = () => MODERATORS.has(role);

        function renderHeader(text, isPrivate) {
            if (direct !== '') {
                title.textContent = `@${direct}`;
            }
            topic.textContent = text;
            topic.hidden = text === '';
            title.classList.toggle('room-private', isPrivate && direct === '');
            title.title = isPrivate && direct === '' ? strings['room.private'] : '';
        }

        function welcome(data) {
            role = typeof data.role === 'string' ? data.role : null;
            direct = typeof data.direct === 'string' ? data.direct : '';
            ownMemberId = typeof data.member_id === 'string' ? data.member_id : '';
            lastAgainstMe = null;
            renderHeader(typeof data.topic === 'string' ? data.topic : '', data.private === true);
        }

        function settings(data) {
            renderHeader(typeof data.topic === 'string' ? data.topic : topic.textContent, data.private === true);
        }

        // A role change of this account: returns whether it changed what this page may do.
        function roleChanged(data) {
            if (account === '' || data.user !== account) {
                return false;
            }
            const before = canModerate();
            role = typeof data.role === 'string' ? data.role : null;
            return before !== canModerate();
        }

        const targetsMe = (data) => (typeof data.member_id === 'string' ? data.member_id === ownMemberId
            : account !== '' && data.user === account);

        function untilText(until) {
            const date = validDate(until);
            return date === null ? '' : localTime(date);
        }

        function moderation(data) {
            if (targetsMe(data)) {
                lastAgainstMe = data;
            }
            const user = String(data.user ?? '');
            const by = String(data.by ?? '');
            const text = strings[`event.${data.action}`];
            if (text === undefined) {
                return;
            }
            const reason = typeof data.reason === 'string' && data.reason !== '' ? data.reason : '';
            notify(reason === '' ? format2(text, user, by)
                                 : `${format2(text, user, by)} ${format(strings['close.reason'], reason)}`, 'info');
        }

        // The notice for a close code of these rooms, or null for any other code (room.js reconnects then).
        function closed(event) {
            if (![CLOSE_KICKED, CLOSE_BANNED, CLOSE_UNAVAILABLE].includes(event.code)) {
                return null;
            }
            const frame = lastAgainstMe;
            lastAgainstMe = null;
            const reason = frame !== null && typeof frame.reason === 'string' ? frame.reason : event.reason;
            const parts = [];
            if (event.code === CLOSE_KICKED) {
                parts.push(strings['close.kicked']);
            } else if (event.code === CLOSE_BANNED) {
                const until = frame === null ? '' : untilText(frame.until);
                parts.push(until === '' ? strings['close.banned'] : format(strings['close.bannedUntil'], until));
            } else {
                parts.push(strings['close.unavailable']);
            }
            if (event.code !== CLOSE_UNAVAILABLE && reason) {
                parts.push(format(strings['close.reason'], reason));
            }
            const node = document.createDocumentFragment();
            node.append(parts.join(' '));
            if (event.code === CLOSE_KICKED) {
                const link = element('a', 'rejoin-link', strings['close.rejoin']);
                link.href = window.location.pathname;
                link.addEventListener('click', (e) => {
                    e.preventDefault();
                    rejoin();
                });
                node.append(' ', link);
            }
            return { code: event.code, content: node, status: strings[`status.${event.code === CLOSE_KICKED
                ? 'kicked' : 'closed'}`] };
        }

        // ---- the moderator's member list ------------------------------------------------------------

        function actionForm(id, name, action) {
            const form = element('form', 'moderation-form');
            form.dataset.action = action;
            form.setAttribute('aria-label', format(strings[`moderation.${action}Title`], name));
            const reason = element('input', 'moderation-reason');
            reason.type = 'text';
            reason.maxLength = MAX_REASON;
            reason.placeholder = strings['moderation.reason'];
            reason.setAttribute('aria-label', strings['moderation.reason']);
            form.append(reason);
            let minutes = null;
            if (action !== 'kick') {
                minutes = element('input', 'moderation-minutes');
                minutes.type = 'number';
                minutes.min = '1';
                minutes.max = String(MAX_MINUTES);
                minutes.placeholder = strings['moderation.minutes'];
                minutes.setAttribute('aria-label', strings['moderation.minutes']);
                form.append(minutes);
            }
            const submit = element('button', 'moderation-submit', strings[`moderation.${action}`]);
            submit.type = 'submit';
            form.append(submit, button('moderation-cancel', strings['moderation.cancel'], undefined, () => {
                openForm = null;
                form.remove();
            }));
            form.addEventListener('submit', (e) => {
                e.preventDefault();
                const frame = { type: action, user: id };
                if (reason.value.trim() !== '') {
                    frame.reason = reason.value.trim();
                }
                if (minutes !== null && minutes.value !== '') {
                    frame.minutes = Number(minutes.value);
                }
                request(frame);
                openForm = null;
                form.remove();
            });
            form.addEventListener('keydown', (e) => {
                if (e.key === 'Escape') {
                    e.stopPropagation();
                    openForm = null;
                    form.remove();
                }
            });
            return form;
        }

        function memberRow(id, name) {
            const item = element('li', 'member-entry');
            item.dataset.member = id;
            item.append(element('span', 'member-name', name));
            if (id !== ownMemberId) {
                for (const action of ['kick', 'ban', 'mute']) {
                    item.append(button(`member-action member-${action}`, strings[`moderation.${action}`],
                        format(strings[`moderation.${action}Title`], name), () => {
                            item.querySelector('.moderation-form')?.remove();
                            openForm = `${id} ${action}`;
                            const form = actionForm(id, name, action);
                            item.append(form);
                            form.querySelector('input').focus();
                        }));
                }
            }
            return item;
        }

        // `members`: member id -> display name. Shown to moderators only; an open form stays while its member does.
        function renderMembers(members, byName) {
            list.hidden = !canModerate() || members.size === 0;
            if (list.hidden) {
                list.replaceChildren();
                openForm = null;
                return;
            }
            const kept = new Map(Array.from(list.querySelectorAll('.moderation-form'),
                (form) => [`${form.closest('.member-entry').dataset.member} ${form.dataset.action}`, form]));
            const entries = Array.from(members.entries()).sort((a, b) => byName(a[1], b[1]));
            list.replaceChildren(...entries.map(([id, name]) => {
                const row = memberRow(id, name);
                const form = kept.get(openForm);
                if (form !== undefined && openForm.startsWith(`${id} `)) {
                    row.append(form);
                }
                return row;
            }));
        }

        return Object.freeze({ welcome, settings, roleChanged, moderation, closed, canModerate, renderMembers });
    }

    return Object.freeze({ create });
})();
