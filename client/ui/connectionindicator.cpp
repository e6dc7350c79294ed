// SPDX-License-Identifier: MIT
#include "connectionindicator.h"

#include "themeswitcher.h"

#include "client/chatlogmodel.h"
#include "client/room.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>

namespace Kaiwa::Ui {

using Client::ConnectionState;

ConnectionIndicator::ConnectionIndicator(Client::Room *room, QWidget *parent)
    : QWidget(parent)
    , m_room(room)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_reconnectButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("connectionIndicator"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_reconnectButton);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText); // Error strings come from the network: never rich text.
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reconnectButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_reconnectButton, &QToolButton::clicked, this, &ConnectionIndicator::reconnectRequested);

    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionIndicator::refresh);
    connect(room, &Client::Room::connectionStateChanged, this, &ConnectionIndicator::refresh);
    // The waiting count changes with the log's pending block.
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(room->log(), signal, this, &ConnectionIndicator::refresh);
    connect(room->log(), &QAbstractItemModel::dataChanged, this, &ConnectionIndicator::refresh);
    refresh();
}

QString ConnectionIndicator::text() const
{
    return m_label->text();
}

QString ConnectionIndicator::describe(const Client::Room &room)
{
    const QString server = room.address().server.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    QString text;
    switch (room.connectionState()) {
    case ConnectionState::Disconnected:
        // A refused sign-in or an untrusted certificate: say why, since nothing retries by itself.
        text = room.needsUserAction() ? tr("Not connected: %1").arg(room.errorString()) : tr("Disconnected.");
        break;
    case ConnectionState::Connecting:
        text = tr("Connecting to %1…").arg(server);
        break;
    case ConnectionState::Connected:
        text = room.isKaiwaProtocol()
                   ? tr("Connected to %1.").arg(server)
                   : tr("Connected to %1 (basic chat server: no history, delivery cannot be confirmed).").arg(server);
        break;
    case ConnectionState::WaitingToReconnect: {
        const int seconds = int((room.retryDeadline().remainingTime() + 999) / 1000);
        text = tr("Not connected: %1 Retrying in %n s.", nullptr, seconds)
                   .arg(room.errorString().isEmpty() ? tr("the server cannot be reached.") : room.errorString());
        break;
    }
    }
    if (const qsizetype waiting = room.log()->pendingCount(); waiting > 0)
        text += u' ' + tr("%n message(s) waiting to be sent.", nullptr, int(waiting));
    return text;
}

QColor ConnectionIndicator::stateColor(ConnectionState state, const QPalette &palette)
{
    // Green and amber keep their meaning in both schemes; on a dark palette they are lighter, so the
    // dot stands out of the window as much as it does on a light one.
    const bool dark = ThemeSwitcher::isDark(palette);
    switch (state) {
    case ConnectionState::Connected:
        return dark ? QColor(0x5c, 0xc8, 0x6e) : QColor(0x2e, 0xa0, 0x43);
    case ConnectionState::Connecting:
    case ConnectionState::WaitingToReconnect:
        return dark ? QColor(0xf2, 0xb8, 0x44) : QColor(0xd9, 0x8e, 0x04);
    case ConnectionState::Disconnected:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

QIcon ConnectionIndicator::stateIcon(ConnectionState state, const QPalette &palette)
{
    const QColor color = stateColor(state, palette);
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(3, 3, 10, 10));
    return QIcon(pixmap);
}

void ConnectionIndicator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        refresh();
    QWidget::changeEvent(event);
}

void ConnectionIndicator::refresh()
{
    if (!m_room)
        return;
    const ConnectionState state = m_room->connectionState();
    m_icon->setPixmap(stateIcon(state, palette()).pixmap(16, 16));
    const QString text = describe(*m_room);
    const bool changed = text != m_label->text();
    m_label->setText(text);
    setAccessibleName(tr("Connection state"));
    setAccessibleDescription(m_label->text());
    // After a kick the user may come back (Rejoin); a ban or a lost private room is not undone by trying.
    const bool kicked = m_room->wasKicked();
    m_reconnectButton->setText(kicked ? tr("Rejoin") : tr("Reconnect now"));
    m_reconnectButton->setToolTip(kicked ? tr("Join the room again (Ctrl+R)")
                                         : tr("Try to connect again without waiting (Ctrl+R)"));
    m_reconnectButton->setAccessibleName(m_reconnectButton->text());
    m_reconnectButton->setVisible(
        (state == ConnectionState::WaitingToReconnect || state == ConnectionState::Disconnected)
        && (kicked || !m_room->isRemoved()));
    if (state == ConnectionState::WaitingToReconnect)
        m_countdown.start();
    else
        m_countdown.stop();
    // All is well: nothing to say (the tab's dot is green).
    setVisible(state != ConnectionState::Connected || !m_room->isKaiwaProtocol());
    if (changed)
        Q_EMIT textChanged(text);
}

} // namespace Kaiwa::Ui
