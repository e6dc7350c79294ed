// SPDX-License-Identifier: MIT
#include "layers/groupsequencer.h"
#include "layertestsupport.h"

#include <QRegularExpression>
#include <QTest>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestGroupSequencer : public QObject
{
    Q_OBJECT

    static Envelope chat(qint64 id) { return Envelope("m" + QByteArray::number(id), Envelope::Audience::Everyone, id); }

private Q_SLOTS:
    void startsAfterStoredHistory()
    {
        FakeHistory history;
        history.store(u"g"_s);
        history.store(u"g"_s);
        Recorder out;
        GroupSequencer sequencer(u"g"_s, &history, [&](const Envelope &e) { out.receive(e); });
        QCOMPARE(sequencer.lastDelivered(), 2);
        sequencer.offer(chat(2)); // the joiners' replay has it
        sequencer.offer(chat(3));
        QCOMPARE(out.ids(), QList<qint64>{3});
    }

    void dropsDuplicatesAndPassesEvents()
    {
        FakeHistory history;
        Recorder out;
        GroupSequencer sequencer(u"g"_s, &history, [&](const Envelope &e) { out.receive(e); });
        sequencer.offer(chat(1));
        sequencer.offer(chat(1));
        sequencer.offer(Envelope("typing", Envelope::Audience::KaiwaV1, 0));
        sequencer.offer(chat(2));
        QCOMPARE(out.ids(), (QList<qint64>{1, 0, 2}));
    }

    void reordersByIdWithoutReadingTheStore()
    {
        FakeHistory history;
        Recorder out;
        GroupSequencer sequencer(u"g"_s, &history, [&](const Envelope &e) { out.receive(e); });
        sequencer.offer(chat(3));
        sequencer.offer(chat(2));
        QVERIFY(out.received.isEmpty());
        QCOMPARE(sequencer.pendingCount(), 2);
        sequencer.offer(chat(1));
        QCOMPARE(out.ids(), (QList<qint64>{1, 2, 3}));
        QCOMPARE(history.reads, 0);
    }

    void fillsGapsFromTheStore()
    {
        FakeHistory history;
        Recorder out;
        GroupSequencer sequencer(u"g"_s, &history, [&](const Envelope &e) { out.receive(e); });
        for (int i = 0; i < 4; ++i)
            history.store(u"g"_s); // 1..4 stored; only 4 is ever published here
        sequencer.offer(history.groups[u"g"_s].value(4));
        QVERIFY(out.received.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(out.ids(), (QList<qint64>{1, 2, 3, 4}), GroupSequencer::GapTimeoutMs * 4);
        QCOMPARE(out.payloads().first(), "g#1");
    }

    void catchUpReadsWhatWasMissed()
    {
        FakeHistory history;
        Recorder out;
        GroupSequencer sequencer(u"g"_s, &history, [&](const Envelope &e) { out.receive(e); });
        for (int i = 0; i < GroupSequencer::PageSize * 2 + 5; ++i)
            history.store(u"g"_s);
        sequencer.catchUp();
        QTRY_COMPARE(out.received.size(), GroupSequencer::PageSize * 2 + 5);
        QCOMPARE(sequencer.lastDelivered(), GroupSequencer::PageSize * 2 + 5);
    }

    void skipsWhatRetentionRemoved()
    {
        FakeHistory history;
        Recorder out;
        GroupSequencer sequencer(u"g"_s, &history, [&](const Envelope &e) { out.receive(e); });
        for (int i = 0; i < 6; ++i)
            history.store(u"g"_s);
        history.groups[u"g"_s].remove(1);
        history.groups[u"g"_s].remove(2);
        sequencer.offer(chat(6));
        QTRY_COMPARE_WITH_TIMEOUT(out.ids(), (QList<qint64>{3, 4, 5, 6}), GroupSequencer::GapTimeoutMs * 4);
    }

    /// A store that answers nothing for a gap it must hold (a database restarting) holds the later
    /// messages back until it answers, instead of skipping: nothing is lost for the members.
    void waitsForAStoreThatDoesNotAnswer()
    {
        FakeHistory history;
        Recorder out;
        GroupSequencer sequencer(u"g"_s, &history, [&](const Envelope &e) { out.receive(e); });
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"waits for ids 1 to 2 from the store"_s));
        sequencer.offer(chat(3)); // 1 and 2 were stored, but the store cannot be read
        QTRY_VERIFY_WITH_TIMEOUT(history.reads >= 3, GroupSequencer::GapTimeoutMs * 8);
        QVERIFY(out.received.isEmpty());
        for (int i = 0; i < 3; ++i)
            history.store(u"g"_s); // readable again
        QTRY_COMPARE_WITH_TIMEOUT(out.payloads(), (QByteArrayList{"g#1", "g#2", "m3"}),
                                  GroupSequencer::GapTimeoutMs * 4);
    }

    void givesUpOnAStoreThatNeverAnswers()
    {
        FakeHistory history;
        Recorder out;
        GroupSequencer sequencer(u"g"_s, &history, [&](const Envelope &e) { out.receive(e); });
        sequencer.setStoreWaitLimit(GroupSequencer::GapTimeoutMs * 3);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"waits for ids 1 to 2 from the store"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skips ids 1 to 2 which the store did not return"_s));
        sequencer.offer(chat(3));
        QTRY_COMPARE_WITH_TIMEOUT(out.ids(), QList<qint64>{3}, GroupSequencer::GapTimeoutMs * 12);
    }
};

QTEST_GUILESS_MAIN(TestGroupSequencer)
#include "tst_groupsequencer.moc"
