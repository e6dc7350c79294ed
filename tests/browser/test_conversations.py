#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser tests of the room page's conversations (issue 16): replies, edits, deletes, reactions, mentions,
notifications and the recovery epoch, between real pages of a real kaiwa-server, with a tutorial-only
WebSocket client in the room throughout.

    python3 test_conversations.py --server build/bin/kaiwa-server --output-dir DIR [unittest options]

Screenshots page-conversation-en.png and page-conversation-ja.png go to DIR.
"""

import socket
import sys

import test_pages as pages  # noqa: E402  (also re-executes with the system python when needed)

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

# The page's state as a reader sees it, one entry per message of #chat-log.
MESSAGES_SCRIPT = """
    return Array.from(document.querySelectorAll('#chat-log > .message'), (item) => {
        const text = (node, selector) => {
            const found = node.querySelector(selector);
            return found && found.textContent;
        };
        const visible = (node) => node !== null && !node.closest('[hidden]');
        const quote = item.querySelector('.message-reply');
        const edited = item.querySelector('.message-edited');
        return {
            id: Number(item.dataset.id), user: text(item, '.message-user'), text: text(item, '.message-text'),
            deleted: item.querySelector('.message-text').classList.contains('message-deleted'),
            quote: visible(quote) ? {user: text(quote, '.reply-user'), excerpt: text(quote, '.reply-excerpt'),
                                     deleted: quote.querySelector('.reply-deleted') !== null} : null,
            edited: visible(edited) ? edited.title : null,
            reactions: Array.from(item.querySelectorAll('.message-reactions .reaction'), (chip) => ({
                emoji: text(chip, '.reaction-emoji'), count: Number(text(chip, '.reaction-count')),
                pressed: chip.getAttribute('aria-pressed') === 'true', users: chip.title})),
            mentions: Array.from(item.querySelectorAll('.message-text .mention'), (span) => ({
                text: span.textContent, me: span.classList.contains('mention-me')})),
            mentionsMe: item.classList.contains('message-mentions-me'),
            canEdit: !item.querySelector('.action-edit').hidden,
            canDelete: !item.querySelector('.action-delete').hidden,
            toolbar: !item.querySelector('.message-actions').hidden,
        };
    });"""

# A tutorial-only client (no subprotocol), as the Django Channels tutorial's page connects; it keeps every frame.
TUTORIAL_CLIENT_SCRIPT = """
    const done = arguments[arguments.length - 1];
    window.tutorialFrames = [];
    const socket = new WebSocket(`ws://${location.host}/ws/chat/${arguments[0]}/`);
    socket.onmessage = (event) => window.tutorialFrames.push(JSON.parse(event.data));
    socket.onopen = () => done();"""


class ConversationTestCase(pages.PageTestCase):
    """Helpers for several readers of one room, each a window of the test's browser."""

    def _open_as(self, name, room):
        """A new window (but for the first) with the display name `name`, in `room`."""
        if self.driver.current_url.startswith(self.server.base_url):
            self._open_new_window()
        self._set_display_name(name)
        self._open_room(room)
        return self.driver.current_window_handle

    def _messages_state(self):
        return self.driver.execute_script(MESSAGES_SCRIPT)

    def _wait_for_state(self, predicate, message):
        """Waits until predicate(messages) holds; the failure message shows the messages."""
        self.wait(lambda _: predicate(self._messages_state()), message=message)
        return self._messages_state()

    def _message_element(self, text):
        for item in self.driver.find_elements(By.CSS_SELECTOR, "#chat-log > .message"):
            if text in item.find_element(By.CSS_SELECTOR, ".message-text").text:
                return item
        self.fail(f"no message with {text!r}: {self._messages_state()!r}")

    def _hover_action(self, text, action):
        """Points at the message with `text` and clicks one of its actions (reply, react, edit, delete)."""
        item = self._message_element(text)
        ActionChains(self.driver).move_to_element(item).perform()
        button = item.find_element(By.CSS_SELECTOR, f".action-{action}")
        self.wait(lambda _: button.is_displayed(), message=f"the {action} action is not shown on hover")
        button.click()

    def _notice(self):
        notice = self.driver.find_element(By.CSS_SELECTOR, "#chat-notice")
        return notice.text if notice.is_displayed() else ""

    def _compose(self):
        bar = self.driver.find_element(By.CSS_SELECTOR, "#compose-context")
        return bar.get_attribute("data-kind") if bar.is_displayed() else None

    def _input_value(self):
        return self.driver.find_element(By.CSS_SELECTOR, "#chat-message-input").get_property("value")

    def _focused(self):
        return self.driver.execute_script(
            "const a = document.activeElement; return a && (a.id || a.className);")


# Installed before the page's scripts run: keeps the page's sockets (window.kaiwaSockets) and, while
# window.kaiwaNetworkDown holds an address, connects there instead (a port nothing listens on: the network is down).
SOCKET_FAULTS_SCRIPT = """
    window.kaiwaRealWebSocket = window.WebSocket;
    window.kaiwaSockets = [];
    window.kaiwaNetworkDown = null;
    window.WebSocket = class extends window.kaiwaRealWebSocket {
        constructor(url, protocols) {
            super(window.kaiwaNetworkDown || url, protocols);
            window.kaiwaSockets.push(this);
        }
    };"""

# Another client of the room (bob), on a socket of its own: sends each request of arguments[1] and waits for its
# answer (ack or error) before the next; returns the answers. An "id" of "first" is the id of the first answer
# (bob is anonymous: only this connection may edit what it sent).
CLIENT_SCRIPT = """
    const done = arguments[arguments.length - 1];
    const requests = arguments[1];
    const answers = [];
    const clientIds = Array.from(window.crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16)).join('');
    const socket = new window.kaiwaRealWebSocket(`ws://${location.host}/ws/chat/${arguments[0]}/?name=bob`, ['kaiwa.v1']);
    const next = () => {
        if (answers.length === requests.length) {
            socket.close();
            done(answers);
        } else {
            const request = {...requests[answers.length], client_id: `${clientIds}.${answers.length}`};
            if (request.id === 'first') {
                request.id = answers[0].id;
            }
            socket.send(JSON.stringify(request));
        }
    };
    socket.onmessage = (event) => {
        const data = JSON.parse(event.data);
        if (data.type === 'presence') {
            next();
        } else if (data.type === 'ack' || data.type === 'error') {
            answers.push(data);
            next();
        }
    };"""


def by_text(messages, fragment):
    found = [message for message in messages if fragment in (message["text"] or "")]
    return found[0] if found else None


class ConversationTests(ConversationTestCase):

    def test_reply_edit_react_delete_between_two_pages(self):
        room = "talk"
        # A page of the index (no room connection of its own) holds a tutorial-only client in the room.
        self.driver.get(self.server.base_url + "/chat/")
        self.driver.execute_async_script(TUTORIAL_CLIENT_SCRIPT, room)
        tutorial = self.driver.current_window_handle
        alice = self._open_as("alice", room)
        bob = self._open_as("bob", room)

        self.driver.switch_to.window(alice)
        self._post_message("shall we meet at noon?")
        self._wait_for_log("alice: shall we meet at noon?")

        # bob answers without a mouse: from the input back to the log (one tab stop), ↑ to the message,
        # Tab to its toolbar's Reply; the input shows the quote.
        self.driver.switch_to.window(bob)
        self._wait_for_log("alice: shall we meet at noon?")
        ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        self.assertEqual(self._focused(), "chat-log")
        ActionChains(self.driver).send_keys(Keys.ARROW_UP).perform()
        self.assertEqual(self._focused(), "message")
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        self.assertIn("action-reply", self._focused())
        ActionChains(self.driver).send_keys(Keys.ENTER).perform()
        self.assertEqual(self._compose(), "reply")
        self.assertIn("alice", self.driver.find_element(By.CSS_SELECTOR, "#compose-context-text").text)
        self.assertEqual(self._focused(), "chat-message-input")
        self._post_message("@alice yes, bring <b>html</b>")
        self.assertIsNone(self._compose())
        state = self._wait_for_state(lambda m: by_text(m, "@alice yes") is not None, "bob's reply not shown")
        reply = by_text(state, "@alice yes")
        self.assertEqual(reply["quote"], {"user": "alice", "excerpt": "shall we meet at noon?", "deleted": False})
        self.assertEqual(reply["mentions"], [{"text": "@alice", "me": False}])
        self.assertFalse(reply["mentionsMe"])
        # His own message can be edited and deleted by him, alice's not.
        self.assertTrue(reply["canEdit"] and reply["canDelete"])
        original = by_text(state, "noon")
        self.assertFalse(original["canEdit"] or original["canDelete"])

        # alice sees the quote and her name marked as a mention of her; the markup is text.
        self.driver.switch_to.window(alice)
        state = self._wait_for_state(lambda m: by_text(m, "@alice yes") is not None, "the reply did not reach alice")
        reply = by_text(state, "@alice yes")
        self.assertEqual(reply["text"], "@alice yes, bring <b>html</b>")
        self.assertEqual(reply["mentions"], [{"text": "@alice", "me": True}])
        self.assertTrue(reply["mentionsMe"])
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "#chat-log b"), [])
        # Clicking the quote goes to the original.
        self._message_element("@alice yes").find_element(By.CSS_SELECTOR, ".reply-jump").click()
        self.assertEqual(self.driver.execute_script("return document.activeElement.dataset.id"),
                         str(by_text(state, "noon")["id"]))

        # ↑ in the empty input edits her last message; Enter saves it in place, for everyone.
        self.driver.find_element(By.CSS_SELECTOR, "#chat-message-input").click()
        ActionChains(self.driver).send_keys(Keys.ARROW_UP).perform()
        self.assertEqual(self._compose(), "edit")
        self.assertEqual(self._input_value(), "shall we meet at noon?")
        ActionChains(self.driver).send_keys(Keys.BACKSPACE * 5, "one?", Keys.ENTER).perform()
        for window in (alice, bob):
            self.driver.switch_to.window(window)
            state = self._wait_for_state(lambda m: by_text(m, "at one?") is not None, "the edit is not shown")
            edited = by_text(state, "at one?")
            self.assertEqual(edited["id"], original["id"])  # the same message, in its place
            self.assertEqual(edited["text"], "shall we meet at one?")
            self.assertTrue(edited["edited"].startswith("Edited "), edited)
            self.assertIsNone(by_text(state, "noon?"))
            # The reply keeps the quote it was written to.
            self.assertEqual(by_text(state, "@alice yes")["quote"]["excerpt"], "shall we meet at noon?")
        self.assertEqual(self._input_value(), "")

        # bob reacts with the picker; alice's click on the chip adds hers, a second click takes it back.
        self.driver.switch_to.window(bob)
        self._hover_action("at one?", "react")
        picker = self._message_element("at one?").find_element(By.CSS_SELECTOR, ".emoji-picker")
        picker.find_element(By.XPATH, ".//button[text()='👍']").click()
        state = self._wait_for_state(lambda m: by_text(m, "at one?")["reactions"], "no reaction")
        self.assertEqual(by_text(state, "at one?")["reactions"],
                         [{"emoji": "👍", "count": 1, "pressed": True, "users": "bob"}])
        self.driver.switch_to.window(alice)
        self._wait_for_state(lambda m: by_text(m, "at one?")["reactions"], "bob's reaction did not reach alice")
        chip = self._message_element("at one?").find_element(By.CSS_SELECTOR, ".reaction")
        self.assertEqual(chip.get_attribute("aria-pressed"), "false")
        chip.click()
        state = self._wait_for_state(lambda m: by_text(m, "at one?")["reactions"][0]["count"] == 2, "no second 👍")
        self.assertEqual(by_text(state, "at one?")["reactions"],
                         [{"emoji": "👍", "count": 2, "pressed": True, "users": "bob, alice"}])
        self._message_element("at one?").find_element(By.CSS_SELECTOR, ".reaction").click()
        state = self._wait_for_state(lambda m: by_text(m, "at one?")["reactions"][0]["count"] == 1, "👍 not taken back")
        self.assertEqual(by_text(state, "at one?")["reactions"],
                         [{"emoji": "👍", "count": 1, "pressed": False, "users": "bob"}])
        # The picker offers what this browser used last first.
        self._hover_action("@alice yes", "react")
        picker = self._message_element("@alice yes").find_element(By.CSS_SELECTOR, ".emoji-picker")
        self.assertEqual(picker.find_element(By.CSS_SELECTOR, "button").text, "👍")
        picker.find_element(By.XPATH, ".//button[text()='🎉']").click()
        self._wait_for_state(lambda m: by_text(m, "@alice yes")["reactions"], "no 🎉")
        self.assertIn("action-react", self._focused())  # focus went back to React
        self.driver.find_element(By.CSS_SELECTOR, "#chat-message-input").click()

        # alice sends a typo, bob answers it, alice deletes it (asked first): a tombstone, and the answer's
        # quote says its original is gone.
        self._post_message("typo mesage")
        self._wait_for_log("alice: typo mesage")
        self.driver.switch_to.window(bob)
        self._wait_for_log("alice: typo mesage")
        self._hover_action("typo mesage", "reply")
        self._post_message("what typo?")
        self._wait_for_state(lambda m: by_text(m, "what typo?") is not None, "bob's second reply")
        self.driver.switch_to.window(alice)
        self._wait_for_state(lambda m: by_text(m, "what typo?") is not None, "bob's second reply at alice's")
        self._hover_action("typo mesage", "delete")
        alert = self.wait(lambda d: d.switch_to.alert, message="no confirmation asked")
        self.assertIn("Delete this message", alert.text)
        alert.accept()
        for window in (alice, bob):
            self.driver.switch_to.window(window)
            state = self._wait_for_state(lambda m: any(message["deleted"] for message in m), "no tombstone")
            tombstone = [message for message in state if message["deleted"]]
            self.assertEqual(len(tombstone), 1)
            self.assertEqual(tombstone[0]["text"], "message deleted")
            self.assertEqual(tombstone[0]["user"], "alice")
            self.assertFalse(tombstone[0]["toolbar"])
            self.assertEqual(by_text(state, "what typo?")["quote"],
                             {"user": None, "excerpt": "Reply to a deleted message", "deleted": True})
            self.assertNotIn("mesage", self._chat_log_value())

        # A late joiner sees the room as it is now.
        carol = self._open_as("carol", room)
        state = self._wait_for_state(lambda m: len(m) == 4, "carol does not see the four messages")
        self.assertEqual([message["text"] for message in state],
                         ["shall we meet at one?", "@alice yes, bring <b>html</b>", "message deleted", "what typo?"])
        self.assertTrue(state[0]["edited"])
        self.assertEqual(state[0]["reactions"], [{"emoji": "👍", "count": 1, "pressed": False, "users": "bob"}])
        self.assertEqual(state[1]["quote"]["excerpt"], "shall we meet at noon?")
        self.assertEqual(state[1]["reactions"], [{"emoji": "🎉", "count": 1, "pressed": False, "users": "alice"}])
        self.assertEqual(state[1]["mentions"], [{"text": "@alice", "me": False}])
        self.assertTrue(state[2]["deleted"])
        self.assertTrue(state[3]["quote"]["deleted"])
        self.assertRegex(self._chat_log_value(), r"(?m)^\d\d:\d\d alice: message deleted$")
        self.assertEqual(carol, self.driver.current_window_handle)

        # The tutorial-only client got only frames with "message": the messages, and the edit as a line of
        # its own; nothing of the reactions and the delete.
        self.driver.switch_to.window(tutorial)
        frames = self.driver.execute_script("return window.tutorialFrames")
        self.assertTrue(all("message" in frame for frame in frames), frames)
        self.assertEqual([frame["message"] for frame in frames],
                         ["shall we meet at noon?", "@alice yes, bring <b>html</b>", "✎ shall we meet at one?",
                          "typo mesage", "what typo?"])
        self.assertEqual(frames[2]["edit_of"], original["id"])

        # Screenshots, toolbar shown on bob's reply: English here, Japanese in a browser that asks for it.
        self.driver.switch_to.window(alice)
        ActionChains(self.driver).move_to_element(self._message_element("@alice yes")).perform()
        self._screenshot("page-conversation-en")
        self._assert_no_csp_violations()
        japanese = pages.new_driver("ja-JP,ja")
        self.addCleanup(pages.quit_driver, japanese)
        self.driver = japanese
        self._open_as("花子", room)
        state = self._wait_for_state(lambda m: len(m) == 4, "the Japanese page does not show the room")
        self.assertEqual(state[2]["text"], "メッセージは削除されました")
        self.assertEqual(state[3]["quote"]["excerpt"], "削除されたメッセージへの返信")
        self.assertTrue(state[0]["edited"].endswith("に編集"), state[0]["edited"])
        item = self._message_element("@alice yes")
        ActionChains(self.driver).move_to_element(item).perform()
        self.assertEqual(item.find_element(By.CSS_SELECTOR, ".action-reply").text, "返信")
        self._screenshot("page-conversation-ja")

    def test_reply_and_edit_are_cancelled_with_escape(self):
        self._open_as("dan", "cancel")
        self._post_message("first")
        self._wait_for_log("dan: first")
        self.driver.find_element(By.CSS_SELECTOR, "#chat-message-input").send_keys("draft")
        self._hover_action("first", "reply")
        self.assertEqual(self._compose(), "reply")
        ActionChains(self.driver).send_keys(Keys.ESCAPE).perform()
        self.assertIsNone(self._compose())
        self.assertEqual(self._input_value(), "draft")
        # Editing puts the message's text in the input; Esc gives the draft back and sends nothing.
        self._hover_action("first", "edit")
        self.assertEqual(self._compose(), "edit")
        self.assertEqual(self._input_value(), "first")
        ActionChains(self.driver).send_keys(Keys.ESCAPE).perform()
        self.assertIsNone(self._compose())
        self.assertEqual(self._input_value(), "draft")
        self.assertIsNone(self._messages_state()[0]["edited"])

    def test_mention_notifies_while_hidden_and_title_counts(self):
        room = "mentions"
        alice = self._open_as("Alice", room)
        original_title = self.driver.title
        # Nothing is asked on load; the button asks (the permission is granted for this origin as a user would).
        button = self.driver.find_element(By.CSS_SELECTOR, "#notify-button")
        self.assertTrue(button.is_displayed())
        self.driver.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": self.server.base_url, "permissions": ["notifications"]})
        button.click()
        self.wait(lambda _: not button.is_displayed(), message="the button stays after permission was given")
        # The notifications the page makes are recorded (the real constructor still makes them).
        self.driver.execute_script("""
            window.shownNotifications = [];
            const Real = window.Notification;
            window.Notification = class extends Real {
                constructor(title, options) {
                    super(title, options);
                    window.shownNotifications.push({title, body: options.body});
                }
            };""")
        # alice's page is hidden: her window is minimised.
        self.driver.minimize_window()
        self.wait(lambda d: d.execute_script("return document.hidden"), message="alice's page is not hidden")

        bob = pages.new_driver()
        self.addCleanup(pages.quit_driver, bob)
        self.driver, first = bob, self.driver
        self._open_as("bob", room)
        self._post_message("no mention here, alice@example.com")
        self._post_message("ping @ＡＬＩＣＥ.")  # full width, upper case, end of a sentence: alice still
        self._wait_for_log("bob: ping @ＡＬＩＣＥ.")
        self.driver = first

        self.assertEqual(self.driver.current_window_handle, alice)
        self.wait(lambda d: d.title == f"(2) {original_title}", message=f"title: {self.driver.title!r}")
        shown = self.driver.execute_script("return window.shownNotifications")
        self.assertEqual(shown, [{"title": f"bob mentioned you in {room}", "body": "ping @ＡＬＩＣＥ."}])
        state = self._messages_state()
        self.assertEqual([message["mentionsMe"] for message in state], [False, True])
        self.assertEqual(state[1]["mentions"], [{"text": "@ＡＬＩＣＥ", "me": True}])
        self.assertEqual(state[0]["mentions"], [])
        # Shown again: the count goes.
        self.driver.maximize_window()
        self.wait(lambda d: d.title == original_title, message=f"title: {self.driver.title!r}")


class ReplayTests(ConversationTestCase):
    """A page that was away gets the events it missed after its ?since=: the messages as they are now, then the
    edits and reactions among them, which it must not apply twice."""

    def test_missed_events_are_applied_once(self):
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SOCKET_FAULTS_SCRIPT})
        self._open_as("alice", "away")
        # bob opens the room's history first: an empty room's epoch is replaced by that of its first event, so a
        # page that saw the room empty is reset on its next connection (docs/protocol.md, "Recovery epoch").
        self.driver.execute_async_script(CLIENT_SCRIPT, "away", [{"message": "hello"}])
        self.driver.refresh()
        self._wait_until_connected()
        self._post_message("before")
        self._wait_for_log("alice: before")

        # alice's network goes down: her page closes and cannot reconnect.
        unused = socket.socket()
        unused.bind(("127.0.0.1", 0))
        down = f"ws://127.0.0.1:{unused.getsockname()[1]}/"
        unused.close()
        self.driver.execute_script("window.kaiwaNetworkDown = arguments[0]; window.kaiwaSockets.at(-1).close();", down)
        self.wait(lambda _: self._status_state() == "disconnected", message=lambda: f"still: {self._status_text()!r}")

        # Meanwhile bob sends, edits, reacts, takes a reaction back, and reacts to alice's message.
        first_id = by_text(self._messages_state(), "before")["id"]
        answers = self.driver.execute_async_script(CLIENT_SCRIPT, "away", [
            {"message": "while away"},
            {"type": "edit", "id": "first", "message": "while you were away"},
            {"type": "react", "id": "first", "emoji": "👍"},
            {"type": "react", "id": "first", "emoji": "🎉"},
            {"type": "unreact", "id": "first", "emoji": "🎉"},
            {"type": "react", "id": first_id, "emoji": "👀"},
        ])
        self.assertEqual([answer["type"] for answer in answers], ["ack"] * 6, answers)
        missed = answers[0]["id"]

        # The network is back: the page resumes after what it had, and shows each change once.
        self.driver.execute_script("window.kaiwaNetworkDown = null;")
        self._wait_until_connected(timeout=pages.RECONNECT_WAIT)
        self.assertIn(f"since={first_id}&epoch=", self.driver.execute_script("return window.kaiwaSockets.at(-1).url"))
        state = self._wait_for_state(lambda m: len(m) == 3 and m[1]["reactions"], "the missed events are not shown")
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "#chat-notice").text, "")  # no history.reset
        self.assertEqual(state[2]["text"], "while you were away")
        self.assertTrue(state[2]["edited"])
        self.assertEqual(state[2]["reactions"], [{"emoji": "👍", "count": 1, "pressed": False, "users": "bob"}])
        self.assertEqual(state[1]["reactions"], [{"emoji": "👀", "count": 1, "pressed": False, "users": "bob"}])
        # Live events after the replay count as before: another bob (anonymous, another connection) adds his.
        again = self.driver.execute_async_script(CLIENT_SCRIPT, "away", [{"type": "react", "id": missed, "emoji": "👍"}])
        self.assertEqual(again, [{"type": "ack", "id": again[0]["id"], "client_id": again[0]["client_id"],
                                  "duplicate": False}])
        state = self._wait_for_state(lambda m: m[2]["reactions"][0]["count"] == 2, "a second 👍 is not counted")
        self.assertEqual(state[2]["reactions"], [{"emoji": "👍", "count": 2, "pressed": False, "users": "bob, bob"}])


class EditWindowTests(ConversationTestCase):
    """A server with --edit-window 1: a late edit is refused, and the page says so in the reader's language."""

    @classmethod
    def setUpClass(cls):
        cls.server = pages.KaiwaServer(pages.SERVER_BINARY, extra_args=["--edit-window", "1"]).start()

    def setUp(self):
        self.driver = pages.new_driver("ja-JP,ja")
        self.addCleanup(pages.quit_driver, self.driver)

    def test_refused_edit_is_explained_and_given_back(self):
        self._open_as("太郎", "late")
        self._post_message("おはよう")
        self._wait_for_log("太郎: おはよう")
        # The window is over once more than a second has passed since the message's time (the server counts
        # whole seconds: 2 s are surely past it).
        self.wait(lambda d: d.execute_script(
            "return Date.now() - Date.parse(document.querySelector('#chat-log time').dateTime) > 2500"),
            message="the message's time did not pass")
        ActionChains(self.driver).send_keys(Keys.ARROW_UP, Keys.END, "ございます", Keys.ENTER).perform()
        self.wait(lambda _: self._notice() != "",
                  message=lambda: f"no notice of the refusal: {self._messages_state()!r} {self._input_value()!r}")
        self.assertEqual(self._notice(), "編集は保存されませんでした: メッセージを変更できるのは送信者だけです"
                                         "（編集は送信後の一定時間に限られることがあります）。")
        # The edit is back in the input, still an edit of that message; the message is unchanged.
        self.assertEqual(self._compose(), "edit")
        self.assertEqual(self._input_value(), "おはようございます")
        self.assertEqual(self._messages_state()[0]["text"], "おはよう")
        self.assertIsNone(self._messages_state()[0]["edited"])


if __name__ == "__main__":
    sys.exit(pages.run_suite(__doc__))
