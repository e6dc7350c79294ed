// SPDX-License-Identifier: MIT
// Conversations in the desktop client against a real kaiwa-server, offscreen: the log's context menu and
// keys (reply, react, edit, delete) reach the server and come back, in the window and in another member's
// client; Up edits the last message; a refusal (editing someone else's message) is said in the status
// bar; a reply's quote goes to the original, loading older history; each room's notification level is
// honoured and remembered; a reconnection to another history of the room (another epoch) starts the log
// over instead of merging the two; and screenshots of a conversation (replies, an edit, a tombstone, reactions,
// a mention) in English and Japanese, light and dark, in <build>/tests/client/screenshots/.
#include "util/chatendpoint.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "client/chatlogmodel.h"
#include "client/clientsettings.h"
#include "client/emojimodel.h"
#include "client/reconnectbackoff.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/tokenstore.h"
#include "client/ui/chatlogactions.h"
#include "client/ui/chatlogview.h"
#include "client/ui/composebar.h"
#include "client/ui/emojipicker.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/messageinput.h"
#include "client/ui/messagelayout.h"
#include "client/ui/notifier.h"
#include "client/ui/roomview.h"
#include "client/ui/themeswitcher.h"
#include "client/ui/windowactions.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::ChatLogModel;
using Client::Room;
using Theme = Ui::ThemeSwitcher::Theme;

namespace {

int rowOf(const ChatLogModel *log, const QString &text)
{
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->index(row).data(ChatLogModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

qint64 idOf(const ChatLogModel *log, const QString &text)
{
    const int row = rowOf(log, text);
    return row < 0 ? 0 : log->index(row).data(ChatLogModel::IdRole).toLongLong();
}

QVariant roleOf(const ChatLogModel *log, qint64 id, int role)
{
    const int row = log->rowOfId(id);
    return row < 0 ? QVariant() : log->index(row).data(role);
}

QList<ReactionSummary> reactionsOf(const ChatLogModel *log, qint64 id)
{
    return roleOf(log, id, ChatLogModel::ReactionsRole).value<QList<ReactionSummary>>();
}

/// Where `rect` (of the row's layout) is in the view's viewport.
QPoint centreOf(Ui::ChatLogView *view, int row, const QRect &rect)
{
    return rect.translated(view->visualRect(row).topLeft()).center();
}

} // namespace

class TestConversationView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    std::unique_ptr<KaiwaTest::ChatEndpoint> m_server;
    std::unique_ptr<Client::ClientSettings> m_settings;
    Ui::LanguageSwitcher m_languages;
    Client::TokenStore m_tokens{u"kaiwa-test"_s};
    std::unique_ptr<Client::RoomListModel> m_rooms;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    /// Opens `room` as alice in the window, connected; returns its view.
    Ui::RoomView *openRoom(const QString &room)
    {
        m_window->openRoom({m_server->httpUrl(), room, u"alice"_s});
        Ui::RoomView *view = m_window->currentRoomView();
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            view->room()->log(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        return view;
    }

    /// Another member, with a client of its own (the same classes, no window).
    std::unique_ptr<Room> member(const QString &room, const QString &name)
    {
        auto other = std::make_unique<Room>(Client::RoomAddress{m_server->httpUrl(), room, name});
        return other;
    }

    /// Waits until `room` is connected (kaiwa.v1 welcomed) and its own sent messages are confirmed.
    static bool settled(Room *room)
    {
        return room->connectionState() == Client::ConnectionState::Connected && room->log()->pendingCount() == 0;
    }

    /// Runs the log's context menu from the keyboard on its current message and triggers the action named.
    static void triggerFromMenu(Ui::ChatLogView *log, const QString &actionName, bool *enabled)
    {
        QTimer::singleShot(0, log, [actionName, enabled] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            QAction *action = nullptr;
            const QList<QAction *> entries = menu->actions();
            for (QAction *entry : entries) {
                if (entry->objectName() == actionName)
                    action = entry;
            }
            QVERIFY(action);
            *enabled = action->isEnabled();
            if (action->isEnabled())
                action->trigger();
            menu->close();
        });
        QContextMenuEvent event(QContextMenuEvent::Keyboard, QPoint(), QPoint());
        QApplication::sendEvent(log, &event);
    }

    void activateWindow()
    {
        // A hidden popup (the reaction picker) stays the offscreen platform's active window otherwise.
        QApplication::setActiveWindow(m_window.get());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        m_server = KaiwaTest::ChatEndpoint::fromEnvironment({u"--database"_s, m_directory.filePath(u"kaiwa.sqlite"_s)});
        QVERIFY(m_server->start());
        m_settings = std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_directory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
        m_languages.setLanguage(u"en"_s);
        m_rooms = std::make_unique<Client::RoomListModel>(&m_tokens);
        m_window = std::make_unique<Ui::MainWindow>(m_rooms.get(), *m_settings, &m_languages);
        m_window->resize(760, 620);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    /// The offscreen platform does not give activation back to the window when a popup or dialog closes.
    void init() { activateWindow(); }

    void cleanupTestCase()
    {
        m_window.reset();
        m_testers.clear();
        m_rooms.reset();
    }

    /// Reply, react, unreact (a click on the chip), edit (Up), delete (asked first): each reaches the
    /// server and comes back to the window and to bob's client.
    void actionsReachTheServerAndComeBack()
    {
        Ui::RoomView *view = openRoom(u"talk"_s);
        Room *alice = view->room();
        const auto bob = member(u"talk"_s, u"bob"_s);
        QTRY_VERIFY_WITH_TIMEOUT(settled(alice) && settled(bob.get()), 10000);
        const ChatLogModel *log = alice->log();
        const ChatLogModel *bobLog = bob->log();
        Ui::ChatLogView *logView = view->logView();

        // Reply, from the context menu on bob's message.
        bob->send(u"Shall we ship on Friday?"_s);
        QTRY_VERIFY_WITH_TIMEOUT(idOf(log, u"Shall we ship on Friday?"_s) > 0, 10000);
        const qint64 question = idOf(log, u"Shall we ship on Friday?"_s);
        logView->setFocus();
        logView->setCurrentRow(rowOf(log, u"Shall we ship on Friday?"_s));
        bool enabled = true;
        triggerFromMenu(logView, u"editAction"_s, &enabled);
        QVERIFY(!enabled); // not alice's message
        triggerFromMenu(logView, u"replyAction"_s, &enabled);
        QVERIFY(enabled);
        QCOMPARE(view->composeBar()->mode(), Ui::ComposeBar::Mode::Reply);
        QTest::keyClicks(view->input(), u"Friday works"_s);
        QTest::keyClick(view->input(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(idOf(bobLog, u"Friday works"_s) > 0, 10000);
        const auto quote = roleOf(bobLog, idOf(bobLog, u"Friday works"_s), ChatLogModel::ReplyRole).value<ReplyQuote>();
        QCOMPARE(quote.id, question);
        QCOMPARE(quote.user, u"bob"_s);
        QCOMPARE(quote.excerpt, u"Shall we ship on Friday?"_s);
        QTRY_COMPARE(log->pendingCount(), 0);

        // React with +, the picker's first emoji (recently used ones come first).
        activateWindow();
        logView->setFocus();
        logView->setCurrentRow(rowOf(log, u"Shall we ship on Friday?"_s));
        QTest::keyClick(logView, Qt::Key_Plus);
        QVERIFY(view->reactionPicker() && view->reactionPicker()->isVisible());
        QListView *grid = view->reactionPicker()->grid();
        const QString emoji = grid->currentIndex().data(Qt::DisplayRole).toString();
        QVERIFY(!emoji.isEmpty());
        QTest::keyClick(grid, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(reactionsOf(bobLog, idOf(bobLog, u"Shall we ship on Friday?"_s)),
                                  (QList<ReactionSummary>{{emoji, 1, {u"alice"_s}}}), 10000);
        QTRY_COMPARE(roleOf(log, question, ChatLogModel::OwnReactionsRole).toStringList(), QStringList{emoji});
        QCOMPARE(m_window->emoji()->index(0, 0).data(Qt::DisplayRole).toString(), emoji); // recently used

        // A click on the chip takes it back.
        const int row = log->rowOfId(question);
        const QRect chip = logView->rowLayout(row).reactionRect(emoji);
        QVERIFY(!chip.isEmpty());
        QTest::mouseClick(logView->viewport(), Qt::LeftButton, {}, centreOf(logView, row, chip));
        QTRY_VERIFY_WITH_TIMEOUT(reactionsOf(bobLog, idOf(bobLog, u"Shall we ship on Friday?"_s)).isEmpty(), 10000);
        QTRY_VERIFY(reactionsOf(log, question).isEmpty());

        // Up in the empty box edits alice's last message.
        QTest::keyClicks(view->input(), u"I'll write the relase notes"_s);
        QTest::keyClick(view->input(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(idOf(bobLog, u"I'll write the relase notes"_s) > 0, 10000);
        QTRY_COMPARE(log->pendingCount(), 0);
        const qint64 notes = idOf(log, u"I'll write the relase notes"_s);
        view->focusInput();
        QTest::keyClick(view->input(), Qt::Key_Up);
        QCOMPARE(view->composeBar()->mode(), Ui::ComposeBar::Mode::Edit);
        QCOMPARE(view->input()->toPlainText(), u"I'll write the relase notes"_s);
        view->input()->setPlainText(u"I'll write the release notes"_s);
        QTest::keyClick(view->input(), Qt::Key_Return);
        QVERIFY(view->input()->toPlainText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(bobLog, notes, ChatLogModel::TextRole).toString(),
                                  u"I'll write the release notes"_s, 10000);
        QVERIFY(roleOf(bobLog, notes, ChatLogModel::EditedRole).toDateTime().isValid());
        QTRY_COMPARE(roleOf(log, notes, ChatLogModel::TextRole).toString(), u"I'll write the release notes"_s);
        QCOMPARE(log->rowOfId(notes), rowOf(log, u"I'll write the release notes"_s)); // its place kept

        // Delete asks first; Cancel keeps it, Delete takes it back for everyone.
        activateWindow();
        logView->setFocus();
        logView->setCurrentRow(log->rowOfId(notes));
        QTest::keyClick(logView, Qt::Key_Delete);
        auto *question1 = view->findChild<QMessageBox *>(u"deleteQuestion"_s);
        QVERIFY(question1);
        QTRY_VERIFY(question1->isVisible());
        question1->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!view->findChild<QMessageBox *>(u"deleteQuestion"_s));
        activateWindow();
        logView->setFocus();
        logView->setCurrentRow(log->rowOfId(notes));
        QTest::keyClick(logView, Qt::Key_Delete);
        auto *question2 = view->findChild<QMessageBox *>(u"deleteQuestion"_s);
        QVERIFY(question2);
        QAbstractButton *remove = nullptr;
        const QList<QAbstractButton *> buttons = question2->buttons();
        for (QAbstractButton *button : buttons) {
            if (question2->buttonRole(button) == QMessageBox::DestructiveRole)
                remove = button;
        }
        QVERIFY(remove);
        QVERIFY(!roleOf(bobLog, notes, ChatLogModel::DeletedRole).toBool()); // the first question changed nothing
        remove->click();
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(bobLog, notes, ChatLogModel::DeletedRole).toBool(), 10000);
        QCOMPARE(roleOf(bobLog, notes, ChatLogModel::TextRole).toString(), QString());
        QTRY_VERIFY(roleOf(log, notes, ChatLogModel::DeletedRole).toBool());
        QCOMPARE(logView->rowLayout(log->rowOfId(notes)).isDeleted(), true);

        // Someone else's message: the server refuses, the status bar says why, nothing changes.
        QVERIFY(alice->edit(question, u"Shall we ship on Monday?"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->statusMessage(), Room::refusalText({ErrorCode::Forbidden, {}, {}}), 10000);
        QCOMPARE(roleOf(bobLog, question, ChatLogModel::TextRole).toString(), u"Shall we ship on Friday?"_s);
    }

    /// A reply's quote, clicked, goes to the original: older history is loaded until it is there.
    void quoteGoesToTheOriginal()
    {
        auto writer = KaiwaTest::WsClient::connected(m_server->wsUrl(u"archive"_s, u"name=bob"_s), true);
        QVERIFY(writer);
        writer->sendJson({{"message"_L1, u"the very first message"_s}});
        for (int i = 1; i <= 70; ++i) // under the server's default rate limit
            writer->sendJson({{"message"_L1, u"line %1"_s.arg(i)}});
        QTRY_COMPARE_WITH_TIMEOUT(writer->chatIds().size(), 71, 20000);
        const qint64 first = writer->chatIds().constFirst();
        writer->sendJson({{"message"_L1, u"about that first message"_s}, {"reply_to"_L1, first}});
        QTRY_COMPARE_WITH_TIMEOUT(writer->chatIds().size(), 72, 10000);

        Ui::RoomView *view = openRoom(u"archive"_s);
        const ChatLogModel *log = view->room()->log();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(log, u"about that first message"_s) >= 0, 10000);
        QCOMPARE(log->rowOfId(first), -1); // older than the latest page
        Ui::ChatLogView *logView = view->logView();
        logView->scrollToBottom();
        const int reply = rowOf(log, u"about that first message"_s);
        const Ui::MessageLayout &layout = logView->rowLayout(reply);
        QCOMPARE(layout.quotedId(), first);
        QCOMPARE(layout.shownQuote(), u"bob: the very first message"_s);
        QTest::mouseClick(logView->viewport(), Qt::LeftButton, {}, centreOf(logView, reply, layout.quoteRect()));
        QTRY_VERIFY_WITH_TIMEOUT(log->rowOfId(first) >= 0, 10000);
        QTRY_COMPARE(logView->currentRow(), log->rowOfId(first));
        QVERIFY(logView->hasFocus());
        QVERIFY(logView->viewport()->rect().intersects(logView->visualRect(logView->currentRow())));
    }

    /// Room > Notifications: all, only mentions of the user, none; remembered per room.
    void notificationLevelIsHonoured()
    {
        openRoom(u"quiet"_s);
        Room *quiet = m_window->currentRoomView()->room();
        QTRY_VERIFY_WITH_TIMEOUT(settled(quiet), 10000);
        const auto setLevel = [this](Room::NotificationLevel level) {
            const QList<QAction *> levels = m_window->windowActions()->notificationGroup()->actions();
            for (QAction *action : levels) {
                if (action->data().value<Room::NotificationLevel>() == level)
                    action->trigger();
            }
        };
        setLevel(Room::NotificationLevel::Mentions);
        QCOMPARE(quiet->notificationLevel(), Room::NotificationLevel::Mentions);
        QCOMPARE(m_settings->notificationLevel(quiet->address()), u"Mentions"_s);
        m_window->tabs()->setCurrentIndex(0); // quiet is out of view now
        QVERIFY(!quiet->isInView());

        const auto bob = KaiwaTest::WsClient::connected(m_server->wsUrl(u"quiet"_s, u"name=bob"_s), true);
        QVERIFY(bob);
        QSignalSpy notified(m_window->notifier(), &Ui::Notifier::notified);
        const auto say = [&](const QString &text) {
            bob->sendJson({{"message"_L1, text}});
            QTRY_VERIFY_WITH_TIMEOUT(rowOf(quiet->log(), text) >= 0, 10000);
        };
        say(u"plain news"_s);
        say(u"@alice can you look?"_s);
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.constFirst().at(0).toString(), u"bob mentioned you in quiet"_s);
        QCOMPARE(notified.constFirst().at(1).toString(), u"@alice can you look?"_s);

        m_window->tabs()->setCurrentIndex(m_rooms->rowOf(quiet));
        setLevel(Room::NotificationLevel::None);
        m_window->tabs()->setCurrentIndex(0);
        say(u"@alice still there?"_s);
        QCOMPARE(notified.size(), 1);

        m_window->tabs()->setCurrentIndex(m_rooms->rowOf(quiet));
        setLevel(Room::NotificationLevel::All);
        m_window->tabs()->setCurrentIndex(0);
        say(u"anything at all"_s);
        QCOMPARE(notified.size(), 2);
        QCOMPARE(notified.constLast().at(0).toString(), u"bob in quiet"_s);
        QCOMPARE(m_settings->notificationLevel(quiet->address()), u"All"_s);
    }

    /// Away while bob writes, reacts and edits: back with `since`, the message comes as it is now and the
    /// events replayed after it are not applied twice (one reaction, not two; the latest text).
    void recoveryAppliesEventsOnce()
    {
        const auto bob = member(u"recovery"_s, u"bob"_s);
        QTRY_VERIFY_WITH_TIMEOUT(settled(bob.get()), 10000);
        bob->send(u"before"_s);
        QTRY_VERIFY_WITH_TIMEOUT(idOf(bob->log(), u"before"_s) > 0, 10000);
        Room alice({m_server->httpUrl(), u"recovery"_s, u"alice"_s});
        QTRY_VERIFY_WITH_TIMEOUT(settled(&alice) && idOf(alice.log(), u"before"_s) > 0, 10000);
        alice.close();
        QCOMPARE(alice.connectionState(), Client::ConnectionState::Disconnected);

        bob->send(u"while away, frist"_s);
        QTRY_VERIFY_WITH_TIMEOUT(idOf(bob->log(), u"while away, frist"_s) > 0, 10000);
        const qint64 away = idOf(bob->log(), u"while away, frist"_s);
        QVERIFY(bob->react(away, u"👀"_s, true));
        QVERIFY(bob->edit(away, u"while away, first"_s));
        QVERIFY(bob->edit(away, u"while away, first!"_s));
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(bob->log(), away, ChatLogModel::TextRole).toString(), u"while away, first!"_s,
                                  10000);

        alice.reconnectNow();
        QTRY_VERIFY_WITH_TIMEOUT(alice.log()->rowOfId(away) >= 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(alice.log(), away, ChatLogModel::TextRole).toString(), u"while away, first!"_s,
                                  10000);
        // Something after the replay, so that every replayed event has surely arrived.
        bob->send(u"after"_s);
        QTRY_VERIFY_WITH_TIMEOUT(idOf(alice.log(), u"after"_s) > 0, 10000);
        QCOMPARE(reactionsOf(alice.log(), away), (QList<ReactionSummary>{{u"👀"_s, 1, {u"bob"_s}}}));
        QCOMPARE(roleOf(alice.log(), away, ChatLogModel::TextRole).toString(), u"while away, first!"_s);
        QCOMPARE(rowOf(alice.log(), u"before"_s), 0); // nothing twice
        QCOMPARE(alice.log()->rowCount(), 3);
    }

    /// Joined while the room was empty, back after its first messages: the same history, no reset (an empty
    /// room's welcome has no epoch, so the reconnect sends since alone).
    void emptyRoomJoinedEarlyIsNoReset()
    {
        Room alice({m_server->httpUrl(), u"early"_s, u"alice"_s});
        QTRY_VERIFY_WITH_TIMEOUT(settled(&alice), 10000);
        alice.send(u"first words"_s);
        QTRY_VERIFY_WITH_TIMEOUT(settled(&alice) && idOf(alice.log(), u"first words"_s) > 0, 10000);
        alice.close();
        alice.reconnectNow();
        QTRY_VERIFY_WITH_TIMEOUT(settled(&alice), 10000);
        const auto bob = member(u"early"_s, u"bob"_s);
        bob->send(u"later"_s); // after the replay, which is over once this arrives
        QTRY_VERIFY_WITH_TIMEOUT(idOf(alice.log(), u"later"_s) > 0, 10000);
        QCOMPARE(alice.log()->index(0).data(ChatLogModel::KindRole).value<ChatLogModel::Kind>(),
                 ChatLogModel::Kind::Message);
    }

    /// The room's history on the server is another one after a reconnect (a database restored from a backup,
    /// say): the epoch tells, and the log starts over with what the server holds instead of merging.
    void anotherHistoryStartsOver()
    {
        using namespace std::chrono_literals;
        const QString restored = m_directory.filePath(u"restored.sqlite"_s);
        quint16 port = 0;
        {
            // The "backup": a history of five messages, more than the client will have seen.
            KaiwaTest::ServerProcess backup({u"--database"_s, restored});
            QVERIFY(backup.start());
            auto writer = KaiwaTest::WsClient::connected(backup.wsUrl(u"epoch"_s, u"name=bob"_s), true);
            QVERIFY(writer);
            for (int i = 1; i <= 5; ++i)
                writer->sendJson({{"message"_L1, u"restored %1"_s.arg(i)}});
            QTRY_COMPARE_WITH_TIMEOUT(writer->chatIds().size(), 5, 10000);
            port = backup.port();
            backup.stop();
        }
        auto current = std::make_unique<KaiwaTest::ServerProcess>(
            QStringList{u"--database"_s, m_directory.filePath(u"current.sqlite"_s)});
        QVERIFY(current->start(port));
        Room room({current->httpUrl(), u"epoch"_s, u"alice"_s});
        room.setReconnectBackoff(Client::ReconnectBackoff({50ms, 200ms, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(settled(&room), 10000);
        room.send(u"current 1"_s);
        room.send(u"current 2"_s);
        QTRY_COMPARE_WITH_TIMEOUT(idOf(room.log(), u"current 2"_s), 2, 10000);
        current->stop();
        QTRY_VERIFY_WITH_TIMEOUT(room.connectionState() != Client::ConnectionState::Connected, 10000);

        // The same port, the restored database: ids 1 and 2 exist there too, but they are other messages.
        KaiwaTest::ServerProcess backup({u"--database"_s, restored});
        QVERIFY(backup.start(port));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(room.log(), u"restored 5"_s) >= 0, 10000);
        QCOMPARE(rowOf(room.log(), u"current 1"_s), -1);
        QCOMPARE(rowOf(room.log(), u"current 2"_s), -1);
        QCOMPARE(room.log()->index(0).data(ChatLogModel::KindRole).value<ChatLogModel::Kind>(),
                 ChatLogModel::Kind::Notice);
        QTRY_COMPARE(room.log()->rowCount(), 6); // the notice and the five restored messages
    }

    /// A conversation as people see it, for a reviewer: en and ja, light and dark.
    void screenshots()
    {
        Ui::RoomView *view = openRoom(u"team"_s);
        Room *alice = view->room();
        const auto bob = member(u"team"_s, u"bob"_s);
        const auto hanako = member(u"team"_s, u"花子"_s);
        QTRY_VERIFY_WITH_TIMEOUT(settled(alice) && settled(bob.get()) && settled(hanako.get()), 10000);
        const auto sent = [](Room *room, const QString &text, qint64 replyTo = 0) {
            room->send(text, replyTo);
            // 0 when it did not come back in time: checked below.
            return QTest::qWaitFor([&] { return idOf(room->log(), text) > 0; }, 10000) ? idOf(room->log(), text) : 0;
        };
        const qint64 ship = sent(bob.get(), u"Shall we ship the release on Friday?"_s);
        sent(hanako.get(), u"金曜日で大丈夫です 🎉"_s, ship);
        const qint64 oops = sent(bob.get(), u"(wrong room, sorry)"_s);
        const qint64 review = sent(bob.get(), u"@alice could you review the notes first?"_s);
        const qint64 own = sent(alice, u"Sure, reviewing them now"_s, review);
        QVERIFY(ship > 0 && oops > 0 && review > 0 && own > 0);
        QVERIFY(bob->remove(oops));
        QVERIFY(alice->edit(own, u"Sure, reviewing them right now"_s));
        QVERIFY(hanako->react(ship, u"👍"_s, true));
        QVERIFY(alice->react(ship, u"👍"_s, true));
        QVERIFY(bob->react(own, u"🙏"_s, true));
        const ChatLogModel *log = alice->log();
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(log, oops, ChatLogModel::DeletedRole).toBool()
                                     && roleOf(log, own, ChatLogModel::EditedRole).toDateTime().isValid()
                                     && reactionsOf(log, ship).value(0).count == 2 && !reactionsOf(log, own).isEmpty(),
                                 10000);
        QVERIFY(roleOf(log, review, ChatLogModel::MentionsYouRole).toBool());
        view->startReply(ship);
        m_window->statusBar()->clearMessage(); // the answer to an earlier test's refusal

        const QString directory = QStringLiteral(KAIWA_TEST_OUTPUT_DIR) + u"/screenshots"_s;
        QDir().mkpath(directory);
        for (const QString &language : {u"en"_s, u"ja"_s}) {
            m_languages.setLanguage(language);
            for (const Theme theme : {Theme::Light, Theme::Dark}) {
                m_window->themes()->setTheme(theme);
                m_window->resize(760, 620);
                QCoreApplication::processEvents();
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                view->logView()->scrollToBottom();
                const QImage image = m_window->grab().toImage();
                QCOMPARE(image.size(), m_window->size() * m_window->devicePixelRatio());
                const QString name = u"%1/conversation-%2-%3.png"_s.arg(directory, language,
                                                                        theme == Theme::Dark ? u"dark"_s : u"light"_s);
                QVERIFY(image.save(name));
            }
        }
        // What the pictures show, in words: the tombstone, the quote and "(edited)" in each language.
        QCOMPARE(view->composeBar()->label()->text(),
                 u"%1 に返信"_s.arg(u"bob: Shall we ship the release on Friday?"_s));
        m_languages.setLanguage(u"en"_s);
        m_window->themes()->setTheme(Theme::System);
    }
};

QTEST_MAIN(TestConversationView)
#include "tst_conversationview.moc"
