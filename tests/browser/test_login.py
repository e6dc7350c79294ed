#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser tests of signing in (kaiwa-server --require-login) in headless Chromium.

An account is made with `kaiwa-server user add` (password on stdin); the daemon then sends the
browser to the sign-in page, sets an HttpOnly, SameSite=Strict session cookie, and the room's
WebSocket carries the cookie: messages come from the account, marked verified.

    python3 test_login.py --server build/bin/kaiwa-server [unittest options, test names]
"""

import argparse
import http.client
import json
import os
import sys
import tempfile
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_pages as pages  # noqa: E402  (also re-executes with the system python when needed)

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

PASSWORD = "correct horse 1"


class LoginTests(pages.PageTestCase):
    """One daemon with --require-login and one account, one browser per test."""

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory(prefix="kaiwa-login-")
        database = os.path.join(cls.directory.name, "kaiwa.sqlite")
        pages.add_user(database, "alice", PASSWORD)
        cls.server = pages.KaiwaServer(pages.SERVER_BINARY,
                                       extra_args=["--database", database, "--require-login"]).start()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.directory.cleanup()

    def _text(self, selector):
        """The element's text, or "" while the page is being replaced (stale or missing element)."""
        try:
            return self.driver.find_element(By.CSS_SELECTOR, selector).text
        except WebDriverException:
            return ""

    def test_sign_in_then_chat_as_verified_account(self):
        self.driver.get(self.server.base_url + "/chat/lobby/")
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/login",
                  message=f"not sent to the sign-in page: {self.driver.current_url}")

        self._sign_in("alice", "wrong password")
        self.wait(lambda d: "Wrong account name or password" in self._text("#login-error"),
                  message="no error for a wrong password")
        self.assertNotIn("kaiwa_session", [c["name"] for c in self.driver.get_cookies()])

        self._sign_in("alice", PASSWORD)
        self.wait(lambda d: d.current_url.endswith("/chat/lobby/"),
                  message=f"not back in the room: {self.driver.current_url}")
        self._wait_until_connected()

        cookies = {c["name"]: c for c in self.driver.get_cookies()}
        self.assertIn("kaiwa_session", cookies)
        self.assertTrue(cookies["kaiwa_session"]["httpOnly"])
        self.assertEqual(cookies["kaiwa_session"].get("sameSite"), "Strict")
        self.assertFalse(cookies["kaiwa_session"]["secure"])  # plain http here
        # HttpOnly: the page's scripts cannot read it.
        self.assertNotIn("kaiwa_session", self.driver.execute_script("return document.cookie"))

        self._post_message("hello from the browser")
        self._wait_for_log("alice: hello from the browser")
        # A verified account: the page shows the badge (test_pages.VerificationTests has the details).
        self.assertEqual(self._messages()[-1]["badge"], "Verified account")

        # The cookie goes with the WebSocket upgrade: a socket opened from the page is the account.
        frame = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const socket = new WebSocket(`ws://${location.host}/ws/chat/lobby/?name=mallory`, 'kaiwa.v1');
            const frames = [];
            socket.onmessage = (event) => {
                const data = JSON.parse(event.data);
                if (data.type === 'chat.message') { socket.close(); done(JSON.stringify(data)); }
            };
            socket.onerror = () => done('error');
        """)
        message = json.loads(frame)
        self.assertEqual(message["user"], "alice")
        self.assertTrue(message["verified"])

    def test_japanese_sign_in_page(self):
        driver = pages.new_driver("ja,en;q=0.5")
        self.addCleanup(pages.quit_driver, driver)
        driver.get(self.server.base_url + "/login")
        self.assertEqual(driver.title, "ログイン")
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "#login-submit").get_attribute("value"), "ログイン")

    def test_sign_out(self):
        self.driver.get(self.server.base_url + "/login?next=/chat/")
        self._sign_in("alice", PASSWORD)
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/chat/", message="not signed in")
        self.driver.get(self.server.base_url + "/login")
        self.wait(lambda d: "alice" in self._text("#login-signed-in"), message="not shown as signed in")
        self.driver.find_element(By.CSS_SELECTOR, "#logout-submit").click()
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/login", message="not signed out")
        self.assertNotIn("kaiwa_session", [c["name"] for c in self.driver.get_cookies()])
        self.driver.get(self.server.base_url + "/chat/lobby/")
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/login",
                  message="the room is still open after signing out")


    def _session_works(self, token):
        """Whether a request carrying this session cookie is treated as signed in."""
        connection = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        try:
            connection.request("GET", "/api/rooms", headers={"Cookie": f"kaiwa_session={token}"})
            return connection.getresponse().status == 200
        finally:
            connection.close()

    def test_sign_out_from_the_room(self):
        self.driver.get(self.server.base_url + "/chat/lobby/")
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/login", message="not sent to sign in")
        self._sign_in("alice", PASSWORD)
        self.wait(lambda d: d.current_url.endswith("/chat/lobby/"), message=f"not in the room: {self.driver.current_url}")
        self._wait_until_connected()
        token = {c["name"]: c["value"] for c in self.driver.get_cookies()}["kaiwa_session"]
        self.assertTrue(self._session_works(token))

        # The room shows who is signed in, and a sign-out button.
        self.assertEqual(self._text("#account-name"), "Signed in as alice.")
        button = self.driver.find_element(By.CSS_SELECTOR, "#logout-submit")
        self.assertTrue(button.is_displayed())
        self.assertEqual(button.get_attribute("value"), "Sign out")
        button.click()

        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/login",
                  message=f"not on the sign-in page: {self.driver.current_url}")
        self.assertNotIn("kaiwa_session", [c["name"] for c in self.driver.get_cookies()])
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, "#logout-form").is_displayed())
        # The session is over on the server, not only forgotten by the browser.
        self.assertFalse(self._session_works(token))
        self.driver.get(self.server.base_url + "/chat/lobby/")
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/login",
                  message="the room is still open after signing out")

    def test_japanese_sign_out_control(self):
        driver = pages.new_driver("ja,en;q=0.5")
        self.addCleanup(pages.quit_driver, driver)
        self.driver = driver  # for the helpers
        self.driver.get(self.server.base_url + "/login?next=/chat/lobby/")
        self._sign_in("alice", PASSWORD)
        self.wait(lambda d: d.current_url.endswith("/chat/lobby/"), message=f"not in the room: {self.driver.current_url}")
        self.assertEqual(self._text("#account-name"), "alice としてログインしています。")
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "#logout-submit").get_attribute("value"),
                         "ログアウト")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="path of the kaiwa-server binary")
    args, rest = parser.parse_known_args()
    pages.SERVER_BINARY = os.path.abspath(args.server)
    for tool in (pages.SERVER_BINARY, pages.CHROMIUM, pages.CHROMEDRIVER):
        if not os.path.exists(tool):
            print(f"missing: {tool}", file=sys.stderr)
            return 1
    program = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
