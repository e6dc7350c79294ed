// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QUrl>

#include <memory>

namespace KaiwaTest {

/**
 * The chat server a test talks to, started as a real process on 127.0.0.1: kaiwa-server
 * (ServerProcess), or the reference peer, the Django Channels tutorial on Daphne (DaphneProcess),
 * so that "wire-compatible" is a tested fact.
 *
 * The peer is chosen when the test runs, by the environment variable KAIWA_TEST_PEER: unset or
 * "kaiwa" for kaiwa-server, "django" for the tutorial. CMake registers a suite that runs against
 * both twice (kaiwa_add_peer_test in tests/CMakeLists.txt): <name>_kaiwa and <name>_django.
 */
class ChatEndpoint
{
public:
    virtual ~ChatEndpoint() = default;

    /// Starts on `port` (0: a free one); false, with a warning, when it did not come up.
    virtual bool start(quint16 port = 0) = 0;
    /**
     * SIGTERM and wait (SIGKILL after a grace period); the exit code, -1 when it had to be killed.
     * port() stays the one it had, so start(port()) brings the server back at the same address.
     */
    virtual int stop() = 0;
    virtual quint16 port() const = 0;
    /**
     * True for kaiwa-server: ids, acknowledgements, history, client-id deduplication, typed errors
     * and limits. The peer implements only the tutorial's protocol.
     */
    virtual bool isKaiwa() const = 0;

    /// ws://127.0.0.1:PORT/ws/chat/<room>/ with the room percent-encoded, plus an optional query.
    QUrl wsUrl(const QString &room, const QString &query = {}) const;
    /// http://127.0.0.1:PORT followed by `path`; without one, the address a user types.
    QUrl httpUrl(const QString &path = {}) const;

    /// kaiwa-server with `kaiwaArguments`, or the peer KAIWA_TEST_PEER names (which takes no arguments).
    static std::unique_ptr<ChatEndpoint> fromEnvironment(const QStringList &kaiwaArguments);
};

} // namespace KaiwaTest
