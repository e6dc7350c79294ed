// SPDX-License-Identifier: MIT
#include "typingtracker.h"

#include "common/protocol.h"

#include <algorithm>

namespace Kaiwa::Client {

TypingTracker::TypingTracker(QObject *parent)
    : QObject(parent)
{
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, &TypingTracker::expire);
}

QStringList TypingTracker::typists() const
{
    QStringList names;
    for (const Typist &typist : m_typists)
        names.append(typist.user);
    std::sort(names.begin(), names.end(),
              [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    return names;
}

void TypingTracker::onTyping(const Member &member, int expiresInMs)
{
    if (expiresInMs <= 0) {
        onLeft(member.id);
        return;
    }
    const bool isNew = !m_typists.contains(member.id);
    m_typists.insert(member.id, Typist{member.user, QDeadlineTimer(expiresInMs)});
    scheduleExpiry();
    if (isNew)
        Q_EMIT typistsChanged(typists());
}

void TypingTracker::onLeft(const QString &memberId)
{
    if (m_typists.remove(memberId)) {
        scheduleExpiry();
        Q_EMIT typistsChanged(typists());
    }
}

void TypingTracker::clear()
{
    m_expiry.stop();
    if (!m_typists.isEmpty()) {
        m_typists.clear();
        Q_EMIT typistsChanged({});
    }
}

bool TypingTracker::userTyped()
{
    if (m_sinceNotified.isValid() && !m_sinceNotified.hasExpired(Protocol::typingIntervalMs))
        return false;
    m_sinceNotified.start();
    return true;
}

void TypingTracker::expire()
{
    const qsizetype before = m_typists.size();
    m_typists.removeIf([](const auto &entry) { return entry.value().deadline.hasExpired(); });
    scheduleExpiry();
    if (m_typists.size() != before)
        Q_EMIT typistsChanged(typists());
}

void TypingTracker::scheduleExpiry()
{
    if (m_typists.isEmpty()) {
        m_expiry.stop();
        return;
    }
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Typist &typist : std::as_const(m_typists))
        next = std::min(next, typist.deadline.remainingTime());
    m_expiry.start(int(std::max<qint64>(0, next)));
}

} // namespace Kaiwa::Client
