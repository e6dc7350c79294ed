// SPDX-License-Identifier: MIT
// The room prompt of /chat/: validates the room name as it is typed and opens /chat/<room>/.
// No inline script, nothing parsed as HTML: the page runs under a strict Content-Security-Policy.
'use strict';

(() => {
    const { strings, format } = window.KaiwaKit;
    const input = document.querySelector('#room-name-input');
    const submit = document.querySelector('#room-name-submit');
    const error = document.querySelector('#room-name-error');

    // Python's Unicode \w+ as the server routes it: letters and numbers of any script and "_",
    // at most 100 code points (the "u" flag makes {1,100} count code points, not UTF-16 units).
    const validRoomName = /^[\p{L}\p{N}_]{1,100}$/u;
    const invalidCharacter = /[^\p{L}\p{N}_]/u;

    // Returns the reason a room name is refused, or '' when it is fine.
    function problem(name) {
        if (validRoomName.test(name)) {
            return '';
        }
        if (name.length === 0) {
            return strings['index.empty'];
        }
        const bad = name.match(invalidCharacter);
        if (bad) {
            const shown = /\s/u.test(bad[0]) ? strings['index.space'] : `“${bad[0]}”`;
            return format(strings['index.invalidCharacter'], shown);
        }
        return format(strings['index.tooLong'], String([...name].length));
    }

    function show(reason) {
        error.textContent = reason;
        error.hidden = reason === '';
        input.setAttribute('aria-invalid', reason === '' ? 'false' : 'true');
    }

    input.focus();

    // Validate while typing, but do not scold an empty field before the user tried to enter.
    input.addEventListener('input', () => {
        show(input.value === '' ? '' : problem(input.value));
    });

    input.addEventListener('keydown', (e) => {
        // Enter that confirms an input method composition (Japanese input) is not a submit.
        if (e.key === 'Enter' && !e.isComposing) {
            e.preventDefault();
            submit.click();
        }
    });

    submit.addEventListener('click', () => {
        const roomName = input.value;
        const reason = problem(roomName);
        show(reason);
        if (reason !== '') {
            input.focus();
            return;
        }
        window.location.assign('/chat/' + encodeURIComponent(roomName) + '/');
    });
})();
