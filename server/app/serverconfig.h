// SPDX-License-Identifier: MIT
#pragma once

#include "auth/loginhandler.h"
#include "consumers/chatsettings.h"
#include "routing/monitoringaccess.h"
#include "storage/messagestore.h"
#include "transport/httpserver.h"

#include <QByteArrayList>
#include <QHostAddress>
#include <QMap>
#include <QString>

#include <optional>

namespace Kaiwa::Server {

/// Everything the daemon is configured with, typed and validated (see ServerOptions).
struct ServerConfig {
    QHostAddress bindAddress{QHostAddress::LocalHost};
    QString bindText = QStringLiteral("127.0.0.1");
    quint16 port = 8000;
    QString database;            ///< SQLite path, ":memory:", or postgresql://...
    QString redis;               ///< redis://HOST:PORT/DB: the Redis channel layer; empty: in-process layer.
    int presenceTtlSeconds = 30; ///< With Redis: how long a crashed daemon's members stay listed.
    QByteArrayList allowedOrigins;
    ChatSettings chat;
    RetentionPolicy retention;
    HttpServer::Settings http;
    WebSocketConnection::Limits webSocket;
    bool requireLogin = false; ///< Pages, API and WebSockets only for signed-in accounts.
    LoginHandler::Settings login;
    MonitoringAccess monitoring;                       ///< Who may read /metrics and /healthz.
    QList<QPair<QHostAddress, int>> monitoringSubnets; ///< What `monitoring` was built from.
    QByteArray metricsToken;
    QString tlsCertificate; ///< PEM file; with tlsKey, the port speaks https and wss only.
    QString tlsKey;
    QMap<QString, QString> optionValues;   ///< Every option's effective text, by name: reload reports what changed.
    QStringList command;                   ///< `user add NAME`, `room list` and friends: run a command, not the daemon.
    std::optional<QString> roomTopic;      ///< `room set --topic TEXT`; unset without --topic.
    std::optional<QString> roomVisibility; ///< `room set --private yes|no` as given (RoomCommand checks it).
};

} // namespace Kaiwa::Server
