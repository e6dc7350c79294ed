// SPDX-License-Identifier: MIT
#include "socketstreamflusher.h"

#include "socketstream.h"

#include <QCoreApplication>
#include <QEvent>

namespace Kaiwa::Server {

SocketStreamFlusher::~SocketStreamFlusher()
{
    for (SocketStream *stream : m_next) {
        if (stream)
            stream->m_flushIndex = -1;
    }
}

void SocketStreamFlusher::schedule(SocketStream *stream)
{
    stream->m_flushIndex = qsizetype(m_next.size());
    stream->m_flushTurn = m_turn;
    m_next.push_back(stream);
    if (!m_posted) {
        m_posted = true;
        QCoreApplication::postEvent(this, new QEvent(QEvent::User));
    }
}

void SocketStreamFlusher::unschedule(SocketStream *stream)
{
    auto &list = stream->m_flushTurn == m_turn ? m_next : m_current;
    if (stream->m_flushIndex >= 0 && size_t(stream->m_flushIndex) < list.size()
        && list[size_t(stream->m_flushIndex)] == stream)
        list[size_t(stream->m_flushIndex)] = nullptr;
    stream->m_flushIndex = -1;
}

bool SocketStreamFlusher::event(QEvent *event)
{
    if (event->type() != QEvent::User)
        return QObject::event(event);
    m_posted = false;
    if (!m_current.empty()) { // re-entered from a nested event loop: finish the outer pass first
        m_posted = true;
        QCoreApplication::postEvent(this, new QEvent(QEvent::User));
        return true;
    }
    m_current.swap(m_next);
    ++m_turn;
    for (size_t i = 0; i < m_current.size(); ++i) {
        SocketStream *stream = m_current[i];
        if (!stream)
            continue;
        stream->m_flushIndex = -1;
        stream->flush(); // may emit disconnected(); receivers only deleteLater()
    }
    m_current.clear();
    return true;
}

} // namespace Kaiwa::Server
