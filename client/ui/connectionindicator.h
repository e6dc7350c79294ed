// SPDX-License-Identifier: MIT
#pragma once

#include "client/room.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QToolButton;

namespace Kaiwa::Ui {

/**
 * A room's connection state, always visible above its log: a coloured dot, a sentence (with the
 * retry countdown and the number of messages waiting), and a "Reconnect now" button while waiting.
 */
class ConnectionIndicator : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionIndicator(Client::Room *room, QWidget *parent = nullptr);

    /// The sentence shown, also used for the status bar and the tab tool tip.
    static QString describe(const Client::Room &room);
    /// A dot in the state's colour.
    static QIcon stateIcon(Client::ConnectionState state);

    QString text() const;

Q_SIGNALS:
    void reconnectRequested();
    /// The sentence changed (state, countdown, waiting messages, language).
    void textChanged(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    QPointer<Client::Room> m_room;
    QLabel *m_icon;
    QLabel *m_label;
    QToolButton *m_reconnectButton;
    QTimer m_countdown;
};

} // namespace Kaiwa::Ui
