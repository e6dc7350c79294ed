// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace Kaiwa::Client {
class RoomDirectoryModel;
class ServerApi;
} // namespace Kaiwa::Client

namespace Kaiwa::Ui {

/**
 * Room > Browse Rooms: the rooms of the current server (RoomDirectoryModel: name, people online,
 * messages, last activity; most active first), with a filter box above them. Double-click, Enter or
 * Join opens the chosen room (roomChosen()); typing in the filter keeps the first room that matches
 * chosen, so a name and Enter join it. Loading, an empty server and a failure are said in the dialog.
 */
class RoomDirectoryDialog : public QDialog
{
    Q_OBJECT

public:
    /// `api` (the current server's, not owned) is asked at once. `server` names the server in the title.
    RoomDirectoryDialog(Client::ServerApi *api, const QString &server, QWidget *parent = nullptr);
    ~RoomDirectoryDialog() override;

    Client::RoomDirectoryModel *model() const { return m_model; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTreeView *roomList() const { return m_list; }
    /// What the dialog says about the list ("Loading…", "No rooms yet", an error); empty when it shows rooms.
    QString statusText() const;

Q_SIGNALS:
    /// The user chose to join this room (the dialog closes); `direct`: the direct messages with the account `room`.
    void roomChosen(const QString &room, bool direct);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void updateStatus();
    void chooseCurrent();

    QString m_server;
    Client::RoomDirectoryModel *m_model;
    QLineEdit *m_filter;
    QTreeView *m_list;
    QLabel *m_status;
    QPushButton *m_join;
    QPushButton *m_refresh;
};

} // namespace Kaiwa::Ui
