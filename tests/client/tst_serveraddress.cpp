// SPDX-License-Identifier: MIT
// Server addresses as people paste them, against a real kaiwa-server: the address the daemon prints
// (http://127.0.0.1:PORT/chat/), with or without /chat/, a room's page (…/chat/lobby/, a percent-encoded
// Japanese room), its WebSocket. Each typed into the room prompt's Server field opens a room that
// connects; a room page fills the room in. An address that is not a chat server's (404 on the upgrade)
// is explained once in the room's indicator, in plain words, and not tried again.
#include "client/reconnectbackoff.h"
#include "client/room.h"
#include "client/ui/connectionindicator.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/roomprompt.h"
#include "client/ui/roomview.h"
#include "util/httpexchange.h"
#include "util/serverprocess.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Client;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// How many upgrades the daemon refused with 404, from its /metrics (-1 when it cannot be read).
int notFoundUpgrades(quint16 port)
{
    const auto response = KaiwaTest::HttpExchange::run(port, "GET", "/metrics");
    if (response.status != 200)
        return -1;
    // The series appears with the first refusal.
    static const QRegularExpression line(uR"(kaiwa_upgrades_refused_total\{reason="not_found"\} (\d+))"_s);
    const auto match = line.match(QString::fromUtf8(response.body));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

class TestServerAddress : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    Ui::LanguageSwitcher m_languages;

    QString base() const { return u"127.0.0.1:%1"_s.arg(m_server->port()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_languages.setLanguage(u"en"_s);
        m_server =
            std::make_unique<KaiwaTest::ServerProcess>(QStringList{u"--database"_s, m_dir.filePath(u"kaiwa.sqlite"_s)});
        QVERIFY(m_server->start());
    }

    void pastedAddressesConnect_data()
    {
        QTest::addColumn<QString>("pasted"); // "HOST" stands for 127.0.0.1:PORT
        QTest::addColumn<QString>("typedRoom");
        QTest::addColumn<QString>("room");
        QTest::newRow("host and port") << u"http://HOST"_s << u"lobby"_s << u"lobby"_s;
        QTest::newRow("no scheme") << u"HOST"_s << u"lobby"_s << u"lobby"_s;
        QTest::newRow("what the daemon prints") << u"http://HOST/chat/"_s << u"lobby"_s << u"lobby"_s;
        QTest::newRow("chat without slash") << u"http://HOST/chat"_s << u"lobby"_s << u"lobby"_s;
        QTest::newRow("room page") << u"http://HOST/chat/lobby/"_s << QString() << u"lobby"_s;
        QTest::newRow("room page, room typed before") << u"http://HOST/chat/lobby/"_s << u"other"_s << u"lobby"_s;
        QTest::newRow("japanese room page") << u"http://HOST/chat/%E9%9B%91%E8%AB%87/"_s << QString() << u"雑談"_s;
        QTest::newRow("japanese as typed") << u"http://HOST/chat/雑談/"_s << QString() << u"雑談"_s;
        QTest::newRow("websocket") << u"ws://HOST/ws/chat/lobby/?name=x"_s << QString() << u"lobby"_s;
    }

    void pastedAddressesConnect()
    {
        QFETCH(QString, pasted);
        QFETCH(QString, typedRoom);
        QFETCH(QString, room);
        Ui::RoomPrompt prompt;
        prompt.show();
        QVERIFY(QTest::qWaitForWindowExposed(&prompt));
        auto *server = prompt.findChild<QComboBox *>(u"serverInput"_s);
        auto *roomInput = prompt.findChild<QComboBox *>(u"roomNameInput"_s);
        auto *ok = prompt.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(server && roomInput && ok);
        roomInput->setEditText(typedRoom);
        server->lineEdit()->selectAll();
        server->lineEdit()->insert(pasted.replace(u"HOST"_s, base())); // as a paste does
        QCOMPARE(roomInput->currentText(), room);
        QVERIFY2(ok->isEnabled(), qPrintable(prompt.problem()));
        const RoomAddress address = prompt.address();
        QCOMPARE(address.server, QUrl(u"http://%1/"_s.arg(base())));
        QCOMPARE(address.room, room);

        Room opened(address);
        QTRY_COMPARE_WITH_TIMEOUT(opened.connectionState(), ConnectionState::Connected, 10000);
        QVERIFY(opened.isKaiwaProtocol());
    }

    void notFoundIsExplainedOnceAndNotRetried()
    {
        // A path the daemon does not serve: the upgrade gets 404.
        const QUrl wrong(u"http://%1/nope/"_s.arg(base()));
        QCOMPARE(RoomAddress::validateServer(wrong.toString()), RoomAddress::ServerValidity::Valid);
        const int refusedBefore = notFoundUpgrades(m_server->port());
        QVERIFY(refusedBefore >= 0);

        Room room({wrong, u"lobby"_s, u"tomo"_s});
        room.setReconnectBackoff(ReconnectBackoff({50ms, 50ms, 0})); // a retry, if any, would come at once
        QSignalSpy states(&room, &Room::connectionStateChanged);     // the first attempt started in the constructor
        Ui::RoomView view(&room);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(room.needsUserAction(), 10000);
        QCOMPARE(room.connectionState(), ConnectionState::Disconnected);
        QVERIFY2(room.errorString().startsWith(u"There is no chat room at this address"_s),
                 qPrintable(room.errorString()));
        QTRY_COMPARE(view.indicator()->text(), u"Not connected: "_s + room.errorString());
        QVERIFY(!view.indicator()->text().contains(u"QWebSocketPrivate"_s));

        // Nothing tries again: well past the backoff, still one refused upgrade and one attempt.
        QTest::qWait(500); // waiting for something that must not happen
        QCOMPARE(notFoundUpgrades(m_server->port()), refusedBefore + 1);
        QCOMPARE(states.count(QVariantList{QVariant::fromValue(ConnectionState::Connecting)}), 0);
        QCOMPARE(states.count(QVariantList{QVariant::fromValue(ConnectionState::WaitingToReconnect)}), 0);
        QCOMPARE(room.connectionState(), ConnectionState::Disconnected);

        // The user may still try again (after fixing nothing, it is refused again, and said once more).
        room.reconnectNow();
        QTRY_VERIFY_WITH_TIMEOUT(room.needsUserAction() && room.connectionState() == ConnectionState::Disconnected,
                                 10000);
        QCOMPARE(notFoundUpgrades(m_server->port()), refusedBefore + 2);
    }

    void notFoundInJapanese()
    {
        m_languages.setLanguage(u"ja"_s);
        Room room({QUrl(u"http://%1/nope/"_s.arg(base())), u"lobby"_s, u"tomo"_s});
        QTRY_VERIFY_WITH_TIMEOUT(room.needsUserAction(), 10000);
        QVERIFY2(room.errorString().startsWith(u"このアドレスにはチャットルームがありません"_s),
                 qPrintable(room.errorString()));
        m_languages.setLanguage(u"en"_s);
    }
};

QTEST_MAIN(TestServerAddress)
#include "tst_serveraddress.moc"
