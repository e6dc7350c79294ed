// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>

#include <optional>

namespace Kaiwa::Client {

class ServerApi;

/**
 * The rooms of one server as `GET /api/rooms` lists them (most active first, as the server orders
 * them): name, people online, messages, last activity, topic (a private room's name says so in its tool
 * tip; a direct-message room is "@bob"). The "Browse rooms" dialog shows it; a filter
 * keeps the rooms whose names contain a text, compared case- and width-insensitively (NFKC and case
 * folding: `ＬＯＢＢＹ` finds `lobby`).
 *
 * For a signed-in request the server adds what the account has not read (`read_id`, `unread`,
 * `mentions`) to the rooms it joined: parse() keeps them, and Session hands them to its rooms.
 */
class RoomDirectoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        OnlineColumn,
        MessagesColumn,
        LastActivityColumn,
        TopicColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Roles {
        NameRole =
            Qt::UserRole + 1, ///< QString: the room's name (every column); the other account for direct messages.
        DirectRole,           ///< bool: a direct-message room (NameRole is then the other account).
    };

    /// One room as /api/rooms gives it.
    struct Entry {
        QString name;
        int online = 0; ///< People in the room now (the server's `online`; `members` from older servers).
        qint64 messages = 0;
        qint64 lastId = 0;
        QDateTime lastActivity;       ///< UTC; invalid when the room has no message.
        std::optional<qint64> readId; ///< Signed in, and the account joined the room.
        int unread = 0;
        int mentions = 0;
        QString topic;
        bool isPrivate = false;
        QString direct; ///< A direct-message room: the other account (the server's `direct`).
        /// What people read for the room: its name, or "@bob" for the direct messages with bob.
        QString title() const { return direct.isEmpty() ? name : u'@' + direct; }
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    /// The rooms of an /api/rooms answer, in its order; entries without a name are skipped.
    static QList<Entry> parse(const QJsonDocument &json);
    /// `text` as the filter compares it: NFKC, case-folded, trimmed.
    static QString foldForFilter(const QString &text);

    /// `api` is not owned (the Session's); the model asks it on refresh().
    explicit RoomDirectoryModel(ServerApi *api, QObject *parent = nullptr);
    ~RoomDirectoryModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Asks the server again; loaded() or failed() follows. A request under way is abandoned.
    void refresh();
    bool isLoading() const { return m_reply != nullptr; }
    /// Why the last refresh failed, in words; empty after one that worked.
    QString errorString() const { return m_error; }

    /// Every room the server listed, before the filter.
    const QList<Entry> &allRooms() const { return m_all; }
    /// Shows only the rooms whose titles (Entry::title()) contain `text` (foldForFilter()); empty shows all.
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }
    /// The room's name in `row` of what is shown.
    QString nameAt(int row) const;
    /// The room in `row` of what is shown; nothing outside.
    std::optional<Entry> entryAt(int row) const;

Q_SIGNALS:
    void loaded();
    void failed(const QString &error);

private:
    void applyFilter();

    QPointer<ServerApi> m_api;
    QPointer<QNetworkReply> m_reply;
    QList<Entry> m_all;
    QList<Entry> m_shown;
    QString m_filter;
    QString m_error;
};

} // namespace Kaiwa::Client
