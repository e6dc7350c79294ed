// SPDX-License-Identifier: MIT
// The message box of a RoomView, offscreen, over a room whose server is down: Enter and the Send button
// send what the box submits, a text the room does not take stays in the box and the view says why, and
// the indicator's "Reconnect now" reaches the room; replies and edits in the box (Up, Esc) and the log's
// conversation actions on the right messages. Flows against a real server: tst_mainwindow, tst_conversations.
#include "client/chatlogmodel.h"
#include "client/reconnectbackoff.h"
#include "client/room.h"
#include "client/ui/chatlogactions.h"
#include "client/ui/chatlogview.h"
#include "client/ui/composebar.h"
#include "client/ui/connectionindicator.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/messageinput.h"
#include "client/ui/roomview.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextCursor>
#include <QToolButton>

using namespace Kaiwa;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestRoomView : public QObject
{
    Q_OBJECT

private:
    Ui::LanguageSwitcher m_languages;

private Q_SLOTS:
    void initTestCase() { m_languages.setLanguage(u"en"_s); }

    void sendsWhatTheBoxSubmits()
    {
        // Nothing listens on the discard port: the room is offline and keeps what is sent.
        Client::Room room({QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, u"alice"_s});
        Ui::RoomView view(&room);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        Ui::MessageInput *input = view.input();
        auto *sendButton = view.findChild<QPushButton *>(u"sendButton"_s);
        auto *hint = view.findChild<QLabel *>(u"inputHint"_s);
        QVERIFY(sendButton && hint);
        const Client::ChatLogModel *log = room.log();

        // Nothing to send: the button says so, and Enter leaves the box as it is.
        QVERIFY(!sendButton->isEnabled());
        QCOMPARE(sendButton->toolTip(), u"Type a message first."_s);
        QTest::keyClicks(input, u"   "_s);
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(input->toPlainText(), u"   "_s);
        QCOMPARE(log->rowCount(), 0);

        // Enter sends the text and empties the box; offline, the message waits. The indicator above the
        // log says that the room is offline (once: not the hint too); the box says what becomes of a message.
        input->clear();
        QTest::keyClicks(input, u"typed"_s);
        QVERIFY(sendButton->isEnabled());
        QTest::keyClick(input, Qt::Key_Return);
        QVERIFY(input->toPlainText().isEmpty());
        QCOMPARE(log->pendingCount(), 1);
        QCOMPARE(log->index(0).data(Client::ChatLogModel::TextRole).toString(), u"typed"_s);
        QTRY_VERIFY(view.indicator()->isVisible());
        QTRY_VERIFY(view.indicator()->text().contains(u"1 message waiting to be sent."_s));
        QVERIFY(hint->isHidden());
        QCOMPARE(input->placeholderText(), u"Message lobby — sent once the connection is back"_s);

        // The Send button sends what the box holds, line breaks included.
        QTest::keyClicks(input, u"first line"_s);
        QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(input, u"second line"_s);
        QSignalSpy submitted(input, &Ui::MessageInput::submitted);
        sendButton->click();
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted.first().first().toString(), u"first line\nsecond line"_s);
        QVERIFY(input->toPlainText().isEmpty());
        QCOMPARE(log->pendingCount(), 2);
        QCOMPARE(log->index(1).data(Client::ChatLogModel::TextRole).toString(), u"first line\nsecond line"_s);

        // The view sends the text handed on with submitted(), not whatever the box shows by then.
        input->setPlainText(u"shown"_s);
        Q_EMIT input->submitted(u"handed on"_s);
        QCOMPARE(log->pendingCount(), 3);
        QCOMPARE(log->index(2).data(Client::ChatLogModel::TextRole).toString(), u"handed on"_s);

        // Too long (in UTF-8 bytes): the button is off, the hint says why, and Enter keeps the text.
        const QString tooLong(Client::Room::maxMessageBytes / 3 + 1, u'あ');
        input->setPlainText(tooLong);
        QVERIFY(!sendButton->isEnabled());
        QCOMPARE(hint->text(), u"This message is too long to send; split it into several messages."_s);
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(input->toPlainText(), tooLong);
        QCOMPARE(log->pendingCount(), 3);
        // One character less fits.
        input->moveCursor(QTextCursor::End);
        QTest::keyClick(input, Qt::Key_Backspace);
        QVERIFY(sendButton->isEnabled());
    }

    void repliesAndEditsAreWrittenInTheBox()
    {
        const Client::RoomAddress address{QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, u"alice"_s};
        const Client::OwnMessageKey key;
        Client::Room room(address, {}, key);
        room.setReconnectBackoff(Client::ReconnectBackoff({60s, 60s, 0}));
        Ui::RoomView view(&room);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        Client::ChatLogModel *log = room.log();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        log->addMessage({1, u"lobby"_s, u"bob"_s, now, u"lunch at noon?"_s, {}});
        log->addMessage({2, u"lobby"_s, u"alice"_s, now, u"yes, see you thre"_s, key.newClientId(address)});
        log->addMessage({3, u"lobby"_s, u"bob"_s, now, u"great"_s, {}});
        Ui::MessageInput *input = view.input();
        Ui::ComposeBar *bar = view.composeBar();
        QSignalSpy said(&view, &Ui::RoomView::statusMessage);

        // Up in the empty box: the user's last message (not bob's after it), its text to edit.
        view.focusInput();
        input->setPlainText(u"half a thought"_s);
        QTest::keyClick(input, Qt::Key_Up); // not empty: Up moves the cursor, nothing else
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Message);
        input->clear();
        QTest::keyClick(input, Qt::Key_Up);
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Edit);
        QCOMPARE(bar->targetId(), 2);
        QVERIFY(bar->isVisible());
        QCOMPARE(input->toPlainText(), u"yes, see you thre"_s);
        // Offline: Enter keeps the edit in the box and the view says why.
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(said.size(), 1);
        QVERIFY(said.constFirst().constFirst().toString().startsWith(u"Not connected"_s));
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Edit);
        // Esc: back to what the box held before.
        QTest::keyClick(input, Qt::Key_Escape);
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Message);
        QVERIFY(bar->isHidden());
        QCOMPARE(input->toPlainText(), QString());

        // R on bob's message: a reply, its quote above the box; Esc drops it and keeps the text.
        Ui::ChatLogView *logView = view.logView();
        logView->setFocus();
        logView->setCurrentRow(0);
        QTest::keyClick(logView, Qt::Key_R);
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Reply);
        QCOMPARE(bar->label()->text(), u"Replying to bob: lunch at noon?"_s);
        QVERIFY(input->accessibleDescription().startsWith(u"Replying to bob: lunch at noon?. Enter sends"_s));
        QVERIFY(input->hasFocus());
        QTest::keyClicks(input, u"yes"_s);
        QTest::keyClick(input, Qt::Key_Escape);
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Message);
        QCOMPARE(input->toPlainText(), u"yes"_s);
        QVERIFY(input->accessibleDescription().startsWith(u"Enter sends"_s));
        // A reply sent offline waits in the outbox with its quote.
        logView->setFocus();
        QTest::keyClick(logView, Qt::Key_R);
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(log->pendingCount(), 1);
        const auto quote = log->index(3).data(Client::ChatLogModel::ReplyRole).value<Kaiwa::ReplyQuote>();
        QCOMPARE(quote.id, 1);
        QCOMPARE(quote.excerpt, u"lunch at noon?"_s);
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Message);

        // Edit and Delete are for the user's own messages only; Reply and React for any message of the room.
        Ui::ChatLogActions *actions = logView->actions();
        QVERIFY(actions->canAnswer(0) && !actions->canChange(0));
        QVERIFY(actions->canAnswer(1) && actions->canChange(1));
        QVERIFY(!actions->canAnswer(3) && !actions->canChange(3)); // still to be sent
        logView->setCurrentRow(0);
        QTest::keyClick(logView, Qt::Key_E);
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Message);
        logView->setFocus();
        logView->setCurrentRow(1);
        QTest::keyClick(logView, Qt::Key_E);
        QCOMPARE(bar->mode(), Ui::ComposeBar::Mode::Edit);
        QCOMPARE(bar->targetId(), 2);
    }

    void reconnectButtonReachesTheRoom()
    {
        Client::Room room({QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, u"alice"_s});
        room.setReconnectBackoff(Client::ReconnectBackoff({60s, 60s, 0}));
        Ui::RoomView view(&room);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), Client::ConnectionState::WaitingToReconnect, 10000);
        QTRY_VERIFY(view.indicator()->text().contains(u"Retrying in"_s));
        auto *reconnect = view.indicator()->findChild<QToolButton *>();
        QVERIFY(reconnect && reconnect->isVisible());
        reconnect->click(); // without it, the next attempt is a minute away
        QCOMPARE(room.connectionState(), Client::ConnectionState::Connecting);
        QVERIFY(view.indicator()->text().startsWith(u"Connecting to"_s));
    }
};

QTEST_MAIN(TestRoomView)
#include "tst_roomview.moc"
