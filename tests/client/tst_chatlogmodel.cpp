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
