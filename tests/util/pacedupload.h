// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

#include <chrono>
#include <functional>
#include <memory>

namespace KaiwaTest {

/**
 * Many clients that upload at once as a browser does over a real network: a request (or, after a
 * handshake, a WebSocket message) sent in pieces with a pause between them. Like QTcpSocket, a client
 * gives up at the first write error, and reads the answer only once everything is sent: so it gets the
 * answer to a refused upload only if the server kept reading until then (a lingering close) instead of
 * resetting the connection. Each client is a thread with blocking I/O, so no event loop plays a part.
 */
class PacedUpload
{
public:
    /// One client's connection: plain TCP (the default) or TLS (a test supplies its own).
    class Channel
    {
    public:
        virtual ~Channel() = default;
        /// Connects to 127.0.0.1:port, with timeouts on every later call; false on failure.
        virtual bool open(quint16 port, std::chrono::milliseconds timeout) = 0;
        /// Sends every byte; false at the first error.
        virtual bool send(QByteArrayView bytes) = 0;
        /// Waits for bytes: how many (> 0), 0 at end of stream, -1 on error or timeout.
        virtual qsizetype receive(char *buffer, qsizetype capacity) = 0;
    };
    using ChannelFactory = std::function<std::unique_ptr<Channel>()>;

    struct Options {
        QByteArray handshake; ///< Sent first, whole; the response head is read before the upload.
        QByteArray upload;    ///< Sent in pieces.
        qsizetype pieceBytes = 16 * 1024;
        std::chrono::milliseconds pause{3};
        std::chrono::milliseconds timeout{30000}; ///< For each blocking call.
        ChannelFactory channel;                   ///< Empty: plain TCP.
    };

    struct Result {
        bool connected = false;
        QByteArray handshakeResponse; ///< Up to and including the blank line after its head.
        bool sentAll = false;         ///< No write error before the whole upload was sent.
        QByteArray answer;            ///< What came after the handshake response, to end of stream.
    };

    /// Runs `clients` clients against 127.0.0.1:port; they begin uploading together.
    static QList<Result> run(quint16 port, int clients, const Options &options);

    /// A plain TCP channel.
    static std::unique_ptr<Channel> tcpChannel();
    /// A blocking TCP socket connected to 127.0.0.1:port with `timeout` on sends and receives; -1 on failure.
    static int connectTcp(quint16 port, std::chrono::milliseconds timeout);
};

} // namespace KaiwaTest
