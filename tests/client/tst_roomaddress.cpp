// SPDX-License-Identifier: MIT
#include "client/roomaddress.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;
using Validity = RoomAddress::ServerValidity;

class TestRoomAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseServer_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<Validity>("validity");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("default") << u"http://localhost:8000"_s << Validity::Valid << u"http://localhost:8000/"_s;
        QTest::newRow("bare host:port") << u"localhost:8000"_s << Validity::Valid << u"http://localhost:8000/"_s;
        QTest::newRow("https") << u" https://chat.example.org "_s << Validity::Valid << u"https://chat.example.org/"_s;
        QTest::newRow("ws maps to http") << u"ws://h:1"_s << Validity::Valid << u"http://h:1/"_s;
        QTest::newRow("wss maps to https") << u"wss://h"_s << Validity::Valid << u"https://h/"_s;
        QTest::newRow("prefix kept") << u"http://h/kaiwa/?x=1#y"_s << Validity::Valid << u"http://h/kaiwa/"_s;
        QTest::newRow("empty") << u"  "_s << Validity::Empty << QString();
        QTest::newRow("ftp") << u"ftp://h"_s << Validity::UnsupportedScheme << QString();
        QTest::newRow("garbage") << u"http://"_s << Validity::Malformed << QString();
    }

    void parseServer()
    {
        QFETCH(QString, input);
        QFETCH(Validity, validity);
        QFETCH(QString, normalised);
        QCOMPARE(RoomAddress::validateServer(input), validity);
        const auto url = RoomAddress::parseServer(input);
        QCOMPARE(url.has_value(), validity == Validity::Valid);
        if (url)
            QCOMPARE(url->toString(), normalised);
    }

    void parseLocation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("room"); // "-": none named
        QTest::newRow("index page") << u"http://127.0.0.1:8000/chat/"_s << u"http://127.0.0.1:8000/"_s << u"-"_s;
        QTest::newRow("index, no slash") << u"http://h:1/chat"_s << u"http://h:1/"_s << u"-"_s;
        QTest::newRow("room page") << u"http://h:1/chat/lobby/"_s << u"http://h:1/"_s << u"lobby"_s;
        QTest::newRow("room page, no slash") << u"h:1/chat/lobby"_s << u"http://h:1/"_s << u"lobby"_s;
        QTest::newRow("encoded japanese") << u"https://h/chat/%E9%9B%91%E8%AB%87/"_s << u"https://h/"_s << u"雑談"_s;
        QTest::newRow("japanese as shown") << u"https://h/chat/雑談/"_s << u"https://h/"_s << u"雑談"_s;
        QTest::newRow("websocket") << u"wss://h/ws/chat/lobby/?name=a&since=3"_s << u"https://h/"_s << u"lobby"_s;
        QTest::newRow("prefix and room") << u"http://h/kaiwa/chat/lobby/#x"_s << u"http://h/kaiwa/"_s << u"lobby"_s;
        QTest::newRow("prefix and index") << u"http://h/kaiwa/chat/"_s << u"http://h/kaiwa/"_s << u"-"_s;
        QTest::newRow("room named chat") << u"http://h/chat/chat/"_s << u"http://h/"_s << u"chat"_s;
        QTest::newRow("prefix named chat") << u"http://h/chat/chat/lobby/"_s << u"http://h/chat/"_s << u"lobby"_s;
        QTest::newRow("not a room name") << u"http://h/chat/lob%20by/"_s << u"http://h/"_s << u"lob by"_s;
        QTest::newRow("deeper path is a prefix")
            << u"http://h/chat/lobby/x/"_s << u"http://h/chat/lobby/x/"_s << u"-"_s;
    }

    void parseLocation()
    {
        QFETCH(QString, input);
        QFETCH(QString, server);
        QFETCH(QString, room);
        const auto location = RoomAddress::parseLocation(input);
        QVERIFY(location);
        QCOMPARE(location->server.toString(), server);
        QCOMPARE(location->room.value_or(u"-"_s), room);
        QCOMPARE(RoomAddress::parseServer(input), location->server);
        QCOMPARE(RoomAddress::validateServer(input), Validity::Valid);
    }

    void webSocketUrl()
    {
        const RoomAddress address{*RoomAddress::parseServer(u"http://localhost:8000"_s), u"雑談"_s, u"A&B +c"_s};
        QVERIFY(address.isValid());
        QCOMPARE(address.webSocketUrl().toString(QUrl::FullyEncoded),
                 u"ws://localhost:8000/ws/chat/%E9%9B%91%E8%AB%87/?name=A%26B%20%2Bc"_s);
        QCOMPARE(address.webSocketUrl(42).toString(QUrl::FullyEncoded),
                 u"ws://localhost:8000/ws/chat/%E9%9B%91%E8%AB%87/?name=A%26B%20%2Bc&since=42"_s);
        // The epoch goes with `since` (it names the history that id belongs to), never alone.
        QCOMPARE(address.webSocketUrl(42, u"0f1e"_s).toString(QUrl::FullyEncoded),
                 u"ws://localhost:8000/ws/chat/%E9%9B%91%E8%AB%87/?name=A%26B%20%2Bc&since=42&epoch=0f1e"_s);
        QCOMPARE(address.webSocketUrl(std::nullopt, u"0f1e"_s), address.webSocketUrl());
        QCOMPARE(address.pageUrl().toString(QUrl::FullyEncoded), u"http://localhost:8000/chat/%E9%9B%91%E8%AB%87/"_s);

        const RoomAddress secure{*RoomAddress::parseServer(u"https://h/prefix/"_s), u"lobby"_s, {}};
        QCOMPARE(secure.webSocketUrl().toString(QUrl::FullyEncoded), u"wss://h/prefix/ws/chat/lobby/?name="_s);
        QCOMPARE(secure.roomKey(),
                 RoomAddress({*RoomAddress::parseServer(u"https://h/prefix"_s), u"lobby"_s, u"x"_s}).roomKey());
        QVERIFY(!RoomAddress({secure.server, u"no spaces"_s, {}}).isValid());
    }

    /// The direct messages with an account (docs/protocol.md, "Rooms with owners"): /dm/<account>/ and
    /// /ws/dm/<account>/, "@bob" to read, another room than the public room of the same name.
    void directMessages()
    {
        const QUrl server = *RoomAddress::parseServer(u"http://localhost:8000"_s);
        const RoomAddress bob{server, u"bob"_s, u"alice"_s, true};
        QVERIFY(bob.isValid());
        QCOMPARE(bob.title(), u"@bob"_s);
        QCOMPARE(bob.webSocketUrl().toString(QUrl::FullyEncoded), u"ws://localhost:8000/ws/dm/bob/?name=alice"_s);
        QCOMPARE(bob.webSocketUrl(7, u"e1"_s).toString(QUrl::FullyEncoded),
                 u"ws://localhost:8000/ws/dm/bob/?name=alice&since=7&epoch=e1"_s);
        QCOMPARE(bob.pageUrl().toString(QUrl::FullyEncoded), u"http://localhost:8000/dm/bob/"_s);
        const RoomAddress publicBob{server, u"bob"_s, u"alice"_s};
        QCOMPARE(publicBob.title(), u"bob"_s);
        QVERIFY(bob.roomKey() != publicBob.roomKey());
        // An account is any one line: a name that is no room name (a space) is an account all the same.
        QVERIFY(RoomAddress({server, u"mary ann"_s, {}, true}).isValid());
        QCOMPARE(RoomAddress({server, u"mary ann"_s, {}, true}).pageUrl().toString(QUrl::FullyEncoded),
                 u"http://localhost:8000/dm/mary%20ann/"_s);
        QVERIFY(!RoomAddress({server, u" "_s, {}, true}).isValid());
        QVERIFY(!RoomAddress({server, u"a\nb"_s, {}, true}).isValid());
    }
};

QTEST_GUILESS_MAIN(TestRoomAddress)
#include "tst_roomaddress.moc"
