// SPDX-License-Identifier: MIT
#include "client/chatlogmodel.h"
#include "client/logtimeformat.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;

namespace {

Kaiwa::ChatMessage message(qint64 id, const QString &text, const QString &clientId = {})
{
    return {id, u"lobby"_s, u"bob"_s, QDateTime::currentDateTimeUtc(), text, clientId};
}

Kaiwa::ChatEditEvent edit(qint64 id, qint64 target, const QString &text)
{
    Kaiwa::ChatEditEvent event;
    event.id = id;
    event.target = target;
    event.text = text;
    event.user = u"bob"_s;
    event.time = QDateTime(QDate(2026, 12, 7), QTime(10, 0), Qt::UTC).addSecs(id);
    return event;
}

Kaiwa::ChatReactionEvent reaction(qint64 id, qint64 target, const QString &user, bool added = true)
{
    Kaiwa::ChatReactionEvent event;
    event.id = id;
    event.target = target;
    event.emoji = u"👍"_s;
    event.user = user;
    event.added = added;
    return event;
}

QList<Kaiwa::ReactionSummary> reactionsAt(const ChatLogModel &model, int row)
{
    return model.index(row).data(ChatLogModel::ReactionsRole).value<QList<Kaiwa::ReactionSummary>>();
}

QStringList texts(const ChatLogModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row).data(ChatLogModel::TextRole).toString());
    return result;
}

} // namespace

class TestChatLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<ChatLogModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void receivedMessagesAreDeduplicatedById()
    {
        m_model->addMessage(message(1, u"one"_s));
        m_model->addMessage(message(2, u"two"_s));
        m_model->addMessage(message(2, u"two again"_s));
        QCOMPARE(texts(*m_model), (QStringList{u"one"_s, u"two"_s}));
        const QModelIndex first = m_model->index(0);
        QCOMPARE(first.data(ChatLogModel::SenderRole).toString(), u"bob"_s);
        QCOMPARE(first.data(ChatLogModel::IdRole).toLongLong(), 1);
        QCOMPARE(first.data(ChatLogModel::IsOwnRole).toBool(), false);
        QCOMPARE(first.data(ChatLogModel::IsPendingRole).toBool(), false);
        QVERIFY(first.data(Qt::DisplayRole).toString().contains(u"one"_s));
        QCOMPARE(m_model->oldestId(), 1);
    }

    void pendingMessagesStayAtTheBottomUntilConfirmed()
    {
        OutgoingMessage first{u"c1"_s, u"mine 1"_s, QDateTime::currentDateTimeUtc(), false};
        OutgoingMessage second{u"c2"_s, u"mine 2"_s, QDateTime::currentDateTimeUtc(), false};
        m_model->addPending(first, u"alice"_s);
        m_model->addPending(second, u"alice"_s);
        m_model->addMessage(message(7, u"theirs"_s));
        QCOMPARE(texts(*m_model), (QStringList{u"theirs"_s, u"mine 1"_s, u"mine 2"_s}));
        QCOMPARE(m_model->pendingCount(), 2);
        QVERIFY(m_model->index(1).data(ChatLogModel::IsPendingRole).toBool());
        QVERIFY(m_model->index(1).data(ChatLogModel::IsOwnRole).toBool());

        // The second is confirmed first: it moves above the still pending first one.
        m_model->addMessage(message(8, u"mine 2"_s, u"c2"_s));
        QCOMPARE(texts(*m_model), (QStringList{u"theirs"_s, u"mine 2"_s, u"mine 1"_s}));
        QCOMPARE(m_model->pendingCount(), 1);
        QCOMPARE(m_model->index(1).data(ChatLogModel::IdRole).toLongLong(), 8);
        QCOMPARE(m_model->index(1).data(ChatLogModel::DeliveryRole).value<ChatLogModel::Delivery>(),
                 ChatLogModel::Delivery::Delivered);

        // A replay of the same message (since-recovery) changes nothing.
        m_model->addMessage(message(8, u"mine 2"_s, u"c2"_s));
        QCOMPARE(m_model->rowCount(), 3);

        m_model->setDelivery(u"c1"_s, ChatLogModel::Delivery::Delivered, 9);
        QCOMPARE(m_model->pendingCount(), 0);
        m_model->addMessage(message(9, u"mine 1"_s)); // Echo without client id: known id.
        QCOMPARE(m_model->rowCount(), 3);
    }

    void unconfirmedAndFailedAreNotPending()
    {
        m_model->addPending({u"c1"_s, u"lost"_s, QDateTime::currentDateTimeUtc(), true}, u"alice"_s);
        m_model->addPending({u"c2"_s, u"refused"_s, QDateTime::currentDateTimeUtc(), true}, u"alice"_s);
        m_model->setDelivery(u"c1"_s, ChatLogModel::Delivery::Unconfirmed);
        m_model->setDelivery(u"c2"_s, ChatLogModel::Delivery::Failed);
        QCOMPARE(m_model->pendingCount(), 0);
        QCOMPARE(m_model->index(0).data(ChatLogModel::DeliveryRole).value<ChatLogModel::Delivery>(),
                 ChatLogModel::Delivery::Unconfirmed);
        m_model->setDelivery(u"unknown"_s, ChatLogModel::Delivery::Failed); // Ignored.
    }

    void historyGoesOnTop()
    {
        m_model->addMessage(message(50, u"fifty"_s));
        m_model->addMessage(message(51, u"fifty-one"_s));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->prependHistory({message(48, u"forty-eight"_s), message(49, u"forty-nine"_s), message(50, u"dup"_s)});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 1);
        QCOMPARE(texts(*m_model), (QStringList{u"forty-eight"_s, u"forty-nine"_s, u"fifty"_s, u"fifty-one"_s}));
        QCOMPARE(m_model->oldestId(), 48);
        m_model->prependHistory({message(48, u"again"_s)});
        QCOMPARE(m_model->rowCount(), 4);
    }

    void verifiedSendersAreMarked()
    {
        Kaiwa::ChatMessage signedIn = message(1, u"from an account"_s);
        signedIn.verified = true;
        m_model->addMessage(signedIn);
        m_model->addMessage(message(2, u"self-named"_s));
        QCOMPARE(m_model->index(0).data(ChatLogModel::VerifiedRole).toBool(), true);
        QCOMPARE(m_model->index(1).data(ChatLogModel::VerifiedRole).toBool(), false);
    }

    void echoOfOwnMessageBringsVerified()
    {
        // The echo of a message sent while signed in says so: the pending entry takes it over.
        m_model->addPending({u"c1"_s, u"signed"_s, QDateTime::currentDateTimeUtc(), true}, u"alice"_s);
        QVERIFY(!m_model->index(0).data(ChatLogModel::VerifiedRole).toBool());
        Kaiwa::ChatMessage echo{3, u"lobby"_s, u"alice"_s, QDateTime::currentDateTimeUtc(), u"signed"_s, u"c1"_s};
        echo.verified = true;
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->addMessage(echo);
        QCOMPARE(m_model->rowCount(), 1);
        QVERIFY(m_model->index(0).data(ChatLogModel::VerifiedRole).toBool());
        QVERIFY(m_model->index(0).data(Qt::AccessibleDescriptionRole).toString().contains(u"alice"_s));
        QCOMPARE(changed.size(), 1);
    }

    void ownTestDecidesForReceivedMessages()
    {
        m_model->setOwnTest([](const Kaiwa::ChatMessage &m) { return m.clientId.startsWith(u"mine"_s); });
        m_model->addMessage(message(10, u"before a restart"_s, u"mine-1"_s));
        m_model->addMessage(message(11, u"someone else"_s, u"theirs-1"_s));
        m_model->prependHistory({message(5, u"older, mine"_s, u"mine-0"_s), message(6, u"older, theirs"_s)});
        QCOMPARE(texts(*m_model),
                 (QStringList{u"older, mine"_s, u"older, theirs"_s, u"before a restart"_s, u"someone else"_s}));
        const QList<bool> own{true, false, true, false};
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row);
            QCOMPARE(index.data(ChatLogModel::IsOwnRole).toBool(), own.at(row));
            QCOMPARE(index.data(ChatLogModel::DeliveryRole).value<ChatLogModel::Delivery>(),
                     own.at(row) ? ChatLogModel::Delivery::Delivered : ChatLogModel::Delivery::Received);
            QVERIFY(!index.data(ChatLogModel::IsPendingRole).toBool());
        }

        // A new test (signed in since) applies to what is in the log already.
        m_model->setOwnTest([](const Kaiwa::ChatMessage &m) { return m.clientId.startsWith(u"theirs"_s); });
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->recheckOwn();
        QCOMPARE(changed.size(), 3); // two were own and are not, one was not and is
        QVERIFY(!m_model->index(0).data(ChatLogModel::IsOwnRole).toBool());
        QVERIFY(!m_model->index(1).data(ChatLogModel::IsOwnRole).toBool());
        QVERIFY(!m_model->index(2).data(ChatLogModel::IsOwnRole).toBool());
        QVERIFY(m_model->index(3).data(ChatLogModel::IsOwnRole).toBool());
    }

    void typedTimeIsKeptAndExplained()
    {
        const QDateTime typed(QDate(2026, 11, 24), QTime(12, 4, 28), Qt::UTC);
        m_model->addPending({u"c1"_s, u"written offline"_s, typed, false}, u"alice"_s);
        QCOMPARE(m_model->index(0).data(ChatLogModel::TimeRole).toDateTime(), typed);
        // The server stored it 13 s later: its time is shown, the typed one stays known.
        const QDateTime stored = typed.addSecs(13);
        m_model->addMessage({4, u"lobby"_s, u"alice"_s, stored, u"written offline"_s, u"c1"_s});
        const QModelIndex index = m_model->index(0);
        QCOMPARE(index.data(ChatLogModel::TimeRole).toDateTime(), stored);
        QCOMPARE(index.data(ChatLogModel::TypedTimeRole).toDateTime(), typed);
        const Kaiwa::Client::LogTimeFormat format(QLocale(u"en"_s), QTimeZone::utc(), [stored] { return stored; });
        QCOMPARE(ChatLogModel::toolTip(index, format),
                 u"Tuesday, November 24, 2026 12:04:41 PM UTC\nWritten at 12:04 PM and sent when the connection "
                 "was back; the time shown is when the server received it."_s);
        QCOMPARE(ChatLogModel::accessibleName(index, format), u"alice at 12:04 PM: written offline"_s);

        // Sent at once: nothing to explain.
        m_model->addPending({u"c2"_s, u"at once"_s, stored, false}, u"alice"_s);
        m_model->addMessage({5, u"lobby"_s, u"alice"_s, stored.addSecs(1), u"at once"_s, u"c2"_s});
        QCOMPARE(ChatLogModel::toolTip(m_model->index(1), format), u"Tuesday, November 24, 2026 12:04:42 PM UTC"_s);
    }

    void noticesHaveNoSender()
    {
        m_model->addPending({u"c1"_s, u"pending"_s, QDateTime::currentDateTimeUtc(), false}, u"alice"_s);
        m_model->addNotice(u"something happened"_s);
        QCOMPARE(texts(*m_model), (QStringList{u"something happened"_s, u"pending"_s}));
        QCOMPARE(m_model->index(0).data(ChatLogModel::KindRole).value<ChatLogModel::Kind>(),
                 ChatLogModel::Kind::Notice);
        QCOMPARE(m_model->index(0).data(Qt::DisplayRole).toString(), u"something happened"_s);
    }

    void editsReplaceTheTextOnceAndInOrder()
    {
        m_model->addMessage(message(1, u"helo"_s));
        QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->applyEdit(edit(5, 1, u"hello"_s)));
        QCOMPARE(texts(*m_model), QStringList{u"hello"_s});
        QCOMPARE(m_model->index(0).data(ChatLogModel::EditedRole).toDateTime(), edit(5, 1, {}).time);
        QCOMPARE(changes.size(), 1);
        // The same edit again (a replay), and an older one arriving late, change nothing.
        QVERIFY(!m_model->applyEdit(edit(5, 1, u"hello"_s)));
        QVERIFY(!m_model->applyEdit(edit(4, 1, u"older"_s)));
        QCOMPARE(texts(*m_model), QStringList{u"hello"_s});
        // An edit of a message not in the log (older than the history loaded) is dropped: a page brings its state.
        QVERIFY(!m_model->applyEdit(edit(6, 99, u"elsewhere"_s)));
        QCOMPARE(changes.size(), 1);
        const auto format = Kaiwa::Client::LogTimeFormat(QLocale(u"en"_s), QTimeZone::utc(), {});
        QVERIFY(ChatLogModel::toolTip(m_model->index(0), format).contains(u"Edited Monday, December 7, 2026"_s));
        QVERIFY(ChatLogModel::accessibleName(m_model->index(0), format).endsWith(u"hello (edited)"_s));
    }

    void replayedStateHoldsTheEventsReplayedAfterIt()
    {
        // Reconnected with since=0: message 2 comes as it is now (edited by 3, 👍 by 4), then events 3 and 4.
        Kaiwa::ChatMessage current = message(2, u"fixed"_s);
        current.edited = edit(3, 2, {}).time;
        current.reactions = {{u"👍"_s, 1, {u"carol"_s}}};
        m_model->addMessage(current, 4);
        QVERIFY(!m_model->applyEdit(edit(3, 2, u"first try"_s)));
        QVERIFY(!m_model->applyReaction(reaction(4, 2, u"carol"_s), false));
        QCOMPARE(texts(*m_model), QStringList{u"fixed"_s});
        QCOMPARE(reactionsAt(*m_model, 0).constFirst().count, 1);
        // A live reaction after the replay counts.
        QVERIFY(m_model->applyReaction(reaction(7, 2, u"dave"_s), false));
        QCOMPARE(reactionsAt(*m_model, 0).constFirst(), (Kaiwa::ReactionSummary{u"👍"_s, 2, {u"carol"_s, u"dave"_s}}));
    }

    void reactionsAreSummedPerEmojiWithTheUsersOwn()
    {
        m_model->setOwnNames({u"alice"_s});
        Kaiwa::ChatMessage paged = message(3, u"lunch?"_s);
        paged.reactions = {{u"🍣"_s, 2, {u"bob"_s, u"alice"_s}}};
        m_model->prependHistory({paged}, 3);
        QCOMPARE(m_model->index(0).data(ChatLogModel::OwnReactionsRole).toStringList(), QStringList{u"🍣"_s});

        QVERIFY(m_model->applyReaction(reaction(10, 3, u"alice"_s), true));
        QVERIFY(m_model->applyReaction(reaction(11, 3, u"bob"_s), false));
        QCOMPARE(reactionsAt(*m_model, 0).size(), 2);
        QCOMPARE(reactionsAt(*m_model, 0).at(1), (Kaiwa::ReactionSummary{u"👍"_s, 2, {u"alice"_s, u"bob"_s}}));
        QCOMPARE(m_model->index(0).data(ChatLogModel::OwnReactionsRole).toStringList(), (QStringList{u"🍣"_s, u"👍"_s}));
        QCOMPARE(ChatLogModel::reactorsText(m_model->index(0), u"👍"_s), u"👍 alice, bob"_s);
        // The server names the first 20 reactors of an emoji; the count is exact.
        Kaiwa::ChatMessage popular = message(4, u"popular"_s);
        popular.reactions = {{u"🎉"_s, 23, {}}};
        for (int i = 1; i <= 20; ++i)
            popular.reactions[0].users.append(u"user%1"_s.arg(i));
        m_model->addMessage(popular);
        QVERIFY(ChatLogModel::reactorsText(m_model->index(1), u"🎉"_s).endsWith(u"user20 and 3 more"_s));
        // Taken back: the user's goes, the emoji stays while someone holds it; the last one removes it.
        QVERIFY(m_model->applyReaction(reaction(12, 3, u"alice"_s, false), true));
        QCOMPARE(reactionsAt(*m_model, 0).at(1), (Kaiwa::ReactionSummary{u"👍"_s, 1, {u"bob"_s}}));
        QCOMPARE(m_model->index(0).data(ChatLogModel::OwnReactionsRole).toStringList(), QStringList{u"🍣"_s});
        QVERIFY(m_model->applyReaction(reaction(13, 3, u"bob"_s, false), false));
        QCOMPARE(reactionsAt(*m_model, 0).size(), 1);
        const auto format = Kaiwa::Client::LogTimeFormat(QLocale(u"en"_s), QTimeZone::utc(), {});
        QVERIFY(ChatLogModel::accessibleName(m_model->index(0), format).endsWith(u"lunch? (reactions: 🍣 2)"_s));
    }

    void deletesLeaveATombstoneAndTheQuotesSaySo()
    {
        m_model->addMessage(message(1, u"a secret"_s));
        Kaiwa::ChatMessage reply = message(2, u"what secret?"_s);
        reply.replyTo = m_model->quoteOf(1);
        QCOMPARE(reply.replyTo->excerpt, u"a secret"_s);
        m_model->addMessage(reply);
        QVERIFY(m_model->applyReaction(reaction(3, 1, u"carol"_s), false));

        Kaiwa::ChatDeleteEvent deletion;
        deletion.id = 4;
        deletion.target = 1;
        QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->applyDelete(deletion));
        QCOMPARE(changes.size(), 2); // the tombstone and the reply quoting it
        const QModelIndex tombstone = m_model->index(0);
        QVERIFY(tombstone.data(ChatLogModel::DeletedRole).toBool());
        QCOMPARE(tombstone.data(ChatLogModel::TextRole).toString(), QString());
        QVERIFY(reactionsAt(*m_model, 0).isEmpty());
        const auto quote = m_model->index(1).data(ChatLogModel::ReplyRole).value<Kaiwa::ReplyQuote>();
        QVERIFY(quote.deleted);
        QCOMPARE(quote.excerpt, QString());
        const auto format = Kaiwa::Client::LogTimeFormat(QLocale(u"en"_s), QTimeZone::utc(), {});
        QVERIFY(ChatLogModel::accessibleName(tombstone, format).endsWith(u": message deleted"_s));
        QVERIFY(ChatLogModel::accessibleName(m_model->index(1), format)
                    .endsWith(u"(in reply to bob: message deleted) what secret?"_s));
        // Nothing brings the text back: not the delete again, not a late edit, not a reaction.
        QVERIFY(!m_model->applyDelete(deletion));
        QVERIFY(!m_model->applyEdit(edit(5, 1, u"back"_s)));
        QVERIFY(!m_model->applyReaction(reaction(6, 1, u"carol"_s), false));
        QCOMPARE(tombstone.data(ChatLogModel::TextRole).toString(), QString());
    }

    void mentionsOfTheUserAreMarked()
    {
        Kaiwa::ChatMessage mention = message(1, u"@Alice look"_s);
        mention.mentions = {u"Alice"_s};
        m_model->addMessage(mention);
        QVERIFY(!m_model->index(0).data(ChatLogModel::MentionsYouRole).toBool());
        QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setOwnNames({u"alice"_s, QString()});
        QCOMPARE(changes.size(), 1);
        QVERIFY(m_model->index(0).data(ChatLogModel::MentionsYouRole).toBool());
        // An edit that drops the mention drops the mark.
        QVERIFY(m_model->applyEdit(edit(2, 1, u"look"_s)));
        QVERIFY(!m_model->index(0).data(ChatLogModel::MentionsYouRole).toBool());
    }

    void ownConfirmedMessagesAreEditable()
    {
        m_model->setOwnTest([](const Kaiwa::ChatMessage &message) { return message.user == u"alice"_s; });
        m_model->addMessage({1, u"lobby"_s, u"alice"_s, QDateTime::currentDateTimeUtc(), u"mine"_s, {}});
        m_model->addMessage(message(2, u"theirs"_s));
        m_model->addPending({u"c1"_s, u"on its way"_s, QDateTime::currentDateTimeUtc(), false}, u"alice"_s);
        QVERIFY(ChatLogModel::isEditable(m_model->index(0)));
        QVERIFY(!ChatLogModel::isEditable(m_model->index(1)));
        QVERIFY(!ChatLogModel::isEditable(m_model->index(2))); // no id yet
        QCOMPARE(m_model->lastEditableRow(), 0);
        QCOMPARE(m_model->rowOfId(2), 1);
        QCOMPARE(m_model->rowOfId(3), -1);
    }

    void aResetHistoryIsDroppedButNotTheOutbox()
    {
        m_model->addMessage(message(1, u"old history"_s));
        m_model->addPending({u"c1"_s, u"still to send"_s, QDateTime::currentDateTimeUtc(), false}, u"alice"_s);
        m_model->clearHistory();
        QCOMPARE(texts(*m_model), QStringList{u"still to send"_s});
        // Ids of the old history mean nothing now: id 1 of the new one is new.
        m_model->addMessage(message(1, u"new history"_s));
        QCOMPARE(texts(*m_model), (QStringList{u"new history"_s, u"still to send"_s}));
    }

    /// The "new messages" divider sits above the first message of someone else after the marker, follows
    /// history that comes later, and the counts after a marker leave out own and deleted messages.
    void newMessagesDivider()
    {
        m_model->setOwnTest([](const Kaiwa::ChatMessage &message) { return message.clientId == u"mine"_s; });
        m_model->setOwnNames({u"alice"_s});
        const auto dividerRows = [this] {
            QList<int> rows;
            for (int row = 0; row < m_model->rowCount(); ++row) {
                if (m_model->index(row).data(ChatLogModel::NewMessagesRole).toBool())
                    rows.append(row);
            }
            return rows;
        };
        m_model->addMessage(message(5, u"five"_s));
        m_model->addMessage(message(6, u"six, mine"_s, u"mine"_s));
        QCOMPARE(dividerRows(), QList<int>{});
        m_model->setNewMessagesAfter(5);
        QCOMPARE(dividerRows(), QList<int>{}); // only the user's own message is newer
        QCOMPARE(m_model->newMessagesId(), 0);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        Kaiwa::ChatMessage mention = message(7, u"@alice look"_s);
        mention.mentions = {u"alice"_s};
        m_model->addMessage(mention);
        QCOMPARE(dividerRows(), QList<int>{2});
        QCOMPARE(m_model->newMessagesId(), 7);
        QCOMPARE(changed.size(), 1); // the row is drawn again with its divider
        m_model->addMessage(message(8, u"eight"_s));
        QCOMPARE(dividerRows(), QList<int>{2});
        QCOMPARE(m_model->countAfter(5), 2);
        QCOMPARE(m_model->countMentionsAfter(5), 1);
        QCOMPARE(m_model->countAfter(7), 1);
        QCOMPARE(m_model->newestId(), 8);

        // Older history below the marker leaves it where it is; a marker further back moves it up.
        m_model->prependHistory({message(3, u"three"_s), message(4, u"four"_s)});
        QCOMPARE(dividerRows(), QList<int>{4});
        m_model->setNewMessagesAfter(3);
        QCOMPARE(dividerRows(), QList<int>{1});
        m_model->setNewMessagesAfter(std::nullopt);
        QCOMPARE(dividerRows(), QList<int>{});
        QCOMPARE(m_model->countAfter(0), 5);
    }

    void manyMessages()
    {
        for (int i = 1; i <= 2000; ++i)
            m_model->addMessage(message(i, u"line %1"_s.arg(i)));
        QCOMPARE(m_model->rowCount(), 2000);
        QVERIFY(m_model->roleNames().values().contains("isPending"));
    }

private:
    std::unique_ptr<ChatLogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestChatLogModel)
#include "tst_chatlogmodel.moc"
