#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser tests of rooms with owners (issue 18) on the pages: the topic in the room's header and the directory,
a moderator's Delete on every message and Kick/Ban/Mute in the member list, the notices of a kick (with a link
that rejoins) and a ban (no reconnecting), and direct messages ("@bob") between two accounts. Two accounts, each
in a headless Chromium of its own, against a real kaiwa-server on an SQLite file.

    python3 test_rooms.py --server build/bin/kaiwa-server --output-dir DIR [unittest options]

Screenshots rooms-topic-en.png, rooms-moderator-en.png, rooms-moderator-ja.png, rooms-banned-en.png,
rooms-banned-ja.png and the server's 403 page rooms-banned-page-en.png and rooms-banned-page-ja.png go to DIR.
"""

import os
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_pages as pages  # noqa: E402  (also re-executes with the system python when needed)

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

PASSWORD = "correct horse 1"

# Keeps the page's sockets (window.kaiwaSockets): how many it opened tells whether it reconnected.
COUNT_SOCKETS_SCRIPT = """
    window.kaiwaRealWebSocket = window.WebSocket;
    window.kaiwaSockets = [];
    window.WebSocket = class extends window.kaiwaRealWebSocket {
        constructor(url, protocols) {
            super(url, protocols);
            window.kaiwaSockets.push(this);
        }
    };"""

# Sends one kaiwa.v1 request from the signed-in page (its cookie goes with the upgrade) and waits for the
# frame of the given type that answers it (or an error).
REQUEST_SCRIPT = """
    const [path, request, answer] = [arguments[0], arguments[1], arguments[2]];
    const done = arguments[arguments.length - 1];
    const socket = new WebSocket(`ws://${location.host}${path}`, 'kaiwa.v1');
    socket.onmessage = (event) => {
        const data = JSON.parse(event.data);
        if (data.type === 'welcome') { socket.send(JSON.stringify(request)); }
        if (data.type === answer || data.type === 'error') { socket.close(); done(data); }
    };
    socket.onerror = () => done({type: 'socket-error'});"""


class RoomsTests(pages.PageTestCase):
    """One daemon on an SQLite file with the accounts alice and bob; alice's browser is self.driver."""

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory(prefix="kaiwa-rooms-")
        database = os.path.join(cls.directory.name, "kaiwa.sqlite")
        for name in ("alice", "bob"):
            pages.add_user(database, name, PASSWORD)
        cls.server = pages.KaiwaServer(pages.SERVER_BINARY, extra_args=["--database", database]).start()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.directory.cleanup()

    def setUp(self):
        super().setUp()
        self.alice = self.driver
        self.bob = pages.new_driver()
        self.addCleanup(pages.quit_driver, self.bob)

    # ---- helpers ----------------------------------------------------------------------------------------------

    def _as(self, driver):
        """Makes `driver` the one the helpers of PageTestCase act on."""
        self.driver = driver

    def _sign_in_to(self, driver, name, path, count_sockets=False):
        self._as(driver)
        if count_sockets:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_SOCKETS_SCRIPT})
        driver.get(f"{self.server.base_url}/login?next={urllib.parse.quote(path)}")
        self._sign_in(name, PASSWORD)
        self.wait(lambda d: urllib.parse.unquote(urllib.parse.urlparse(d.current_url).path) == path,
                  message=lambda: f"{name} is not on {path}: {driver.current_url}")
        self._wait_until_connected()

    def _text(self, selector):
        nodes = self.driver.find_elements(By.CSS_SELECTOR, selector)
        return nodes[0].text if nodes and nodes[0].is_displayed() else ""

    def _request(self, path, request, answer):
        return self.driver.execute_async_script(REQUEST_SCRIPT, path, request, answer)

    def _member_row(self, name):
        for row in self.driver.find_elements(By.CSS_SELECTOR, "#member-list .member-entry"):
            if row.find_element(By.CSS_SELECTOR, ".member-name").text == name:
                return row
        return None

    def _message(self, text):
        for item in self.driver.find_elements(By.CSS_SELECTOR, "#chat-log > .message"):
            if text in item.find_element(By.CSS_SELECTOR, ".message-text").text:
                return item
        self.fail(f"no message with {text!r}: {self._chat_log_value()!r}")

    def _assert_stays_closed(self, seconds=3):
        """The page does not reconnect: no new socket and still "closed" after longer than its first retry delay
        (0.5 s, at most 0.6 s with jitter). A bounded wait is the only way to see that something does not happen."""
        sockets = self.driver.execute_script("return window.kaiwaSockets.length")
        time.sleep(seconds)
        self.assertEqual(self._status_state(), "closed")
        self.assertEqual(self.driver.execute_script("return window.kaiwaSockets.length"), sockets)

    # ---- tests ------------------------------------------------------------------------------------------------

    def test_topic_in_header_and_directory_updated_live(self):
        # alice's first join of a new room makes her its owner; bob is in the room too.
        self._sign_in_to(self.alice, "alice", "/chat/garden/")
        self.assertFalse(self.alice.find_element(By.CSS_SELECTOR, "#room-topic").is_displayed())
        self._sign_in_to(self.bob, "bob", "/chat/garden/")

        self._as(self.alice)
        answer = self._request("/ws/chat/garden/", {"type": "room.set", "topic": "Tomatoes & <b>basil</b>"},
                               "room.settings")
        self.assertEqual(answer.get("type"), "room.settings", answer)
        self.assertEqual(answer["by"], "alice")

        # bob's header follows at once, as text (no markup is made of it).
        self._as(self.bob)
        self.wait(lambda _: self._text("#room-topic") == "Tomatoes & <b>basil</b>",
                  message=lambda: f"bob's header: {self._text('#room-topic')!r}")
        self.assertEqual(self.bob.find_elements(By.CSS_SELECTOR, "#room-topic b"), [])
        # bob is no moderator: no member list with actions, no Delete on others' messages.
        self.assertFalse(self.bob.find_element(By.CSS_SELECTOR, "#member-list").is_displayed())

        # The directory row carries the topic; a page opened later has it from the welcome.
        self.bob.get(self.server.base_url + "/chat/")
        self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#room-list").get_attribute("data-state") == "loaded",
                  message="the directory did not load")
        row = self.bob.find_element(By.CSS_SELECTOR, '#room-list .room-entry[data-room="garden"]')
        self.assertEqual(row.find_element(By.CSS_SELECTOR, ".room-topic").text, "Tomatoes & <b>basil</b>")
        self.bob.get(self.server.base_url + "/chat/garden/")
        self._wait_until_connected()
        # "connected" shows when the socket opens; the welcome that carries the topic follows it.
        self.wait(lambda _: self._text("#room-topic") == "Tomatoes & <b>basil</b>",
                  message=lambda: f"bob's header after a reload: {self._text('#room-topic')!r}")
        self._screenshot("rooms-topic-en", probe="#room-topic")

    def test_moderator_deletes_and_kicks(self):
        self._sign_in_to(self.alice, "alice", "/chat/workshop/")
        self._sign_in_to(self.bob, "bob", "/chat/workshop/", count_sockets=True)
        self._post_message("spam spam spam")
        self._wait_for_log("bob: spam spam spam")

        # alice moderates: Delete shows on bob's message, and the member list offers Kick, Ban and Mute for bob
        # (nothing for herself).
        self._as(self.alice)
        self._wait_for_log("bob: spam spam spam")
        item = self._message("spam spam spam")
        ActionChains(self.alice).move_to_element(item).perform()
        delete = item.find_element(By.CSS_SELECTOR, ".action-delete")
        self.wait(lambda _: delete.is_displayed(), message="no Delete on another's message for the owner")
        self.assertFalse(item.find_element(By.CSS_SELECTOR, ".action-edit").is_displayed())
        self.wait(lambda _: self._member_row("bob") is not None, message="bob is not in alice's member list")
        self.assertEqual([b.text for b in self._member_row("bob").find_elements(By.CSS_SELECTOR, ".member-action")],
                         ["Kick", "Ban", "Mute"])
        self.assertEqual(self._member_row("alice").find_elements(By.CSS_SELECTOR, ".member-action"), [])
        self._screenshot("rooms-moderator-en", probe="#member-list")

        delete.click()
        self.alice.switch_to.alert.accept()
        self._as(self.bob)
        self.wait(lambda _: "bob: message deleted" in self._chat_log_value(),
                  message=lambda: f"bob's log: {self._chat_log_value()!r}")

        # The kick: a reason in the form under bob's name.
        self._as(self.alice)
        self._member_row("bob").find_element(By.CSS_SELECTOR, ".member-kick").click()
        form = self._member_row("bob").find_element(By.CSS_SELECTOR, ".moderation-form")
        self.assertEqual(form.find_elements(By.CSS_SELECTOR, ".moderation-minutes"), [])  # a kick lasts no time
        form.find_element(By.CSS_SELECTOR, ".moderation-reason").send_keys("cool down")
        form.find_element(By.CSS_SELECTOR, ".moderation-submit").click()
        self.wait(lambda _: "bob was removed from the room by alice." in self._text("#chat-notice"),
                  message=lambda: f"alice's notice: {self._text('#chat-notice')!r}")

        # bob's page says so, with the reason and a link that rejoins; it does not reconnect by itself.
        self._as(self.bob)
        self.wait(lambda _: self._status_state() == "closed", message=lambda: f"bob: {self._status_text()!r}")
        notice = self._text("#chat-notice")
        self.assertIn("A moderator removed you from this room.", notice)
        self.assertIn("Reason: cool down", notice)
        self._assert_stays_closed()
        self.bob.find_element(By.CSS_SELECTOR, "#chat-notice .rejoin-link").click()
        self._wait_until_connected()
        self.assertEqual(self._text("#chat-notice"), "")

    def test_banned_page_shows_the_ban_and_does_not_reconnect(self):
        self._sign_in_to(self.alice, "alice", "/chat/quiet/")
        self._sign_in_to(self.bob, "bob", "/chat/quiet/", count_sockets=True)
        self._as(self.alice)
        self.wait(lambda _: self._member_row("bob") is not None, message="bob is not in alice's member list")
        self._member_row("bob").find_element(By.CSS_SELECTOR, ".member-ban").click()
        form = self._member_row("bob").find_element(By.CSS_SELECTOR, ".moderation-form")
        form.find_element(By.CSS_SELECTOR, ".moderation-reason").send_keys("flooding")
        form.find_element(By.CSS_SELECTOR, ".moderation-minutes").send_keys("60")
        form.find_element(By.CSS_SELECTOR, ".moderation-submit").click()

        self._as(self.bob)
        self.wait(lambda _: self._status_state() == "closed", message=lambda: f"bob: {self._status_text()!r}")
        notice = self._text("#chat-notice")
        self.assertIn("You are banned from this room until ", notice)
        self.assertIn("Reason: flooding", notice)
        self.assertEqual(self.bob.find_elements(By.CSS_SELECTOR, "#chat-notice .rejoin-link"), [])
        self._assert_stays_closed()
        self._screenshot("rooms-banned-en", probe="#chat-notice")

        # Opening the room again: the server's 403 page says it too (its text is the server's).
        self.bob.get(self.server.base_url + "/chat/quiet/")
        self.assertIn("A moderator banned you from the room quiet.", self.bob.find_element(By.TAG_NAME, "body").text)
        self.assertEqual(self.bob.find_elements(By.CSS_SELECTOR, "#chat-log"), [])  # no room page behind it
        self._screenshot("rooms-banned-page-en", probe="body")

        # Japanese: the notice of a ban, in a browser that asks for Japanese (bob again, banned until alice lifts it).
        japanese = pages.new_driver("ja-JP,ja")
        self.addCleanup(pages.quit_driver, japanese)
        self._as(self.alice)
        answer = self._request("/ws/chat/quiet/", {"type": "unban", "user": "bob"}, "moderation")
        self.assertEqual(answer.get("action"), "unban", answer)
        self._sign_in_to(japanese, "bob", "/chat/quiet/", count_sockets=True)
        self._as(self.alice)
        answer = self._request("/ws/chat/quiet/", {"type": "ban", "user": "bob", "reason": "連投"}, "moderation")
        self.assertEqual(answer.get("action"), "ban", answer)
        self._as(japanese)
        self.wait(lambda _: self._status_state() == "closed", message=lambda: f"bob (ja): {self._status_text()!r}")
        self.assertIn("このルームから追放されています。", self._text("#chat-notice"))
        self.assertIn("理由: 連投", self._text("#chat-notice"))
        self._screenshot("rooms-banned-ja", probe="#chat-notice")
        japanese.get(self.server.base_url + "/chat/quiet/")
        self.assertIn("モデレーターがあなたをルーム quiet から追放しました。", japanese.find_element(By.TAG_NAME, "body").text)
        self._screenshot("rooms-banned-page-ja", probe="body")

    def test_direct_messages_between_two_accounts(self):
        self._sign_in_to(self.alice, "alice", "/dm/bob/")
        self.assertEqual(self._text("#room-title"), "@bob")
        self._post_message("just between us")
        self._wait_for_log("alice: just between us")

        # bob finds "@alice" in the directory (he never opened it: no read marker, no unread count yet), and the link
        # opens the conversation.
        self._sign_in_to(self.bob, "bob", "/chat/lobby/")
        self.bob.get(self.server.base_url + "/chat/")
        self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#room-list").get_attribute("data-state") == "loaded",
                  message="the directory did not load")
        row = self.bob.find_element(By.CSS_SELECTOR, '#room-list .room-entry[data-room="@alice"]')
        link = row.find_element(By.CSS_SELECTOR, ".room-link")
        self.assertEqual(link.text, "@alice")
        link.click()
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/dm/alice/",
                  message=lambda: f"not in the conversation: {self.bob.current_url}")
        self._wait_until_connected()
        self.assertEqual(self._text("#room-title"), "@alice")
        self._wait_for_log("alice: just between us")
        self._post_message("agreed")
        self._as(self.alice)
        self._wait_for_log("bob: agreed")

    def test_japanese_moderator_page(self):
        japanese = pages.new_driver("ja-JP,ja")
        self.addCleanup(pages.quit_driver, japanese)
        self._sign_in_to(japanese, "alice", "/chat/teahouse/")
        self._sign_in_to(self.bob, "bob", "/chat/teahouse/")
        self._as(japanese)
        self.wait(lambda _: self._member_row("bob") is not None, message="bob is not in alice's member list")
        self.assertEqual([b.text for b in self._member_row("bob").find_elements(By.CSS_SELECTOR, ".member-action")],
                         ["退室させる", "追放", "発言禁止"])
        self._member_row("bob").find_element(By.CSS_SELECTOR, ".member-mute").click()
        self._screenshot("rooms-moderator-ja", probe="#member-list")


if __name__ == "__main__":
    sys.exit(pages.run_suite(__doc__))
