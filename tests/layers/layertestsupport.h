// SPDX-License-Identifier: MIT
#pragma once

#include "layers/channelreceiver.h"
#include "layers/envelope.h"
#include "layers/grouphistory.h"

#include <QByteArrayList>
#include <QList>
#include <QMap>

#include <functional>

namespace KaiwaTest {

/// A channel's receiving end that records what arrives.
class Recorder : public Kaiwa::Server::ChannelReceiver
{
public:
    void receive(const Kaiwa::Server::Envelope &envelope) override
    {
        received.append(envelope);
        if (onReceive)
            onReceive(envelope);
    }
    QByteArrayList payloads() const
    {
        QByteArrayList result;
        for (const auto &envelope : received)
            result.append(envelope.payload());
        return result;
    }
    QList<qint64> ids() const
    {
        QList<qint64> result;
        for (const auto &envelope : received)
            result.append(envelope.messageId());
        return result;
    }

    QList<Kaiwa::Server::Envelope> received;
    std::function<void(const Kaiwa::Server::Envelope &)> onReceive;
};

/// A GroupHistory backed by a map, standing in for the shared store.
class FakeHistory : public Kaiwa::Server::GroupHistory
{
public:
    /// Stores the next id of the group and returns its envelope (payload "<group>#<id>").
    Kaiwa::Server::Envelope store(const QString &group)
    {
        auto &messages = groups[group];
        const qint64 id = messages.isEmpty() ? 1 : messages.lastKey() + 1;
        Kaiwa::Server::Envelope envelope(group.toUtf8() + '#' + QByteArray::number(id),
                                         Kaiwa::Server::Envelope::Audience::Everyone, id);
        messages.insert(id, envelope);
        return envelope;
    }
    qint64 lastId(const QString &group) override
    {
        const auto &messages = groups[group];
        return messages.isEmpty() ? 0 : messages.lastKey();
    }
    QList<Kaiwa::Server::Envelope> after(const QString &group, qint64 afterId, int limit) override
    {
        ++reads;
        QList<Kaiwa::Server::Envelope> result;
        const auto &messages = groups[group];
        for (auto it = messages.upperBound(afterId); it != messages.end() && result.size() < limit; ++it)
            result.append(it.value());
        return result;
    }

    QMap<QString, QMap<qint64, Kaiwa::Server::Envelope>> groups;
    int reads = 0;
};

} // namespace KaiwaTest
