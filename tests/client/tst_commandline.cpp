// SPDX-License-Identifier: MIT
// The real `kaiwa` binary started as a user starts it, against real kaiwa-server processes, with its
// settings in a temporary XDG_CONFIG_HOME; what it did is checked on the server side, by kaiwa.v1
// observers in the rooms that see it join (member.joined carries the display name).
//
// The name is checked on the offscreen platform and on X11 (a private Xvfb): the X11 platform
// plugin takes `--name VALUE` for itself, which is how `--name` came to be ignored there.
#include "client/roomaddress.h"
#include "util/fixturepolicy.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Client::RoomAddress;
using KaiwaTest::ServerProcess;
using KaiwaTest::WsClient;

namespace {

constexpr int timeoutMs = 15000;

/// A private X server (Xvfb) on a display number it picks itself (-displayfd).
class XvfbDisplay
{
public:
    ~XvfbDisplay()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
    }

    bool start()
    {
        const QString xvfb = QStandardPaths::findExecutable(u"Xvfb"_s);
        if (xvfb.isEmpty()) {
            qWarning("Xvfb is not installed (scripts/install-deps.sh --test)");
            return false;
        }
        // -displayfd writes the display number to stdout once the server accepts connections.
        m_process.start(xvfb,
                        {u"-displayfd"_s, u"1"_s, u"-nolisten"_s, u"tcp"_s, u"-screen"_s, u"0"_s, u"1024x768x24"_s});
        while (m_process.waitForReadyRead(timeoutMs) || m_process.canReadLine()) {
            if (m_process.canReadLine()) {
                m_display = u':' + QString::fromLatin1(m_process.readLine().trimmed());
                return true;
            }
        }
        qWarning("Xvfb did not start: %s", m_process.readAllStandardError().constData());
        return false;
    }

    QString display() const { return m_display; }

private:
    QProcess m_process;
    QString m_display;
};

/// One run of the desktop client: started with arguments, ended with SIGTERM (as a logout does).
class ClientProcess
{
public:
    ClientProcess(const QString &configHome, const QStringList &arguments, const QString &display = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CONFIG_HOME"_s, configHome);
        environment.insert(u"QT_QPA_PLATFORM"_s, display.isEmpty() ? u"offscreen"_s : u"xcb"_s);
        environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        // No keychain: these servers need no sign-in, and the developer's keychain is not the test's.
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + configHome + u"/no-bus"_s);
        if (!display.isEmpty())
            environment.insert(u"DISPLAY"_s, display);
        else
            environment.remove(u"DISPLAY"_s);
        m_process.setProcessEnvironment(environment);
        m_process.start(QStringLiteral(KAIWA_CLIENT_BINARY), arguments);
    }
    ~ClientProcess() { stop(); }

    bool isStarted() { return m_process.waitForStarted(timeoutMs); }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(timeoutMs))
            m_process.kill();
        m_process.waitForFinished(timeoutMs);
    }
    /// What the client logged (kaiwa.client.session says which rooms it opened).
    QString log()
    {
        m_log += QString::fromLocal8Bit(m_process.readAllStandardError());
        return m_log;
    }

private:
    QProcess m_process;
    QString m_log;
};

/// A kaiwa.v1 client in a room that records who joins after it.
class Observer
{
public:
    Observer(const QUrl &server, const QString &room)
        : m_client(true)
    {
        m_open = m_client.open(RoomAddress{server, room, u"observer"_s}.webSocketUrl());
    }
    bool isOpen() const { return m_open; }
    QStringList joined() const
    {
        QStringList names;
        const QList<QJsonObject> frames = m_client.framesOfType(u"member.joined"_s);
        for (const QJsonObject &frame : frames)
            names.append(frame.value("member"_L1).toObject().value("user"_L1).toString());
        return names;
    }

private:
    WsClient m_client;
    bool m_open = false;
};

QUrl serverUrl(const ServerProcess &server)
{
    return QUrl(u"http://127.0.0.1:%1/"_s.arg(server.port()));
}

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ServerProcess> m_otherServer;
    std::unique_ptr<XvfbDisplay> m_xvfb;
    bool m_xvfbStarted = false;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList{u"--database"_s, u":memory:"_s});
        QVERIFY(m_server->start());
        m_otherServer = std::make_unique<ServerProcess>(QStringList{u"--database"_s, u":memory:"_s});
        QVERIFY(m_otherServer->start());
        m_xvfb = std::make_unique<XvfbDisplay>();
        m_xvfbStarted = m_xvfb->start();
    }

    void nameIsUsedAndRemembered_data()
    {
        QTest::addColumn<bool>("x11");
        QTest::addColumn<QStringList>("nameArguments");
        QTest::newRow("offscreen, --name tester") << false << QStringList{u"--name"_s, u"tester"_s};
        QTest::newRow("X11, --name tester") << true << QStringList{u"--name"_s, u"tester"_s};
        QTest::newRow("X11, --name=tester") << true << QStringList{u"--name=tester"_s};
    }

    /// `--name` names the user in the room opened, and is the name of the next room on that server.
    void nameIsUsedAndRemembered()
    {
        QFETCH(bool, x11);
        QFETCH(QStringList, nameArguments);
        if (x11)
            KAIWA_REQUIRE_FIXTURE(m_xvfbStarted, u"Xvfb"_s);
        const QString display = x11 ? m_xvfb->display() : QString();
        QTemporaryDir config;
        QVERIFY(config.isValid());
        const QString server = serverUrl(*m_server).toString();
        const QString room = x11 ? u"desk_x11"_s : u"desk"_s;
        {
            Observer desk(serverUrl(*m_server), room);
            QVERIFY(desk.isOpen());
            ClientProcess client(config.path(), QStringList{u"--server"_s, server, u"--room"_s, room} + nameArguments,
                                 display);
            QVERIFY(client.isStarted());
            QTRY_VERIFY2_WITH_TIMEOUT(desk.joined().contains(u"tester"_s),
                                      qPrintable(desk.joined().join(u", "_s) + u'\n' + client.log()), timeoutMs);
            QVERIFY(!desk.joined().contains(u"anonymous"_s));
        }
        {
            // A room named without --name takes the name last used on the server.
            Observer other(serverUrl(*m_server), room + u"_2"_s);
            QVERIFY(other.isOpen());
            ClientProcess client(config.path(), {u"--server"_s, server, u"--room"_s, room + u"_2"_s}, display);
            QVERIFY(client.isStarted());
            QTRY_VERIFY2_WITH_TIMEOUT(other.joined().contains(u"tester"_s),
                                      qPrintable(other.joined().join(u", "_s) + u'\n' + client.log()), timeoutMs);
        }
    }

    /// `--server` reopens the rooms saved for that server, `--room` adds one, `--name` renames them all;
    /// rooms saved for another server stay saved and come back when no server is named.
    void serverReopensItsSavedRooms()
    {
        QTemporaryDir config;
        QVERIFY(config.isValid());
        const QUrl url = serverUrl(*m_server);
        const QString server = url.toString();
        {
            Observer desk(url, u"saved_desk"_s);
            QVERIFY(desk.isOpen());
            ClientProcess client(config.path(),
                                 {u"--server"_s, server, u"--room"_s, u"saved_desk"_s, u"--name"_s, u"tester"_s});
            QVERIFY(client.isStarted());
            QTRY_VERIFY_WITH_TIMEOUT(desk.joined().contains(u"tester"_s), timeoutMs);
        }
        {
            // --room adds a room to those of the last run.
            Observer desk(url, u"saved_desk"_s);
            Observer second(url, u"saved_second"_s);
            QVERIFY(desk.isOpen() && second.isOpen());
            ClientProcess client(config.path(), {u"--server"_s, server, u"--room"_s, u"saved_second"_s});
            QVERIFY(client.isStarted());
            QTRY_VERIFY2_WITH_TIMEOUT(desk.joined().contains(u"tester"_s), qPrintable(client.log()), timeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(second.joined().contains(u"tester"_s), timeoutMs);
        }
        {
            // scripts/run.sh's command: --server alone brings both back instead of asking for a room.
            Observer desk(url, u"saved_desk"_s);
            Observer second(url, u"saved_second"_s);
            QVERIFY(desk.isOpen() && second.isOpen());
            ClientProcess client(config.path(), {u"--server"_s, server});
            QVERIFY(client.isStarted());
            QTRY_VERIFY2_WITH_TIMEOUT(desk.joined().contains(u"tester"_s), qPrintable(client.log()), timeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(second.joined().contains(u"tester"_s), timeoutMs);
        }
        {
            Observer desk(url, u"saved_desk"_s);
            Observer second(url, u"saved_second"_s);
            QVERIFY(desk.isOpen() && second.isOpen());
            ClientProcess client(config.path(), {u"--server"_s, server, u"--name"_s, u"carol"_s});
            QVERIFY(client.isStarted());
            QTRY_VERIFY_WITH_TIMEOUT(desk.joined().contains(u"carol"_s), timeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(second.joined().contains(u"carol"_s), timeoutMs);
        }
        const QUrl otherUrl = serverUrl(*m_otherServer);
        {
            // Another server: only its room opens; the first server's rooms are not touched...
            Observer far(otherUrl, u"far"_s);
            QVERIFY(far.isOpen());
            ClientProcess client(config.path(),
                                 {u"--server"_s, otherUrl.toString(), u"--room"_s, u"far"_s, u"--name"_s, u"bea"_s});
            QVERIFY(client.isStarted());
            QTRY_VERIFY_WITH_TIMEOUT(far.joined().contains(u"bea"_s), timeoutMs);
            // Rooms are opened before the first connection is made: the log is complete by now.
            QVERIFY2(!client.log().contains(u"opening room \"saved_desk\""_s), qPrintable(client.log()));
        }
        {
            // ...and come back with it when no server is named.
            Observer desk(url, u"saved_desk"_s);
            Observer second(url, u"saved_second"_s);
            Observer far(otherUrl, u"far"_s);
            QVERIFY(desk.isOpen() && second.isOpen() && far.isOpen());
            ClientProcess client(config.path(), {});
            QVERIFY(client.isStarted());
            QTRY_VERIFY2_WITH_TIMEOUT(desk.joined().contains(u"carol"_s), qPrintable(client.log()), timeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(second.joined().contains(u"carol"_s), timeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(far.joined().contains(u"bea"_s), timeoutMs);
        }
    }

    /// `--server` takes what a browser shows: the index page the daemon prints, or a room's page (which opens it).
    void serverTakesPageAddresses()
    {
        QTemporaryDir config;
        QVERIFY(config.isValid());
        const QUrl url = serverUrl(*m_server);
        {
            Observer lobby(url, u"雑談"_s);
            QVERIFY(lobby.isOpen());
            ClientProcess client(config.path(), {u"--server"_s, url.toString() + u"chat/%E9%9B%91%E8%AB%87/"_s,
                                                 u"--name"_s, u"pasted"_s});
            QVERIFY(client.isStarted());
            QTRY_VERIFY2_WITH_TIMEOUT(lobby.joined().contains(u"pasted"_s), qPrintable(client.log()), timeoutMs);
        }
        {
            // The line the daemon prints names the server: the room saved for it comes back.
            Observer lobby(url, u"雑談"_s);
            QVERIFY(lobby.isOpen());
            ClientProcess client(config.path(), {u"--server"_s, url.toString() + u"chat/"_s});
            QVERIFY(client.isStarted());
            QTRY_VERIFY2_WITH_TIMEOUT(lobby.joined().contains(u"pasted"_s), qPrintable(client.log()), timeoutMs);
        }
    }

    /// A server address or room name that cannot be used is refused with one line and exit status 2.
    void badArgumentsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("server") << QStringList{u"--server"_s, u"ftp://example.org"_s}
                                << u"kaiwa: not a server address: ftp://example.org\n"_s;
        QTest::newRow("server alone") << QStringList{u"--server"_s, u"http://"_s}
                                      << u"kaiwa: not a server address: http://\n"_s;
        QTest::newRow("room") << QStringList{u"--room"_s, u"no spaces"_s}
                              << u"kaiwa: not a valid room name: no spaces\n"_s;
        QTest::newRow("room page") << QStringList{u"--server"_s, u"http://h/chat/no%20spaces/"_s}
                                   << u"kaiwa: not a valid room name: no spaces\n"_s;
    }

    void badArgumentsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir config;
        QProcess client;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CONFIG_HOME"_s, config.path());
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        client.setProcessEnvironment(environment);
        client.start(QStringLiteral(KAIWA_CLIENT_BINARY), arguments);
        QVERIFY(client.waitForFinished(timeoutMs));
        QCOMPARE(client.exitCode(), 2);
        QCOMPARE(QString::fromLocal8Bit(client.readAllStandardError()).right(message.size()), message);
    }
};

QTEST_MAIN(TestCommandLine)
#include "tst_commandline.moc"
