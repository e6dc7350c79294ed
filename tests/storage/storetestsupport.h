// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/messagestore.h"

#include <QList>
#include <QTest>

namespace KaiwaTest {

/// A message of alice's in `room`, as a consumer hands it to the store (no id, no time yet).
inline Kaiwa::ChatMessage message(const QString &room, const QString &text, const QString &clientId = {})
{
    Kaiwa::ChatMessage m;
    m.room = room;
    m.user = QStringLiteral("alice");
    m.text = text;
    m.clientId = clientId;
    return m;
}

inline QList<qint64> ids(const QList<Kaiwa::ChatMessage> &messages)
{
    QList<qint64> result;
    for (const Kaiwa::ChatMessage &m : messages)
        result.append(m.id);
    return result;
}

/// first, first + 1, ..., last.
inline QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 id = first; id <= last; ++id)
        result.append(id);
    return result;
}

/// Noon (UTC) of the n-th day after 2026-01-01, for a store's clock.
inline QDateTime day(int n)
{
    return QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC).addDays(n);
}

/// Appends `count` messages to the room; fails the test on the first that is not stored.
inline void fill(Kaiwa::Server::MessageStore &store, const QString &room, int count)
{
    for (int i = 0; i < count; ++i)
        QVERIFY2(store.append(message(room, QStringLiteral("message %1").arg(i))), qPrintable(store.errorString()));
}

} // namespace KaiwaTest
