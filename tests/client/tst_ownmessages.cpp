// SPDX-License-Identifier: MIT
// The user's own messages against a real kaiwa-server and real settings files. Sent anonymously, they
// come back from history as own after the client restarts (new settings object on the same file, new
// rooms and sessions), on the right in the log, and on no other installation; a client id copied into
// another room does not make a stranger's message "own". Signed in, the account's messages are own on
// any device, and the echo of one brings its "verified" mark. Sent from the outbox after a reconnect,
// a message shows the server's time and keeps the order it was typed in.
#include "client/chatlogmodel.h"
#include "client/clientsettings.h"
#include "client/reconnectbackoff.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/session.h"
#include "client/tokenstore.h"
#include "client/ui/chatlogview.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/messagelayout.h"
#include "client/ui/roomview.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Client;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString s_password = u"correct horse 1"_s;

/// One start of the client without its window: settings read from `file`, the keychain, the rooms.
struct ClientRun {
    explicit ClientRun(const QString &file)
        : settings(std::make_unique<QSettings>(file, QSettings::IniFormat))
        , rooms(&tokens, OwnMessageKey(settings.ownMessageKey()))
    {
    }
    ~ClientRun() { settings.sync(); }

    ClientSettings settings;
    TokenStore tokens{u"kaiwa-test"_s};
    RoomListModel rooms;
};

QStringList ownTexts(const ChatLogModel *log)
{
    QStringList texts;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->index(row).data(ChatLogModel::IsOwnRole).toBool())
            texts.append(log->index(row).data(ChatLogModel::TextRole).toString());
    }
    return texts;
}

int rowOf(const ChatLogModel *log, const QString &text)
{
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->index(row).data(ChatLogModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

} // namespace

class TestOwnMessages : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    Ui::LanguageSwitcher m_languages;

    QUrl serverUrl() const { return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_server->port())); }
    QString settingsFile(const QString &name) const { return m_dir.filePath(name + u".ini"_s); }

    /// Opens a room and waits until its history is in.
    Room *openConnected(ClientRun &run, const QString &room, const QString &name)
    {
        Room *opened = run.rooms.openRoom({serverUrl(), room, name});
        [&] { QTRY_COMPARE_WITH_TIMEOUT(opened->connectionState(), ConnectionState::Connected, 10000); }();
        return opened;
    }

    static bool signIn(Session *session)
    {
        QSignalSpy signedIn(session, &Session::signedIn);
        session->signIn(u"hana"_s, s_password);
        return signedIn.wait(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_languages.setLanguage(u"en"_s);
        const QString database = m_dir.filePath(u"kaiwa.sqlite"_s);
        QProcess add;
        add.start(QStringLiteral(KAIWA_SERVER_BINARY), {u"--database"_s, database, u"user"_s, u"add"_s, u"hana"_s});
        QVERIFY(add.waitForStarted());
        add.write(s_password.toUtf8() + '\n');
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(30000));
        QCOMPARE(add.exitCode(), 0);
        m_server = std::make_unique<KaiwaTest::ServerProcess>(QStringList{u"--database"_s, database});
        QVERIFY(m_server->start());
    }

    void anonymousMessagesAreOwnAfterARestart()
    {
        QStringList sentIds;
        {
            ClientRun first(settingsFile(u"laptop"_s));
            Room *room = openConnected(first, u"lobby"_s, u"tomo"_s);
            QAbstractItemModelTester tester(room->log(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            room->send(u"before the restart 1"_s);
            room->send(u"before the restart 2"_s);
            QTRY_COMPARE_WITH_TIMEOUT(room->log()->pendingCount(), 0, 10000);
            for (const QString &text : {u"before the restart 1"_s, u"before the restart 2"_s}) {
                const QModelIndex sent = room->log()->index(rowOf(room->log(), text));
                sentIds.append(sent.data(ChatLogModel::ClientIdRole).toString());
            }
        }
        QCOMPARE(sentIds.size(), 2);

        // Someone else writes under the same name; a stranger copies one of our ids into another room.
        KaiwaTest::WsClient other(true);
        QVERIFY(other.open(RoomAddress{serverUrl(), u"lobby"_s, u"tomo"_s}.webSocketUrl()));
        other.sendJson({{"message"_L1, u"same name, someone else"_s}, {"client_id"_L1, u"another-client-1"_s}});
        KaiwaTest::WsClient copier(true);
        QVERIFY(copier.open(RoomAddress{serverUrl(), u"side"_s, u"tomo"_s}.webSocketUrl()));
        copier.sendJson({{"message"_L1, u"copied id"_s}, {"client_id"_L1, sentIds.first()}});
        // In the same room, the copied id stores nothing: the server answers with a duplicate ack.
        other.sendJson({{"message"_L1, u"copied in the room"_s}, {"client_id"_L1, sentIds.first()}});
        QVERIFY(other.waitForFrames(6));
        QTRY_VERIFY(!other.framesOfType(u"ack"_s).isEmpty()
                    && other.framesOfType(u"ack"_s).constLast().value("duplicate"_L1).toBool());
        QVERIFY(copier.waitForFrames(3));

        // The restart: new settings object on the same file, new rooms; the history comes back.
        ClientRun restarted(settingsFile(u"laptop"_s));
        Room *room = openConnected(restarted, u"lobby"_s, u"tomo"_s);
        QAbstractItemModelTester tester(room->log(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(room->log(), u"same name, someone else"_s) >= 0, 10000);
        QCOMPARE(ownTexts(room->log()), (QStringList{u"before the restart 1"_s, u"before the restart 2"_s}));
        QCOMPARE(rowOf(room->log(), u"copied in the room"_s), -1);
        const QModelIndex own = room->log()->index(rowOf(room->log(), u"before the restart 1"_s));
        QCOMPARE(own.data(ChatLogModel::DeliveryRole).value<ChatLogModel::Delivery>(),
                 ChatLogModel::Delivery::Delivered);

        // In the log: on the right, and the other "tomo" on the left.
        Ui::RoomView view(room);
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        Ui::ChatLogView *log = view.logView();
        const int width = log->viewport()->width();
        QVERIFY(log->rowLayout(own.row()).bubbleRect().right() > width - 20);
        QVERIFY(log->rowLayout(rowOf(room->log(), u"same name, someone else"_s)).bubbleRect().left() < 20);

        // The copied id in the other room is not ours: the tag binds it to the room it was made for.
        Room *side = openConnected(restarted, u"side"_s, u"tomo"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(side->log(), u"copied id"_s) >= 0, 10000);
        QVERIFY(ownTexts(side->log()).isEmpty());

        // Another installation (its own settings file) sees them as anyone's.
        ClientRun elsewhere(settingsFile(u"desktop"_s));
        Room *there = openConnected(elsewhere, u"lobby"_s, u"tomo"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(there->log(), u"before the restart 2"_s) >= 0, 10000);
        QVERIFY(ownTexts(there->log()).isEmpty());
    }

    void accountMessagesAreOwnOnEveryDevice()
    {
        {
            ClientRun phone(settingsFile(u"phone"_s));
            openConnected(phone, u"lobby"_s, u"hana"_s);
            QVERIFY(signIn(phone.rooms.session(serverUrl())));
            // Opened once signed in: the room carries the token from its first attempt.
            Room *room = openConnected(phone, u"signed"_s, u"hana"_s);
            QTRY_COMPARE(room->signedInAccount(), u"hana"_s);
            room->send(u"from my phone"_s);
            QTRY_COMPARE_WITH_TIMEOUT(room->log()->pendingCount(), 0, 10000);
            const QModelIndex sent = room->log()->index(rowOf(room->log(), u"from my phone"_s));
            // The echo says the sender was signed in, and the log keeps that.
            QVERIFY(sent.data(ChatLogModel::VerifiedRole).toBool());
            QVERIFY(sent.data(ChatLogModel::IsOwnRole).toBool());
        }
        // An anonymous "hana" writes in the same room.
        KaiwaTest::WsClient impostor(true);
        QVERIFY(impostor.open(RoomAddress{serverUrl(), u"signed"_s, u"hana"_s}.webSocketUrl()));
        impostor.sendJson({{"message"_L1, u"not really hana"_s}});
        QVERIFY(impostor.waitForFrames(3));

        // Another device, another settings file, the same account: the account's message is own there too.
        ClientRun laptop(settingsFile(u"other-device"_s));
        openConnected(laptop, u"lobby"_s, u"hana"_s);
        QVERIFY(signIn(laptop.rooms.session(serverUrl())));
        Room *room = openConnected(laptop, u"signed"_s, u"hana"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(room->log(), u"not really hana"_s) >= 0, 10000);
        QCOMPARE(ownTexts(room->log()), QStringList{u"from my phone"_s});
    }

    void outboxMessagesShowTheServersTimeInTheTypedOrder()
    {
        ClientRun run(settingsFile(u"outbox"_s));
        Room *room = openConnected(run, u"outbox"_s, u"tomo"_s);
        room->setReconnectBackoff(ReconnectBackoff({60s, 60s, 0})); // reconnects only when told, below
        const quint16 port = m_server->port();
        m_server->stop();
        QTRY_COMPARE_WITH_TIMEOUT(room->connectionState(), ConnectionState::WaitingToReconnect, 10000);
        room->send(u"typed first"_s);
        room->send(u"typed second"_s);
        const ChatLogModel *log = room->log();
        const auto timeOf = [log](const QString &text) {
            return log->index(rowOf(log, text)).data(ChatLogModel::TimeRole).toDateTime();
        };
        const QDateTime typedFirst = timeOf(u"typed first"_s);
        const QDateTime typedSecond = timeOf(u"typed second"_s);

        // The server comes back, and someone writes before this client is back.
        QVERIFY(m_server->start(port));
        const QDateTime restarted = QDateTime::currentDateTimeUtc();
        KaiwaTest::WsClient other(true);
        QVERIFY(other.open(RoomAddress{serverUrl(), u"outbox"_s, u"someone"_s}.webSocketUrl()));
        other.sendJson({{"message"_L1, u"while you were away"_s}});
        QVERIFY(other.waitForFrames(3));
        room->reconnectNow();
        QTRY_COMPARE_WITH_TIMEOUT(log->pendingCount(), 0, 10000);

        // The server's order: the other's message, then the two in the order they were typed.
        const int away = rowOf(log, u"while you were away"_s);
        const int first = rowOf(log, u"typed first"_s);
        const int second = rowOf(log, u"typed second"_s);
        QVERIFY(away >= 0);
        QCOMPARE(first, away + 1);
        QCOMPARE(second, away + 2);
        // Each shows the time the server stored it (after it came back); the typed time stays known.
        for (const auto &[row, typed] : {std::pair{first, typedFirst}, std::pair{second, typedSecond}}) {
            const QModelIndex index = log->index(row);
            const QDateTime shown = index.data(ChatLogModel::TimeRole).toDateTime();
            QVERIFY2(shown >= restarted.addMSecs(-1000), qPrintable(shown.toString(Qt::ISODateWithMs)));
            QCOMPARE(index.data(ChatLogModel::TypedTimeRole).toDateTime(), typed);
            QVERIFY(index.data(ChatLogModel::IdRole).toLongLong()
                    > log->index(away).data(ChatLogModel::IdRole).toLongLong());
        }
        QVERIFY(log->index(first).data(ChatLogModel::TimeRole).toDateTime()
                <= log->index(second).data(ChatLogModel::TimeRole).toDateTime());
    }
};

QTEST_MAIN(TestOwnMessages)
#include "tst_ownmessages.moc"
