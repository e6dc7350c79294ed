// SPDX-License-Identifier: MIT
// ChatService in this process, on the real in-process channel layer and a real SQLite file: the order
// "stored, then sent" of post(), what a duplicate and a store that fails send, and the history doors
// (pages, replay, the room directory) with their byte budget. What a connection does with them is
// ChatConsumer's, tested through real sockets (tests/server).
#include "server/consumers/chatgroup.h"
#include "server/consumers/chatservice.h"
#include "server/layers/channelreceiver.h"
#include "server/layers/envelope.h"
#include "server/layers/inmemorychannellayer.h"
#include "server/layers/presence.h"
#include "server/storage/messagestoreregistry.h"
#include "server/storage/roomevent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using namespace Kaiwa::Server;

namespace {

/// A member of a room's group that keeps what the layer delivers to it.
class Recorder : public ChannelReceiver
{
public:
    void receive(const Envelope &envelope) override { received.append(envelope); }
    QList<qint64> ids() const
    {
        QList<qint64> ids;
        for (const Envelope &envelope : received)
            ids.append(QJsonDocument::fromJson(envelope.payload()).object().value("id"_L1).toInteger());
        return ids;
    }
    QList<Envelope> received;
};

ChatMessage message(const QString &room, const QString &text, const QString &clientId = {})
{
    ChatMessage message;
    message.room = room;
    message.user = u"alice"_s;
    message.text = text;
    message.clientId = clientId;
    return message;
}

} // namespace

class TestChatService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<InMemoryChannelLayer> m_layer;
    std::unique_ptr<ChatService> m_service;
    Recorder m_member;

    /// What a call that answers through a callback gave: at once or later, the test assumes neither.
    template<typename Answer, typename Call>
    static std::optional<Answer> answerOf(Call call)
    {
        std::optional<Answer> answer;
        call([&answer](const Answer &given) { answer = given; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 5000))
            qWarning("no answer within 5 s");
        return answer;
    }

    /// What post() stored; nullopt when the store failed (or post() never called back).
    std::optional<MessageStore::AppendResult> post(const ChatMessage &message)
    {
        return answerOf<std::optional<MessageStore::AppendResult>>(
                   [&](auto done) { m_service->post(message, authorKey(u"alice"_s, {}), done); })
            .value_or(std::nullopt);
    }
    HistoryPageEvent page(const QString &room, qint64 beforeId, int limit)
    {
        return answerOf<HistoryPageEvent>([&](auto done) { m_service->historyPage(room, beforeId, limit, done); })
            .value_or(HistoryPageEvent{});
    }
    HistoryReader::Answer replay(const QString &room, qint64 afterId)
    {
        return answerOf<HistoryReader::Answer>(
                   [&](auto done) { m_service->replay(room, afterId, m_store->lastId(room), done); })
            .value_or(HistoryReader::Answer{});
    }

    /// A fresh database, layer and service; m_member listens to room "lobby".
    void start(const ChatSettings &settings)
    {
        m_service.reset();
        m_layer.reset();
        m_store.reset();
        m_member.received.clear();
        QFile::remove(m_directory.filePath(u"kaiwa.sqlite"_s));
        m_store = createMessageStore(m_directory.filePath(u"kaiwa.sqlite"_s));
        QVERIFY(m_store && m_store->open());
        m_layer = std::make_unique<InMemoryChannelLayer>();
        m_service = std::make_unique<ChatService>(m_layer.get(), m_store.get(), settings);
        m_layer->groupAdd(ChatGroup::name(u"lobby"_s), m_layer->newChannel(&m_member, u"test"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"kaiwa.server.storage.info=false"_s);
        QVERIFY(m_directory.isValid());
    }

    void init() { start(ChatSettings{}); }

    /// Stored first, which gives the id and time, then sent: what the room receives is what the store holds.
    void postStoresThenSends()
    {
        const auto stored = post(message(u"lobby"_s, u"hello"_s));
        QVERIFY(stored);
        QVERIFY(!stored->duplicate);
        QCOMPARE(stored->message.id, 1);
        QVERIFY(stored->message.time.isValid());
        QCOMPARE(m_member.ids(), QList<qint64>{1});
        QCOMPARE(m_member.received.first().payload(), stored->message.toWire());
        QCOMPARE(m_member.received.first().messageId(), 1);
        QCOMPARE(m_store->lastId(u"lobby"_s), 1);
    }

    /// Another room's members hear nothing of it.
    void postReachesItsRoomOnly()
    {
        QVERIFY(post(message(u"elsewhere"_s, u"hello"_s)));
        QVERIFY(m_member.received.isEmpty());
    }

    /// A client id the room holds gives back the original, and the room is not sent it again.
    void duplicateClientIdIsNotSentAgain()
    {
        const auto first = post(message(u"lobby"_s, u"once"_s, u"c-1"_s));
        const auto again = post(message(u"lobby"_s, u"once"_s, u"c-1"_s));
        QVERIFY(first && again);
        QVERIFY(again->duplicate);
        QCOMPARE(again->message.id, first->message.id);
        QCOMPARE(m_member.ids(), QList<qint64>{first->message.id});
    }

    /// Pages are oldest first, newest page first, and say whether older messages exist.
    void historyPagesWalkBackToTheFirstMessage()
    {
        for (int i = 1; i <= 7; ++i)
            QVERIFY(post(message(u"lobby"_s, u"m%1"_s.arg(i))));
        const HistoryPageEvent newest = page(u"lobby"_s, 0, 3);
        QCOMPARE(newest.messages.size(), 3);
        QCOMPARE(newest.messages.first().text, u"m5"_s);
        QCOMPARE(newest.messages.last().text, u"m7"_s);
        QVERIFY(newest.more);
        const HistoryPageEvent oldest = page(u"lobby"_s, 2, 3);
        QCOMPARE(oldest.messages.size(), 1);
        QCOMPARE(oldest.messages.first().text, u"m1"_s);
        QVERIFY(!oldest.more);
    }

    /// A page holds one budget of messages, whatever the limit asks; the rest is "more".
    void historyPageKeepsToTheBudget()
    {
        ChatSettings settings;
        settings.historyBudgetBytes = 4096;
        start(settings);
        const QString kilobyte(1000, u'x');
        for (int i = 0; i < 10; ++i)
            QVERIFY(post(message(u"lobby"_s, kilobyte)));
        const HistoryPageEvent answer = page(u"lobby"_s, 0, 10);
        QVERIFY2(answer.messages.size() >= 1 && answer.messages.size() < 10,
                 qPrintable(QString::number(answer.messages.size())));
        qint64 bytes = 0;
        for (const ChatMessage &sent : answer.messages)
            bytes += sent.toWire().size();
        QVERIFY(bytes <= settings.historyBudgetBytes);
        QVERIFY(answer.more);
        QCOMPARE(answer.messages.last().id, 10); // the newest ones
    }

    /// A replay step gives the oldest messages after an id, in order, and says when more follow.
    void replayReadsForwardFromAnId()
    {
        for (int i = 1; i <= 5; ++i)
            QVERIFY(post(message(u"lobby"_s, u"m%1"_s.arg(i))));
        const HistoryReader::Answer part = replay(u"lobby"_s, 2);
        QList<qint64> ids;
        for (const HistoryReader::Entry &entry : part.entries) {
            ids.append(RoomEvents::id(entry.event));
            QCOMPARE(entry.envelope.payload(), std::get<ChatMessage>(entry.event).toWire());
        }
        QCOMPARE(ids, (QList<qint64>{3, 4, 5}));
        QVERIFY(!part.more);
    }

    /// The directory lists rooms with stored messages and rooms with members here, most active first.
    void roomsListsStoredAndOccupiedRooms()
    {
        QVERIFY(post(message(u"zeta"_s, u"one"_s)));
        QVERIFY(post(message(u"zeta"_s, u"two"_s)));
        QVERIFY(post(message(u"alpha"_s, u"one"_s)));
        const auto rooms = answerOf<QList<RoomDirectory::Room>>([&](auto done) { m_service->rooms(QString(), done); });
        QVERIFY(rooms);
        QCOMPARE(rooms->size(), 3);
        // Nobody online anywhere: the latest activity first, a room without any last.
        QCOMPARE(rooms->at(0).name, u"alpha"_s);
        QCOMPARE(rooms->at(1).name, u"zeta"_s);
        QCOMPARE(rooms->at(1).messages, 2);
        QCOMPARE(rooms->at(1).lastId, 2);
        QVERIFY(rooms->at(1).lastActivity.isValid());
        QVERIFY(rooms->at(0).lastActivity >= rooms->at(1).lastActivity);
        QCOMPARE(rooms->at(2).name, u"lobby"_s); // a member of the group, nothing stored, nobody in its presence
        QCOMPARE(rooms->at(2).messages, 0);
        QCOMPARE(rooms->at(2).members, 1);
        QCOMPARE(rooms->at(2).online, 0);
        QVERIFY(!rooms->at(2).readId); // nobody asked

        // Someone in the room's presence (on any daemon) puts it first.
        m_layer->presence()->join(ChatGroup::name(u"zeta"_s), GroupMember{u"n.1"_s, u"carol"_s});
        const auto occupied =
            answerOf<QList<RoomDirectory::Room>>([&](auto done) { m_service->rooms(QString(), done); });
        QVERIFY(occupied);
        QCOMPARE(occupied->at(0).name, u"zeta"_s);
        QCOMPARE(occupied->at(0).online, 1);
        QCOMPARE(occupied->at(0).members, 0); // its member is not in this daemon's group
    }
};

QTEST_GUILESS_MAIN(TestChatService)
#include "tst_chatservice.moc"
