// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <vector>

namespace Kaiwa::Server {

class SocketStream;

/**
 * Flushes, once per event loop turn, every SocketStream written to during the previous one: the first
 * write of a turn posts one event, delivered when the loop comes round (after every socket that was
 * ready has been handled), so a burst of broadcasts costs one write system call per member.
 *
 * Whoever makes the streams owns one flusher for them and hands it to each (HttpServer does); it lives
 * in their thread and must outlive them.
 */
class SocketStreamFlusher : public QObject
{
public:
    SocketStreamFlusher() = default;
    ~SocketStreamFlusher() override;
    Q_DISABLE_COPY_MOVE(SocketStreamFlusher)

    /// Flushes the stream at the start of the next turn (once, however often it is written to before).
    void schedule(SocketStream *stream);
    /// Forgets a scheduled stream (it closed, or is being destroyed).
    void unschedule(SocketStream *stream);

protected:
    bool event(QEvent *event) override;

private:
    std::vector<SocketStream *> m_next;    ///< Written to in this turn.
    std::vector<SocketStream *> m_current; ///< Being flushed.
    quint64 m_turn = 1;
    bool m_posted = false;
};

} // namespace Kaiwa::Server
