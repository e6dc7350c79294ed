// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QUrl>

#include <memory>

namespace KaiwaTest {

/**
 * A chat server under test, started as a real process: kaiwa-server, or one of the reference
 * peers for compatibility runs. Chosen by the environment variable KAIWA_TEST_PEER
 * (unset: kaiwa-server; "daphne": the Django Channels tutorial on Daphne).
 */
class ChatEndpoint
{
public:
    virtual ~ChatEndpoint() = default;

    virtual bool start(quint16 port = 0) = 0;
    virtual quint16 port() const = 0;
    /// True for a reference peer, which implements only the tutorial's protocol.
    virtual bool isPeer() const = 0;

    /// ws://127.0.0.1:PORT/ws/chat/<room>/ with the room percent-encoded, plus an optional query.
    QUrl wsUrl(const QString &room, const QString &query = {}) const;
    QUrl httpUrl(const QString &path) const;

    /// kaiwa-server with `kaiwaArguments`, or the peer KAIWA_TEST_PEER names.
    static std::unique_ptr<ChatEndpoint> fromEnvironment(const QStringList &kaiwaArguments);
};

} // namespace KaiwaTest
