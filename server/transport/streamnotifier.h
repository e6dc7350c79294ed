// SPDX-License-Identifier: MIT
#pragma once

#include <QSocketNotifier>

namespace Kaiwa::Server {

class SocketStream;

/**
 * A socket notifier that calls its SocketStream back directly instead of through the activated() signal.
 *
 * Why: every connection has one, and a signal connection costs its sender and its receiver their connection
 * lists on top of the connection itself, about 250 bytes for each of thousands of idle connections
 * (docs/performance.md, "Idle memory"). Works with any event dispatcher: they all post QEvent::SockAct.
 */
class StreamNotifier final : public QSocketNotifier
{
public:
    using Handler = void (SocketStream::*)();

    /// `stream` is also the parent; `handler` runs on each notification while the notifier is enabled.
    StreamNotifier(qintptr descriptor, Type type, SocketStream *stream, Handler handler);

protected:
    bool event(QEvent *event) override;

private:
    SocketStream *m_stream;
    Handler m_handler;
};

} // namespace Kaiwa::Server
