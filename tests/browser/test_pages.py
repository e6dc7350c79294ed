#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser tests of kaiwa-server's chat pages.

A port of the Django Channels tutorial's part 4 Selenium tests (ChatTests), plus Kaiwa's own
scenarios: Japanese room names, HTML injection, history after reload, reconnecting after the
server restarts, Accept-Language, and room name validation on the index page.

Runs a real daemon (`<server> --port 0 --database :memory:`), headless Chromium and chromedriver:

    python3 test_pages.py --server build/bin/kaiwa-server [unittest options, test names]
"""

import argparse
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.error
import urllib.parse
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException, TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    # Selenium comes from Debian (python3-selenium); a python3 earlier on PATH (pyenv, venv)
    # does not see it. Run again with the system interpreter instead of failing.
    SYSTEM_PYTHON = "/usr/bin/python3"
    if os.path.exists(SYSTEM_PYTHON) and not os.environ.get("KAIWA_TEST_REEXEC"):
        os.environ["KAIWA_TEST_REEXEC"] = "1"
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    raise

CHROMIUM = os.environ.get("KAIWA_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KAIWA_CHROMEDRIVER", "/usr/bin/chromedriver")
LISTENING = re.compile(r"^kaiwa-server listening on http://(?P<host>\[[^\]]+\]|[^:/]+):(?P<port>\d+)/chat/\s*$")
WAIT = 15  # seconds for ordinary conditions
RECONNECT_WAIT = 45  # seconds for a reconnect (backoff may have grown to several seconds)

SERVER_BINARY = None  # set by main()
OUTPUT_DIR = None  # screenshots go here; set by main()


class KaiwaServer:
    """A kaiwa-server child process with an in-memory database."""

    def __init__(self, binary, port=0, extra_args=()):
        self.binary = binary
        self.requested_port = port
        self.extra_args = list(extra_args)  # after the defaults, so they win (e.g. --database FILE)
        self.process = None
        self.host = None
        self.port = None
        self._lines = queue.Queue()

    def start(self, timeout=20):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.requested_port), "--database", ":memory:"] + self.extra_args,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        # Keep reading stdout so that the daemon never blocks on a full pipe.
        threading.Thread(target=self._read_stdout, args=(self.process.stdout,), daemon=True).start()
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            raise RuntimeError(f"kaiwa-server did not announce itself within {timeout} s")
        match = LISTENING.match(line or "")
        if not match:
            self.stop()
            raise RuntimeError(f"unexpected first line from kaiwa-server: {line!r}")
        host = match.group("host").strip("[]")
        # A wildcard address is not something to browse to: use loopback.
        self.host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        self.port = int(match.group("port"))
        return self

    def _read_stdout(self, stream):
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)

    @property
    def base_url(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


def add_user(database, name, password):
    """`kaiwa-server --database DATABASE user add NAME` with the password on stdin, as an administrator makes an
    account."""
    added = subprocess.run([SERVER_BINARY, "--database", database, "user", "add", name],
                           input=password + "\n", text=True, capture_output=True, timeout=60)
    if added.returncode != 0:
        raise RuntimeError(f"user add failed: {added.stderr}")


def new_driver(accept_language="en-US,en"):
    """A headless Chromium with a fresh profile; the profile is removed when the driver quits."""
    profile = tempfile.mkdtemp(prefix="kaiwa-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--window-size=1024,768", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": accept_language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    driver.kaiwa_profile = profile
    return driver


def quit_driver(driver):
    try:
        driver.quit()
    finally:
        shutil.rmtree(driver.kaiwa_profile, ignore_errors=True)


class PageTestCase(unittest.TestCase):
    """One daemon for the class, one browser per test."""

    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = KaiwaServer(SERVER_BINARY).start()

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.stop()

    def setUp(self):
        self.driver = new_driver()
        self.addCleanup(quit_driver, self.driver)

    # ---- helpers, named after the tutorial's ------------------------------------------------

    def wait(self, condition, timeout=WAIT, message=""):
        """Waits for condition; message may be a callable, read only on a timeout (the page may still be loading
        when the wait starts, so reading it eagerly can fail before the wait does)."""
        try:
            return WebDriverWait(self.driver, timeout).until(condition)
        except TimeoutException as timeout_error:
            raise TimeoutException(self._describe(message)) from timeout_error

    @staticmethod
    def _describe(message):
        if not callable(message):
            return message
        try:
            return message()
        except Exception as error:  # the page may be gone or half loaded: say so instead of hiding the timeout
            return f"(the page could not be read: {error.__class__.__name__})"

    def _enter_chat_room(self, room_name):
        """Types the room name into the focused index page input and presses Enter (as the tutorial)."""
        self.driver.get(self.server.base_url + "/chat/")
        self.wait(lambda d: d.execute_script("return document.activeElement && document.activeElement.id")
                  == "room-name-input", message="#room-name-input is not focused")
        ActionChains(self.driver).send_keys(room_name, Keys.ENTER).perform()
        encoded = urllib.parse.quote(room_name, safe="")
        self.wait(lambda d: d.current_url.endswith(f"/chat/{encoded}/"),
                  message=f"did not navigate to the room {room_name!r}: {self.driver.current_url}")
        self._wait_until_connected()

    def _open_room(self, room_name):
        self.driver.get(f"{self.server.base_url}/chat/{urllib.parse.quote(room_name, safe='')}/")
        self._wait_until_connected()

    def _wait_until_connected(self, timeout=WAIT):
        self.wait(lambda d: self._status_state() == "connected", timeout,
                  message=lambda: f"not connected: {self._status_text()!r}")
        self.wait(lambda d: d.execute_script("return document.activeElement && document.activeElement.id")
                  == "chat-message-input", message="#chat-message-input is not focused")

    def _open_new_window(self):
        self.driver.switch_to.new_window("window")

    def _switch_to_window(self, index):
        self.driver.switch_to.window(self.driver.window_handles[index])

    def _post_message(self, message):
        ActionChains(self.driver).send_keys(message, Keys.ENTER).perform()

    def _chat_log_value(self):
        return self.driver.find_element(By.CSS_SELECTOR, "#chat-log").get_property("value")

    def _status_state(self):
        return self.driver.find_element(By.CSS_SELECTOR, "#connection-status").get_attribute("data-state")

    def _status_text(self):
        return self.driver.find_element(By.CSS_SELECTOR, "#connection-status").text

    def _wait_for_log(self, text, timeout=WAIT):
        self.wait(lambda _: text in self._chat_log_value(), timeout,
                  message=lambda: f"{text!r} not in the chat log: {self._chat_log_value()!r}")

    def _set_display_name(self, name):
        # The page reads it from localStorage on load; it is only remembered per origin.
        self.driver.get(self.server.base_url + "/chat/")
        self.driver.execute_script("window.localStorage.setItem('kaiwa.name', arguments[0]);", name)

    def _sign_in(self, name, password):
        """Fills and submits the sign-in form of the page that is open (/login)."""
        self.driver.find_element(By.CSS_SELECTOR, "#login-name").clear()
        self.driver.find_element(By.CSS_SELECTOR, "#login-name").send_keys(name)
        self.driver.find_element(By.CSS_SELECTOR, "#login-password").send_keys(password)
        self.driver.find_element(By.CSS_SELECTOR, "#login-submit").click()

    def _messages(self):
        """The log's message elements as the page shows them: name, badge, time, text."""
        return self.driver.execute_script("""
            return Array.from(document.querySelectorAll('#chat-log > .message'), (item) => {
                const text = (selector) => { const node = item.querySelector(selector); return node && node.textContent; };
                const badge = item.querySelector('.message-header .verified-badge');
                return {id: item.dataset.id || null, user: text('.message-user'), time: text('.message-time'),
                        text: text('.message-text'), badge: badge && badge.getAttribute('aria-label'),
                        badgeRole: badge && badge.getAttribute('role'),
                        userChildren: item.querySelector('.message-user') ?
                            item.querySelector('.message-user').childElementCount : 0};
            });""")

    def _screenshot(self, name, width=1024, height=768, dark=False, probe="#chat-log", arrange=None):
        """Saves the page at a size and colour scheme into OUTPUT_DIR; checks nothing overflows sideways. Returns
        the background colour of the `probe` element (it differs between light and dark). `arrange()` runs once the
        page has that size (e.g. to scroll something into view)."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
        try:
            self.wait(lambda d: d.execute_script("return window.innerWidth") == width,
                      message=f"the viewport did not become {width} px wide")
            self.assertTrue(self.driver.execute_script(
                f"return matchMedia('(prefers-color-scheme: {'dark' if dark else 'light'})').matches"))
            if arrange is not None:
                arrange()
            overflow = self.driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            self.assertLessEqual(overflow, 0, f"{name}: the page is wider than {width} px")
            os.makedirs(OUTPUT_DIR, exist_ok=True)
            path = os.path.join(OUTPUT_DIR, name + ".png")
            self.assertTrue(self.driver.save_screenshot(path), path)
            return self.driver.execute_script(
                "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", probe)
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def _assert_no_csp_violations(self):
        entries = self.driver.get_log("browser")
        violations = [e["message"] for e in entries if "Content Security Policy" in e.get("message", "")]
        self.assertEqual(violations, [])


class ChatTests(PageTestCase):
    """The Django Channels tutorial's tests (part 4), run against kaiwa-server."""

    def test_when_chat_message_posted_then_seen_by_everyone_in_same_room(self):
        self._enter_chat_room("room_1")

        self._open_new_window()
        self._enter_chat_room("room_1")

        self._switch_to_window(0)
        self._post_message("hello")
        self._wait_for_log("hello")
        self._switch_to_window(1)
        self._wait_for_log("hello")

        self._post_message("world")
        self._wait_for_log("world")
        self._switch_to_window(0)
        self._wait_for_log("world")
        self._assert_no_csp_violations()

    def test_when_chat_message_posted_then_not_seen_by_anyone_in_different_room(self):
        self._enter_chat_room("room_2a")

        self._open_new_window()
        self._enter_chat_room("room_2b")

        self._switch_to_window(0)
        self._post_message("hello")
        self._wait_for_log("hello")

        self._switch_to_window(1)
        self._post_message("world")
        self._wait_for_log("world")
        # "world" went out after "hello" was stored: had "hello" reached room_2b, it would be here.
        self.assertNotIn("hello", self._chat_log_value())


class KaiwaPageTests(PageTestCase):
    """Kaiwa's own scenarios."""

    def test_japanese_room_name_end_to_end(self):
        self._set_display_name("太郎")
        self._enter_chat_room("雑談")
        self.assertTrue(self.driver.current_url.endswith("/chat/%E9%9B%91%E8%AB%87/"), self.driver.current_url)
        self.assertIn("雑談", self.driver.find_element(By.CSS_SELECTOR, "#room-title").text)

        self._open_new_window()
        self._open_room("雑談")

        self._switch_to_window(0)
        self._post_message("こんにちは、世界")
        self._wait_for_log("太郎: こんにちは、世界")
        self._switch_to_window(1)
        self._wait_for_log("太郎: こんにちは、世界")
        self.assertNotIn("こんにちは", self._log_of_other_room("雑談_2"))

    def _log_of_other_room(self, room_name):
        self._open_room(room_name)
        return self._chat_log_value()

    def test_markup_in_a_message_is_shown_as_text(self):
        hostile = "<b>x</b><img src=x onerror=alert(1)>"
        self._set_display_name("<i>mallory</i>")
        self._open_room("markup")
        self._post_message(hostile)
        self._wait_for_log(f"<i>mallory</i>: {hostile}")

        # A second reader gets it from the history replay, which must be just as inert.
        self._open_new_window()
        self._open_room("markup")
        self._wait_for_log(hostile)

        for handle in self.driver.window_handles:
            self.driver.switch_to.window(handle)
            self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "b, i, img"), [])
            with self.assertRaises(NoAlertPresentException):
                self.driver.switch_to.alert.text

    def _members_text(self):
        return self.driver.find_element(By.CSS_SELECTOR, "#room-members").text

    def _typing_text(self):
        return self.driver.find_element(By.CSS_SELECTOR, "#typing-indicator").text

    def test_who_is_online_and_who_is_typing(self):
        self._set_display_name("alice")
        self._open_room("presence")
        self.wait(lambda _: self._members_text() == "1 online: alice",
                  message=lambda: f"members: {self._members_text()!r}")

        # The name is read from localStorage when a page loads: the second window is bob.
        self.driver.execute_script("window.localStorage.setItem('kaiwa.name', 'bob');")
        self._open_new_window()
        self._open_room("presence")
        self.wait(lambda _: self._members_text() == "2 online: alice, bob",
                  message=lambda: f"members in bob's window: {self._members_text()!r}")
        self._switch_to_window(0)
        self.wait(lambda _: self._members_text() == "2 online: alice, bob",
                  message=lambda: f"members in alice's window: {self._members_text()!r}")
        self.assertEqual(self._typing_text(), "")

        # bob types (no Enter yet): alice sees it, bob does not see himself.
        self._switch_to_window(1)
        ActionChains(self.driver).send_keys("hel").perform()
        self._switch_to_window(0)
        self.wait(lambda _: self._typing_text() == "bob is typing…", message=lambda: f"typing: {self._typing_text()!r}")
        self._switch_to_window(1)
        self.assertEqual(self._typing_text(), "")
        # Sending takes the indicator down at once (no waiting for it to expire).
        ActionChains(self.driver).send_keys("lo", Keys.ENTER).perform()
        self._switch_to_window(0)
        self._wait_for_log("bob: hello")
        self.wait(lambda _: self._typing_text() == "", message=lambda: f"typing: {self._typing_text()!r}")
        # Nothing of this reached the chat log as a line.
        self.assertEqual([line for line in self._chat_log_value().splitlines() if line], [
            line for line in self._chat_log_value().splitlines() if line.endswith("bob: hello")])

        self._switch_to_window(1)
        self.driver.close()
        self._switch_to_window(0)
        self.wait(lambda _: self._members_text() == "1 online: alice",
                  message=lambda: f"members after bob left: {self._members_text()!r}")

    def test_anonymous_page_has_no_sign_out(self):
        self._open_room("nobody")
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, "#logout-form").is_displayed())

    def test_multi_line_message_stays_one_message(self):
        self._set_display_name("carol")
        self._open_room("lines")
        self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const socket = new WebSocket(`ws://${location.host}/ws/chat/lines/?name=carol`);
            socket.onopen = () => socket.send(JSON.stringify({message: 'first line\\nsecond line\\n\\nfourth'}));
            socket.onmessage = (event) => { socket.close(); done(); };
        """)
        self.wait(lambda _: len(self._messages()) == 1, message=lambda: f"messages: {self._messages()!r}")
        message = self._messages()[0]
        self.assertEqual(message["text"], "first line\nsecond line\n\nfourth")
        self.assertEqual(message["user"], "carol")
        # Shown on separate lines, inside the one element.
        lines = self.driver.execute_script(
            "return document.querySelector('#chat-log .message-text').getClientRects()[0].height"
            " / parseFloat(getComputedStyle(document.querySelector('#chat-log .message-text')).lineHeight)")
        self.assertGreaterEqual(round(lines), 4)
        # The tutorial's `value`: one line per message, later lines of a text indented.
        self.assertRegex(self._chat_log_value(),
                         r"^\d\d:\d\d carol: first line\n  second line\n  \n  fourth\n$")

    def test_history_is_shown_after_reload(self):
        self._set_display_name("alice")
        self._open_room("history")
        self._post_message("before reload")
        self._wait_for_log("before reload")

        self.driver.refresh()
        self._wait_until_connected()
        self._wait_for_log("before reload")
        log = self._chat_log_value()
        self.assertEqual(log.count("before reload"), 1, log)
        # "HH:MM alice: before reload", local time, one line per message.
        self.assertRegex(log, r"(?m)^\d\d:\d\d alice: before reload$")

    def test_index_rejects_invalid_room_name(self):
        self.driver.get(self.server.base_url + "/chat/")
        self.wait(lambda d: d.execute_script("return document.activeElement.id") == "room-name-input")
        self.driver.execute_script("window.kaiwaStillHere = true;")
        ActionChains(self.driver).send_keys("bad room!").perform()

        error = self.driver.find_element(By.CSS_SELECTOR, "#room-name-error")
        self.wait(lambda _: error.is_displayed() and error.text.strip() != "",
                  message="no visible reason for an invalid room name")
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "#room-name-input").get_attribute("aria-invalid"),
                         "true")

        ActionChains(self.driver).send_keys(Keys.ENTER).perform()
        self.driver.find_element(By.CSS_SELECTOR, "#room-name-submit").click()
        # Had either started a navigation, this would run in a new document (chromedriver waits for it).
        self.assertTrue(self.driver.execute_script("return window.kaiwaStillHere === true;"))
        self.assertTrue(self.driver.current_url.endswith("/chat/"), self.driver.current_url)
        self.assertTrue(error.is_displayed())

        # Too long is refused too, with its own reason; 100 characters are fine.
        room_input = self.driver.find_element(By.CSS_SELECTOR, "#room-name-input")
        room_input.clear()
        room_input.send_keys("a" * 101)
        self.wait(lambda _: "101" in error.text, message=f"unexpected reason: {error.text!r}")
        room_input.send_keys(Keys.BACKSPACE, Keys.ENTER)
        self.wait(lambda d: d.current_url.endswith("/chat/" + "a" * 100 + "/"))

    def test_reconnects_after_server_restart(self):
        server = KaiwaServer(SERVER_BINARY).start()
        self.addCleanup(server.stop)
        self.server = server  # for the helpers
        self._open_room("restart")
        self._post_message("first")
        self._wait_for_log("first")

        server.stop()
        self.wait(lambda _: self._status_state() == "disconnected" and "reconnect" in self._status_text().lower(),
                  message=lambda: f"no reconnecting state shown: {self._status_text()!r}")

        # Typed while disconnected: queued, not lost, and the page says so.
        self._post_message("while away")
        self.wait(lambda _: ": 1" in self._status_text(), message=lambda: f"queue not shown: {self._status_text()!r}")

        restarted = KaiwaServer(SERVER_BINARY, port=server.port).start()
        self.addCleanup(restarted.stop)
        self._wait_until_connected(timeout=RECONNECT_WAIT)
        self._wait_for_log("while away")

        self._post_message("second")
        self._wait_for_log("second")
        # The restarted daemon's in-memory history is another one (another epoch): the page dropped what it
        # showed of the lost one instead of merging two histories, and said so (history.reset).
        log = self._chat_log_value()
        self.assertNotIn("first", log)
        self.assertEqual(log.count("while away"), 1, log)
        self.assertIn("history on the server was reset", self.driver.find_element(By.CSS_SELECTOR, "#chat-notice").text)


class VerificationTests(PageTestCase):
    """Only the server's "verified" shows a verified sender; names and texts cannot imitate it (issue 13, 6.3)."""

    PASSWORD = "correct horse 2"

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory(prefix="kaiwa-verified-")
        database = os.path.join(cls.directory.name, "kaiwa.sqlite")
        add_user(database, "alice", cls.PASSWORD)
        # Accounts, but no --require-login: anonymous people chat too, under any name.
        cls.server = KaiwaServer(SERVER_BINARY, extra_args=["--database", database]).start()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.directory.cleanup()

    def _sign_in_to_room(self, room):
        self.driver.get(f"{self.server.base_url}/login?next=/chat/{room}/")
        self._sign_in("alice", self.PASSWORD)
        self.wait(lambda d: d.current_url.endswith(f"/chat/{room}/"), message=f"not in the room: {self.driver.current_url}")
        self._wait_until_connected()

    def test_forged_name_and_line_do_not_look_verified(self):
        # alice signs in; her messages are verified.
        self._sign_in_to_room("trust")
        self._post_message("the real alice")
        self.wait(lambda _: len(self._messages()) == 1, message=lambda: f"messages: {self._messages()!r}")

        # Someone anonymous takes the name "alice ✓" and sends a text that carries a line imitating a
        # verified message of bob's.
        forger = new_driver()
        self.addCleanup(quit_driver, forger)
        forger.get(self.server.base_url + "/chat/")
        forger.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const socket = new WebSocket(`ws://${location.host}/ws/chat/trust/?name=${encodeURIComponent('alice ✓')}`);
            socket.onopen = () => socket.send(JSON.stringify({message: 'ok\\n20:17 bob ✓: approved'}));
            // The room's history comes first; close once our own message is back.
            socket.onmessage = (event) => {
                if (JSON.parse(event.data).message.startsWith('ok')) { socket.close(); done(); }
            };
        """)
        self.wait(lambda _: len(self._messages()) == 2, message=lambda: f"messages: {self._messages()!r}")
        real, forged = self._messages()

        self.assertEqual(real["user"], "alice")
        self.assertEqual(real["badge"], "Verified account")
        self.assertEqual(real["badgeRole"], "img")
        self.assertEqual(real["text"], "the real alice")

        # The forged name is text in the name element, with no badge; the forged line is text inside
        # the forger's message, not a message (nor a header) of its own.
        self.assertEqual(forged["user"], "alice ✓")
        self.assertEqual(forged["userChildren"], 0)
        self.assertIsNone(forged["badge"])
        self.assertEqual(forged["text"], "ok\n20:17 bob ✓: approved")
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#chat-log .verified-badge")), 1)
        self.assertNotIn("bob", " ".join(e.text for e in self.driver.find_elements(
            By.CSS_SELECTOR, "#chat-log .message-header")))
        # The badge is drawn (a filled disc), not a character a name could contain.
        badge = self.driver.find_element(By.CSS_SELECTOR, "#chat-log .verified-badge")
        self.assertEqual(badge.text, "")
        self.assertNotEqual(badge.value_of_css_property("background-color"), "rgba(0, 0, 0, 0)")
        # The tutorial's `value` has no line of bob's either.
        self.assertNotRegex(self._chat_log_value(), r"(?m)^20:17 bob")
        self.assertIn("alice ✓: ok\n  20:17 bob ✓: approved\n", self._chat_log_value())

        # Light and dark, wide and narrow, in English and Japanese.
        light = self._screenshot("room-en-wide-light")
        dark = self._screenshot("room-en-narrow-dark", width=360, height=740, dark=True)
        self.assertNotEqual(light, dark)
        japanese = new_driver("ja-JP,ja")
        self.addCleanup(quit_driver, japanese)
        self.driver = japanese  # for the helpers
        self._sign_in_to_room("trust")
        self.wait(lambda _: len(self._messages()) == 2, message=lambda: f"history: {self._messages()!r}")
        self.assertEqual(self._messages()[0]["badge"], "認証済みアカウント")
        self._screenshot("room-ja-wide-dark", dark=True)
        self._screenshot("room-ja-narrow-light", width=360, height=740)
        self._assert_no_csp_violations()


class LanguageTests(unittest.TestCase):
    """Accept-Language negotiation, over plain HTTP."""

    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = KaiwaServer(SERVER_BINARY).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def fetch(self, path, accept_language=None):
        request = urllib.request.Request(self.server.base_url + path)
        if accept_language is not None:
            request.add_header("Accept-Language", accept_language)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8")

    def test_japanese(self):
        for header in ("ja", "ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", "en;q=0.3, ja-JP;q=0.8"):
            with self.subTest(header=header):
                status, headers, body = self.fetch("/chat/", header)
                self.assertEqual(status, 200)
                self.assertEqual(headers.get("Content-Type"), "text/html; charset=utf-8")
                self.assertIn('<html lang="ja">', body)
                self.assertIn("どのチャットルームに入りますか？", body)
        status, _, body = self.fetch("/chat/%E9%9B%91%E8%AB%87/", "ja-JP")
        self.assertEqual(status, 200)
        self.assertIn("<title>チャットルーム: 雑談</title>", body)
        self.assertIn('value="送信"', body)
        status, _, body = self.fetch("/no/such/page", "ja")
        self.assertEqual(status, 404)
        self.assertIn("ページが見つかりません", body)

    def test_english(self):
        for header in (None, "en-US", "fr-FR,de;q=0.5", "ja;q=0.2,en;q=0.9"):
            with self.subTest(header=header):
                status, _, body = self.fetch("/chat/", header)
                self.assertEqual(status, 200)
                self.assertIn('<html lang="en">', body)
                self.assertIn("What chat room would you like to enter?", body)

    def test_browser_language(self):
        driver = new_driver(accept_language="ja-JP,ja")
        self.addCleanup(quit_driver, driver)
        driver.get(self.server.base_url + "/chat/lobby/")
        WebDriverWait(driver, WAIT).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "#connection-status").get_attribute("data-state") == "connected")
        self.assertEqual(driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "ja")
        self.assertIn("として接続中", driver.find_element(By.CSS_SELECTOR, "#connection-status").text)

    def test_static_files(self):
        scripts = ("kit.js", "index.js", "directory.js", "mentions.js", "paging.js", "catchup.js", "search.js",
                   "moderation.js", "room.js")
        for name, content_type in [(script, "text/javascript; charset=utf-8") for script in scripts] + [
                ("kaiwa.css", "text/css; charset=utf-8")]:
            with self.subTest(name=name):
                status, headers, _ = self.fetch("/static/" + name)
                self.assertEqual(status, 200)
                self.assertEqual(headers.get("Content-Type"), content_type)
        for name in ("../CMakeLists.txt", "%2e%2e/x", "room.html", "nope.js"):
            with self.subTest(name=name):
                status, _, _ = self.fetch("/static/" + name)
                self.assertEqual(status, 404)


def run_suite(description):
    """The command line of every browser test file: --server, --output-dir, then unittest's own arguments; runs the
    tests of the file started as __main__ and returns its exit status."""
    global SERVER_BINARY, OUTPUT_DIR
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="path of the kaiwa-server binary")
    parser.add_argument("--output-dir", default="browser-test-output", help="where screenshots are saved")
    args, rest = parser.parse_known_args()
    SERVER_BINARY = os.path.abspath(args.server)
    OUTPUT_DIR = os.path.abspath(args.output_dir)
    for tool in (SERVER_BINARY, CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            sys.exit(f"not executable: {tool}")
    program = unittest.main(module="__main__", argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(run_suite(__doc__))
