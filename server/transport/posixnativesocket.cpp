// SPDX-License-Identifier: MIT
// NativeSocket on POSIX systems (Linux, the BSDs, macOS).
#include "nativesocket.h"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace Kaiwa::Server::NativeSocket {

namespace {
constexpr int s_maxIov = 64; ///< Enough for a turn's frames to one member; IOV_MAX is 1024 on Linux.

#if defined(MSG_NOSIGNAL)
constexpr int s_sendFlags = MSG_NOSIGNAL; // a peer that reset must not raise SIGPIPE
#else
constexpr int s_sendFlags = 0; // macOS: SO_NOSIGPIPE is set in prepare()
#endif
} // namespace

bool prepare(qintptr descriptor)
{
    const int fd = int(descriptor);
    // One call where F_GETFL and F_SETFL take two: every connection of a burst comes through here.
    int nonBlocking = 1;
    if (::ioctl(fd, FIONBIO, &nonBlocking) < 0)
        return false;
    // Chat frames are small and latency-bound: without TCP_NODELAY, Nagle's algorithm and the
    // peer's delayed ACK hold a frame for up to 40 ms.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#if defined(SO_NOSIGPIPE)
    ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    return true;
}

QHostAddress peerAddress(qintptr descriptor)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

Result read(qintptr descriptor, char *buffer, qsizetype capacity, qsizetype *bytesRead)
{
    for (;;) {
        const ssize_t n = ::recv(int(descriptor), buffer, size_t(capacity), 0);
        if (n > 0) {
            *bytesRead = n;
            return Result::Ok;
        }
        if (n == 0)
            return Result::Closed;
        if (errno == EINTR)
            continue;
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? Result::WouldBlock : Result::Closed;
    }
}

Result write(qintptr descriptor, const QByteArray *buffers, qsizetype count, qsizetype firstOffset,
             qsizetype *bytesWritten)
{
    iovec iov[s_maxIov];
    int n = 0;
    for (qsizetype i = 0; i < count && n < s_maxIov; ++i) {
        const qsizetype skip = i == 0 ? firstOffset : 0;
        iov[n].iov_base = const_cast<char *>(buffers[i].constData()) + skip;
        iov[n].iov_len = size_t(buffers[i].size() - skip);
        ++n;
    }
    msghdr message{};
    message.msg_iov = iov;
    message.msg_iovlen = decltype(message.msg_iovlen)(n);
    for (;;) {
        const ssize_t written = ::sendmsg(int(descriptor), &message, s_sendFlags);
        if (written >= 0) {
            *bytesWritten = written;
            return Result::Ok;
        }
        if (errno == EINTR)
            continue;
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? Result::WouldBlock : Result::Closed;
    }
}

qsizetype maxBuffersPerWrite()
{
    return s_maxIov;
}

void close(qintptr descriptor)
{
    ::close(int(descriptor));
}

bool shutdownWrite(qintptr descriptor)
{
    return ::shutdown(int(descriptor), SHUT_WR) == 0;
}

qintptr duplicate(qintptr descriptor)
{
    // The status flags (O_NONBLOCK) belong to the open file, which both descriptors share.
    return ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
}

} // namespace Kaiwa::Server::NativeSocket
