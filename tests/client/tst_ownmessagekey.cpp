// SPDX-License-Identifier: MIT
// OwnMessageKey: client ids that prove which messages this client sent, bound to their room, and the
// secret kept in a real settings file across ClientSettings objects.
#include "client/clientsettings.h"
#include "client/ownmessagekey.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;

namespace {

RoomAddress room(const QString &server, const QString &name)
{
    return {*RoomAddress::parseServer(server), name, u"anyone"_s};
}

} // namespace

class TestOwnMessageKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idsAreOwnInTheirRoomOnly()
    {
        const OwnMessageKey key;
        const RoomAddress lobby = room(u"http://h:8000"_s, u"lobby"_s);
        const QString id = key.newClientId(lobby);
        QCOMPARE(id.size(), 45);
        QVERIFY(id.size() <= 64); // the server's limit
        QVERIFY(key.newClientId(lobby) != id);
        QVERIFY(key.isOwn(lobby, id));
        // The display name and the spelling of the server's address do not matter...
        QVERIFY(key.isOwn({lobby.server, lobby.room, u"someone else"_s}, id));
        QVERIFY(key.isOwn(room(u"http://h:8000/"_s, u"lobby"_s), id));
        QVERIFY(key.isOwn(room(u"http://h:8000/chat/"_s, u"lobby"_s), id));
        // ...the room and the server do.
        QVERIFY(!key.isOwn(room(u"http://h:8000"_s, u"other"_s), id));
        QVERIFY(!key.isOwn(room(u"http://elsewhere:8000"_s, u"lobby"_s), id));
        // Another secret recognises nothing of this one.
        QVERIFY(!OwnMessageKey().isOwn(lobby, id));
    }

    void foreignAndBrokenIdsAreNotOwn_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::newRow("empty") << QString();
        QTest::newRow("uuid") << QUuid::createUuid().toString(QUuid::WithoutBraces);
        QTest::newRow("no tag") << u"AAAAAAAAAAAAAAAAAAAAAA."_s;
        QTest::newRow("not base64") << u"!!!!!!!!!!!!!!!!!!!!!!.!!!!!!!!!!!!!!!!!!!!!!"_s;
        QTest::newRow("too long") << QString(80, u'A');
    }

    void foreignAndBrokenIdsAreNotOwn()
    {
        QFETCH(QString, clientId);
        QVERIFY(!OwnMessageKey().isOwn(room(u"http://h"_s, u"lobby"_s), clientId));
    }

    void tamperedTagIsNotOwn()
    {
        const OwnMessageKey key;
        const RoomAddress lobby = room(u"http://h"_s, u"lobby"_s);
        QString id = key.newClientId(lobby);
        // The tag's first character: all six of its bits count (the last one's low bits are padding, and
        // 'A' for 'B' there changed nothing one run in a few dozen).
        const qsizetype first = id.indexOf(u'.') + 1;
        QVERIFY(first > 0);
        id[first] = id.at(first) == u'A' ? u'B' : u'A';
        QVERIFY(!key.isOwn(lobby, id));
    }

    void secretIsKeptInTheSettings()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"kaiwa.ini"_s);
        QByteArray secret;
        QString id;
        const RoomAddress lobby = room(u"http://h"_s, u"lobby"_s);
        {
            ClientSettings settings(std::make_unique<QSettings>(file, QSettings::IniFormat));
            secret = settings.ownMessageKey();
            QCOMPARE(secret.size(), OwnMessageKey::secretSize);
            QCOMPARE(settings.ownMessageKey(), secret); // made once
            id = OwnMessageKey(secret).newClientId(lobby);
        }
        ClientSettings again(std::make_unique<QSettings>(file, QSettings::IniFormat));
        QCOMPARE(again.ownMessageKey(), secret);
        QVERIFY(OwnMessageKey(again.ownMessageKey()).isOwn(lobby, id));
        // A secret of the wrong size (a damaged file) is not used as it is.
        QVERIFY(!OwnMessageKey(QByteArray("short")).isOwn(lobby, id));
    }
};

QTEST_GUILESS_MAIN(TestOwnMessageKey)
#include "tst_ownmessagekey.moc"
