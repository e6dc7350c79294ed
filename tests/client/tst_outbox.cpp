// SPDX-License-Identifier: MIT
#include "client/outbox.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;

class TestOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientIdsAreUnique()
    {
        Outbox outbox;
        const QString first = outbox.add(u"same"_s).clientId;
        const QString second = outbox.add(u"same"_s).clientId;
        QVERIFY(first != second);
        QVERIFY(first.size() <= 64);
        QCOMPARE(outbox.size(), 2);
    }

    void kaiwaResendsEverythingUnconfirmed()
    {
        Outbox outbox;
        const QString a = outbox.add(u"a"_s).clientId;
        const QString b = outbox.add(u"b"_s).clientId;
        outbox.markWritten(a);
        outbox.markWritten(b);
        QVERIFY(outbox.take(a));
        QVERIFY(!outbox.take(a));
        outbox.markAllUnwritten();
        QCOMPARE(outbox.messages().size(), 1);
        QCOMPARE(outbox.messages().constFirst().clientId, b);
        QVERIFY(!outbox.messages().constFirst().written);
    }

    void tutorialMatchesEchoesAndDropsLostOnes()
    {
        Outbox outbox;
        const QString a = outbox.add(u"hello"_s).clientId;
        const QString b = outbox.add(u"hello"_s).clientId;
        const QString c = outbox.add(u"later"_s).clientId;
        QVERIFY(!outbox.takeEcho(u"hello"_s)); // Not written yet: cannot be an echo.
        outbox.markWritten(a);
        outbox.markWritten(b);
        QCOMPARE(outbox.takeEcho(u"hello"_s)->clientId, a); // Oldest first.
        QCOMPARE(outbox.dropWritten(), QStringList{b});
        QCOMPARE(outbox.size(), 1);
        QVERIFY(outbox.contains(c));
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
