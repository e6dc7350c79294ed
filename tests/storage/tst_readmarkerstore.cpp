// SPDX-License-Identifier: MIT
// ReadMarkerStore (SQLite schema 6, PostgreSQL schema 5) on both backends: a marker made at the first join,
// moved only forward and never past the room's last id, and the unread and mention counts GET /api/rooms
// shows (messages only, not deleted, not the account's own; mentions by the folded name; both bounded).
// PostgreSQL runs on a private server the test starts.
#include "backendstores.h"
#include "common/protocol.h"
#include "server/storage/postgresmessagestore.h"
#include "storetestsupport.h"
#include "util/fixturepolicy.h"

#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

namespace {

const QString s_alice = u"account:alice"_s; // authorKey() of alice's own messages

/// A message of `user` in `room`.
ChatMessage said(const QString &room, const QString &user, const QString &text)
{
    ChatMessage message = KaiwaTest::message(room, text);
    message.user = user;
    return message;
}

} // namespace

class TestReadMarkerStore : public QObject
{
    Q_OBJECT

private:
    KaiwaTest::BackendStores m_backends{u"markers"_s};

    /// A fresh store of the backend (a new PostgreSQL database each time) with the accounts alice and bob.
    std::unique_ptr<MessageStore> openStore(const QString &backend)
    {
        auto store = m_backends.open(backend);
        if (!store)
            return nullptr;
        const auto accounts = store->createAccountStore();
        if (accounts->addAccount(u"alice"_s, u"hash"_s) != AccountStore::Result::Ok
            || accounts->addAccount(u"bob"_s, u"hash"_s) != AccountStore::Result::Ok)
            return nullptr;
        return store;
    }

    /// Appends a message by `user` (alice's own when `author` is hers); its id.
    static qint64 post(MessageStore &store, const QString &room, const QString &user, const QString &text,
                       const QString &author = {})
    {
        const auto stored = store.append(said(room, user, text), author);
        return stored ? stored->message.id : 0;
    }

    static std::optional<ReadMarkerStore::Marker> markerIn(ReadMarkerStore &markers, const QString &account,
                                                           const QString &room)
    {
        const auto all = markers.markers(account);
        if (!all)
            return std::nullopt;
        for (const ReadMarkerStore::Marker &marker : *all) {
            if (marker.room == room)
                return marker;
        }
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase() { m_backends.start(); }

    void markersMoveForwardOnly_data() { KaiwaTest::BackendStores::addRows(); }
    void markersMoveForwardOnly()
    {
        QFETCH(QString, backend);
        if (backend == "postgresql"_L1)
            KAIWA_REQUIRE_FIXTURE(m_backends.postgresStarted(), u"PostgreSQL"_s);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto markers = store->createReadMarkerStore();
        QVERIFY(markers);

        for (int i = 0; i < 3; ++i)
            QVERIFY(post(*store, u"lobby"_s, u"bob"_s, u"before alice came"_s) > 0);
        // The first join makes the marker at the id it was given (the welcome's last id); later joins read it.
        QCOMPARE(markers->join(u"alice"_s, u"lobby"_s, 3), std::optional<qint64>(3));
        QVERIFY(post(*store, u"lobby"_s, u"bob"_s, u"while away"_s) == 4);
        QCOMPARE(markers->join(u"alice"_s, u"lobby"_s, 4), std::optional<qint64>(3));
        QCOMPARE(markers->join(u"bob"_s, u"lobby"_s, 4), std::optional<qint64>(4)); // each account its own

        // Forward only; beyond the last id is clamped to it.
        QCOMPARE(markers->advance(u"alice"_s, u"lobby"_s, 4), std::optional<qint64>(4));
        QCOMPARE(markers->advance(u"alice"_s, u"lobby"_s, 2), std::optional<qint64>(0));
        QCOMPARE(markers->advance(u"alice"_s, u"lobby"_s, 4), std::optional<qint64>(0));
        QVERIFY(post(*store, u"lobby"_s, u"bob"_s, u"later"_s) == 5);
        QCOMPARE(markers->advance(u"alice"_s, u"lobby"_s, 1000000), std::optional<qint64>(5));
        QCOMPARE(markers->join(u"alice"_s, u"lobby"_s, 5), std::optional<qint64>(5));
        // A room nothing was written in: nothing to read yet.
        QCOMPARE(markers->advance(u"alice"_s, u"empty"_s, 7), std::optional<qint64>(0));
        QVERIFY(markers->errorString().isEmpty());

        // The rooms the account joined, by name; another account's markers are its own.
        QVERIFY(markers->join(u"alice"_s, u"雑談"_s, 0));
        const auto alice = markers->markers(u"alice"_s);
        QVERIFY(alice);
        QCOMPARE(alice->size(), 3);
        QCOMPARE(alice->at(0).room, u"empty"_s);
        QCOMPARE(alice->at(1), (ReadMarkerStore::Marker{u"lobby"_s, 5, 0, 0}));
        QCOMPARE(alice->at(2).room, u"雑談"_s);
        QCOMPARE(markerIn(*markers, u"bob"_s, u"lobby"_s)->readId, 4);
        QCOMPARE(markerIn(*markers, u"bob"_s, u"lobby"_s)->unread, 1);

        // Removing an account removes its markers.
        QCOMPARE(store->createAccountStore()->removeAccount(u"alice"_s), AccountStore::Result::Ok);
        QCOMPARE(markers->markers(u"alice"_s)->size(), 0);
        QCOMPARE(markers->markers(u"bob"_s)->size(), 1);
    }

    void unreadCountsMessagesOfOthers_data() { KaiwaTest::BackendStores::addRows(); }
    void unreadCountsMessagesOfOthers()
    {
        QFETCH(QString, backend);
        if (backend == "postgresql"_L1)
            KAIWA_REQUIRE_FIXTURE(m_backends.postgresStarted(), u"PostgreSQL"_s);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto markers = store->createReadMarkerStore();
        QCOMPARE(markers->join(u"alice"_s, u"lobby"_s, 0), std::optional<qint64>(0));

        const qint64 plain = post(*store, u"lobby"_s, u"bob"_s, u"plain"_s);
        const qint64 mention = post(*store, u"lobby"_s, u"bob"_s, u"hi @ＡＬＩＣＥ and @bob"_s); // width and case fold
        post(*store, u"lobby"_s, u"alice"_s, u"my own, @alice"_s, s_alice);
        const qint64 laterMention = post(*store, u"lobby"_s, u"bob"_s, u"plain at first"_s);
        const qint64 deleted = post(*store, u"lobby"_s, u"bob"_s, u"@alice soon gone"_s);
        // Someone named like her, anonymous: not her own message.
        post(*store, u"lobby"_s, u"alice"_s, u"an impostor"_s, u"member:x.1"_s);
        post(*store, u"lobby"_s, u"bob"_s, u"not a mention: alice@example.com, @alicex"_s);
        QVERIFY(plain > 0 && mention > 0 && laterMention > 0 && deleted > 0);
        const auto change = [&](const RoomEvent &event) { return store->appendEvent(event, u"account:bob"_s); };
        QVERIFY(change(ChatReactionEvent{.room = u"lobby"_s, .target = plain, .emoji = u"👍"_s, .user = u"bob"_s}));
        QVERIFY(change(ChatEditEvent{.room = u"lobby"_s, .target = laterMention, .text = u"now @Alice"_s}));
        QVERIFY(change(ChatDeleteEvent{.room = u"lobby"_s, .target = deleted, .user = u"bob"_s}));
        // An edit that takes a mention out counts no more.
        const qint64 unmentioned = post(*store, u"lobby"_s, u"bob"_s, u"@alice at first"_s);
        QVERIFY(change(ChatEditEvent{.room = u"lobby"_s, .target = unmentioned, .text = u"nobody"_s}));

        // Messages of others, not deleted: plain, mention, laterMention, impostor, not-a-mention, unmentioned.
        auto lobby = markerIn(*markers, u"alice"_s, u"lobby"_s);
        QVERIFY(lobby);
        QCOMPARE(lobby->unread, 6);
        QCOMPARE(lobby->mentions, 2); // mention, laterMention
        const auto bob = markers->markers(u"bob"_s);
        QVERIFY(bob && bob->isEmpty()); // bob joined nothing

        QVERIFY(markers->advance(u"alice"_s, u"lobby"_s, mention));
        lobby = markerIn(*markers, u"alice"_s, u"lobby"_s);
        QCOMPARE(lobby->unread, 4);
        QCOMPARE(lobby->mentions, 1);
        QVERIFY(markers->advance(u"alice"_s, u"lobby"_s, store->lastId(u"lobby"_s)));
        QCOMPARE(markerIn(*markers, u"alice"_s, u"lobby"_s),
                 (ReadMarkerStore::Marker{u"lobby"_s, store->lastId(u"lobby"_s), 0, 0}));
    }

    void countsAreBounded_data() { KaiwaTest::BackendStores::addRows(); }
    void countsAreBounded()
    {
        QFETCH(QString, backend);
        if (backend == "postgresql"_L1)
            KAIWA_REQUIRE_FIXTURE(m_backends.postgresStarted(), u"PostgreSQL"_s);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto markers = store->createReadMarkerStore();
        QVERIFY(markers->join(u"alice"_s, u"busy"_s, 0));
        for (int i = 0; i < Protocol::maxUnreadCount + 5; ++i)
            QVERIFY(post(*store, u"busy"_s, u"bob"_s, u"@alice %1"_s.arg(i)) > 0);
        const auto busy = markerIn(*markers, u"alice"_s, u"busy"_s);
        QVERIFY(busy);
        QCOMPARE(busy->unread, Protocol::maxUnreadCount);
        QCOMPARE(busy->mentions, Protocol::maxUnreadCount);
    }
};

QTEST_GUILESS_MAIN(TestReadMarkerStore)
#include "tst_readmarkerstore.moc"
