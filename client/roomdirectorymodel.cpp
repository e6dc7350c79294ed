// SPDX-License-Identifier: MIT
#include "roomdirectorymodel.h"

#include "serverapi.h"

#include "common/isotime.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkReply>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

QList<RoomDirectoryModel::Entry> RoomDirectoryModel::parse(const QJsonDocument &json)
{
    QList<Entry> rooms;
    const QJsonArray array = json.array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        Entry entry;
        entry.name = object.value("room"_L1).toString();
        if (entry.name.isEmpty())
            continue;
        // `online` counts the room's people on every daemon; older servers know only their own `members`.
        entry.online = object.value(object.contains("online"_L1) ? "online"_L1 : "members"_L1).toInt();
        entry.messages = object.value("messages"_L1).toInteger();
        entry.lastId = object.value("last_id"_L1).toInteger();
        entry.lastActivity = IsoTime::parse(object.value("last_activity"_L1).toString());
        entry.topic = object.value("topic"_L1).toString();
        entry.isPrivate = object.value("private"_L1).toBool();
        entry.direct = object.value("direct"_L1).toString();
        if (object.contains("read_id"_L1)) {
            entry.readId = object.value("read_id"_L1).toInteger();
            entry.unread = object.value("unread"_L1).toInt();
            entry.mentions = object.value("mentions"_L1).toInt();
        }
        rooms.append(entry);
    }
    return rooms;
}

QString RoomDirectoryModel::foldForFilter(const QString &text)
{
    return text.trimmed().normalized(QString::NormalizationForm_KC).toCaseFolded();
}

RoomDirectoryModel::RoomDirectoryModel(ServerApi *api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

RoomDirectoryModel::~RoomDirectoryModel()
{
    if (m_reply)
        m_reply->abort();
}

int RoomDirectoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int RoomDirectoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoomDirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Entry &entry = m_shown.at(index.row());
    if (role == NameRole)
        return entry.direct.isEmpty() ? entry.name : entry.direct;
    if (role == DirectRole)
        return !entry.direct.isEmpty();
    if (role == Qt::ToolTipRole && index.column() == NameColumn && !entry.direct.isEmpty())
        return tr("Direct messages with %1").arg(entry.direct);
    if (role == Qt::ToolTipRole && index.column() == NameColumn && entry.isPrivate)
        return tr("%1 (private: only its members see it)").arg(entry.name);
    if (role == Qt::TextAlignmentRole && index.column() != NameColumn && index.column() != TopicColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case NameColumn:
        return entry.title();
    case TopicColumn:
        return entry.topic;
    case OnlineColumn:
        return locale.toString(entry.online);
    case MessagesColumn:
        return locale.toString(entry.messages);
    case LastActivityColumn:
        return entry.lastActivity.isValid() ? locale.toString(entry.lastActivity.toLocalTime(), QLocale::ShortFormat)
                                            : tr("never", "a room's last activity");
    default:
        break;
    }
    return {};
}

QVariant RoomDirectoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Room");
    case OnlineColumn:
        return tr("Online");
    case MessagesColumn:
        return tr("Messages");
    case LastActivityColumn:
        return tr("Last activity");
    case TopicColumn:
        return tr("Topic");
    default:
        break;
    }
    return {};
}

void RoomDirectoryModel::refresh()
{
    if (m_reply)
        m_reply->abort();
    if (!m_api) {
        m_error = tr("No server.");
        Q_EMIT failed(m_error);
        return;
    }
    m_reply = m_api->get(u"api/rooms"_s, {}, this, [this](const ServerApi::Answer &answer) {
        m_reply = nullptr;
        if (!answer.ok()) {
            m_error = answer.error;
            Q_EMIT failed(m_error);
            return;
        }
        m_error.clear();
        m_all = parse(answer.json);
        applyFilter();
        Q_EMIT loaded();
    });
}

void RoomDirectoryModel::setFilter(const QString &text)
{
    const QString folded = foldForFilter(text);
    if (folded == m_filter)
        return;
    m_filter = folded;
    applyFilter();
}

QString RoomDirectoryModel::nameAt(int row) const
{
    return row >= 0 && row < m_shown.size() ? m_shown.at(row).name : QString();
}

std::optional<RoomDirectoryModel::Entry> RoomDirectoryModel::entryAt(int row) const
{
    return row >= 0 && row < m_shown.size() ? std::optional<Entry>(m_shown.at(row)) : std::nullopt;
}

void RoomDirectoryModel::applyFilter()
{
    beginResetModel();
    m_shown.clear();
    for (const Entry &entry : std::as_const(m_all)) {
        if (m_filter.isEmpty() || foldForFilter(entry.title()).contains(m_filter))
            m_shown.append(entry);
    }
    endResetModel();
}

} // namespace Kaiwa::Client
