// SPDX-License-Identifier: MIT
#include "streamnotifier.h"

#include "socketstream.h"

#include <QEvent>

namespace Kaiwa::Server {

StreamNotifier::StreamNotifier(qintptr descriptor, Type type, SocketStream *stream, Handler handler)
    : QSocketNotifier(descriptor, type, stream)
    , m_stream(stream)
    , m_handler(handler)
{
}

bool StreamNotifier::event(QEvent *event)
{
    if (event->type() == QEvent::SockAct || event->type() == QEvent::SockClose) {
        (m_stream->*m_handler)();
        return true;
    }
    return QSocketNotifier::event(event);
}

} // namespace Kaiwa::Server
