// SPDX-License-Identifier: MIT
// The chat log view offscreen, over a ChatLogModel filled with messages at fixed times (the clock, the
// time zone and the language are the test's): day dividers in English and Japanese, full dates in
// tooltips, sender groups, elided names at narrow widths, the place kept when history is inserted above,
// laziness with many messages, colours that follow light and dark palettes, and the parts of a
// conversation (a reply's quote, "(edited)", a tombstone, reaction chips, a mention of the user). Run at 1x
// and 2x; the screenshots: <build>/tests/client/screenshots/chatlog-<lang>-<scale>x-<theme>-<width>.png.
#include "chatlogfixture.h"

#include "client/ui/chatcolors.h"
#include "client/ui/chatloglayout.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/messagelayout.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using namespace KaiwaTest;
using Client::ChatLogModel;
using Ui::ChatLogView;

namespace {

int distance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

} // namespace

class TestChatLogView : public QObject
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
        fillStory(m_log->model());
        m_languages.setLanguage(language);
        ChatLogView &view = m_log->showView(560, 900);
        // A divider above the first message of each day, none between messages of one day.
        QStringList shown;
        for (int row = 0; row < m_log->model().rowCount(); ++row) {
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
        m_log->screenshot(view, m_languages.choice(), u"light-wide"_s);
    }

    void sendersAreGrouped()
    {
        fillStory(m_log->model());
        ChatLogView &view = m_log->showView(560, 900);
        // Name shown: a new day, a new sender, an anonymous "alice" after the signed-in one, own messages.
        QCOMPARE(view.rowLayout(4).shownSender(), u"bob"_s);
        QCOMPARE(view.rowLayout(5).shownSender(), QString()); // bob again, a minute later
        QCOMPARE(view.rowLayout(6).shownSender(), u"alice"_s);
        QVERIFY(view.rowLayout(3).badgeRect().isValid()); // the signed-in alice has the badge
        QVERIFY(view.rowLayout(6).badgeRect().isEmpty()); // this one has none
        QCOMPARE(view.rowLayout(7).shownSender(), u"me"_s);
        QCOMPARE(view.rowLayout(8).shownSender(), QString());
        // Own messages on the right, the others on the left.
        QVERIFY(view.rowLayout(7).bubbleRect().right() > view.viewport()->width() - 20);
        QVERIFY(view.rowLayout(6).bubbleRect().left() < 20);

        // More than five minutes later, the name comes again.
        m_log->model().addMessage(message(20, u"花子"_s, at(0, QTime(20, 26)), u"six minutes later"_s));
        QCOMPARE(view.rowLayout(m_log->model().rowCount() - 1).shownSender(), u"花子"_s);
        m_log->model().addMessage(message(21, u"花子"_s, at(0, QTime(20, 27)), u"a minute later"_s));
        QCOMPARE(view.rowLayout(m_log->model().rowCount() - 1).shownSender(), QString());
    }

    void longNamesAreElidedWhenNarrow()
    {
        fillStory(m_log->model());
        const int last = m_log->model().rowCount() - 1;
        ChatLogView &wide = m_log->showView(900, 600);
        QCOMPARE(wide.rowLayout(last).shownSender(), s_longName);
        m_log->screenshot(wide, m_languages.choice(), u"light-wide"_s);

        ChatLogView &narrow = m_log->showView(380, 600);
        const Ui::MessageLayout &row = narrow.rowLayout(last);
        QVERIFY2(row.shownSender().endsWith(u'…') && row.shownSender().size() < s_longName.size(),
                 qPrintable(row.shownSender()));
        const QRect bubble = row.bubbleRect();
        QVERIFY(bubble.right() < narrow.viewport()->width());
        QVERIFY2(bubble.contains(row.senderRect()),
                 qPrintable(u"%1 in %2"_s.arg(row.senderRect().right()).arg(bubble.right())));
        QVERIFY(bubble.contains(row.timeRect())); // the time is still there, inside the bubble
        QVERIFY(!row.senderRect().intersects(row.timeRect()));
        m_log->screenshot(narrow, m_languages.choice(), u"light-narrow"_s);
    }

    void historyAboveKeepsThePlace()
    {
        for (int i = 0; i < 60; ++i)
            m_log->model().addMessage(
                message(500 + i, u"bob"_s, at(0, QTime(9, 0).addSecs(30 * i)), u"line %1"_s.arg(i)));
        ChatLogView &view = m_log->showView(500, 300);
        view.scrollTo(20);
        const int before = view.visualRect(20).top();
        QList<ChatMessage> page;
        for (int i = 0; i < 50; ++i)
            page.append(message(400 + i, u"carol"_s, at(1, QTime(9, 0).addSecs(60 * i)), u"older %1"_s.arg(i)));
        m_log->model().prependHistory(page);
        // The message read before is where it was, now 50 rows further down.
        QCOMPARE(view.visualRect(70).top(), before);
        QCOMPARE(textOf(m_log->model(), 70), u"line 20"_s);
    }

    void manyMessagesAreLaidOutLazily()
    {
        QList<ChatMessage> messages;
        for (int i = 0; i < 20000; ++i)
            messages.append(message(i + 1, i % 2 ? u"bob"_s : u"alice"_s, at(0, QTime(0, 0).addSecs(i)),
                                    u"message number %1 with some words to wrap"_s.arg(i)));
        m_log->model().prependHistory(messages);
        ChatLogView &view = m_log->showView(500, 400);
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
        fillStory(m_log->model());
        ChatLogView &view = m_log->showView(560, 900);
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

    /// A conversation: bob asks, 花子 replies (quoting), alice's answer edited, a message deleted, reactions
    /// (alice's own among them), and bob mentioning alice.
    void fillConversation()
    {
        ChatLogModel &model = m_log->model();
        model.setOwnTest([](const ChatMessage &message) { return message.user == u"alice"_s; });
        model.setOwnNames({u"alice"_s});
        ChatMessage ask = message(1, u"bob"_s, at(0, QTime(20, 58)), u"Shall we ship the release on Friday?"_s);
        ask.reactions = {{u"👍"_s, 2, {u"花子"_s, u"alice"_s}}, {u"🎉"_s, 1, {u"花子"_s}}};
        model.addMessage(ask);
        ChatMessage reply = message(2, u"花子"_s, at(0, QTime(21, 0)), u"金曜日で大丈夫です。ノートは私が書きます"_s);
        reply.replyTo = model.quoteOf(1);
        model.addMessage(reply);
        model.addMessage(message(3, u"bob"_s, at(0, QTime(21, 1)), u"(wrong room, sorry)"_s));
        ChatMessage mention = message(4, u"bob"_s, at(0, QTime(21, 2)), u"@alice could you review them first?"_s);
        mention.mentions = {u"alice"_s};
        model.addMessage(mention);
        ChatMessage own = message(5, u"alice"_s, at(0, QTime(21, 4)), u"Sure, reviewing them right now"_s);
        own.replyTo = model.quoteOf(4);
        own.edited = at(0, QTime(21, 5));
        model.addMessage(own);
        ChatDeleteEvent deletion;
        deletion.id = 6;
        deletion.target = 3;
        QVERIFY(model.applyDelete(deletion));
    }

    void conversationParts()
    {
        fillConversation();
        ChatLogView &view = m_log->showView(560, 700);
        const Ui::MessageLayout &ask = view.rowLayout(0);
        QVERIFY(ask.quoteRect().isEmpty());
        QVERIFY(!ask.reactionRect(u"👍"_s).isEmpty());
        QVERIFY(ask.reactionRect(u"👍"_s).right() < ask.reactionRect(u"🎉"_s).left());
        QVERIFY(ask.bubbleRect().contains(ask.reactionsRect()));
        const Ui::MessageLayout &reply = view.rowLayout(1);
        QCOMPARE(reply.quotedId(), 1);
        QCOMPARE(reply.shownQuote(), u"bob: Shall we ship the release on Friday?"_s);
        QVERIFY(reply.quoteRect().bottom() < reply.textRect().top());
        QVERIFY(view.rowLayout(2).isDeleted());
        QVERIFY(view.rowLayout(3).mentionsYou());
        QVERIFY(!view.rowLayout(4).mentionsYou());
        QVERIFY(ChatLogModel::toolTip(m_log->model().index(4), view.timeFormat()).contains(u"Edited "_s));

        // The mention's bubble is amber, and what is drawn on it reads.
        const Ui::ChatColors colors(view.palette());
        QVERIFY(Ui::ChatColors::contrast(colors.secondaryText(), colors.mentionBubble()) >= 3.0);
        QVERIFY(Ui::ChatColors::contrast(colors.link(), colors.mentionBubble()) >= 4.5);
        view.scrollTo(3);
        QCoreApplication::processEvents();
        const QImage image = view.viewport()->grab().toImage();
        const QRect bubble = view.rowLayout(3).bubbleRect().translated(view.visualRect(3).topLeft());
        const QPoint inBubble(bubble.left() + 4, bubble.center().y());
        const QColor inside = image.pixelColor(inBubble * image.devicePixelRatio());
        QVERIFY2(distance(inside, colors.mentionBubble()) < 12, qPrintable(inside.name()));

        // A click on a chip or on the quote says which; a drag over them does not.
        QSignalSpy reactions(&view, &ChatLogView::reactionActivated);
        QSignalSpy quotes(&view, &ChatLogView::quoteActivated);
        view.scrollTo(0);
        const QPoint chip = view.rowLayout(0).reactionRect(u"🎉"_s).translated(view.visualRect(0).topLeft()).center();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, chip);
        QCOMPARE(reactions.size(), 1);
        QCOMPARE(reactions.constFirst().at(0).toInt(), 0);
        QCOMPARE(reactions.constFirst().at(1).toString(), u"🎉"_s);
        view.scrollTo(1);
        const QPoint quote = view.rowLayout(1).quoteRect().translated(view.visualRect(1).topLeft()).center();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, quote);
        QCOMPARE(quotes.size(), 1);
        QCOMPARE(quotes.constFirst().at(1).toLongLong(), 1);
        drag(view, quote, quote + QPoint(40, 0));
        QCOMPARE(quotes.size(), 1);

        for (const QString &language : {u"en"_s, u"ja"_s}) {
            m_languages.setLanguage(language);
            for (const bool dark : {false, true}) {
                ChatLogView &shown = m_log->showView(560, 620);
                if (dark)
                    shown.setPalette(darkPalette());
                shown.scrollToBottom();
                QVERIFY(QFile::exists(
                    m_log->screenshot(shown, language, u"conversation-%1"_s.arg(dark ? u"dark"_s : u"light"_s))));
            }
        }
    }

    void screenshots()
    {
        fillStory(m_log->model());
        // Pending and refused own messages too.
        m_log->model().addPending({u"p1"_s, u"Written while offline, waiting."_s, s_now.toUTC(), false}, u"me"_s);
        for (const QString &language : {u"en"_s, u"ja"_s}) {
            m_languages.setLanguage(language);
            for (const bool dark : {false, true}) {
                for (const int width : {380, 720}) {
                    ChatLogView &view = m_log->showView(width, 1100);
                    if (dark)
                        view.setPalette(darkPalette());
                    view.setFocus();
                    QTest::keyClick(&view, Qt::Key_Up); // the frame of the current message
                    view.scrollToBottom();
                    const QString name =
                        u"%1-%2"_s.arg(dark ? u"dark"_s : u"light"_s, width < 500 ? u"narrow"_s : u"wide"_s);
                    QVERIFY(QFile::exists(m_log->screenshot(view, m_languages.choice(), name)));
                }
            }
        }
    }
};

QTEST_MAIN(TestChatLogView)
#include "tst_chatlogview.moc"
