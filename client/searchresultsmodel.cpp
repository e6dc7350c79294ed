// SPDX-License-Identifier: MIT
#include "searchresultsmodel.h"

#include "serverapi.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QUrlQuery>

#include <algorithm>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

namespace {
/// How many characters a snippet keeps before its first match, for context.
constexpr int contextBefore = 24;
} // namespace

SearchResultsModel::Snippet SearchResultsModel::snippet(const QString &text, const QList<Highlight> &highlights,
                                                        int maxLength)
{
    const QString ellipsis = u"…"_s;
    int start = 0;
    if (text.size() > maxLength && !highlights.isEmpty())
        start = std::clamp(highlights.first().start - contextBefore, 0, int(text.size()) - maxLength + 1);
    // Never between the two halves of a surrogate pair.
    if (start > 0 && text.at(start).isLowSurrogate())
        ++start;
    int end = std::min(int(text.size()), start + maxLength - (start > 0 ? 1 : 0));
    if (end < text.size()) {
        end -= 1; // room for the ellipsis after
        if (end > start && text.at(end).isLowSurrogate())
            --end;
    }
    Snippet result;
    const int offset = start > 0 ? int(ellipsis.size()) - start : -start;
    if (start > 0)
        result.text = ellipsis;
    QString part = text.mid(start, end - start);
    for (QChar &c : part) {
        if (c == u'\n' || c == u'\r' || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = u' ';
    }
    result.text += part;
    if (end < text.size())
        result.text += ellipsis;
    for (const Highlight &highlight : highlights) {
        const int from = std::max(highlight.start, start);
        const int to = std::min(highlight.start + highlight.length, end);
        if (from < to)
            result.highlights.append({from + offset, to - from});
    }
    return result;
}

QList<SearchResultsModel::Highlight> SearchResultsModel::parseHighlights(const QJsonValue &value, const QString &text)
{
    QList<Highlight> highlights;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &pair : array) {
        const QJsonArray range = pair.toArray();
        const qint64 start = range.at(0).toInteger(-1);
        const qint64 length = range.at(1).toInteger(0);
        if (start >= 0 && length > 0 && start + length <= text.size())
            highlights.append({int(start), int(length)});
    }
    std::sort(highlights.begin(), highlights.end(),
              [](const Highlight &a, const Highlight &b) { return a.start < b.start; });
    // Overlapping parts (not sent by a correct server) would be drawn twice: merge them.
    QList<Highlight> merged;
    for (const Highlight &highlight : std::as_const(highlights)) {
        if (!merged.isEmpty() && highlight.start <= merged.last().start + merged.last().length) {
            Highlight &last = merged.last();
            last.length = std::max(last.start + last.length, highlight.start + highlight.length) - last.start;
        } else {
            merged.append(highlight);
        }
    }
    return merged;
}

SearchResultsModel::SearchResultsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

SearchResultsModel::~SearchResultsModel()
{
    abandon();
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Result &result = m_results.at(index.row());
    const ChatMessage &message = result.message;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return message.text;
    case Qt::AccessibleTextRole:
        return tr("%1 in %2: %3").arg(message.user, message.room, message.text);
    case RoomRole:
        return message.room;
    case SenderRole:
        return message.user;
    case TimeRole:
        return message.time;
    case IdRole:
        return message.id;
    case VerifiedRole:
        return message.verified;
    case HighlightsRole:
        return QVariant::fromValue(result.highlights);
    case SnippetRole:
        return QVariant::fromValue(snippet(message.text, result.highlights));
    default:
        break;
    }
    return {};
}

bool SearchResultsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more && !m_reply && m_error.isEmpty();
}

void SearchResultsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(m_nextBefore);
}

ServerApi *SearchResultsModel::api() const
{
    return m_api;
}

void SearchResultsModel::setApi(ServerApi *api)
{
    if (api == m_api)
        return;
    clear();
    m_api = api;
}

void SearchResultsModel::search(const QString &query, const QString &room)
{
    clear();
    m_query = query.trimmed();
    m_room = room;
    if (!m_query.isEmpty())
        requestPage(0);
}

void SearchResultsModel::clear()
{
    abandon();
    beginResetModel();
    m_results.clear();
    m_more = false;
    m_nextBefore = 0;
    m_error.clear();
    m_query.clear();
    m_room.clear();
    endResetModel();
}

void SearchResultsModel::abandon()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->abort(); // its callback sees the cancellation and does nothing
    Q_EMIT searchingChanged(false);
}

void SearchResultsModel::requestPage(qint64 before)
{
    if (!m_api) {
        m_error = tr("No server to search.");
        Q_EMIT failed(m_error);
        return;
    }
    QUrlQuery query;
    query.addQueryItem(u"q"_s, QString::fromLatin1(QUrl::toPercentEncoding(m_query)));
    if (!m_room.isEmpty())
        query.addQueryItem(u"room"_s, QString::fromLatin1(QUrl::toPercentEncoding(m_room)));
    if (before > 0)
        query.addQueryItem(u"before"_s, QString::number(before));
    query.addQueryItem(u"limit"_s, QString::number(pageSize));
    m_reply = m_api->get(u"api/search"_s, query, this, [this](const ServerApi::Answer &answer) {
        m_reply = nullptr;
        Q_EMIT searchingChanged(false);
        if (!answer.ok()) {
            m_error = answer.error;
            Q_EMIT failed(m_error);
            return;
        }
        const QJsonObject object = answer.json.object();
        const QJsonArray results = object.value("results"_L1).toArray();
        QList<Result> page;
        for (const QJsonValue &value : results) {
            const QJsonObject json = value.toObject();
            Result result{ChatMessage::fromJson(json), {}};
            if (result.message.id <= 0 || result.message.room.isEmpty())
                continue;
            result.highlights = parseHighlights(json.value("highlights"_L1), result.message.text);
            page.append(result);
        }
        m_nextBefore = object.value("next_before"_L1).toInteger();
        m_more = object.value("more"_L1).toBool() && m_nextBefore > 0 && !page.isEmpty();
        if (!page.isEmpty()) {
            beginInsertRows({}, int(m_results.size()), int(m_results.size() + page.size() - 1));
            m_results.append(page);
            endInsertRows();
        }
        Q_EMIT pageLoaded();
    });
    Q_EMIT searchingChanged(true);
}

} // namespace Kaiwa::Client
