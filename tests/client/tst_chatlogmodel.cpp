// SPDX-License-Identifier: MIT
#include "client/chatlogmodel.h"

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
