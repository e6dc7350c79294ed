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
 * A room's connection state above its log: a coloured dot, a sentence (with the retry countdown and
 * the number of messages waiting), and a "Reconnect now" button while waiting. It is the one place
 * that says the state in words, and it shows only when there is something to say: while the room is
 * not connected, or connected to a basic (tutorial-only) server. Elsewhere (tabs) the state is the
 * dot's colour, with the sentence in a tool tip.
 */
class ConnectionIndicator : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionIndicator(Client::Room *room, QWidget *parent = nullptr);

    /// The sentence shown, also used for the status bar and the tab tool tip.
    static QString describe(const Client::Room &room);
    /// The state's colour, readable on `palette` (lighter on a dark one).
    static QColor stateColor(Client::ConnectionState state, const QPalette &palette);
    /// A dot in the state's colour.
    static QIcon stateIcon(Client::ConnectionState state, const QPalette &palette);

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
