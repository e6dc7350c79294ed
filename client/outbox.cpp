// SPDX-License-Identifier: MIT
#include "outbox.h"

#include <QUuid>

#include <algorithm>

namespace Kaiwa::Client {

const OutgoingMessage &Outbox::add(const QString &text, const QString &clientId, qint64 replyTo)
{
    m_messages.append({clientId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : clientId, text,
                       QDateTime::currentDateTimeUtc(), false, replyTo});
    return m_messages.constLast();
}

bool Outbox::contains(const QString &clientId) const
{
    return std::any_of(m_messages.cbegin(), m_messages.cend(),
                       [&](const OutgoingMessage &message) { return message.clientId == clientId; });
}

void Outbox::markWritten(const QString &clientId)
{
    for (OutgoingMessage &message : m_messages) {
        if (message.clientId == clientId)
            message.written = true;
    }
}

void Outbox::markAllUnwritten()
{
    for (OutgoingMessage &message : m_messages)
        message.written = false;
}

std::optional<OutgoingMessage> Outbox::take(const QString &clientId)
{
    const auto it = std::find_if(m_messages.begin(), m_messages.end(),
                                 [&](const OutgoingMessage &message) { return message.clientId == clientId; });
    if (it == m_messages.end())
        return std::nullopt;
    OutgoingMessage message = std::move(*it);
    m_messages.erase(it);
    return message;
}

std::optional<OutgoingMessage> Outbox::takeEcho(const QString &text)
{
    const auto it = std::find_if(m_messages.begin(), m_messages.end(), [&](const OutgoingMessage &message) {
        return message.written && message.text == text;
    });
    if (it == m_messages.end())
        return std::nullopt;
    OutgoingMessage message = std::move(*it);
    m_messages.erase(it);
    return message;
}

QStringList Outbox::dropWritten()
{
    QStringList dropped;
    m_messages.removeIf([&](const OutgoingMessage &message) {
        if (message.written)
            dropped.append(message.clientId);
        return message.written;
    });
    return dropped;
}

} // namespace Kaiwa::Client
