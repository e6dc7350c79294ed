// SPDX-License-Identifier: MIT
// TypingTracker: typists expire by themselves, stop on 0 or on leaving; outgoing notifications are throttled.
#include "client/typingtracker.h"

#include "common/protocol.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::TypingTracker;

class TestTypingTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typistsExpireStopAndLeave()
    {
        TypingTracker tracker;
        QSignalSpy changed(&tracker, &TypingTracker::typistsChanged);
        tracker.onTyping({u"a.1"_s, u"bob"_s}, 200);
        tracker.onTyping({u"a.2"_s, u"alice"_s}, 60000);
        QCOMPARE(tracker.typists(), (QStringList{u"alice"_s, u"bob"_s}));
        tracker.onTyping({u"a.1"_s, u"bob"_s}, 200); // renewed: no change to report
        QCOMPARE(changed.size(), 2);
        QTRY_COMPARE(tracker.typists(), QStringList{u"alice"_s}); // bob's expired by itself
        tracker.onTyping({u"a.2"_s, u"alice"_s}, 0);              // stopped
        QVERIFY(tracker.typists().isEmpty());
        tracker.onTyping({u"a.3"_s, u"carol"_s}, 60000);
        tracker.onLeft(u"a.3"_s);
        QVERIFY(tracker.typists().isEmpty());
        tracker.onTyping({u"a.3"_s, u"carol"_s}, 60000);
        tracker.clear();
        QVERIFY(tracker.typists().isEmpty());
        QCOMPARE(changed.last().first().toStringList(), QStringList{});
    }

    void outgoingIsThrottled()
    {
        TypingTracker tracker;
        QVERIFY(tracker.userTyped());
        QVERIFY(!tracker.userTyped()); // within the interval
        QVERIFY(!tracker.userTyped());
        tracker.messageSent();
        QVERIFY(tracker.userTyped()); // a new message starts over
        QVERIFY(!tracker.userTyped());
        // Not QTRY_VERIFY: it evaluates the expression once more after success, and this one has an effect.
        QVERIFY(QTest::qWaitFor([&] { return tracker.userTyped(); }, Protocol::typingIntervalMs * 2));
    }
};

QTEST_GUILESS_MAIN(TestTypingTracker)
#include "tst_typingtracker.moc"
