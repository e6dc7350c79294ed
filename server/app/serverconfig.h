// SPDX-License-Identifier: MIT
#pragma once

#include "consumers/chatsettings.h"
#include "storage/messagestore.h"
#include "transport/httpserver.h"

#include <QByteArrayList>
#include <QHostAddress>
#include <QString>

namespace Kaiwa::Server {

/// Everything the daemon is configured with, typed and validated (see ServerOptions).
struct ServerConfig {
    QHostAddress bindAddress{QHostAddress::LocalHost};
    QString bindText = QStringLiteral("127.0.0.1");
    quint16 port = 8000;
    QString database; ///< SQLite path, ":memory:", or postgresql://...
    QString redis;    ///< redis://HOST:PORT/DB: the Redis channel layer; empty: in-process layer.
    QByteArrayList allowedOrigins;
    ChatSettings chat;
    RetentionPolicy retention;
    HttpServer::Settings http;
    WebSocketConnection::Limits webSocket;
};

} // namespace Kaiwa::Server
