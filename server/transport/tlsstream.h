// SPDX-License-Identifier: MIT
#pragma once

#include "bytestream.h"

class QSslSocket;

namespace Kaiwa::Server {

/**
 * A ByteStream over a QSslSocket whose server handshake has completed (QSslServer hands them out
 * only then): https and wss on the port when the daemon has --tls-cert/--tls-key. Takes ownership
 * of the socket (a child object).
 *
 * Closing with a LingeringCloser: QSslSocket sends its last records and the close_notify alert, then
 * closes its descriptor; a duplicate taken before keeps the connection open, and the closer receives
 * it, sends the FIN and drains the (encrypted) bytes the client still sends.
 */
class TlsStream final : public ByteStream
{
    Q_OBJECT
public:
    explicit TlsStream(QSslSocket *socket, QObject *parent = nullptr);
    ~TlsStream() override;

    bool isOpen() const override;
    QHostAddress peerAddress() const override { return m_peerAddress; }
    bool isEncrypted() const override { return true; }
    QByteArray readAll() override;
    qsizetype bytesAvailable() const override;
    void write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    void disconnectFromHost() override;
    void abort() override;

private:
    void onDisconnected();

    QSslSocket *m_socket;
    QHostAddress m_peerAddress;
    /// After disconnectFromHost() with a lingering closer: a second descriptor of the connection, which
    /// keeps it open when QSslSocket closes its own, for the closer to take over.
    qintptr m_lingerDescriptor = -1;
    bool m_closed = false;
};

} // namespace Kaiwa::Server
