// SPDX-License-Identifier: MIT
// The chat room page of /chat/<room>/ (docs/protocol.md, subprotocol kaiwa.v1).
//
// - The log is the tutorial's #chat-log, a role="log" list of message elements built from text only
//   (see "the log" below). Nothing from the server or the user is ever parsed as HTML.
// - Reconnects by itself with exponential backoff (0.5 s doubling to 20 s, with jitter) and asks
//   only for what it missed (?since=<last id>&epoch=<the history's epoch>); ids already applied are
//   ignored. A history.reset (the server's history is another one now) empties the log first.
// - Sending never loses a message: each request carries a client_id and stays in an outbox until the
//   server confirms it (its own echo or an ack). Requests made while disconnected are queued and sent
//   on reconnect; the server drops duplicates by client_id. A refused message or edit goes back into
//   the input box.
// - Shows who is in the room ("2 online: alice, bob") and who is typing, from the kaiwa.v1
//   presence and typing events, as text. Tells the room when this user types, at most every 2 s.
// - Conversations (docs/protocol.md, "Conversations"): a reply quotes what it answers, an edit changes
//   its message in place, a delete leaves a tombstone, reactions are a row of chips under a message,
//   mentions are marked (a mention of this user more strongly). Each message has a toolbar, shown on
//   hover and on keyboard focus, to reply, react, edit and delete (see "actions").
// - Catching up (catchup.js): the read marker, the "new messages" divider, the unread count in the title
//   while the tab is hidden, "jump to latest". Older history when scrolled to the top (paging.js). The search
//   box (search.js). A mention of this user while the tab is hidden is a browser notification once the user
//   allowed them with the "notify me" button (never asked on load).
// - Rooms with owners (moderation.js): the topic in the header, "@name" for a direct-message room (page
//   /dm/<account>/, socket /ws/dm/<account>/), Delete on every message and Kick/Ban/Mute in the member list for
//   moderators, and no reconnecting after a ban (4011) or a lost room (4012); after a kick (4010) only on request.
'use strict';

(() => {
    const { strings, format, format2, element, button, validDate, localTime, timeElement, stored, store } =
        window.KaiwaKit;
    const roomName = JSON.parse(document.getElementById('room-name').textContent);
    const account = JSON.parse(document.getElementById('room-account').textContent); // '' when anonymous
    const log = document.querySelector('#chat-log');
    const input = document.querySelector('#chat-message-input');
    const submit = document.querySelector('#chat-message-submit');
    const nameInput = document.querySelector('#display-name-input');
    const status = document.querySelector('#connection-status');
    const notice = document.querySelector('#chat-notice');
    const membersLine = document.querySelector('#room-members');
    const typingLine = document.querySelector('#typing-indicator');
    const composeBar = document.querySelector('#compose-context');
    const composeText = document.querySelector('#compose-context-text');
    const composeCancel = document.querySelector('#compose-cancel');
    const notifyButton = document.querySelector('#notify-button');
    const jumpButton = document.querySelector('#jump-latest');

    const NAME_KEY = 'kaiwa.name';
    const RECENT_EMOJI_KEY = 'kaiwa.recentEmoji';
    const MIN_DELAY_MS = 500;
    const MAX_DELAY_MS = 20000;
    const TYPING_INTERVAL_MS = 2000; // docs/protocol.md: at most one typing notification per 2 s
    const EXCERPT_LENGTH = 100; // as the server's reply quotes
    const NAMED_REACTORS = 20; // the server names at most this many reactors per emoji
    const COMMON_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];
    const RECENT_EMOJI_COUNT = 8;
    // Error codes that refuse one message the client sent. Servers that do not name the refused
    // request's client_id refused the oldest one still in flight.
    const REFUSING_CODES = new Set(['rate_limited', 'store_failed', 'empty_message', 'invalid_message',
        'missing_message', 'invalid_field', 'muted']);
    // A direct-message page (/dm/<account>/) connects to /ws/dm/<account>/; a room's page to /ws/chat/<room>/.
    const directPath = /^\/dm\/([^/]+)\/$/.exec(window.location.pathname);

    let socket = null; // the current WebSocket, or null while waiting to reconnect
    let open = false;
    let connection = 0; // counts welcomes: which connection a message was replayed on
    let replaying = false; // from welcome to presence: the join's replay of current state
    let historyShown = false; // the first join's replay is over: what follows is new to the reader
    let highestId = 0; // highest id (message or event) applied
    let resumeId = null; // ?since= for the next connection; null before the first welcome
    let epoch = ''; // the history resumeId belongs to (welcome, history.reset)
    let attempt = 0;
    let retryTimer = null;
    let countdownTimer = null;
    let leaving = false;
    let stopped = false; // the server closed with a code that reconnecting cannot undo (moderation.js)
    let serverName = '';
    let statusText = '';
    const outbox = []; // {clientId, frame, kind, text?, target?, socket}: sent or queued, not yet confirmed
    // Client ids of a moderator's kicks, bans and mutes: sent only while connected and never again (a kick
    // repeated after a reconnect would be a second kick); a refusal names one of them.
    const moderationRequests = new Set();
    let ownMemberId = '';
    let members = new Map(); // member id -> display name, from presence, member.joined and member.left
    const typists = new Map(); // member id -> {user, timer}
    let lastTypingSent = 0;

    const appliedIds = new Set(); // ids of messages and events applied: each is applied once
    const records = new Map(); // message id -> record (see messageRecord)
    const ownIds = new Set(); // messages this connection sent: an anonymous author is its connection
    const heldReactions = new Map(); // "<id> <emoji>" -> whether this user holds it, as last asked
    let compose = null; // {kind: 'reply' | 'edit', target: id} while the input replies or edits
    let draft = ''; // what the input held before an edit started, back on cancel
    let activeMessage = null; // the message whose controls are in the tab order

    const stringList = (value) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);

    // ---- recent emoji --------------------------------------------------------------------------

    function recentEmoji() {
        try {
            return stringList(JSON.parse(stored(RECENT_EMOJI_KEY) || '[]')).slice(0, RECENT_EMOJI_COUNT);
        } catch (e) {
            return [];
        }
    }

    function rememberEmoji(emoji) {
        const recent = [emoji, ...recentEmoji().filter((item) => item !== emoji)].slice(0, RECENT_EMOJI_COUNT);
        store(RECENT_EMOJI_KEY, JSON.stringify(recent));
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

    // `content` is text, or nodes built from text (a notice with a link).
    function setNotice(content, kind) {
        notice.replaceChildren(content);
        notice.dataset.kind = kind;
        notice.hidden = notice.textContent === '';
    }

    // ---- mentions ------------------------------------------------------------------------------

    const { fold, mentionSpans } = window.KaiwaMentions; // mentions.js: the server's rule
    const ownNames = () => [serverName, account].filter((name) => name !== '').map(fold);
    const mentionsMe = (mentions) => mentions.some((name) => ownNames().includes(fold(name)));

    // ---- the log -------------------------------------------------------------------------------
    //
    // Each message is an element of its own in #chat-log: the quote of the message it answers; a
    // header with the sender's name, a badge when the server verified the sender's account
    // ("verified": true), the time and "(edited)"; then the text, whose line breaks stay inside that
    // element, with its mentions marked; the reactions; the actions. Everything is set as textContent.
    // The badge is an element drawn by the style sheet, not a character, so a name such as "alice ✓"
    // stays plain text, and a text with a line break and "20:17 bob ✓: approved" stays one message's
    // text, under its header.

    const excerpt = (text) => {
        const characters = Array.from(text);
        return characters.length > EXCERPT_LENGTH ? `${characters.slice(0, EXCERPT_LENGTH).join('')}…` : text;
    };

    function replyQuote(value) {
        if (value === null || typeof value !== 'object' || typeof value.id !== 'number') {
            return null;
        }
        return { id: value.id, user: String(value.user ?? ''), excerpt: String(value.excerpt ?? ''),
            deleted: value.deleted === true };
    }

    function reactionList(value) {
        return (Array.isArray(value) ? value : []).filter((reaction) => reaction !== null
            && typeof reaction === 'object' && typeof reaction.emoji === 'string').map((reaction) => ({
            emoji: reaction.emoji, count: Number(reaction.count) || 0, users: stringList(reaction.users) }));
    }

    // What the page knows of a message, kept current by chat.edit, chat.delete and chat.reaction.
    function messageRecord(data) {
        const deleted = data.deleted === true;
        return {
            id: data.id,
            user: typeof data.user === 'string' ? data.user : '',
            verified: data.verified === true,
            text: deleted ? '' : String(data.message),
            deleted,
            edited: !deleted && validDate(data.edited) !== null ? data.edited : null,
            mentions: deleted ? [] : stringList(data.mentions),
            reactions: deleted ? [] : reactionList(data.reactions),
            replyTo: deleted ? null : replyQuote(data.reply_to),
            replay: replaying ? connection : 0, // current state sent by this connection's replay
        };
    }

    function messageElement(data, record) {
        const item = element('article', 'message');
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
        const time = timeElement(data.time, 'message-time');
        if (time !== null) {
            header.append(time);
        }
        if (record === null) { // a tutorial-only server: its text, under whatever header it gives
            if (header.childElementCount > 0) {
                item.append(header);
            }
            item.append(element('div', 'message-text', String(data.message)));
            return item;
        }
        item.dataset.id = String(record.id);
        item.tabIndex = -1; // reached with the arrow keys from the log (see "keyboard")
        record.element = item;
        record.quote = element('div', 'message-reply');
        record.editedMark = element('span', 'message-edited', strings['message.edited']);
        record.textNode = element('div', 'message-text');
        record.reactionRow = element('div', 'message-reactions');
        record.toolbar = actionToolbar(record);
        header.append(record.editedMark);
        item.append(record.quote, header, record.textNode, record.reactionRow, record.toolbar);
        render(record);
        return item;
    }

    function render(record) {
        renderQuote(record);
        renderText(record);
        renderEdited(record);
        renderReactions(record);
        renderActions(record);
    }

    function renderQuote(record) {
        const quote = record.replyTo;
        record.quote.replaceChildren();
        record.quote.hidden = quote === null;
        if (quote === null) {
            return;
        }
        const jump = button('reply-jump', undefined, strings['reply.jump'], () => revealMessage(quote.id));
        jump.tabIndex = record === activeMessage ? 0 : -1;
        if (quote.deleted) {
            jump.append(element('span', 'reply-excerpt reply-deleted', strings['reply.deleted']));
        } else {
            jump.append(element('span', 'reply-user', quote.user), element('span', 'reply-excerpt', quote.excerpt));
        }
        record.quote.append(jump);
    }

    // The text as text nodes, with every mention the server listed in a span of its own.
    function renderText(record) {
        const node = record.textNode;
        node.replaceChildren();
        node.classList.toggle('message-deleted', record.deleted);
        record.element.classList.toggle('message-mentions-me', mentionsMe(record.mentions));
        if (record.deleted) {
            node.textContent = strings['message.deleted'];
            return;
        }
        const listed = new Set(record.mentions.map(fold));
        const mine = ownNames();
        let done = 0;
        for (const span of mentionSpans(record.text)) {
            const key = fold(span.name);
            if (!listed.has(key)) {
                continue;
            }
            node.append(record.text.slice(done, span.start));
            node.append(element('span', mine.includes(key) ? 'mention mention-me' : 'mention',
                record.text.slice(span.start, span.end)));
            done = span.end;
        }
        node.append(record.text.slice(done));
    }

    function renderEdited(record) {
        const date = validDate(record.edited);
        record.editedMark.hidden = date === null;
        record.editedMark.title = date === null ? '' : format(strings['message.editedAt'], localTime(date));
    }

    function heldByMe(record, reaction) {
        const held = heldReactions.get(`${record.id} ${reaction.emoji}`);
        // An account holds its reactions on every device; an anonymous reactor is its connection.
        return held ?? (account !== '' && reaction.users.includes(account));
    }

    function reactorsText(reaction) {
        const names = reaction.users.join(strings['presence.separator']);
        const unnamed = reaction.count - reaction.users.length;
        return unnamed > 0 ? `${names}${strings['presence.separator']}${format(strings['reaction.more'], unnamed)}`
                           : names;
    }

    function renderReactions(record) {
        record.reactionRow.replaceChildren(...record.reactions.map((reaction) => {
            const chip = button('reaction', undefined, reactorsText(reaction),
                () => toggleReaction(record, reaction.emoji));
            chip.append(element('span', 'reaction-emoji', reaction.emoji),
                element('span', 'reaction-count', String(reaction.count)));
            chip.setAttribute('aria-pressed', String(heldByMe(record, reaction)));
            chip.tabIndex = record === activeMessage ? 0 : -1;
            return chip;
        }));
        record.reactionRow.hidden = record.reactions.length === 0;
    }

    // The tutorial's own browser tests read document.querySelector('#chat-log').value, the text of
    // the <textarea> the tutorial's log is. A <textarea> cannot tell a page's line from a line inside a
    // message, nor a verification mark from a name, so #chat-log is the list above, and keeps a
    // read-only `value` for such tests and scripts: the log as text, one message per line,
    // "HH:MM name: text" (a deleted one's text is "message deleted"), later lines of a text indented by
    // two spaces. It is derived from the elements and says nothing of verification, quotes or
    // reactions: only the elements do.
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

    // Runs a change of the log and keeps it scrolled to the end if it was there.
    function keepingBottom(change) {
        const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
        change();
        if (atBottom) {
            log.scrollTop = log.scrollHeight;
        }
    }

    // Every message and event has an id of the room's one sequence: each is applied once.
    function firstTime(id) {
        if (typeof id !== 'number') {
            return true; // a tutorial-only server gives no ids
        }
        if (appliedIds.has(id)) {
            return false;
        }
        appliedIds.add(id);
        highestId = Math.max(highestId, id);
        resumeId = Math.max(resumeId ?? 0, id);
        return true;
    }

    function showChatMessage(data, sentHere) {
        if (!firstTime(data.id)) {
            return;
        }
        const record = typeof data.id === 'number' ? messageRecord(data) : null;
        if (record !== null) {
            records.set(record.id, record);
            if (sentHere) {
                ownIds.add(record.id);
            }
        }
        keepingBottom(() => log.append(messageElement(data, record)));
        if (record !== null) {
            catchUp.update();
            noteNewMessage(record);
        }
    }

    // A page of older history (paging.js), oldest first: above everything shown.
    function insertOlder(messages) {
        const page = document.createDocumentFragment();
        messages.filter((data) => data !== null && typeof data === 'object' && typeof data.id === 'number'
            && firstTime(data.id)).forEach((data) => {
            const record = messageRecord(data);
            records.set(record.id, record);
            page.append(messageElement(data, record));
        });
        log.prepend(page);
        catchUp.update();
    }

    function oldestId() {
        const first = log.querySelector(':scope > .message[data-id]');
        return first === null ? null : Number(first.dataset.id);
    }

    function applyEdit(data) {
        const record = records.get(data.target);
        // A replayed edit of a message deleted since carries no text: the tombstone stays.
        if (!firstTime(data.id) || record === undefined || record.deleted || data.deleted === true
            || typeof data.message !== 'string') {
            return;
        }
        record.text = data.message;
        record.edited = validDate(data.time) ? data.time : record.edited;
        record.mentions = stringList(data.mentions);
        keepingBottom(() => {
            renderText(record);
            renderEdited(record);
        });
    }

    function applyDelete(data) {
        const record = records.get(data.target);
        if (!firstTime(data.id) || record === undefined || record.deleted) {
            return;
        }
        Object.assign(record, { deleted: true, text: '', edited: null, mentions: [], reactions: [], replyTo: null });
        closePicker(record);
        if (compose !== null && compose.target === record.id) {
            setCompose(null); // nothing left to answer or edit; what was typed stays
        }
        keepingBottom(() => {
            render(record);
            catchUp.update();
            records.forEach((other) => {
                if (other.replyTo !== null && other.replyTo.id === record.id && !other.replyTo.deleted) {
                    other.replyTo.deleted = true;
                    renderQuote(other);
                }
            });
        });
    }

    function applyReaction(data) {
        const record = records.get(data.target);
        if (!firstTime(data.id) || record === undefined || record.deleted || typeof data.emoji !== 'string') {
            return;
        }
        const user = String(data.user ?? '');
        const added = data.added === true;
        let reaction = record.reactions.find((item) => item.emoji === data.emoji);
        // A message replayed as it is now already holds the reactions its replay goes on to list: skip
        // those that agree with it. Elsewhere names do not identify reactors (two people may share one).
        const named = reaction !== undefined && reaction.users.includes(user);
        if (replaying && record.replay === connection && named === added) {
            return;
        }
        if (added) {
            if (reaction === undefined) {
                reaction = { emoji: data.emoji, count: 0, users: [] };
                record.reactions.push(reaction);
            }
            reaction.count += 1;
            if (reaction.users.length < NAMED_REACTORS) {
                reaction.users.push(user);
            }
        } else if (reaction !== undefined) {
            reaction.count -= 1;
            if (named) {
                reaction.users.splice(reaction.users.indexOf(user), 1);
            }
            if (reaction.count <= 0) {
                record.reactions.splice(record.reactions.indexOf(reaction), 1);
            }
        }
        keepingBottom(() => renderReactions(record));
    }

    // The server's history is another one now (reset, restored from a backup, a restarted in-memory
    // store): nothing shown belongs to it. What was typed and not confirmed stays in the outbox.
    function resetLog() {
        closePicker(null);
        setCompose(null);
        log.replaceChildren();
        records.clear();
        appliedIds.clear();
        ownIds.clear();
        heldReactions.clear();
        activeMessage = null;
        highestId = 0;
    }

    // Shows a message in the log, loading older history until it is there (paging.js says how far).
    async function revealMessage(id) {
        const outcome = await paging.reveal(id, (wanted) => records.has(wanted));
        if (outcome === 'shown') {
            jumpTo(records.get(id));
        } else {
            setNotice(strings[`notice.${outcome}`], 'info');
        }
    }

    function jumpTo(target) {
        target.element.scrollIntoView({ block: 'center' });
        target.element.focus({ preventScroll: true });
        target.element.classList.remove('message-jumped');
        void target.element.offsetWidth; // restart the highlight's animation
        target.element.classList.add('message-jumped');
    }

    // ---- actions -------------------------------------------------------------------------------
    //
    // Reply, React, Edit and Delete on each message: a toolbar shown on hover and while the message or
    // one of its controls has keyboard focus. Edit and Delete only on this user's own messages: those
    // of its account, or (anonymous) those this connection sent. The server checks again (forbidden).

    const conversational = () => open && socket !== null && socket.protocol === 'kaiwa.v1';
    const isOwn = (record) => ownIds.has(record.id) || (account !== '' && record.verified && record.user === account);

    function actionToolbar(record) {
        const toolbar = element('div', 'message-actions');
        toolbar.setAttribute('role', 'toolbar');
        toolbar.setAttribute('aria-label', strings['action.label']);
        record.actions = {
            reply: button('action action-reply', strings['action.reply'], undefined, () => startReply(record)),
            react: button('action action-react', strings['action.react'], undefined, () => togglePicker(record)),
            edit: button('action action-edit', strings['action.edit'], undefined, () => startEdit(record)),
            delete: button('action action-delete', strings['action.delete'], undefined, () => askDelete(record)),
        };
        record.actions.react.setAttribute('aria-haspopup', 'true');
        Object.values(record.actions).forEach((action) => {
            action.tabIndex = -1;
            toolbar.append(action);
        });
        return toolbar;
    }

    function renderActions(record) {
        record.toolbar.hidden = record.deleted;
        record.actions.edit.hidden = !isOwn(record);
        // Moderators and owners delete any message; the server marks such a delete as theirs.
        record.actions.delete.hidden = !isOwn(record) && !moderationUi.canModerate();
    }

    function setCompose(context) {
        compose = context;
        const target = context === null ? undefined : records.get(context.target);
        composeBar.hidden = target === undefined;
        if (target === undefined) {
            compose = null;
            composeBar.removeAttribute('data-kind');
            composeText.textContent = '';
            return;
        }
        composeBar.dataset.kind = context.kind;
        composeText.textContent = context.kind === 'edit' ? strings['compose.editing']
            : format2(strings['compose.replying'], target.user, excerpt(target.text));
    }

    function startReply(record) {
        if (compose !== null && compose.kind === 'edit') {
            input.value = draft;
        }
        setCompose({ kind: 'reply', target: record.id });
        input.focus();
    }

    function startEdit(record) {
        if (compose === null || compose.kind !== 'edit') {
            draft = input.value;
        }
        setCompose({ kind: 'edit', target: record.id });
        input.value = record.text;
        input.focus();
    }

    function cancelCompose() {
        if (compose !== null && compose.kind === 'edit') {
            input.value = draft;
        }
        setCompose(null);
        input.focus();
    }

    function lastOwnMessage() {
        const own = Array.from(records.values()).filter((record) => !record.deleted && isOwn(record));
        return own.length > 0 ? own.reduce((a, b) => (b.id > a.id ? b : a)) : undefined;
    }

    function askDelete(record) {
        if (window.confirm(strings['confirm.delete'])) {
            request({ type: 'delete', id: record.id }, { kind: 'delete' });
        }
        record.element.focus();
    }

    function toggleReaction(record, emoji) {
        const key = `${record.id} ${emoji}`;
        const existing = record.reactions.find((reaction) => reaction.emoji === emoji);
        const adding = existing === undefined || !heldByMe(record, existing);
        heldReactions.set(key, adding);
        if (adding) {
            rememberEmoji(emoji);
        }
        request({ type: adding ? 'react' : 'unreact', id: record.id, emoji }, { kind: 'reaction', key });
    }

    // The emoji picker: this user's recently used emoji, then common ones, as buttons under the message.
    function togglePicker(record) {
        const opened = record.element.querySelector('.emoji-picker');
        // Focus goes back to React before the picker goes: the toolbar shows only while the message holds focus.
        record.actions.react.focus();
        closePicker(null);
        if (opened !== null) {
            return;
        }
        const picker = element('div', 'emoji-picker');
        picker.setAttribute('role', 'group');
        picker.setAttribute('aria-label', strings['picker.label']);
        const choices = [...recentEmoji(), ...COMMON_EMOJI];
        choices.filter((emoji, index) => choices.indexOf(emoji) === index).slice(0, 12).forEach((emoji) => {
            picker.append(button('emoji-choice', emoji, undefined, () => {
                record.actions.react.focus();
                closePicker(null);
                toggleReaction(record, emoji);
            }));
        });
        picker.addEventListener('keydown', (e) => {
            if (e.key === 'Escape') {
                e.stopPropagation();
                record.actions.react.focus();
                closePicker(null);
            }
        });
        record.toolbar.after(picker);
        record.actions.react.setAttribute('aria-expanded', 'true');
        picker.firstElementChild.focus();
    }

    // Closes the picker of `record`, or any picker for null.
    function closePicker(record) {
        const scope = record === null ? log : record.element;
        scope.querySelectorAll('.emoji-picker').forEach((picker) => {
            const item = picker.closest('.message');
            picker.remove();
            records.get(Number(item.dataset.id))?.actions.react.setAttribute('aria-expanded', 'false');
        });
    }

    // ---- keyboard ------------------------------------------------------------------------------
    //
    // The log is one tab stop. ↑/↓ (Home/End) move between its messages; the focused message shows its
    // toolbar and puts its controls (quote, reactions, actions) in the tab order; Esc goes back to the
    // input. In the input, Esc cancels a reply or an edit, and ↑ in an empty input edits the last message
    // this user may edit.

    function setActiveMessage(record) {
        if (record === activeMessage) {
            return;
        }
        const setTabStops = (which, index) => {
            which?.element.querySelectorAll('button').forEach((control) => { control.tabIndex = index; });
        };
        setTabStops(activeMessage, -1);
        activeMessage = record;
        setTabStops(activeMessage, 0);
    }

    function focusMessage(record) {
        if (record !== undefined) {
            record.element.focus();
            record.element.scrollIntoView({ block: 'nearest' });
        }
    }

    log.addEventListener('focusin', (e) => {
        const item = e.target.closest('.message[data-id]');
        setActiveMessage(item === null ? null : records.get(Number(item.dataset.id)) ?? null);
    });
    log.addEventListener('focusout', (e) => {
        if (!log.contains(e.relatedTarget)) {
            setActiveMessage(null);
        }
    });
    log.addEventListener('keydown', (e) => {
        const items = Array.from(log.querySelectorAll(':scope > .message[data-id]'));
        const current = e.target === log ? -1 : items.indexOf(e.target);
        if (e.key === 'Escape') {
            closePicker(null);
            input.focus();
            return;
        }
        if (items.length === 0 || (e.target !== log && current < 0)) {
            return; // keys of the controls inside a message are theirs
        }
        const next = {
            ArrowUp: current < 0 ? items.length - 1 : Math.max(0, current - 1),
            ArrowDown: current < 0 ? 0 : Math.min(items.length - 1, current + 1),
            Home: 0,
            End: items.length - 1,
        }[e.key];
        if (next !== undefined) {
            e.preventDefault();
            focusMessage(records.get(Number(items[next].dataset.id)));
        }
    });

    // ---- presence and typing -------------------------------------------------------------------

    const byName = (a, b) => a.localeCompare(b);

    function renderMembers() {
        moderationUi.renderMembers(members, byName);
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
        if (!conversational() || input.value.trim() === '' || now - lastTypingSent < TYPING_INTERVAL_MS) {
            return;
        }
        lastTypingSent = now;
        socket.send(JSON.stringify({ type: 'typing' }));
    }

    // ---- notifications -------------------------------------------------------------------------

    function renderNotifyButton() {
        notifyButton.hidden = !('Notification' in window) || window.Notification.permission !== 'default';
    }

    // The count in the title is catchup.js's; a mention of this user while the tab is hidden is a notification.
    function noteNewMessage(record) {
        if (!document.hidden || !historyShown || isOwn(record)) {
            return;
        }
        if (mentionsMe(record.mentions) && 'Notification' in window && window.Notification.permission === 'granted') {
            const notification = new window.Notification(format2(strings['notify.mention'], record.user, roomName),
                { body: record.text, tag: `kaiwa-${roomName}-${record.id}`, lang: document.documentElement.lang });
            notification.addEventListener('click', () => {
                window.focus();
                focusMessage(record);
                notification.close();
            });
        }
    }

    // ---- outbox --------------------------------------------------------------------------------

    function newClientId() {
        // crypto.randomUUID() needs a secure context; plain http on a LAN address is not one.
        const bytes = window.crypto.getRandomValues(new Uint8Array(16));
        return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    }

    // Sends a frame that needs no confirmation (history, read); false when there is no kaiwa.v1 connection.
    function sendFrame(frame) {
        if (!conversational()) {
            return false;
        }
        socket.send(JSON.stringify(frame));
        return true;
    }

    function transmit(entry) {
        socket.send(JSON.stringify({ ...entry.frame, client_id: entry.clientId }));
        entry.socket = socket;
    }

    // Removes a confirmed request from the outbox; returns it (undefined when it is not ours).
    function confirm(clientId) {
        const index = outbox.findIndex((entry) => entry.clientId === clientId);
        if (index < 0) {
            return undefined;
        }
        const [entry] = outbox.splice(index, 1);
        renderStatus();
        return entry;
    }

    function sendModeration(frame) {
        const clientId = newClientId();
        if (sendFrame({ ...frame, client_id: clientId })) {
            moderationRequests.add(clientId);
        }
    }

    function request(frame, details) {
        const entry = { clientId: newClientId(), frame, socket: null, ...details };
        outbox.push(entry);
        if (open) {
            transmit(entry);
        }
        renderStatus();
    }

    // A message or edit the server refused goes back into the input box (if that is free), with its
    // reply or edit context while the target is still there, instead of vanishing.
    function giveBack(entry) {
        const index = outbox.indexOf(entry);
        if (index >= 0) {
            outbox.splice(index, 1);
        }
        renderStatus();
        if (entry.kind === 'reaction') {
            heldReactions.delete(entry.key); // what the server says again
            return;
        }
        if (entry.text === undefined || input.value !== '') {
            return;
        }
        const target = records.get(entry.target);
        const live = target !== undefined && !target.deleted;
        if (entry.kind === 'edit' && !live) {
            return; // nothing left to edit
        }
        if (entry.kind === 'edit') {
            startEdit(target);
        } else {
            setCompose(live ? { kind: 'reply', target: target.id } : null);
        }
        input.value = entry.text;
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
        const context = compose;
        input.value = '';
        setCompose(null);
        lastTypingSent = 0; // the server takes our indicator down with the message; typing anew shows it again
        if (context !== null && context.kind === 'edit') {
            if (text !== records.get(context.target)?.text) {
                request({ type: 'edit', id: context.target, message: text },
                    { kind: 'edit', text, target: context.target });
            }
            input.value = draft;
            return;
        }
        const frame = { message: text };
        if (context !== null) {
            frame.reply_to = context.target;
        }
        request(frame, { kind: 'message', text, target: context?.target });
    }

    // ---- connection ----------------------------------------------------------------------------

    function socketUrl() {
        const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
        let query = `name=${encodeURIComponent(nameInput.value.trim())}`;
        if (resumeId !== null) { // 0 too: "everything", when the room was empty at our first join
            query = `since=${resumeId}${epoch ? `&epoch=${encodeURIComponent(epoch)}` : ''}&${query}`;
        }
        const path = directPath === null ? `chat/${encodeURIComponent(roomName)}` : `dm/${directPath[1]}`;
        return `${scheme}://${window.location.host}/ws/${path}/?${query}`;
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
            // Replying, editing and reacting need the typed protocol: a tutorial-only server would take
            // an edit for a new message.
            log.classList.toggle('conversational', ws.protocol === 'kaiwa.v1');
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
            replaying = false;
            clearPresence(); // stale once disconnected; the next connection brings a fresh list
            paging.disconnected();
            if (event.code === 1009) {
                // Too big for the server: resending would only close the connection again.
                const sent = outbox.filter((entry) => entry.socket === ws && entry.text !== undefined);
                if (sent.length > 0) {
                    giveBack(sent.reduce((a, b) => (b.text.length > a.text.length ? b : a)));
                    setNotice(strings['notice.tooLong'], 'error');
                }
            }
            outbox.forEach((entry) => { entry.socket = null; });
            const closedBy = moderationUi.closed(event);
            if (closedBy !== null) {
                stopped = true; // kicked, banned, or the room is gone for this account: no reconnect loop
                clearTimers();
                setStatus('closed', closedBy.status);
                setNotice(closedBy.content, 'error');
            } else if (!leaving) {
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
        replaying = false;
        outbox.forEach((entry) => { entry.socket = null; });
        clearPresence();
        paging.disconnected();
        if (old) {
            old.close(1000);
        }
        attempt = 0;
        connect();
    }

    function onWelcome(data) {
        moderationUi.welcome(data);
        const previousName = serverName;
        serverName = typeof data.user === 'string' ? data.user : '';
        ownMemberId = typeof data.member_id === 'string' ? data.member_id : '';
        connection += 1;
        replaying = true;
        if (account === '') {
            // An anonymous author or reactor is its connection: this one holds nothing yet.
            ownIds.clear();
            heldReactions.clear();
        }
        if (typeof data.last_id === 'number') {
            if (resumeId === null) {
                resumeId = data.last_id; // history up to here is replayed now, not after reconnects
            } else if (data.last_id < highestId && typeof data.epoch !== 'string') {
                // A server without epochs whose ids went backwards: it lost its store (a restart with
                // an in-memory database) and its ids start again. Drop ours and connect again: this
                // connection filters out ids up to our ?since=. (Servers with epochs say history.reset.)
                resetLog();
                resumeId = data.last_id;
                reconnectNow();
                return;
            }
        }
        if (typeof data.epoch === 'string') {
            epoch = data.epoch;
        }
        records.forEach((record) => {
            renderActions(record);
            if (account === '') {
                renderReactions(record); // none pressed: this connection holds none
            }
            if (serverName !== previousName) {
                renderText(record); // mentions of this user under the new name
            }
        });
        setStatus('connected', format(strings['status.connected'], serverName));
        renderMembers();
        flushOutbox();
        catchUp.welcome(data.read_id, data.last_id, epoch);
    }

    function onHistoryReset(data) {
        resetLog();
        if (typeof data.epoch === 'string') {
            epoch = data.epoch;
        }
        resumeId = typeof data.last_id === 'number' ? data.last_id : 0;
        paging.reset();
        catchUp.reset(resumeId, epoch);
        setNotice(strings['notice.reset'], 'info');
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
        const mine = typeof data.client_id === 'string' ? confirm(data.client_id) : undefined;
        switch (data.type) {
        case 'welcome':
            onWelcome(data);
            break;
        case 'history.reset':
            onHistoryReset(data);
            break;
        case 'ack':
            break; // confirmed above
        case 'error':
            onError(data, mine);
            break;
        case 'history.gap':
            setNotice(strings['notice.gap'], 'info');
            break;
        case 'presence':
            replaying = false;
            onPresence(data);
            if (!historyShown) {
                historyShown = true;
                joinShown();
            }
            paging.check(); // a log that cannot scroll yet (after a history.reset too) gets older history now
            break;
        case 'history':
            paging.onHistory(data);
            break;
        case 'read':
            catchUp.remoteRead(data.room, data.id);
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
        case 'chat.edit':
            applyEdit(data);
            break;
        case 'chat.delete':
            applyDelete(data);
            break;
        case 'chat.reaction':
            applyReaction(data);
            break;
        case 'room.settings':
            moderationUi.settings(data);
            break;
        case 'room.role':
            if (moderationUi.roleChanged(data)) {
                records.forEach(renderActions);
                renderMembers();
            }
            break;
        case 'moderation':
            moderationUi.moderation(data);
            break;
        case 'chat.message':
        case undefined: // a server speaking only the tutorial's protocol
            if ('message' in data) {
                showChatMessage(data, mine !== undefined && mine.socket === socket);
            }
            break;
        default:
            break; // events of later protocol versions
        }
    }

    // `refused` is the request the error names by its client_id, already out of the outbox.
    // What an error code means, in words: a moderator's refused request has its own `forbidden`, a mute its expiry.
    function errorReason(data, entry) {
        const until = validDate(data.until);
        if (data.code === 'muted' && until !== null) {
            return format(strings['error.mutedUntil'], localTime(until));
        }
        if (data.code === 'forbidden' && entry?.kind === 'moderation') {
            return strings['error.forbiddenModeration'];
        }
        return strings[`error.${data.code}`] ?? String(data.detail || data.code || '');
    }

    function onError(data, refused) {
        if (refused === undefined && moderationRequests.delete(data.client_id)) {
            setNotice(format(strings['notice.refused'], errorReason(data, { kind: 'moderation' })), 'error');
            return;
        }
        let entry = refused;
        if (entry === undefined && typeof data.client_id !== 'string' && REFUSING_CODES.has(data.code)) {
            entry = outbox.find((item) => item.socket === socket && item.kind === 'message');
        }
        const reason = errorReason(data, entry);
        if (entry === undefined) {
            setNotice(format(strings['notice.error'], reason), 'error');
            return;
        }
        giveBack(entry);
        const noticeId = { message: 'notice.notSent', edit: 'notice.editNotSaved' }[entry.kind] ?? 'notice.refused';
        setNotice(format(strings[noticeId], reason), 'error');
    }

    // ---- catching up, older history, search, moderation ----------------------------------------

    const paging = window.KaiwaPaging.create({ log, oldestId, send: sendFrame, insert: insertOlder });
    const catchUp = window.KaiwaCatchUp.create({
        log, jumpButton, roomName, keepingBottom,
        counts: (item) => {
            const record = records.get(Number(item.dataset.id));
            return record !== undefined && !record.deleted && !isOwn(record);
        },
        sendRead: (id) => sendFrame({ type: 'read', id }),
    });
    const query = (selector) => document.querySelector(selector);
    const moderationUi = window.KaiwaModeration.create({
        title: query('#room-title'), topic: query('#room-topic'), list: query('#member-list'), account,
        request: sendModeration,
        notify: setNotice,
        rejoin: () => {
            stopped = false;
            setNotice('', 'info'); // the link goes with the notice: the focus goes back to the message box
            input.focus();
            reconnectNow();
        },
    });
    window.KaiwaSearch.create({
        form: query('#search-form'), input: query('#search-input'), allRooms: query('#search-all-rooms'),
        panel: query('#search-panel'), status: query('#search-status'), list: query('#search-results'),
        more: query('#search-more'), close: query('#search-close'), roomName,
        open: (result) => {
            if (result.room === roomName) {
                revealMessage(result.id);
            } else {
                window.location.assign(`/chat/${encodeURIComponent(result.room)}/#m${result.id}`);
            }
        },
    });

    // Shows the message the address names (#m<id>: a search result of another room, a link).
    function revealNamed() {
        const named = /^#m(\d+)$/.exec(window.location.hash);
        if (named !== null && historyShown) {
            revealMessage(Number(named[1]));
        }
    }

    // The first join's replay is shown: open at the first unread message and show the message the address names.
    function joinShown() {
        catchUp.showFirstUnread();
        revealNamed();
    }

    // ---- wiring --------------------------------------------------------------------------------

    nameInput.value = stored(NAME_KEY);
    input.focus();
    renderNotifyButton();

    input.addEventListener('keydown', (e) => {
        if (e.isComposing) {
            return; // keys that drive an input method composition (Japanese input) are its own
        }
        if (e.key === 'Enter') {
            e.preventDefault();
            submit.click();
        } else if (e.key === 'Escape' && compose !== null) {
            e.preventDefault();
            cancelCompose();
        } else if (e.key === 'ArrowUp' && input.value === '' && compose === null && conversational()) {
            const last = lastOwnMessage();
            if (last !== undefined) {
                e.preventDefault();
                startEdit(last);
            }
        }
    });
    input.addEventListener('input', noteTyping);
    submit.addEventListener('click', () => {
        send();
        input.focus();
    });
    composeCancel.addEventListener('click', cancelCompose);
    notifyButton.addEventListener('click', () => {
        window.Notification.requestPermission().then(renderNotifyButton, renderNotifyButton);
    });
    nameInput.addEventListener('change', () => {
        const name = nameInput.value.trim();
        store(NAME_KEY, name);
        if (socket !== null) {
            reconnectNow(); // the name is given at the upgrade
        }
    });
    window.addEventListener('hashchange', revealNamed);
    window.addEventListener('online', () => {
        if (socket === null && !leaving && !stopped) {
            attempt = 0;
            connect();
        }
    });
    window.addEventListener('pagehide', () => {
        leaving = true;
        clearTimers();
    });
    window.addEventListener('pageshow', (event) => {
        if (event.persisted && !stopped) { // back from the back/forward cache
            leaving = false;
            reconnectNow();
        }
    });

    connect();
})();
