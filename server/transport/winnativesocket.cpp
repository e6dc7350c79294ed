// SPDX-License-Identifier: MIT
// NativeSocket on Windows (Winsock 2). Not built or tested on this project's CI; kept to the same
// contract as posixnativesocket.cpp.
#include "nativesocket.h"

#include <winsock2.h>
#include <ws2tcpip.h>

namespace Kaiwa::Server::NativeSocket {

namespace {
constexpr int s_maxBuffers = 64;
} // namespace

bool prepare(qintptr descriptor)
{
    const SOCKET socket = SOCKET(descriptor);
    u_long nonBlocking = 1;
    if (::ioctlsocket(socket, FIONBIO, &nonBlocking) != 0)
        return false;
    const BOOL one = TRUE;
    ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char *>(&one), sizeof one);
    return true;
}

QHostAddress peerAddress(qintptr descriptor)
{
    sockaddr_storage address{};
    int length = sizeof address;
    if (::getpeername(SOCKET(descriptor), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

Result read(qintptr descriptor, char *buffer, qsizetype capacity, qsizetype *bytesRead)
{
    const int n = ::recv(SOCKET(descriptor), buffer, int(qMin<qsizetype>(capacity, INT_MAX)), 0);
    if (n > 0) {
        *bytesRead = n;
        return Result::Ok;
    }
    if (n == 0)
        return Result::Closed;
    return ::WSAGetLastError() == WSAEWOULDBLOCK ? Result::WouldBlock : Result::Closed;
}

Result write(qintptr descriptor, const QByteArray *buffers, qsizetype count, qsizetype firstOffset,
             qsizetype *bytesWritten)
{
    WSABUF wsaBuffers[s_maxBuffers];
    DWORD n = 0;
    for (qsizetype i = 0; i < count && n < s_maxBuffers; ++i) {
        const qsizetype skip = i == 0 ? firstOffset : 0;
        wsaBuffers[n].buf = const_cast<char *>(buffers[i].constData()) + skip;
        wsaBuffers[n].len = ULONG(buffers[i].size() - skip);
        ++n;
    }
    DWORD sent = 0;
    if (::WSASend(SOCKET(descriptor), wsaBuffers, n, &sent, 0, nullptr, nullptr) == 0) {
        *bytesWritten = qsizetype(sent);
        return Result::Ok;
    }
    return ::WSAGetLastError() == WSAEWOULDBLOCK ? Result::WouldBlock : Result::Closed;
}

qsizetype maxBuffersPerWrite()
{
    return s_maxBuffers;
}

void close(qintptr descriptor)
{
    ::closesocket(SOCKET(descriptor));
}

bool shutdownWrite(qintptr descriptor)
{
    return ::shutdown(SOCKET(descriptor), SD_SEND) == 0;
}

qintptr duplicate(qintptr descriptor)
{
    // Winsock duplicates a socket through its protocol information, here for this same process.
    WSAPROTOCOL_INFOW info{};
    if (::WSADuplicateSocketW(SOCKET(descriptor), ::GetCurrentProcessId(), &info) != 0)
        return -1;
    const SOCKET copy = ::WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    if (copy == INVALID_SOCKET)
        return -1;
    u_long nonBlocking = 1;
    ::ioctlsocket(copy, FIONBIO, &nonBlocking);
    return qintptr(copy);
}

} // namespace Kaiwa::Server::NativeSocket
