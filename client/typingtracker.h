// SPDX-License-Identifier: MIT
#pragma once

#include "common/member.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace Kaiwa::Client {

/**
 * Who is typing in a room, from kaiwa.v1 typing events, and when to tell the room that this user types.
 *
 * Incoming: each typist stays listed for the event's expires_in_ms unless renewed; 0, their leaving
 * or clear() (the link went down) removes them at once. One timer serves every expiry.
 * Outgoing: userTyped() answers whether a notification should go out now, at most one per
 * Protocol::typingIntervalMs (the throttle docs/protocol.md asks of clients); messageSent() starts over.
 */
class TypingTracker : public QObject
{
    Q_OBJECT

public:
    explicit TypingTracker(QObject *parent = nullptr);

    /// Display names of the members typing now, sorted.
    QStringList typists() const;

    void onTyping(const Member &member, int expiresInMs);
    void onLeft(const QString &memberId);
    void clear();

    /// The user changed the message box; true when a typing notification is due.
    bool userTyped();
    /// The user sent a message (the server took the indicator down): the next keystroke notifies again.
    void messageSent() { m_sinceNotified.invalidate(); }

Q_SIGNALS:
    void typistsChanged(const QStringList &typists);

private:
    void expire();
    void scheduleExpiry();

    struct Typist {
        QString user;
        QDeadlineTimer deadline;
    };
    QHash<QString, Typist> m_typists; ///< By member id.
    QTimer m_expiry;
    QElapsedTimer m_sinceNotified;
};

} // namespace Kaiwa::Client
