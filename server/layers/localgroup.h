// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace Kaiwa::Server {

class ChannelReceiver;

/**
 * The members of one group in this process. A group send is a signal; each member's
 * receiver is a connected slot, so delivery follows connection (join) order and a member
 * that leaves during a send is skipped safely by Qt's signal machinery.
 */
class LocalGroup : public QObject
{
    Q_OBJECT
public:
    explicit LocalGroup(QString name, QObject *parent = nullptr);

    QString name() const { return m_name; }
    /// False when the channel was already a member.
    bool add(const QString &channel, ChannelReceiver *receiver);
    /// False when the channel was not a member.
    bool remove(const QString &channel);
    qsizetype size() const { return m_members.size(); }
    bool isEmpty() const { return m_members.isEmpty(); }

Q_SIGNALS:
    void sent(const Envelope &envelope);

private:
    QString m_name;
    QHash<QString, QMetaObject::Connection> m_members;
};

} // namespace Kaiwa::Server
