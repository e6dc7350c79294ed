// SPDX-License-Identifier: MIT
// `@name` in message text, the rule of docs/protocol.md ("Mentions") as the server applies it
// (common/mentions.cpp), for room.js: it marks the names the server listed in a message's `mentions`.
//
// - `@` at the start or after a character that is not a name character nor `@` (so `bob@example.com`
//   mentions nobody);
// - then 1 to 64 letters and digits of any script, marks, `_`, `-` and `.`, without a trailing `.` or `-`
//   (`thanks @bob.` mentions `bob`);
// - names compare after NFKC and case folding (kit.js's fold).
'use strict';

window.KaiwaMentions = (() => {
    const NAME_CHARACTER = /^[\p{L}\p{N}\p{Mn}\p{Mc}_.-]$/u;
    const MENTION_LENGTH = 64;

    const { fold } = window.KaiwaKit;

    function codePointBefore(text, index) {
        if (index === 0) {
            return '';
        }
        const low = text.charCodeAt(index - 1);
        const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
        return String.fromCodePoint(text.codePointAt(start));
    }

    // The `@name` spans of a text: [{start, end, name}], `start` at the `@`, in UTF-16 offsets.
    function mentionSpans(text) {
        const spans = [];
        let index = 0;
        while (index < text.length) {
            const before = codePointBefore(text, index);
            if (text[index] !== '@' || (before !== '' && (before === '@' || NAME_CHARACTER.test(before)))) {
                index += 1;
                continue;
            }
            let end = index + 1;
            for (let count = 0; end < text.length && count < MENTION_LENGTH; count += 1) {
                const character = String.fromCodePoint(text.codePointAt(end));
                if (!NAME_CHARACTER.test(character)) {
                    break;
                }
                end += character.length;
            }
            while (end > index + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) {
                end -= 1;
            }
            if (end === index + 1) {
                index += 1;
                continue;
            }
            spans.push({ start: index, end, name: text.slice(index + 1, end) });
            index = end;
        }
        return spans;
    }

    return Object.freeze({ fold, mentionSpans });
})();
