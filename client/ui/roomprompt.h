// SPDX-License-Identifier: MIT
#pragma once

#include "client/roomaddress.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Kaiwa::Ui {

/**
 * Asks where to chat: the server address (as the browser uses it), the room and a display name.
 * Each field is checked as it is typed and the reason is shown; OK is enabled only when the
 * address is usable. The lists offer recent servers and rooms.
 *
 * The server field takes what a browser shows as well (RoomAddress::parseLocation()): the index page
 * `http://host:8000/chat/` that kaiwa-server prints, or a room's page, whose room then fills the room
 * field.
 */
class RoomPrompt : public QDialog
{
    Q_OBJECT

public:
    static constexpr QLatin1StringView defaultServer{"http://localhost:8000"};

    explicit RoomPrompt(QWidget *parent = nullptr);

    void setRecentServers(const QStringList &servers);
    void setRecentRooms(const QStringList &rooms);
    void setServer(const QString &server);
    void setRoom(const QString &room);
    void setDisplayName(const QString &name);

    /// What the user entered; valid when the dialog was accepted.
    Client::RoomAddress address() const;
    /// Why the current input cannot be used; empty when it can.
    QString problem() const { return m_problem; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void takeRoomFromServer();
    void validate();

    QLabel *m_serverLabel;
    QComboBox *m_server;
    QLabel *m_roomLabel;
    QComboBox *m_room;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QString m_problem;
};

} // namespace Kaiwa::Ui
