// SPDX-License-Identifier: MIT
#include "tlsstream.h"

#include "nativesocket.h"

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

TlsStream::~TlsStream()
{
    if (m_lingerDescriptor >= 0)
        NativeSocket::close(m_lingerDescriptor);
}

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
    if (m_closed)
        return;
    if (m_lingeringCloser && m_lingerDescriptor < 0 && m_socket->state() == QAbstractSocket::ConnectedState)
        m_lingerDescriptor = NativeSocket::duplicate(m_socket->socketDescriptor());
    m_socket->disconnectFromHost(); // may emit disconnected() at once when nothing is queued
}

void TlsStream::abort()
{
    if (m_lingerDescriptor >= 0)
        NativeSocket::close(std::exchange(m_lingerDescriptor, -1));
    m_socket->abort();
    onDisconnected();
}

void TlsStream::onDisconnected()
{
    if (m_closed)
        return;
    m_closed = true;
    // QSslSocket has written everything and closed its descriptor; the duplicate still holds the connection.
    if (m_lingerDescriptor >= 0) {
        const qintptr descriptor = std::exchange(m_lingerDescriptor, -1);
        if (m_lingeringCloser && m_socket->error() != QAbstractSocket::RemoteHostClosedError)
            m_lingeringCloser->adopt(descriptor);
        else
            NativeSocket::close(descriptor);
    }
    Q_EMIT disconnected();
}

} // namespace Kaiwa::Server
