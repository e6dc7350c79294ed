// SPDX-License-Identifier: MIT
#pragma once

#include "common/chatmessage.h"

#include <QAbstractListModel>
#include <QNetworkReply>
#include <QPointer>

namespace Kaiwa::Client {

class ServerApi;

/**
 * The answer to a message search (`GET /api/search`, docs/protocol.md "Search"), newest first: each
 * result is a message as it is now, with its room and the parts of its text that matched. Searches one
 * room or, with no room given, every room of the server. More results come page by page: a view that
 * scrolls to the end asks through canFetchMore()/fetchMore() (QAbstractItemView does so by itself).
 *
 * A new search abandons the one under way, so a late answer never shows under a newer query.
 */
class SearchResultsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    /// A matched part of a message's text, in UTF-16 code units (QString indices).
    struct Highlight {
        int start = 0;
        int length = 0;
        friend bool operator==(const Highlight &, const Highlight &) = default;
    };

    /// What a result shows of a long text: a part around the first match, with the matches in it.
    struct Snippet {
        QString text;
        QList<Highlight> highlights;
        friend bool operator==(const Snippet &, const Snippet &) = default;
    };

    enum Roles {
        RoomRole = Qt::UserRole + 1, ///< QString: the room the message is in.
        SenderRole,                  ///< QString: its sender's display name.
        TimeRole,                    ///< QDateTime (UTC).
        TextRole,                    ///< QString: the whole current text.
        IdRole,                      ///< qint64: its id in the room.
        VerifiedRole,                ///< bool: the sender was signed in.
        HighlightsRole,              ///< QList<Highlight>: the matches in TextRole, sorted, not overlapping.
        SnippetRole,                 ///< Snippet of at most snippetLength characters.
    };
    Q_ENUM(Roles)

    /// How many characters of a text a result shows at most (SnippetRole).
    static constexpr int snippetLength = 160;
    /// How many results a page asks for.
    static constexpr int pageSize = 20;

    /**
     * The part of `text` a result shows: at most `maxLength` characters, starting a little before the first
     * highlight when the text is longer (with "…" before and after what is cut off), line breaks as spaces.
     */
    static Snippet snippet(const QString &text, const QList<Highlight> &highlights, int maxLength = snippetLength);
    /// The highlights of a result as the server gave them, kept only where they are inside `text`, sorted.
    static QList<Highlight> parseHighlights(const QJsonValue &value, const QString &text);

    explicit SearchResultsModel(QObject *parent = nullptr);
    ~SearchResultsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// The server to ask (the current room's Session's; not owned). Changing it clears the results.
    void setApi(ServerApi *api);
    ServerApi *api() const;

    /**
     * Searches for `query` in `room`, or in every room of the server when `room` is empty; clears what was
     * shown. A blank query only clears.
     */
    void search(const QString &query, const QString &room = {});
    void clear();
    QString query() const { return m_query; }
    QString room() const { return m_room; }

    bool isSearching() const { return m_reply != nullptr; }
    /// Older results exist than those shown.
    bool hasMore() const { return m_more; }
    /// Why the last request failed, in words; empty after one that worked.
    QString errorString() const { return m_error; }
    /// The result in `row`.
    const Kaiwa::ChatMessage &messageAt(int row) const { return m_results.at(row).message; }

Q_SIGNALS:
    /// A page of results arrived (maybe empty).
    void pageLoaded();
    void failed(const QString &error);
    /// isSearching() changed.
    void searchingChanged(bool searching);

private:
    struct Result {
        Kaiwa::ChatMessage message;
        QList<Highlight> highlights;
    };

    void requestPage(qint64 before);
    void abandon();

    QPointer<ServerApi> m_api;
    QPointer<QNetworkReply> m_reply;
    QList<Result> m_results;
    QString m_query;
    QString m_room;
    bool m_more = false;
    qint64 m_nextBefore = 0;
    QString m_error;
};

} // namespace Kaiwa::Client

Q_DECLARE_METATYPE(Kaiwa::Client::SearchResultsModel::Snippet)
