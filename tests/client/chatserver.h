// SPDX-License-Identifier: MIT
#pragma once

#include <QUrl>

#include <memory>

namespace KaiwaTest {

/**
 * A real chat server child process for client tests: kaiwa-server or the Django Channels tutorial
 * peer (daphne), chosen when the test is built (KAIWA_TEST_PEER_DJANGO). Both listen on 127.0.0.1.
 */
class ChatServer
{
public:
    virtual ~ChatServer() = default;

    /// Starts on `port` (0: any free port); false if the server did not come up.
    virtual bool start(quint16 port = 0) = 0;
    virtual void stop() = 0;
    virtual quint16 port() const = 0;
    /// kaiwa-server: ids, acks, history, client-id deduplication. The tutorial has none of them.
    virtual bool isKaiwa() const = 0;

    /// The address a user types: http://127.0.0.1:PORT
    QUrl httpUrl() const;

    /// The server this test binary was built for.
    static std::unique_ptr<ChatServer> create();
};

} // namespace KaiwaTest
