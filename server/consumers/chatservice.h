// SPDX-License-Identifier: MIT
#pragma once

#include "chatsettings.h"
#include "common/serverevent.h"
#include "storage/messagestore.h"

#include <QObject>

namespace Kaiwa::Server {

class ChannelLayer;

/**
 * What the chat consumers share: the channel layer, the message store and the settings.
 * post() is the one path a chat message takes: stored first (which assigns its id), then
 * sent to the room's group, so nothing is broadcast that a restart could lose.
 */
class ChatService : public QObject
{
    Q_OBJECT
public:
    /// Neither the layer nor the store is owned; both must outlive the service.
    ChatService(ChannelLayer *layer, MessageStore *store, ChatSettings settings, QObject *parent = nullptr);

    ChannelLayer *layer() const { return m_layer; }
    MessageStore *store() const { return m_store; }
    const ChatSettings &settings() const { return m_settings; }
    /// Replaces the settings (SIGHUP): history and recovery apply at once; a rate limit applies to
    /// connections opened from now on, since each consumer keeps the limiter it started with.
    void setSettings(const ChatSettings &settings) { m_settings = settings; }

    /// The channel-layer group of a room.
    static QString groupName(const QString &room);

    /// Stores and broadcasts; nullopt when the store failed (nothing was broadcast).
    std::optional<MessageStore::AppendResult> post(const QString &room, const QString &user, const QString &text,
                                                   const QString &clientId);

    /// A page of history before `beforeId` (0: the newest), oldest first, and whether older messages exist.
    HistoryPageEvent historyPage(const QString &room, qint64 beforeId, int limit) const;

    /// Frames that became chat messages, and deliveries to members (for /metrics).
    quint64 messagesPosted() const { return m_messagesPosted; }

private:
    ChannelLayer *m_layer;
    MessageStore *m_store;
    ChatSettings m_settings;
    quint64 m_messagesPosted = 0;
};

} // namespace Kaiwa::Server
