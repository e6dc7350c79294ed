// SPDX-License-Identifier: MIT
// Reading and copying in the chat log view, offscreen, over a ChatLogModel with messages at fixed times:
// text selected within a message and across messages and what Ctrl+C copies, a double click, Select
// All, links (web and mail) opened by a click and not by a drag, the context menu, and the keyboard (F6
// lands on the newest message; Up, Down, Page Up, Page Down, Home loading older history, End, Shift to
// select) with what a screen reader finds.
#include "chatlogfixture.h"

#include "client/ui/chatlogactions.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/messagelayout.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using namespace KaiwaTest;
using Client::ChatLogModel;
using Ui::ChatLogView;

class TestChatLogReading : public QObject
{
    Q_OBJECT

private:
    Ui::LanguageSwitcher m_languages;
    std::optional<ChatLogFixture> m_log;

private Q_SLOTS:
    void init()
    {
        m_languages.setLanguage(u"en"_s);
        m_log.emplace();
    }

    void cleanup() { m_log.reset(); }

    void selectingWithinAMessage()
    {
        fillStory(m_log->model());
        ChatLogView &view = m_log->showView(560, 900);
        const int row = 2;
        const QString text = textOf(m_log->model(), row);
        view.scrollTo(row);
        drag(view, pointOf(view, row, 6), pointOf(view, row, 10));
        QCOMPARE(view.selectedText(), text.mid(6, 4)); // "days"
        QCOMPARE(view.selection().rangeIn(row), std::make_pair(6, 10));
        QVERIFY(!view.selection().rangeIn(row + 1));

        view.setFocus();
        QGuiApplication::clipboard()->clear();
        QTest::keySequence(&view, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"days"_s);

        // A double click selects a word; a click elsewhere selects nothing, and Ctrl+C copies that message.
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, pointOf(view, row, 1));
        QCOMPARE(view.selectedText(), u"Three"_s);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, pointOf(view, 0, 3));
        QVERIFY(view.selection().isEmpty());
        QCOMPARE(view.currentRow(), 0);
        QTest::keySequence(&view, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), textOf(m_log->model(), 0));
    }

    void selectingAcrossMessages()
    {
        fillStory(m_log->model());
        ChatLogView &view = m_log->showView(560, 900);
        view.scrollTo(4);
        // Within one day: "[time] sender: text", the ends cut where the drag began and ended.
        drag(view, pointOf(view, 4, 7), pointOf(view, 6, 2));
        QCOMPARE(view.selectedText(), u"[8:01 PM] bob: the first of two.\n[8:02 PM] bob: Grouped with the one above.\n"
                                      "[8:03 PM] alice: An"_s);
        // Over two days: the date comes with the time.
        drag(view, pointOf(view, 3, 10), pointOf(view, 4, 5));
        QCOMPARE(view.selectedText(),
                 u"[11/23/26 9:04 PM] alice: evening, signed in.\n[11/24/26 8:01 PM] bob: Today"_s);
        view.setFocus();
        QTest::keySequence(&view, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), view.selectedText());
        // Select All takes everything, in order.
        QTest::keySequence(&view, QKeySequence::SelectAll);
        const QStringList lines = view.selectedText().split(u'\n');
        QCOMPARE(lines.size(), m_log->model().rowCount());
        QVERIFY(lines.constFirst().endsWith(u"bob: The first message, long ago."_s));
        QVERIFY(lines.constLast().endsWith(s_longName + u": Hi."_s));
    }

    void linksAreClickable()
    {
        fillStory(m_log->model());
        ChatLogView &view = m_log->showView(560, 900);
        view.scrollTo(2);
        QSignalSpy activated(&view, &ChatLogView::linkActivated);
        const QList<Client::TextLink> links = view.rowLayout(2).links();
        QCOMPARE(links.size(), 2);
        for (const Client::TextLink &link : links)
            QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, pointOf(view, 2, int(link.start + 2)));
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.at(0).at(0).toUrl(), QUrl(u"https://example.org/docs"_s));
        QCOMPARE(activated.at(1).at(0).toUrl(), QUrl(u"mailto:ann@example.org"_s));
        // A drag that starts on a link selects text instead.
        drag(view, pointOf(view, 2, int(links.at(0).start + 2)), pointOf(view, 2, int(links.at(0).start + 8)));
        QCOMPARE(activated.size(), 2);
        QCOMPARE(view.selectedText(), u"tps://"_s);
    }

    void contextMenuActsOnTheMessageUnderThePointer()
    {
        fillStory(m_log->model());
        ChatLogView &view = m_log->showView(560, 900);
        view.scrollTo(2);
        view.setCurrentRow(0);
        QGuiApplication::clipboard()->clear();
        const auto openMenuAt = [&view](int row, const std::function<void(QMenu *)> &use) {
            bool used = false;
            QTimer::singleShot(0, &view, [&] {
                auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
                QVERIFY(menu);
                use(menu);
                used = true;
                menu->close();
            });
            const QPoint point = pointOf(view, row, 3);
            QContextMenuEvent event(QContextMenuEvent::Mouse, point, view.viewport()->mapToGlobal(point));
            QApplication::sendEvent(view.viewport(), &event);
            QVERIFY(used);
        };
        const auto action = [](QMenu *menu, const QString &text) {
            for (QAction *entry : menu->actions()) {
                if (entry->text() == text)
                    return entry;
            }
            return static_cast<QAction *>(nullptr);
        };
        openMenuAt(2, [&](QMenu *menu) {
            QVERIFY(action(menu, u"&Open Links in Message"_s)->isEnabled());
            action(menu, u"Copy &Message"_s)->trigger();
        });
        QCOMPARE(QGuiApplication::clipboard()->text(), textOf(m_log->model(), 2));
        openMenuAt(0, [&](QMenu *menu) {
            QVERIFY(!action(menu, u"&Open Links in Message"_s)->isEnabled()); // no links in that one
            QVERIFY(action(menu, u"&Copy"_s)->isEnabled());
            QVERIFY(action(menu, u"Select &All"_s)->isEnabled());
        });
        // After the menu, the shortcuts act on the current message again. (The offscreen platform does not
        // give the activation back to the window when a popup closes.)
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.setCurrentRow(4);
        view.setFocus();
        QTest::keySequence(&view, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        QCOMPARE(QGuiApplication::clipboard()->text(), textOf(m_log->model(), 4));
    }

    void readingWithTheKeyboard()
    {
        // Older pages come when asked, as a room's history does: two pages of 100, then the beginning.
        for (int i = 0; i < 100; ++i)
            m_log->model().addMessage(message(1000 + i, i % 3 ? u"bob"_s : u"alice"_s,
                                              at(0, QTime(10, 0).addSecs(60 * i)), u"message %1"_s.arg(1000 + i)));
        int pagesAsked = 0;
        bool asking = false; // one request at a time, as a room asks
        const auto loadOlder = [this, &pagesAsked, &asking] {
            if (asking || pagesAsked == 2)
                return; // the beginning: the room asks nothing more
            ++pagesAsked;
            asking = true;
            const qint64 first = m_log->model().oldestId() - 100;
            QList<ChatMessage> page;
            for (qint64 id = first; id < first + 100; ++id)
                page.append(message(id, u"carol"_s, at(1, QTime(8, 0).addSecs(int(id))), u"message %1"_s.arg(id)));
            // Later, as a server's answer is.
            QMetaObject::invokeMethod(
                &m_log->model(),
                [this, page, &asking] {
                    asking = false;
                    m_log->model().prependHistory(page);
                },
                Qt::QueuedConnection);
        };
        ChatLogView &view = m_log->showView(500, 300);
        connect(&view, &ChatLogView::olderMessagesWanted, this, loadOlder);
        QVERIFY(view.isAtBottom());
        const auto visible = [&view](int row) { return view.viewport()->rect().contains(view.visualRect(row)); };

        // Focus (F6 in the window) starts at the newest message, which a screen reader finds as the focused
        // item (the Focus event that tells it so is sent only where a screen reader runs, not offscreen);
        // a current message out of view (read long ago) does not hold it back.
        view.clearFocus();
        view.setCurrentRow(3);
        QVERIFY(!visible(3));
        view.setFocus(Qt::ShortcutFocusReason);
        QCOMPARE(view.currentRow(), 99);
        QAccessibleInterface *log = QAccessible::queryAccessibleInterface(&view);
        QVERIFY(log);
        QCOMPARE(log->role(), QAccessible::List);
        QCOMPARE(log->childCount(), 100);
        QCOMPARE(log->focusChild()->text(QAccessible::Name), u"alice at 11:39 AM: message 1099"_s);
        QVERIFY(
            log->focusChild()->text(QAccessible::Description).startsWith(u"Tuesday, November 24, 2026 11:39:00 AM"_s));
        QVERIFY(log->focusChild()->state().focused);

        QTest::keyClick(&view, Qt::Key_Up);
        QCOMPARE(view.currentRow(), 98);
        QCOMPARE(log->indexOfChild(log->focusChild()), 98);
        QCOMPARE(log->child(98)->text(QAccessible::Name), u"bob at 11:38 AM: message 1098"_s);
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.currentRow(), 99);

        // A page up moves several messages, and what the keyboard is on stays in view.
        QTest::keyClick(&view, Qt::Key_PageUp);
        const int paged = view.currentRow();
        QVERIFY2(paged < 96 && paged > 80, qPrintable(QString::number(paged)));
        QVERIFY(visible(paged));
        QVERIFY(!view.isAtBottom());
        QTest::keyClick(&view, Qt::Key_PageDown);
        QVERIFY(view.currentRow() > paged + 3);

        // Shift+Up selects whole messages.
        QTest::keyClick(&view, Qt::Key_End);
        QTest::keyClick(&view, Qt::Key_Up, Qt::ShiftModifier);
        QTest::keyClick(&view, Qt::Key_Up, Qt::ShiftModifier);
        QCOMPARE(view.selectedText().split(u'\n').size(), 3);
        QVERIFY(view.selectedText().endsWith(u"alice: message 1099"_s));

        // Home goes to the first message, then keeps going as older pages arrive, to the beginning.
        QTest::keyClick(&view, Qt::Key_Home);
        QTRY_COMPARE(m_log->model().rowCount(), 300);
        QCOMPARE(pagesAsked, 2);
        QCOMPARE(view.currentRow(), 0);
        QCOMPARE(textOf(m_log->model(), 0), u"message 800"_s);
        QCOMPARE(view.visualRect(0).top(), 0);
        QVERIFY(view.selection().isEmpty());

        // End: the newest, and the view follows new messages again.
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentRow(), 299);
        QVERIFY(view.isAtBottom());
        m_log->model().addMessage(message(2000, u"bob"_s, at(0, QTime(20, 0)), u"new"_s));
        QTRY_VERIFY(visible(300));
    }

    void everyListedKeyIsHandled()
    {
        fillStory(m_log->model());
        ChatLogView &view = m_log->showView(500, 300);
        view.setFocus();
        for (const auto &[what, keys] : ChatLogView::keys()) {
            view.selectAll(); // so that Escape has something to clear
            const QKeyCombination key = keys.constFirst()[0];
            QKeyEvent press(QEvent::KeyPress, key.key(), key.keyboardModifiers());
            QApplication::sendEvent(&view, &press);
            QVERIFY2(press.isAccepted(), qPrintable(what));
        }
        // Others go on to the window.
        QKeyEvent other(QEvent::KeyPress, Qt::Key_F7, Qt::NoModifier);
        QApplication::sendEvent(&view, &other);
        QVERIFY(!other.isAccepted());
    }
};

QTEST_MAIN(TestChatLogReading)
#include "tst_chatlogreading.moc"
