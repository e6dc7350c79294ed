#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser tests of finding and catching up (issue 17) in headless Chromium against a real kaiwa-server: the room
directory of /chat/ (with a Japanese room and the filter), older history on scrolling up, the "new messages"
divider, the unread count in the title while the tab is hidden, "jump to latest", a message named by the address
(#m<id>), the search box, and read markers that follow a signed-in account to its other devices.

    python3 test_catchup.py --server build/bin/kaiwa-server --output-dir DIR [unittest options]

Screenshots of the index page (index-*) and of the room page catching up and searching (catchup-*), en and ja,
narrow and wide, light and dark, go to DIR.
"""

import json
import os
import sys
import tempfile
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_pages as pages  # noqa: E402  (also re-executes with the system python when needed)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

PASSWORD = "correct horse 3"

# Another client of a room: sends each text of arguments[2] as arguments[1] (a display name), one after the other,
# each after the server confirmed the one before; returns the ids the server gave them. Resolves once all are stored.
SEND_SCRIPT = """
    const done = arguments[arguments.length - 1];
    const [room, name, texts] = arguments;
    const ids = [];
    const url = `ws://${location.host}/ws/chat/${encodeURIComponent(room)}/?name=${encodeURIComponent(name)}`;
    const socket = new WebSocket(url, ['kaiwa.v1']);
    const next = () => {
        if (ids.length === texts.length) {
            socket.close();
            done(ids);
        } else {
            socket.send(JSON.stringify({message: texts[ids.length], client_id: `seed-${Date.now()}-${ids.length}`}));
        }
    };
    socket.onmessage = (event) => {
        const data = JSON.parse(event.data);
        if (data.type === 'presence') {
            next();
        } else if (data.type === 'ack') {
            ids.push(data.id);
            next();
        } else if (data.type === 'error') {
            socket.close();
            done({error: data});
        }
    };"""

# Installed before the page's scripts run: every frame the page sends, parsed, in window.kaiwaSent.
SENT_FRAMES_SCRIPT = """
    window.kaiwaSent = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
        window.kaiwaSent.push(JSON.parse(data));
        return send.call(this, data);
    };"""

# The room page as a reader sees it.
STATE_SCRIPT = """
    const log = document.querySelector('#chat-log');
    const items = Array.from(log.querySelectorAll(':scope > .message[data-id]'));
    const divider = log.querySelector(':scope > .new-divider');
    const jump = document.querySelector('#jump-latest');
    const newest = items[items.length - 1];
    const view = log.getBoundingClientRect();
    return {
        ids: items.map((item) => Number(item.dataset.id)),
        texts: items.map((item) => item.querySelector('.message-text').textContent),
        divider: divider && divider.nextElementSibling ? divider.nextElementSibling.querySelector('.message-text')
            .textContent : null,
        dividerText: divider && divider.textContent,
        jump: jump.hidden ? null : jump.textContent,
        newestVisible: !!newest && newest.getBoundingClientRect().top < view.bottom,
        title: document.title,
        hidden: document.hidden,
    };"""


def texts(prefix, count, start=1):
    return [f"{prefix} {n}" for n in range(start, start + count)]


class CatchUpTestCase(pages.PageTestCase):
    """A daemon with a short join replay (--history 10) and no rate limit (rooms are filled fast), a reader's
    browser (self.driver) and, on demand, another browser that writes into rooms (self.writer)."""

    SERVER_ARGS = ["--rate-limit", "0", "--history", "10"]

    @classmethod
    def setUpClass(cls):
        cls.server = pages.KaiwaServer(pages.SERVER_BINARY, extra_args=cls.SERVER_ARGS).start()

    def setUp(self):
        super().setUp()
        self.writer = None
        self._prepare(self.driver)

    @staticmethod
    def _prepare(driver):
        """Records the frames the pages of `driver` send. (Each browser of these tests has one window, which has
        the focus a message is read in; focus emulation would keep a minimised window visible.)"""
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SENT_FRAMES_SCRIPT})

    def _send(self, room, messages, name="bob"):
        """Stores `messages` in `room` from another browser; returns their ids."""
        if self.writer is None:
            self.writer = pages.new_driver()
            self.addCleanup(pages.quit_driver, self.writer)
            self.writer.get(self.server.base_url + "/chat/")
        ids = self.writer.execute_async_script(SEND_SCRIPT, room, name, messages)
        self.assertIsInstance(ids, list, f"sending to {room} failed: {ids!r}")
        return ids

    def _state(self):
        return self.driver.execute_script(STATE_SCRIPT)

    def _wait_state(self, predicate, message):
        self.wait(lambda _: predicate(self._state()), message=lambda: f"{message}: {self._state()!r}")
        return self._state()

    def _sent(self, kind):
        return [frame for frame in self.driver.execute_script("return window.kaiwaSent") if frame.get("type") == kind]

    def _after_frames(self):
        """Returns once the page has drawn twice: scroll events and what they start have run by then."""
        self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            requestAnimationFrame(() => requestAnimationFrame(() => done()));""")

    def _scroll_log(self, where):
        self.driver.execute_script(
            "const log = document.querySelector('#chat-log');"
            "log.scrollTop = arguments[0] === 'top' ? 0 : log.scrollHeight;", where)

    def _stored_marker(self, room):
        saved = self.driver.execute_script("return localStorage.getItem(arguments[0])", f"kaiwa.read.{room}")
        return json.loads(saved)["id"] if saved else None


class PagingTests(CatchUpTestCase):
    """Older history when the reader scrolls up, and a message the address names."""

    def test_older_history_loads_on_scroll_keeping_the_place(self):
        ids = self._send("paging", texts("message", 150))
        self._open_room("paging")
        state = self._wait_state(lambda s: s["ids"] and s["ids"][-1] == ids[-1] and s["newestVisible"],
                                 "the newest message is not shown")
        # The join replays the latest 10; the page may have asked for more at once to fill a log that cannot scroll.
        self.assertGreaterEqual(len(state["ids"]), 10)
        self.assertEqual(state["ids"], ids[-len(state["ids"]):])

        pages_loaded = 0
        while len(self._state()["ids"]) < 150:
            pages_loaded += 1
            shown = len(self._state()["ids"])
            # At the top: the first message shown is at the log's top edge. Once the older page is in, that
            # message is still where the reader saw it.
            first, offset = self.driver.execute_script("""
                const log = document.querySelector('#chat-log');
                log.scrollTop = 0;
                const first = log.querySelector(':scope > .message[data-id]');
                return [first.dataset.id, first.getBoundingClientRect().top - log.getBoundingClientRect().top];""")
            self._wait_state(lambda s: len(s["ids"]) > shown, "no older page after scrolling to the top")
            moved = self.driver.execute_script("""
                const log = document.querySelector('#chat-log');
                const first = log.querySelector(`:scope > .message[data-id="${arguments[0]}"]`);
                return first.getBoundingClientRect().top - log.getBoundingClientRect().top;""", first)
            self.assertAlmostEqual(moved, offset, delta=1.5, msg="the reader's place moved when older messages came")

        self.assertGreaterEqual(pages_loaded, 2)
        state = self._state()
        self.assertEqual(state["ids"], ids)
        self.assertEqual(state["texts"], texts("message", 150))
        lines = self._chat_log_value().splitlines()
        self.assertEqual([line.split(": ", 1)[1] for line in lines], texts("message", 150))

        # Everything is shown: scrolling to the top again asks for nothing more.
        asked = len(self._sent("history"))
        self.assertGreaterEqual(asked, 3)
        self._scroll_log("bottom")
        self._after_frames()
        self._scroll_log("top")
        self._after_frames()
        self.assertEqual(len(self._sent("history")), asked)
        self.assertTrue(all(frame["before"] > 0 for frame in self._sent("history")))
        self._assert_no_csp_violations()

    def test_address_names_a_message_far_back(self):
        ids = self._send("far", texts("far", 130))
        self.driver.get(f"{self.server.base_url}/chat/far/#m{ids[2]}")
        # Three pages back: loaded until it is there, then shown and focused.
        self.wait(lambda d: d.execute_script(
            "const item = document.activeElement; return item && item.dataset.id === arguments[0]"
            " && item.classList.contains('message-jumped');", str(ids[2])),
            message=lambda: f"message {ids[2]} not shown: {self._state()['ids'][:5]!r}")
        self.assertEqual(self._state()["ids"][0], ids[0])
        within = self.driver.execute_script("""
            const log = document.querySelector('#chat-log').getBoundingClientRect();
            const item = document.activeElement.getBoundingClientRect();
            return item.top >= log.top && item.bottom <= log.bottom;""")
        self.assertTrue(within, "the named message is not in view")

        # A message the room does not hold: said so, nothing loaded for it.
        self.driver.get(f"{self.server.base_url}/chat/far/#m{ids[-1] + 1000}")
        notice = self.driver.find_element(By.CSS_SELECTOR, "#chat-notice")
        self.wait(lambda _: notice.text == "That message is not in this room's history.",
                  message=lambda: f"notice: {notice.text!r}")


    def test_message_too_far_back_is_explained(self):
        # The join shows 10; 20 pages of 50 more are loaded for a jump, and the first message is older still.
        ids = self._send("very_far", texts("old", 1020))
        self.driver.get(f"{self.server.base_url}/chat/very_far/#m{ids[0]}")
        notice = self.driver.find_element(By.CSS_SELECTOR, "#chat-notice")
        self.wait(lambda _: notice.text == "That message is too far back to be loaded here.",
                  timeout=pages.RECONNECT_WAIT, message=lambda: f"notice: {notice.text!r}")
        # 20 pages for the jump (and one more if the join's 10 could not fill the log), and no more than that.
        asked = len(self._sent("history"))
        self.assertIn(asked, (20, 21))
        self.assertEqual(len(self._state()["ids"]), 10 + 50 * asked)


class CatchUpTests(CatchUpTestCase):
    """The divider, the title count and the jump button for an anonymous reader (marker in localStorage)."""

    def test_returning_reader_sees_what_is_new(self):
        room = "catchup"
        first = self._send(room, texts("before", 30))
        self._open_room(room)
        # A first visit: what the page shows on joining is read.
        state = self._wait_state(lambda s: s["ids"] and s["ids"][-1] == first[-1], "the history is not shown")
        self.assertIsNone(state["divider"])
        self.assertIsNone(state["jump"])
        self.assertEqual(self._stored_marker(room), first[-1])
        base_title = self.driver.title

        # Away (another page), then back: the divider stands above what came meanwhile, which is read now.
        self.driver.get(self.server.base_url + "/chat/")
        away = self._send(room, texts("while away", 2))
        self._open_room(room)
        state = self._wait_state(lambda s: s["divider"] == "while away 1", "no divider above the new messages")
        self.assertEqual(state["dividerText"], "New messages")
        self.wait(lambda _: self._stored_marker(room) == away[-1], message="the new messages were not read")
        self.assertEqual(self.driver.title, base_title)

        # Hidden: the title counts what arrives; the divider moves above it.
        self.driver.minimize_window()
        self.wait(lambda d: d.execute_script("return document.hidden"), message="the page is not hidden")
        hidden = self._send(room, texts("hidden", 2))
        state = self._wait_state(lambda s: s["title"] == f"(2) {base_title}", "the title does not count")
        self.assertEqual(state["divider"], "hidden 1")
        self.assertEqual(self._stored_marker(room), away[-1])  # not read while hidden
        self.driver.maximize_window()
        state = self._wait_state(lambda s: s["title"] == base_title, "the count stays in the title")
        self.wait(lambda _: self._stored_marker(room) == hidden[-1], message="not read once shown")
        self.assertEqual(self._state()["divider"], "hidden 1")

        # Scrolled up: "jump to latest", counting what arrives below; it goes to the newest and reads it.
        self._scroll_log("top")
        state = self._wait_state(lambda s: s["jump"] == "Jump to latest", "no jump button when scrolled up")
        below = self._send(room, texts("below", 3))
        self._wait_state(lambda s: s["jump"] == "Jump to latest (3 new)", "the jump button does not count")
        self.assertEqual(self._stored_marker(room), hidden[-1])
        self.driver.find_element(By.CSS_SELECTOR, "#jump-latest").click()
        state = self._wait_state(lambda s: s["jump"] is None and s["newestVisible"], "jump did not go to the end")
        self.wait(lambda _: self._stored_marker(room) == below[-1], message="not read after the jump")

        # Light and dark, narrow and wide: the divider and the jump button.
        self._divider_screenshots("catchup-en")

        # In Japanese: a reader who comes back to the room.
        japanese = pages.new_driver("ja-JP,ja")
        self.addCleanup(pages.quit_driver, japanese)
        self.driver = japanese
        self._open_room(room)
        self._wait_state(lambda s: s["ids"] and s["ids"][-1] == below[-1], "the history is not shown")
        self.driver.get(self.server.base_url + "/chat/")
        self._send(room, ["ただいま", "おかえりなさい、@太郎 さん"], name="花子")
        self._open_room(room)
        state = self._wait_state(lambda s: s["divider"] == "ただいま", "no divider in Japanese")
        self.assertEqual(state["dividerText"], "新着メッセージ")
        self._scroll_log("top")
        self._wait_state(lambda s: s["jump"] == "最新へ移動", "no jump button in Japanese")
        self._divider_screenshots("catchup-ja")
        self._assert_no_csp_violations()

    def _divider_screenshots(self, prefix):
        def arrange():
            self.driver.execute_script("""
                const log = document.querySelector('#chat-log');
                const divider = log.querySelector('.new-divider');
                log.scrollTop += divider.getBoundingClientRect().top - log.getBoundingClientRect().top - 60;""")
            self._after_frames()  # the jump button follows the scrolling
        light = self._screenshot(f"{prefix}-wide-light", arrange=arrange)
        dark = self._screenshot(f"{prefix}-narrow-dark", width=360, height=740, dark=True, arrange=arrange)
        self.assertNotEqual(light, dark)
        self._screenshot(f"{prefix}-wide-dark", dark=True, arrange=arrange)
        self._screenshot(f"{prefix}-narrow-light", width=360, height=740, arrange=arrange)

    def test_own_messages_are_not_new(self):
        room = "own"
        self._send(room, texts("other", 3))
        self._set_display_name("carol")
        self._open_room(room)
        self._wait_state(lambda s: len(s["ids"]) == 3, "the history is not shown")
        base_title = self.driver.title
        self.driver.minimize_window()
        self.wait(lambda d: d.execute_script("return document.hidden"), message="the page is not hidden")
        self.driver.execute_script("document.querySelector('#chat-message-input').value = 'mine';"
                                   "document.querySelector('#chat-message-submit').click();")
        self._send(room, ["theirs"])
        self._wait_state(lambda s: "theirs" in s["texts"] and "mine" in s["texts"], "messages missing")
        # Only the other's message is new: the divider is above it, the title counts it alone.
        state = self._wait_state(lambda s: s["divider"] == "theirs", "no divider above the other's message")
        self.assertEqual(state["title"], f"(1) {base_title}")

    def test_anonymous_reader_keeps_the_marker_in_the_browser(self):
        # Nothing is reported to the server (it would refuse an anonymous `read`): the marker is this browser's.
        self._send("quiet", texts("said", 2))
        self._open_room("quiet")
        self._wait_state(lambda s: len(s["ids"]) == 2, "the history is not shown")
        self.wait(lambda _: self._stored_marker("quiet") is not None, message="no marker kept in the browser")
        self._send("quiet", ["more"])
        self.wait(lambda _: self._stored_marker("quiet") == self._state()["ids"][-1], message="not read")
        self.assertEqual(self._sent("read"), [])


class DirectoryTests(CatchUpTestCase):
    """The room directory of /chat/."""

    def _rooms(self):
        return self.driver.execute_script("""
            return Array.from(document.querySelectorAll('#room-list > .room-entry'), (item) => ({
                room: item.querySelector('.room-link').textContent,
                href: item.querySelector('.room-link').getAttribute('href'),
                online: item.querySelector('.room-online') && item.querySelector('.room-online').textContent,
                messages: item.querySelector('.room-messages') && item.querySelector('.room-messages').textContent,
                activity: item.querySelector('.room-activity') && item.querySelector('.room-activity').dateTime,
                shown: !item.hidden}));""")

    def _status(self):
        status = self.driver.find_element(By.CSS_SELECTOR, "#room-list-status")
        return status.text if status.is_displayed() else ""

    def _open_directory(self):
        self.driver.get(self.server.base_url + "/chat/")
        self.wait(lambda d: d.execute_script("return document.querySelector('#room-list').dataset.state") == "loaded",
                  message=lambda: f"the directory did not load: {self._status()!r}")

    def test_empty_server_says_so(self):
        server = pages.KaiwaServer(pages.SERVER_BINARY).start()
        self.addCleanup(server.stop)
        self.server = server
        self._open_directory()
        self.assertEqual(self._rooms(), [])
        self.assertEqual(self._status(), "No rooms yet. Enter a name above to start one.")
        # The tutorial's prompt is still where the keyboard is.
        self.assertEqual(self.driver.execute_script("return document.activeElement.id"), "room-name-input")

    def test_rooms_are_listed_linked_and_filtered(self):
        self._send("lobby_dir", texts("hello", 3))
        self._send("雑談", ["こんにちは"], name="太郎")
        self._send("dev_talk", texts("deploy", 2))
        # Someone is in 雑談 now: the writer's page stays there.
        self.writer.get(f"{self.server.base_url}/chat/{urllib.parse.quote('雑談')}/")
        pages.WebDriverWait(self.writer, pages.WAIT).until(lambda d: d.execute_script(
            "return document.querySelector('#connection-status').dataset.state") == "connected")
        with urllib.request.urlopen(self.server.base_url + "/api/rooms", timeout=10) as response:
            api = json.load(response)
        self._open_directory()
        rooms = self._rooms()
        # In the server's order (most active first), each linked by its percent-encoded name.
        self.assertEqual([room["room"] for room in rooms], [room["room"] for room in api])
        self.assertEqual(rooms[0]["room"], "雑談")  # the one with someone in it
        by_name = {room["room"]: room for room in rooms}
        self.assertEqual(by_name["雑談"]["href"], "/chat/%E9%9B%91%E8%AB%87/")
        self.assertEqual(by_name["lobby_dir"]["messages"], "Messages: 3")
        self.assertEqual(by_name["dev_talk"]["online"], "0 online")
        self.assertEqual(by_name["雑談"]["online"], "1 online")
        self.assertTrue(by_name["雑談"]["activity"].endswith("Z"))

        # The filter ignores case and width: "ＤＥＶ" finds dev_talk.
        room_filter = self.driver.find_element(By.CSS_SELECTOR, "#room-filter")
        room_filter.send_keys("ＤＥＶ")
        self.assertEqual([room["room"] for room in self._rooms() if room["shown"]], ["dev_talk"])
        room_filter.clear()
        room_filter.send_keys("雑")
        self.assertEqual([room["room"] for room in self._rooms() if room["shown"]], ["雑談"])
        room_filter.send_keys("x")
        self.assertEqual([room["room"] for room in self._rooms() if room["shown"]], [])
        self.assertEqual(self._status(), "No room matches the filter.")
        room_filter.clear()
        room_filter.send_keys("雑")

        # Light and dark, narrow and wide, English and Japanese.
        self._screenshot("index-en-wide-light", probe="#room-list")
        self._screenshot("index-en-narrow-dark", width=360, height=740, dark=True, probe="#room-list")
        japanese = pages.new_driver("ja-JP,ja")
        self.addCleanup(pages.quit_driver, japanese)
        self.driver = japanese
        self._open_directory()
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "#directory-title").text, "ルーム一覧")
        self.assertIn("人が参加中", " ".join(room["online"] for room in self._rooms()))
        self._screenshot("index-ja-wide-dark", dark=True, probe="#room-list")
        self._screenshot("index-ja-narrow-light", width=360, height=740, probe="#room-list")

        # A room's link opens it.
        self.driver.find_element(By.LINK_TEXT, "雑談").click()
        self.wait(lambda d: d.current_url.endswith("/chat/%E9%9B%91%E8%AB%87/"), message="not in the room")
        self._wait_until_connected()
        self._wait_for_log("太郎: こんにちは")
        self._assert_no_csp_violations()


class SearchTests(CatchUpTestCase):
    """The search box: this room or every room, highlighted matches, more results, and going to a result."""

    def _search(self, query, all_rooms=False):
        box = self.driver.find_element(By.CSS_SELECTOR, "#search-all-rooms")
        if box.is_selected() != all_rooms:
            box.click()
        field = self.driver.find_element(By.CSS_SELECTOR, "#search-input")
        field.clear()
        field.send_keys(query, Keys.ENTER)

    def _results(self):
        return self.driver.execute_script("""
            return Array.from(document.querySelectorAll('#search-results .search-result'), (item) => {
                const text = (selector) => { const node = item.querySelector(selector); return node && node.textContent; };
                return {room: text('.search-result-room'), user: text('.search-result-user'),
                        time: text('.search-result-time'), text: text('.search-result-text'),
                        marks: Array.from(item.querySelectorAll('.search-result-text mark'), (mark) => mark.textContent),
                        elements: item.querySelectorAll('.search-result-text *:not(mark)').length};
            });""")

    def _search_status(self):
        return self.driver.find_element(By.CSS_SELECTOR, "#search-status").text

    def _wait_results(self, predicate, message):
        self.wait(lambda _: predicate(self._results()),
                  message=lambda: f"{message}: {self._search_status()!r} {self._results()!r}")
        return self._results()

    def _focused_message(self):
        return self.driver.execute_script("""
            const item = document.activeElement;
            return item && item.classList.contains('message-jumped') ? item.querySelector('.message-text').textContent
                                                                        : null;""")

    def test_search_shows_marked_results_and_goes_to_them(self):
        room, other = "search_here", "search_there"
        early = self._send(room, ["start", "今日は<b>雑談</b>しよう", "an aside"], name="花子")
        self._send(room, texts("filler", 120))
        self._send(room, [f"deploy step {n}" for n in range(1, 26)])
        there = self._send(other, ["雑談なら、こちらへ"], name="太郎")
        self._open_room(room)

        # This room: the one match, its parts marked, its markup text; far back in the history.
        self._search("雑談")
        results = self._wait_results(lambda r: len(r) == 1, "no result in this room")
        self.assertEqual(results[0]["text"], "今日は<b>雑談</b>しよう")
        self.assertEqual(results[0]["marks"], ["雑談"])
        self.assertEqual(results[0]["elements"], 0)
        self.assertEqual(results[0]["user"], "花子")
        self.assertIsNone(results[0]["room"])  # this room's results do not repeat its name
        self.assertRegex(results[0]["time"], r"^\d\d:\d\d$")
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "b"), [])

        # Every room: newest first, with their rooms.
        self._search("雑談", all_rooms=True)
        results = self._wait_results(lambda r: len(r) == 2, "not the results of both rooms")
        self.assertEqual([(r["room"], r["text"]) for r in results],
                         [(other, "雑談なら、こちらへ"), (room, "今日は<b>雑談</b>しよう")])

        # Going to this room's result loads older history until it is there.
        self.driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result")[1].click()
        self.wait(lambda _: self._focused_message() == "今日は<b>雑談</b>しよう",
                  message=lambda: f"not shown: {self._state()['ids'][:3]!r}")
        self.assertLessEqual(self._state()["ids"][0], early[1])

        # More results on request (`next_before`), then no more.
        self._search("deploy")
        results = self._wait_results(lambda r: len(r) == 20, "not a first page of 20")
        self.assertEqual(results[0]["text"], "deploy step 25")
        self.assertEqual(results[0]["marks"], ["deploy"])
        more = self.driver.find_element(By.CSS_SELECTOR, "#search-more")
        self.assertTrue(more.is_displayed())
        more.click()
        results = self._wait_results(lambda r: len(r) == 25, "no second page")
        self.assertEqual([r["text"] for r in results], [f"deploy step {n}" for n in range(25, 0, -1)])
        self.wait(lambda _: not more.is_displayed(), message="more results offered after the last")

        # Refusals are explained.
        for query, reason in (("x" * 201, "A search may be at most 200 characters long."),
                              ("!?", "Type a word to search for.")):
            self._search(query)
            self.wait(lambda _: self._search_status() == reason, message=lambda: f"status: {self._search_status()!r}")
            self.assertEqual(self._results(), [])

        # Screenshots with results, then another room's result opens that room at the message.
        self._search("雑談", all_rooms=True)
        self._wait_results(lambda r: len(r) == 2, "not the results of both rooms")
        self._screenshot("search-en-wide-light")
        self._screenshot("search-en-narrow-dark", width=360, height=740, dark=True)
        self.driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result")[0].click()
        self.wait(lambda d: d.current_url.endswith(f"/chat/{other}/#m{there[0]}"),
                  message=lambda: f"not in the other room: {self.driver.current_url}")
        self.wait(lambda _: self._focused_message() == "雑談なら、こちらへ", message="the other room's message not shown")

        japanese = pages.new_driver("ja-JP,ja")
        self.addCleanup(pages.quit_driver, japanese)
        self.driver = japanese
        self._open_room(room)
        self._search("雑談", all_rooms=True)
        self._wait_results(lambda r: len(r) == 2, "no results in Japanese")
        self.assertEqual(self._search_status(), "表示中の結果: 2 件")
        self._screenshot("search-ja-wide-dark", dark=True)
        self._screenshot("search-ja-narrow-light", width=360, height=740)
        self._assert_no_csp_violations()


class ReadMarkerTests(CatchUpTestCase):
    """A signed-in account's read marker is the server's: reading on one device clears the count on the others,
    and another browser of the account starts from it."""

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory(prefix="kaiwa-read-")
        database = os.path.join(cls.directory.name, "kaiwa.sqlite")
        pages.add_user(database, "alice", PASSWORD)
        cls.server = pages.KaiwaServer(pages.SERVER_BINARY,
                                       extra_args=cls.SERVER_ARGS + ["--database", database]).start()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.directory.cleanup()

    def _device(self):
        """Another browser (its own profile: nothing shared but the account), signed in as alice."""
        driver = pages.new_driver()
        self.addCleanup(pages.quit_driver, driver)
        self._prepare(driver)
        return driver

    def _sign_in_to_room(self, room):
        self.driver.get(f"{self.server.base_url}/login?next=/chat/{room}/")
        self._sign_in("alice", PASSWORD)
        self.wait(lambda d: d.current_url.endswith(f"/chat/{room}/"), message=lambda: self.driver.current_url)
        self._wait_until_connected()

    def _hide(self):
        self.driver.minimize_window()
        self.wait(lambda d: d.execute_script("return document.hidden"), message="the page is not hidden")

    def test_reading_on_one_device_clears_the_others(self):
        room = "reading"
        self._send(room, texts("earlier", 3))
        phone, laptop = self.driver, self._device()
        self._sign_in_to_room(room)
        base_title = self.driver.title
        self._hide()
        self.driver = laptop
        self._sign_in_to_room(room)
        self._hide()

        news = self._send(room, texts("news", 2))
        for device in (phone, laptop):
            self.driver = device
            self._wait_state(lambda s: s["title"] == f"(2) {base_title}", "the hidden page does not count")
            self.assertEqual(self._state()["divider"], "news 1")

        # Read on the phone: it tells the server once, and the laptop's count and divider go.
        self.driver = phone
        self.driver.maximize_window()
        self.wait(lambda _: [frame["id"] for frame in self._sent("read")] == [news[-1]],
                  message=lambda: f"read frames: {self._sent('read')!r}")
        self.driver = laptop
        state = self._wait_state(lambda s: s["title"] == base_title, "the laptop still counts what the phone read")
        self.assertIsNone(state["divider"])
        self.assertTrue(state["hidden"])
        self.assertEqual(self._sent("read"), [])  # the laptop read nothing itself

        # A third browser of the account starts at the server's marker: the directory counts what came since, the
        # room shows it as new.
        later = self._send(room, ["later", "@alice look"])
        self.driver = self._device()
        self.driver.get(f"{self.server.base_url}/login?next=/chat/")
        self._sign_in("alice", PASSWORD)
        self.wait(lambda d: d.execute_script(
            "const item = document.querySelector(`#room-list > [data-room='reading']`);"
            "return item && [item.querySelector('.room-unread')?.textContent,"
            "                item.querySelector('.room-mentions')?.textContent].join();") == "2 unread,Mentions: 1",
            message=lambda: self.driver.find_element(By.CSS_SELECTOR, "#room-list").text)
        self.driver.find_element(By.LINK_TEXT, room).click()
        self._wait_until_connected()
        state = self._wait_state(lambda s: s["ids"] and s["ids"][-1] == later[-1], "the history is not shown")
        self.assertEqual(state["divider"], "later")
        self.assertIsNone(self._stored_marker(room))  # the server keeps it, not the browser
        self._assert_no_csp_violations()


if __name__ == "__main__":
    sys.exit(pages.run_suite(__doc__))
