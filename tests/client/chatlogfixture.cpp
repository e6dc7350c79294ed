// SPDX-License-Identifier: MIT
#include "chatlogfixture.h"

#include "client/ui/messagelayout.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::ChatLogModel;
using Ui::ChatLogView;

namespace KaiwaTest {

const QTimeZone s_tokyo("Asia/Tokyo");
const QDateTime s_now(QDate(2026, 11, 24), QTime(21, 10), s_tokyo);
const QString s_longName = u"Bartholomew Alexander Featherstonehaugh-Wolfeschlegelsteinhausen"_s;

QDateTime at(int daysAgo, QTime time)
{
    return QDateTime(s_now.date().addDays(-daysAgo), time, s_tokyo).toUTC();
}

ChatMessage message(qint64 id, const QString &user, const QDateTime &time, const QString &text, const QString &clientId,
                    bool verified)
{
    ChatMessage result{id, u"lobby"_s, user, time, text, clientId};
    result.verified = verified;
    return result;
}

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
    model.addMessage(message(7, u"alice"_s, at(0, QTime(20, 3)),
                             u"An anonymous alice: not in the group of the "
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

ChatLogFixture::ChatLogFixture()
    : m_model(std::make_unique<ChatLogModel>())
    , m_tester(std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest))
{
}

ChatLogFixture::~ChatLogFixture()
{
    m_view.reset(); // before the model it shows
}

ChatLogView &ChatLogFixture::showView(int width, int height)
{
    m_view = std::make_unique<ChatLogView>();
    m_view->setTimeSource(s_tokyo, [] { return s_now.toUTC(); });
    m_view->setModel(m_model.get());
    m_view->resize(width, height);
    m_view->show();
    m_view->activateWindow();
    if (!QTest::qWaitForWindowActive(m_view.get()))
        qWarning("the chat log view did not become active");
    return *m_view;
}

QString ChatLogFixture::screenshot(QWidget &widget, const QString &language, const QString &name)
{
    const QString directory = QStringLiteral(KAIWA_TEST_OUTPUT_DIR) + u"/screenshots"_s;
    QDir().mkpath(directory);
    const QString path =
        u"%1/chatlog-%2-%3x-%4.png"_s.arg(directory, language).arg(qRound(widget.devicePixelRatioF())).arg(name);
    QCoreApplication::processEvents();
    if (!widget.grab().save(path))
        qWarning("could not save %s", qPrintable(path));
    return path;
}

} // namespace KaiwaTest
