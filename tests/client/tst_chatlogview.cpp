// SPDX-License-Identifier: MIT
// The chat log view offscreen, over a ChatLogModel filled with messages at fixed times (the clock, the
// time zone and the language are the test's): day dividers in English and Japanese, full dates in
// tooltips, sender groups, elided names at narrow widths, text selection within and across messages and
// what Ctrl+C copies, links, reading with the keyboard (Home loading older history), what a screen
// reader is told, laziness with many messages, and colours that follow light and dark palettes.
// Screenshots: <build>/tests/client/screenshots/chatlog-<lang>-<scale>x-<theme>-<width>.png.
#include "client/chatlogmodel.h"
#include "client/ui/chatcolors.h"
#include "client/ui/chatloglayout.h"
#include "client/ui/chatlogview.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/messagelayout.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::ChatLogModel;
using Ui::ChatLogView;

namespace {

const QTimeZone s_tokyo("Asia/Tokyo");
/// Tuesday 24 November 2026, 21:10 in Tokyo.
const QDateTime s_now(QDate(2026, 11, 24), QTime(21, 10), s_tokyo);
const QString s_longName = u"Bartholomew Alexander Featherstonehaugh-Wolfeschlegelsteinhausen"_s;

QDateTime at(int daysAgo, QTime time)
{
    return QDateTime(s_now.date().addDays(-daysAgo), time, s_tokyo).toUTC();
}

ChatMessage message(qint64 id, const QString &user, const QDateTime &time, const QString &text,
                    const QString &clientId = {}, bool verified = false)
{
    ChatMessage result{id, u"lobby"_s, user, time, text, clientId};
    result.verified = verified;
    return result;
}

/// A log over 400 days: who wrote what, grouped or not, own messages, links, Japanese, a very long name.
void fillStory(ChatLogModel &model)
{
    model.setOwnTest([](const ChatMessage &m) { return m.clientId.startsWith(u"mine"_s); });
    model.addMessage(message(1, u"bob"_s, at(400, QTime(9, 0)), u"The first message, long ago."_s));
    model.addMessage(message(2, u"alice"_s, at(40, QTime(18, 30)), u"Forty days ago."_s, {}, true));
    model.addMessage(message(3, u"bob"_s, at(3, QTime(12, 15)),
                             u"Three days ago: see https://example.org/docs or write to ann@example.org"_s));
    model.addMessage(message(4, u"alice"_s, at(1, QTime(21, 4, 33)), u"Yesterday evening, signed in."_s, {}, true));
    model.addMessage(message(5, u"bob"_s, at(0, QTime(20, 1)), u"Today, the first of two."_s));
    model.addMessage(message(6, u"bob"_s, at(0, QTime(20, 2)), u"Grouped with the one above."_s));
    model.addMessage(message(7, u"alice"_s, at(0, QTime(20, 3)), u"An anonymous alice: not in the group of the "
                                                                 "signed-in one."_s));
    model.addMessage(message(8, u"me"_s, at(0, QTime(20, 9)), u"My own message, on the right."_s, u"mine-1"_s));
    model.addMessage(message(9, u"me"_s, at(0, QTime(20, 9, 30)), u"And a second one, grouped."_s, u"mine-2"_s));
    model.addMessage(message(10, u"花子"_s, at(0, QTime(20, 20)), u"こんにちは。今日は雑談しましょう！"_s));
    model.addMessage(message(11, s_longName, at(0, QTime(21, 5)), u"Hi."_s));
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x20, 0x21, 0x24));
    palette.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
    palette.setColor(QPalette::Base, QColor(0x1b, 0x1c, 0x1f));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x27, 0x2b));
    palette.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
    palette.setColor(QPalette::Button, QColor(0x2d, 0x2e, 0x31));
    palette.setColor(QPalette::ButtonText, QColor(0xe8, 0xea, 0xed));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    palette.setColor(QPalette::Link, QColor(0x00, 0x00, 0xff)); // what a naive dark theme leaves: pure blue
    return palette;
}

int distance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

/// Where the text position `offset` of `row` is, in viewport coordinates.
QPoint pointOf(ChatLogView &view, int row, int offset)
{
    return view.visualRect(row).topLeft() + view.rowLayout(row).positionOf(offset).toPoint();
}

void drag(ChatLogView &view, const QPoint &from, const QPoint &to)
{
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view.viewport(), (from + to) / 2);
    QTest::mouseMove(view.viewport(), to);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, to);
}

QString textOf(const ChatLogModel &model, int row)
{
    return model.index(row).data(ChatLogModel::TextRole).toString();
}

} // namespace

class TestChatLogView : public QObject
{
    Q_OBJECT

private:
    Ui::LanguageSwitcher m_languages;
    std::unique_ptr<ChatLogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<ChatLogView> m_view;

    ChatLogView &showView(int width, int height)
    {
        m_view = std::make_unique<ChatLogView>();
        m_view->setTimeSource(s_tokyo, [] { return s_now.toUTC(); });
        m_view->setModel(m_model.get());
        m_view->resize(width, height);
        m_view->show();
        m_view->activateWindow();
        [&] { QVERIFY(QTest::qWaitForWindowActive(m_view.get())); }();
        return *m_view;
    }

    QString screenshot(QWidget &widget, const QString &name)
    {
        const QString directory = QStringLiteral(KAIWA_TEST_OUTPUT_DIR) + u"/screenshots"_s;
        QDir().mkpath(directory);
        const QString path = u"%1/chatlog-%2-%3x-%4.png"_s.arg(directory, m_languages.choice())
                                 .arg(qRound(widget.devicePixelRatioF()))
                                 .arg(name);
        QCoreApplication::processEvents();
        if (!widget.grab().save(path))
            qWarning("could not save %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_languages.setLanguage(u"en"_s);
    }

    void init()
    {
        m_model = std::make_unique<ChatLogModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_languages.setLanguage(u"en"_s);
    }

    void cleanup()
    {
        m_view.reset();
        m_tester.reset();
        m_model.reset();
    }

    void dayDividersAndTooltips_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("labels");
        QTest::addColumn<QString>("tooltip");
        QTest::newRow("en") << u"en"_s
                            << QStringList{u"Monday, October 20, 2025"_s, u"Thursday, October 15, 2026"_s,
                                           u"Saturday, November 21, 2026"_s, u"Yesterday"_s, u"Today"_s}
                            << u"Monday, November 23, 2026 9:04:33 PM JST\nSigned in to the account alice on this "
                               "server."_s;
        QTest::newRow("ja") << u"ja"_s
                            << QStringList{u"2025年10月20日月曜日"_s, u"2026年10月15日木曜日"_s,
                                           u"2026年11月21日土曜日"_s, u"昨日"_s, u"今日"_s}
                            << u"2026年11月23日月曜日 21時04分33秒 JST\nこのサーバーのアカウント alice でサイン"
                               "インしています。"_s;
    }

    void dayDividersAndTooltips()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, labels);
        QFETCH(QString, tooltip);
        fillStory(*m_model);
        m_languages.setLanguage(language);
        ChatLogView &view = showView(560, 900);
        // A divider above the first message of each day, none between messages of one day.
        QStringList shown;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (const QString label = view.rowLayout(row).dayLabel(); !label.isEmpty())
                shown.append(label);
        }
        QCOMPARE(shown, labels);
        QCOMPARE(view.rowLayout(5).dayLabel(), QString());

        // The tooltip of yesterday's message: its full date and time, and who the sender is.
        view.scrollTo(3);
        const QPoint inBubble = view.visualRect(3).topLeft() + view.rowLayout(3).bubbleRect().center();
        QHelpEvent help(QEvent::ToolTip, inBubble, view.viewport()->mapToGlobal(inBubble));
        QApplication::sendEvent(view.viewport(), &help);
        QTRY_COMPARE(QToolTip::text(), tooltip);
        QToolTip::hideText();
        view.scrollToBottom();
        screenshot(view, u"light-wide"_s);
    }

    void sendersAreGrouped()
    {
        fillStory(*m_model);
        ChatLogView &view = showView(560, 900);
        // Name shown: a new day, a new sender, an anonymous "alice" after the signed-in one, own messages.
        QCOMPARE(view.rowLayout(4).shownSender(), u"bob"_s);
        QCOMPARE(view.rowLayout(5).shownSender(), QString()); // bob again, a minute later
        QCOMPARE(view.rowLayout(6).shownSender(), u"alice"_s);
        QVERIFY(view.rowLayout(3).badgeRect().isValid());  // the signed-in alice has the badge
        QVERIFY(view.rowLayout(6).badgeRect().isEmpty()); // this one has none
        QCOMPARE(view.rowLayout(7).shownSender(), u"me"_s);
        QCOMPARE(view.rowLayout(8).shownSender(), QString());
        // Own messages on the right, the others on the left.
        QVERIFY(view.rowLayout(7).bubbleRect().right() > view.viewport()->width() - 20);
        QVERIFY(view.rowLayout(6).bubbleRect().left() < 20);

        // More than five minutes later, the name comes again.
        m_model->addMessage(message(20, u"花子"_s, at(0, QTime(20, 26)), u"six minutes later"_s));
        QCOMPARE(view.rowLayout(m_model->rowCount() - 1).shownSender(), u"花子"_s);
        m_model->addMessage(message(21, u"花子"_s, at(0, QTime(20, 27)), u"a minute later"_s));
        QCOMPARE(view.rowLayout(m_model->rowCount() - 1).shownSender(), QString());
    }

    void longNamesAreElidedWhenNarrow()
    {
        fillStory(*m_model);
        const int last = m_model->rowCount() - 1;
        ChatLogView &wide = showView(900, 600);
        QCOMPARE(wide.rowLayout(last).shownSender(), s_longName);
        screenshot(wide, u"light-wide"_s);

        ChatLogView &narrow = showView(380, 600);
        const Ui::MessageLayout &row = narrow.rowLayout(last);
        QVERIFY2(row.shownSender().endsWith(u'…') && row.shownSender().size() < s_longName.size(),
                 qPrintable(row.shownSender()));
        const QRect bubble = row.bubbleRect();
        QVERIFY(bubble.right() < narrow.viewport()->width());
        QVERIFY2(bubble.contains(row.senderRect()), qPrintable(u"%1 in %2"_s.arg(row.senderRect().right())
                                                                 .arg(bubble.right())));
        QVERIFY(bubble.contains(row.timeRect())); // the time is still there, inside the bubble
        QVERIFY(!row.senderRect().intersects(row.timeRect()));
        screenshot(narrow, u"light-narrow"_s);
    }

    void selectingWithinAMessage()
    {
        fillStory(*m_model);
        ChatLogView &view = showView(560, 900);
        const int row = 2;
        const QString text = textOf(*m_model, row);
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
        QCOMPARE(QGuiApplication::clipboard()->text(), textOf(*m_model, 0));
    }

    void selectingAcrossMessages()
    {
        fillStory(*m_model);
        ChatLogView &view = showView(560, 900);
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
        QCOMPARE(lines.size(), m_model->rowCount());
        QVERIFY(lines.constFirst().endsWith(u"bob: The first message, long ago."_s));
        QVERIFY(lines.constLast().endsWith(s_longName + u": Hi."_s));
    }

    void linksAreClickable()
    {
        fillStory(*m_model);
        ChatLogView &view = showView(560, 900);
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
        fillStory(*m_model);
        ChatLogView &view = showView(560, 900);
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
        QCOMPARE(QGuiApplication::clipboard()->text(), textOf(*m_model, 2));
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
        QCOMPARE(QGuiApplication::clipboard()->text(), textOf(*m_model, 4));
    }

    void readingWithTheKeyboard()
    {
        // Older pages come when asked, as a room's history does: two pages of 100, then the beginning.
        for (int i = 0; i < 100; ++i)
            m_model->addMessage(message(1000 + i, i % 3 ? u"bob"_s : u"alice"_s, at(0, QTime(10, 0).addSecs(60 * i)),
                                        u"message %1"_s.arg(1000 + i)));
        int pagesAsked = 0;
        bool asking = false; // one request at a time, as a room asks
        const auto loadOlder = [this, &pagesAsked, &asking] {
            if (asking || pagesAsked == 2)
                return; // the beginning: the room asks nothing more
            ++pagesAsked;
            asking = true;
            const qint64 first = m_model->oldestId() - 100;
            QList<ChatMessage> page;
            for (qint64 id = first; id < first + 100; ++id)
                page.append(message(id, u"carol"_s, at(1, QTime(8, 0).addSecs(int(id))), u"message %1"_s.arg(id)));
            // Later, as a server's answer is.
            QMetaObject::invokeMethod(
                m_model.get(),
                [this, page, &asking] {
                    asking = false;
                    m_model->prependHistory(page);
                },
                Qt::QueuedConnection);
        };
        ChatLogView &view = showView(500, 300);
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
        QVERIFY(log->focusChild()->text(QAccessible::Description)
                    .startsWith(u"Tuesday, November 24, 2026 11:39:00 AM"_s));
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
        QTRY_COMPARE(m_model->rowCount(), 300);
        QCOMPARE(pagesAsked, 2);
        QCOMPARE(view.currentRow(), 0);
        QCOMPARE(textOf(*m_model, 0), u"message 800"_s);
        QCOMPARE(view.visualRect(0).top(), 0);
        QVERIFY(view.selection().isEmpty());

        // End: the newest, and the view follows new messages again.
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentRow(), 299);
        QVERIFY(view.isAtBottom());
        m_model->addMessage(message(2000, u"bob"_s, at(0, QTime(20, 0)), u"new"_s));
        QTRY_VERIFY(visible(300));
    }

    void everyListedKeyIsHandled()
    {
        fillStory(*m_model);
        ChatLogView &view = showView(500, 300);
        view.setFocus();
        for (const auto &[what, keys] : ChatLogView::keys()) {
            view.selectAll(); // so that Escape has something to clear
            const QKeyCombination key = keys[0];
            QKeyEvent press(QEvent::KeyPress, key.key(), key.keyboardModifiers());
            QApplication::sendEvent(&view, &press);
            QVERIFY2(press.isAccepted(), qPrintable(what));
        }
        // Others go on to the window.
        QKeyEvent other(QEvent::KeyPress, Qt::Key_F7, Qt::NoModifier);
        QApplication::sendEvent(&view, &other);
        QVERIFY(!other.isAccepted());
    }

    void historyAboveKeepsThePlace()
    {
        for (int i = 0; i < 60; ++i)
            m_model->addMessage(message(500 + i, u"bob"_s, at(0, QTime(9, 0).addSecs(30 * i)), u"line %1"_s.arg(i)));
        ChatLogView &view = showView(500, 300);
        view.scrollTo(20);
        const int before = view.visualRect(20).top();
        QList<ChatMessage> page;
        for (int i = 0; i < 50; ++i)
            page.append(message(400 + i, u"carol"_s, at(1, QTime(9, 0).addSecs(60 * i)), u"older %1"_s.arg(i)));
        m_model->prependHistory(page);
        // The message read before is where it was, now 50 rows further down.
        QCOMPARE(view.visualRect(70).top(), before);
        QCOMPARE(textOf(*m_model, 70), u"line 20"_s);
    }

    void manyMessagesAreLaidOutLazily()
    {
        QList<ChatMessage> messages;
        for (int i = 0; i < 20000; ++i)
            messages.append(message(i + 1, i % 2 ? u"bob"_s : u"alice"_s, at(0, QTime(0, 0).addSecs(i)),
                                    u"message number %1 with some words to wrap"_s.arg(i)));
        m_model->prependHistory(messages);
        ChatLogView &view = showView(500, 400);
        const auto *layout = view.findChild<Ui::ChatLogLayout *>();
        QVERIFY(layout);
        const auto measured = [layout] {
            int count = 0;
            for (int row = 0; row < layout->rowCount(); ++row)
                count += layout->isMeasured(row) ? 1 : 0;
            return count;
        };
        QCoreApplication::processEvents();
        QVERIFY2(measured() < 40, qPrintable(QString::number(measured())));
        QVERIFY(view.isAtBottom());
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
        QVERIFY2(measured() < 80, qPrintable(QString::number(measured())));
        view.resize(700, 400);
        QCoreApplication::processEvents();
        QVERIFY2(measured() < 80, qPrintable(QString::number(measured())));
    }

    void coloursFollowThePalette_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void coloursFollowThePalette()
    {
        QFETCH(bool, dark);
        fillStory(*m_model);
        ChatLogView &view = showView(560, 900);
        if (dark)
            view.setPalette(darkPalette());
        const QPalette palette = view.palette();
        const Ui::ChatColors colors(palette);
        // Names, links and times read on the base and on both kinds of bubble.
        for (const QString &name : {u"alice"_s, u"bob"_s, u"me"_s, u"花子"_s, s_longName, u"carol"_s, u"dave"_s}) {
            for (const QColor &background : {colors.background(), colors.otherBubble(), colors.ownBubble()})
                QVERIFY2(Ui::ChatColors::contrast(colors.sender(name), background) >= 4.5, qPrintable(name));
        }
        for (const QColor &background : {colors.background(), colors.otherBubble(), colors.ownBubble()}) {
            QVERIFY(Ui::ChatColors::contrast(colors.link(), background) >= 4.5);
            QVERIFY(Ui::ChatColors::contrast(colors.secondaryText(), background) >= 3.0);
        }
        // The same name, the same colour, whoever asks (the member list uses senderColor()).
        QCOMPARE(Ui::ChatColors::senderColor(u"bob"_s, palette), colors.sender(u"bob"_s));
        QVERIFY(colors.sender(u"alice"_s) != colors.sender(u"bob"_s));
        // The signed-in alice and someone who calls themselves alice: two colours.
        QVERIFY(colors.sender(u"alice"_s, true) != colors.sender(u"alice"_s, false));
        QVERIFY(Ui::ChatColors::contrast(colors.sender(u"alice"_s, true), colors.otherBubble()) >= 4.5);
        if (dark) {
            QVERIFY(colors.link() != palette.color(QPalette::Link)); // pure blue made lighter
            QVERIFY(Ui::ChatColors::luminance(colors.otherBubble()) < 0.1);
        }

        // On screen: the bubble and the background are the palette's.
        view.scrollTo(4);
        QCoreApplication::processEvents();
        const QImage image = view.viewport()->grab().toImage();
        const auto pixel = [&image](const QPoint &point) { return image.pixelColor(point * image.devicePixelRatio()); };
        const QRect bubble = view.rowLayout(4).bubbleRect().translated(view.visualRect(4).topLeft());
        const QPoint inBubble(bubble.left() + 3, bubble.center().y());
        QVERIFY2(distance(pixel(inBubble), colors.otherBubble()) < 12,
                 qPrintable(pixel(inBubble).name() + u" vs "_s + colors.otherBubble().name()));
        const QPoint beside(bubble.right() + 20, bubble.center().y());
        QVERIFY2(distance(pixel(beside), colors.background()) < 12, qPrintable(pixel(beside).name()));
        const QRect own = view.rowLayout(7).bubbleRect().translated(view.visualRect(7).topLeft());
        QVERIFY(distance(pixel(QPoint(own.right() - 3, own.center().y())), colors.ownBubble()) < 12);
    }

    void screenshots()
    {
        fillStory(*m_model);
        // Pending and refused own messages too.
        m_model->addPending({u"p1"_s, u"Written while offline, waiting."_s, s_now.toUTC(), false}, u"me"_s);
        for (const QString &language : {u"en"_s, u"ja"_s}) {
            m_languages.setLanguage(language);
            for (const bool dark : {false, true}) {
                for (const int width : {380, 720}) {
                    ChatLogView &view = showView(width, 1100);
                    if (dark)
                        view.setPalette(darkPalette());
                    view.setFocus();
                    QTest::keyClick(&view, Qt::Key_Up); // the frame of the current message
                    view.scrollToBottom();
                    const QString name = u"%1-%2"_s.arg(dark ? u"dark"_s : u"light"_s,
                                                        width < 500 ? u"narrow"_s : u"wide"_s);
                    QVERIFY(QFile::exists(screenshot(view, name)));
                }
            }
        }
    }
};

QTEST_MAIN(TestChatLogView)
#include "tst_chatlogview.moc"
