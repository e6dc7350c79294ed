// SPDX-License-Identifier: MIT
// What the pages' scripts share: building elements from text (never HTML), "%1" strings, times, comparing
// text as people read it, and localStorage that may be disabled. Loaded before the scripts that use it.
'use strict';

window.KaiwaKit = (() => {
    const strings = JSON.parse(document.getElementById('kaiwa-i18n').textContent);
    const language = document.documentElement.lang;

    const format = (text, value) => text.replace('%1', () => String(value));
    const format2 = (text, first, second) => format(text, first).replace('%2', () => String(second));

    // NFKC, then upper and lower case: full-width and case differences go (ＡＢＣ, Abc and abc compare equal),
    // and names fold as Unicode's full case folding does (ß and ss), which String has no method for.
    const fold = (text) => text.normalize('NFKC').toUpperCase().toLowerCase();

    function element(tag, className, text) {
        const node = document.createElement(tag);
        node.className = className;
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function button(className, text, title, onClick) {
        const node = element('button', className, text);
        node.type = 'button';
        if (title) {
            node.title = title;
        }
        node.addEventListener('click', onClick);
        return node;
    }

    function validDate(iso) {
        const date = new Date(iso);
        return typeof iso === 'string' && !Number.isNaN(date.getTime()) ? date : null;
    }

    const localTime = (date) => date.toLocaleString(language);
    const pad2 = (n) => String(n).padStart(2, '0');

    // A <time> showing HH:MM (the date and time in full as its tooltip), or null for a missing or bad time.
    function timeElement(iso, className) {
        const date = validDate(iso);
        if (date === null) {
            return null;
        }
        const time = element('time', className, `${pad2(date.getHours())}:${pad2(date.getMinutes())}`);
        time.dateTime = iso;
        time.title = localTime(date);
        return time;
    }

    function stored(key) {
        try {
            return window.localStorage.getItem(key) || '';
        } catch (e) {
            return ''; // storage disabled: nothing is remembered
        }
    }

    function store(key, value) {
        try {
            if (value) {
                window.localStorage.setItem(key, value);
            } else {
                window.localStorage.removeItem(key);
            }
        } catch (e) {
            // storage disabled or full: nothing to do
        }
    }

    return Object.freeze({ strings, language, format, format2, fold, element, button, validDate, localTime,
        timeElement, stored, store });
})();
