// SPDX-License-Identifier: MIT
// Read markers that follow the account, in the window against a real kaiwa-server, offscreen: the tab of a room
// not in view counts what the account has not read, also beyond what a join replays (the server's count from
// /api/rooms); coming to the room shows the "new messages" divider at the marker and reports what was read, which
// the account's other connection hears; a read on that other connection clears the window's count; a room
// scrolled up reports nothing. Screenshots of the divider in English and Japanese.
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "client/chatlogmodel.h"
#include "client/clientsettings.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/session.h"
#include "client/signin.h"
#include "client/tokenstore.h"
#include "client/ui/chatlogview.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/logindialog.h"
#include "client/ui/mainwindow.h"
#include "client/ui/messagelayout.h"
#include "client/ui/roomview.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::Room;

namespace {
const QByteArray s_password = "correct horse battery";
} // namespace

class TestUnreadTabs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    QByteArray m_aliceToken;
    QByteArray m_bobToken;
    std::unique_ptr<KaiwaTest::WsClient> m_aliceElsewhere; ///< Alice's other device, in "news".
    std::unique_ptr<KaiwaTest::WsClient> m_bob;            ///< Bob, in "news".
    std::unique_ptr<Client::ClientSettings> m_settings;
    Ui::LanguageSwitcher m_languages;
    Client::TokenStore m_tokens{u"kaiwa-test"_s};
    std::unique_ptr<Client::RoomListModel> m_rooms;
    std::unique_ptr<Ui::MainWindow> m_window;
    qint64 m_firstUnread = 0;

    QByteArray signIn(const QString &name)
    {
        Client::SignIn signIn;
        QSignalSpy succeeded(&signIn, &Client::SignIn::succeeded);
        signIn.start(m_server->httpUrl(), name, QString::fromUtf8(s_password));
        if (!succeeded.wait(10000))
            return {};
        return succeeded.first().first().toByteArray();
    }

    std::unique_ptr<KaiwaTest::WsClient> join(const QString &room, const QByteArray &token)
    {
        auto client =
            KaiwaTest::WsClient::connected(m_server->wsUrl(room, u"token="_s + QString::fromLatin1(token)), true);
        if (client && !client->waitForFrames(1))
            return nullptr;
        return client;
    }

    /// Bob says the texts in news; their ids once stored.
    QList<qint64> bobSays(const QStringList &texts)
    {
        const qsizetype before = m_bob->framesOfType(u"ack"_s).size();
        for (qsizetype i = 0; i < texts.size(); ++i)
            m_bob->sendJson({{"message"_L1, texts.at(i)}, {"client_id"_L1, u"b%1"_s.arg(before + i)}});
        if (!QTest::qWaitFor([&] { return m_bob->framesOfType(u"ack"_s).size() == before + texts.size(); }, 10000))
            return {};
        QList<qint64> ids;
        const QList<QJsonObject> acks = m_bob->framesOfType(u"ack"_s).mid(before);
        for (const QJsonObject &ack : acks)
            ids.append(ack.value("id"_L1).toInteger());
        return ids;
    }

    Room *room(const QString &name) const
    {
        for (int row = 0; row < m_rooms->rowCount(); ++row) {
            if (m_rooms->roomAt(row)->address().room == name)
                return m_rooms->roomAt(row);
        }
        return nullptr;
    }

    void activateWindow()
    {
        QApplication::setActiveWindow(m_window.get());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    /// The read events alice's other device heard for news.
    QList<qint64> readsHeardElsewhere() const
    {
        QList<qint64> ids;
        const QList<QJsonObject> reads = m_aliceElsewhere->framesOfType(u"read"_s);
        for (const QJsonObject &read : reads) {
            if (read.value("room"_L1).toString() == u"news"_s)
                ids.append(read.value("id"_L1).toInteger());
        }
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        const QString database = m_directory.filePath(u"kaiwa.sqlite"_s);
        // A join replays only the last 3 messages: the count beyond them must come from the server.
        m_server = KaiwaTest::ServerProcess::withAccount(
            database, u"alice"_s, s_password,
            {u"--require-login"_s, u"--rate-limit"_s, u"0"_s, u"--history"_s, u"3"_s});
        QVERIFY(m_server);
        QVERIFY(KaiwaTest::ServerCommand::addUser(database, u"bob"_s, s_password));
        QVERIFY(m_server->start());
        m_aliceToken = signIn(u"alice"_s);
        m_bobToken = signIn(u"bob"_s);
        QVERIFY(!m_aliceToken.isEmpty() && !m_bobToken.isEmpty());

        // Alice joined news on another device (her marker is made there), then bob wrote 60 messages, one to her.
        m_aliceElsewhere = join(u"news"_s, m_aliceToken);
        m_bob = join(u"news"_s, m_bobToken);
        QVERIFY(m_aliceElsewhere && m_bob);
        QCOMPARE(m_aliceElsewhere->frames().first().value("read_id"_L1).toInteger(-1), 0);
        QStringList texts;
        for (int i = 1; i <= 60; ++i)
            texts.append(i == 4 ? u"@alice number four"_s : u"number %1"_s.arg(i));
        const QList<qint64> ids = bobSays(texts);
        QCOMPARE(ids.size(), 60);
        m_firstUnread = ids.first();

        m_settings = std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_directory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
        m_languages.setLanguage(u"en"_s);
        m_rooms = std::make_unique<Client::RoomListModel>(&m_tokens);
        m_window = std::make_unique<Ui::MainWindow>(m_rooms.get(), *m_settings, &m_languages);
        m_window->resize(760, 560);
        m_window->show();
        activateWindow();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_rooms.reset();
    }

    /// News opens behind lobby: its tab counts what alice has not read, though the log holds only part of it.
    void unreadFromTheServer()
    {
        m_window->openRoom({m_server->httpUrl(), u"news"_s, u"alice"_s});
        m_window->openRoom({m_server->httpUrl(), u"lobby"_s, u"alice"_s});
        Ui::LoginDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<Ui::LoginDialog *>()) && dialog->isVisible(), 10000);
        dialog->findChild<QLineEdit *>(u"passwordInput"_s)->setText(QString::fromUtf8(s_password));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        Room *news = room(u"news"_s);
        QVERIFY(news);
        QTRY_VERIFY_WITH_TIMEOUT(news->isCaughtUp() && room(u"lobby"_s)->isCaughtUp(), 10000);
        QCOMPARE(m_window->tabs()->currentIndex(), 1);
        QCOMPARE(news->readMarker(), std::optional<qint64>(0));
        QTRY_COMPARE_WITH_TIMEOUT(news->unreadCount(), 60, 10000);
        // The log holds the replay and a page of older history: not the first ones, nor the mention.
        QVERIFY(news->log()->oldestId() > 4);
        QVERIFY(news->log()->rowCount() < 60);
        QCOMPARE(news->mentionCount(), 1);
        QCOMPARE(m_window->tabs()->tabText(0), u"news (60, @1)"_s);
        QVERIFY(readsHeardElsewhere().isEmpty()); // nothing was on screen
    }

    /// Coming to news: the divider sits above the first unread message the log holds, and what is on
    /// screen is reported read, once; alice's other device hears it, and the count is gone.
    void dividerAndReadingOnScreen()
    {
        activateWindow();
        Room *news = room(u"news"_s);
        m_window->tabs()->setCurrentIndex(0);
        Ui::RoomView *view = m_window->currentRoomView();
        QVERIFY(news->isInView());
        const Client::ChatLogModel *log = news->log();
        const qint64 newest = log->newestId();
        QCOMPARE(log->newMessagesId(), log->oldestId()); // the earlier unread ones are not in the log
        QCOMPARE(view->logView()->rowLayout(0).newMessagesLabel(), u"New messages"_s);
        QTRY_COMPARE_WITH_TIMEOUT(readsHeardElsewhere(), QList<qint64>{newest}, 10000);
        QTRY_COMPARE(news->readMarker(), std::optional<qint64>(newest));
        QCOMPARE(news->unreadCount(), 0);
        QCOMPARE(m_window->tabs()->tabText(0), u"news"_s);
        // The divider stays while the room is in view: it shows where the new ones began.
        QCOMPARE(log->newMessagesId(), log->oldestId());
    }

    /// News behind lobby again: bob's new messages count; a read on alice's other device clears them.
    void readElsewhereClearsTheCount()
    {
        m_window->tabs()->setCurrentIndex(1);
        Room *news = room(u"news"_s);
        QVERIFY(!news->isInView());
        const QList<qint64> ids = bobSays({u"nine"_s, u"ten"_s, u"eleven"_s});
        QCOMPARE(ids.size(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(news->unreadCount(), 3, 10000);
        QCOMPARE(m_window->tabs()->tabText(0), u"news (3)"_s);
        m_aliceElsewhere->sendJson({{"type"_L1, u"read"_s}, {"id"_L1, ids.at(1)}});
        QTRY_COMPARE_WITH_TIMEOUT(news->unreadCount(), 1, 10000);
        m_aliceElsewhere->sendJson({{"type"_L1, u"read"_s}, {"id"_L1, ids.at(2)}});
        QTRY_COMPARE_WITH_TIMEOUT(news->unreadCount(), 0, 10000);
        QCOMPARE(m_window->tabs()->tabText(0), u"news"_s);
    }

    /// In view but scrolled up, away from the newest message: nothing is reported read until it is on screen.
    void scrolledUpReadsNothing()
    {
        Room *news = room(u"news"_s);
        m_window->tabs()->setCurrentIndex(0);
        activateWindow();
        Ui::ChatLogView *logView = m_window->currentRoomView()->logView();
        QStringList filler;
        for (int i = 0; i < 20; ++i)
            filler.append(u"filler %1"_s.arg(i));
        QCOMPARE(bobSays(filler).size(), filler.size()); // read at once: in view, at the bottom
        QTRY_COMPARE_WITH_TIMEOUT(news->readMarker(), std::optional<qint64>(news->log()->newestId()), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(readsHeardElsewhere().contains(news->log()->newestId()), 10000);
        const qsizetype heard = readsHeardElsewhere().size();
        // Once the interval since the last report is over, a report would go out as soon as a message came.
        QTRY_VERIFY(!news->readState().isWaiting());
        const qint64 reported = news->readState().lastReported();
        QVERIFY(logView->verticalScrollBar()->maximum() > 0);
        logView->scrollBy(-100000);
        QTRY_VERIFY(!logView->isAtBottom());
        const QList<qint64> ids = bobSays({u"twelve, while alice reads older ones"_s});
        QCOMPARE(ids.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(news->unreadCount(), 1, 10000);
        QCOMPARE(news->readState().lastReported(), reported); // the message arrived, and nothing was reported
        QVERIFY(!news->readState().isWaiting());
        QCOMPARE(readsHeardElsewhere().size(), heard);
        logView->scrollToBottom();
        QTRY_COMPARE_WITH_TIMEOUT(readsHeardElsewhere().value(heard), ids.first(), 10000);
        QTRY_COMPARE(news->unreadCount(), 0);
    }

    /// The divider in English and Japanese, for a look (<build>/tests/client/screenshots/).
    void screenshots()
    {
        Room *news = room(u"news"_s);
        m_window->tabs()->setCurrentIndex(1);
        QVERIFY(bobSays({u"thirteen"_s, u"@alice the notes are ready"_s, u"fourteen"_s}).size() == 3);
        QTRY_COMPARE_WITH_TIMEOUT(news->unreadCount(), 3, 10000);
        m_window->tabs()->setCurrentIndex(0);
        QVERIFY(news->log()->newMessagesId() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(news->unreadCount(), 0, 10000); // read on screen; the divider stays
        QVERIFY(news->log()->newMessagesId() > 0);
        m_window->resize(760, 560);
        const QString directory = QStringLiteral(KAIWA_TEST_OUTPUT_DIR) + u"/screenshots"_s;
        QVERIFY(QDir().mkpath(directory));
        for (const QString &language : {u"en"_s, u"ja"_s}) {
            m_languages.setLanguage(language);
            QCoreApplication::processEvents();
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            m_window->currentRoomView()->logView()->scrollToBottom();
            const QString name = directory + u"/newmessages-%1.png"_s.arg(language);
            QVERIFY(m_window->grab().save(name));
            qInfo("saved %s", qPrintable(QDir::toNativeSeparators(name)));
        }
        m_languages.setLanguage(u"en"_s);
    }
};

QTEST_MAIN(TestUnreadTabs)
#include "tst_unreadtabs.moc"
