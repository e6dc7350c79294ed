// SPDX-License-Identifier: MIT
#include "pacedupload.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <latch>
#include <thread>
#include <vector>

namespace KaiwaTest {

namespace {

class TcpChannel : public PacedUpload::Channel
{
public:
    ~TcpChannel() override
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool open(quint16 port, std::chrono::milliseconds timeout) override
    {
        m_fd = PacedUpload::connectTcp(port, timeout);
        return m_fd >= 0;
    }

    bool send(QByteArrayView bytes) override
    {
        while (!bytes.isEmpty()) {
            // MSG_NOSIGNAL: a reset is a write error here, as for QTcpSocket, not a SIGPIPE.
            const ssize_t sent = ::send(m_fd, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL);
            if (sent <= 0)
                return false;
            bytes = bytes.sliced(sent);
        }
        return true;
    }

    qsizetype receive(char *buffer, qsizetype capacity) override
    {
        const ssize_t received = ::recv(m_fd, buffer, size_t(capacity), 0);
        return received < 0 ? -1 : qsizetype(received);
    }

private:
    int m_fd = -1;
};

PacedUpload::Result runOne(quint16 port, const PacedUpload::Options &options, std::latch &ready)
{
    PacedUpload::Result result;
    const auto channel = options.channel ? options.channel() : PacedUpload::tcpChannel();
    result.connected = channel->open(port, options.timeout);
    QByteArray received;
    char buffer[64 * 1024];
    if (result.connected && !options.handshake.isEmpty()) {
        result.connected = channel->send(options.handshake);
        qsizetype headEnd = -1;
        while (result.connected && (headEnd = received.indexOf("\r\n\r\n")) < 0) {
            const qsizetype n = channel->receive(buffer, sizeof buffer);
            if (n <= 0)
                result.connected = false;
            else
                received.append(buffer, n);
        }
        if (result.connected) {
            result.handshakeResponse = received.first(headEnd + 4);
            received.remove(0, headEnd + 4);
        }
    }
    ready.arrive_and_wait(); // every client is connected: upload together
    if (!result.connected)
        return result;
    result.sentAll = true;
    for (qsizetype offset = 0; offset < options.upload.size(); offset += options.pieceBytes) {
        if (offset > 0)
            std::this_thread::sleep_for(options.pause); // the network's pace, not a wait for an event
        if (!channel->send(QByteArrayView(options.upload)
                               .sliced(offset)
                               .first(std::min(options.pieceBytes, options.upload.size() - offset)))) {
            result.sentAll = false; // QTcpSocket gives up here, and what it had received is gone
            return result;
        }
    }
    for (;;) {
        const qsizetype n = channel->receive(buffer, sizeof buffer);
        if (n <= 0)
            break;
        received.append(buffer, n);
    }
    result.answer = received;
    return result;
}

} // namespace

std::unique_ptr<PacedUpload::Channel> PacedUpload::tcpChannel()
{
    return std::make_unique<TcpChannel>();
}

int PacedUpload::connectTcp(quint16 port, std::chrono::milliseconds timeout)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    timeval limit{};
    limit.tv_sec = time_t(timeout.count() / 1000);
    limit.tv_usec = suseconds_t((timeout.count() % 1000) * 1000);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

QList<PacedUpload::Result> PacedUpload::run(quint16 port, int clients, const Options &options)
{
    std::vector<Result> results(static_cast<size_t>(clients)); // each thread writes its own element
    std::latch ready(clients);
    std::vector<std::thread> threads;
    threads.reserve(static_cast<size_t>(clients));
    for (int i = 0; i < clients; ++i)
        threads.emplace_back([&, i] { results[size_t(i)] = runOne(port, options, ready); });
    for (std::thread &thread : threads)
        thread.join();
    return QList<Result>(results.begin(), results.end());
}

} // namespace KaiwaTest
