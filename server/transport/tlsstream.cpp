// SPDX-License-Identifier: MIT
#include "tlsstream.h"

#include <QSslSocket>

namespace Kaiwa::Server {

TlsStream::TlsStream(QSslSocket *socket, QObject *parent)
    : ByteStream(parent)
    , m_socket(socket)
    , m_peerAddress(socket->peerAddress())
{
    m_socket->setParent(this);
    // Chat frames are small and latency-bound (see NativeSocket::prepare for plain connections).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QSslSocket::readyRead, this, &ByteStream::readyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &TlsStream::onDisconnected);
    // An error (reset, TLS alert) ends the connection like a close.
    connect(m_socket, &QSslSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
}

TlsStream::~TlsStream() = default;

bool TlsStream::isOpen() const
{
    return !m_closed && m_socket->state() == QAbstractSocket::ConnectedState;
}

QByteArray TlsStream::readAll()
{
    return m_socket->readAll();
}

qsizetype TlsStream::bytesAvailable() const
{
    return m_socket->bytesAvailable();
}

void TlsStream::write(const QByteArray &bytes)
{
    if (!m_closed)
        m_socket->write(bytes);
}

qint64 TlsStream::bytesToWrite() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

void TlsStream::disconnectFromHost()
{
    m_socket->disconnectFromHost();
}

void TlsStream::abort()
{
    m_socket->abort();
    onDisconnected();
}

void TlsStream::onDisconnected()
{
    if (m_closed)
        return;
    m_closed = true;
    Q_EMIT disconnected();
}

} // namespace Kaiwa::Server
