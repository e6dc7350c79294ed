// SPDX-License-Identifier: MIT
// LogSelection over a real ChatLogModel: what a copy of a selection gives (within a message, across
// messages of one day, across days, notices), and selections that follow their rows as history is
// inserted above and own messages settle.
#include "client/chatlogmodel.h"
#include "client/logselection.h"
#include "client/logtimeformat.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;

namespace {

const QDateTime s_now(QDate(2026, 11, 24), QTime(21, 10), Qt::UTC);

Kaiwa::ChatMessage message(qint64 id, const QString &user, const QDateTime &time, const QString &text)
{
    return {id, u"lobby"_s, user, time, text, {}};
}

LogTimeFormat format()
{
    return LogTimeFormat(QLocale(u"en"_s), QTimeZone::utc(), [] { return s_now; });
}

} // namespace

class TestLogSelection : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ChatLogModel> m_log;

private Q_SLOTS:
    void init()
    {
        m_log = std::make_unique<ChatLogModel>();
        m_log->prependHistory({message(10, u"alice"_s, s_now.addDays(-1), u"late yesterday"_s),
                               message(11, u"bob"_s, s_now.addSecs(-600), u"hello there"_s),
                               message(12, u"alice"_s, s_now.addSecs(-300), u"two\nlines"_s)});
    }

    void withinOneMessage()
    {
        LogSelection selection(m_log.get());
        QVERIFY(selection.isEmpty());
        selection.start({1, 6});
        QVERIFY(selection.isEmpty()); // nothing until it is extended
        selection.extend({1, 11});
        QCOMPARE(selection.text(format()), u"there"_s);
        // Backwards is the same selection.
        selection.select({1, 11}, {1, 6});
        QCOMPARE(selection.rangeIn(1), std::make_pair(6, 11));
        QCOMPARE(selection.text(format()), u"there"_s);
        QVERIFY(!selection.rangeIn(0));
    }

    void acrossMessagesOfOneDay()
    {
        LogSelection selection(m_log.get());
        selection.select({1, 6}, {2, 3});
        QCOMPARE(selection.text(format()), u"[9:00 PM] bob: there\n[9:05 PM] alice: two"_s);
        // Ending at the very start of a message leaves it out.
        selection.select({1, 0}, {2, 0});
        QCOMPARE(selection.text(format()), u"[9:00 PM] bob: hello there"_s);
        QCOMPARE(selection.rangeIn(2), std::nullopt);
        // Line breaks in a message stay as they are.
        selection.select({1, 0}, {2, 9});
        QCOMPARE(selection.text(format()), u"[9:00 PM] bob: hello there\n[9:05 PM] alice: two\nlines"_s);
    }

    void acrossDaysCarriesTheDate()
    {
        LogSelection selection(m_log.get());
        selection.select({0, 5}, {1, 5});
        QCOMPARE(selection.text(format()), u"[11/23/26 9:10 PM] alice: yesterday\n[11/24/26 9:00 PM] bob: hello"_s);
    }

    void noticesHaveNoSender()
    {
        m_log->addNotice(u"Some messages are missing here."_s);
        LogSelection selection(m_log.get());
        selection.selectAll();
        const QStringList lines = selection.text(format()).split(u'\n');
        QCOMPARE(lines.size(), 5); // four rows, one of two lines
        QVERIFY2(lines.constLast().endsWith(u"] Some messages are missing here."_s), qPrintable(lines.constLast()));
    }

    void followsItsRows()
    {
        LogSelection selection(m_log.get());
        selection.select({1, 0}, {1, 5});
        // History above: the same text stays selected, two rows further down.
        m_log->prependHistory({message(1, u"carol"_s, s_now.addDays(-3), u"old"_s),
                               message(2, u"carol"_s, s_now.addDays(-3), u"older"_s)});
        QCOMPARE(selection.rangeIn(3), std::make_pair(0, 5));
        QCOMPARE(selection.text(format()), u"hello"_s);
        // An own message confirmed while pending ones wait below moves; the selection moves with it.
        m_log->addPending({u"c1"_s, u"mine"_s, s_now, false}, u"me"_s);
        m_log->addPending({u"c2"_s, u"mine too"_s, s_now, false}, u"me"_s);
        selection.select({6, 5}, {6, 8}); // "too" of "mine too", the last row
        m_log->addMessage({20, u"lobby"_s, u"me"_s, s_now, u"mine too"_s, u"c2"_s}); // settles above "mine"
        QCOMPARE(selection.text(format()), u"too"_s);
        QCOMPARE(selection.rangeIn(5), std::make_pair(5, 8));
    }
};

QTEST_GUILESS_MAIN(TestLogSelection)
#include "tst_logselection.moc"
