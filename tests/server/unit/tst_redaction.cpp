// SPDX-License-Identifier: MIT
// Redaction::url: passwords of database and Redis URLs never reach a log, valid URL or not.
#include "common/redaction.h"

#include <QTest>

using namespace Kaiwa;
using namespace Qt::StringLiterals;

class TestRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void url_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("postgres") << u"postgresql://kaiwa:s3cret@db:5432/kaiwa"_s
                                  << u"postgresql://kaiwa:***@db:5432/kaiwa"_s;
        QTest::newRow("redis without user")
            << u"redis://:s3cret@127.0.0.1:6379/0"_s << u"redis://:***@127.0.0.1:6379/0"_s;
        QTest::newRow("@ and / in the password")
            << u"postgresql://kaiwa:p@ss/w0rd@db/kaiwa"_s << u"postgresql://kaiwa:***@db/kaiwa"_s;
        QTest::newRow("invalid port") << u"redis://:s3cret@host:99999/0"_s << u"redis://:***@host:99999/0"_s;
        QTest::newRow("empty password") << u"postgresql://kaiwa:@db/kaiwa"_s << u"postgresql://kaiwa:***@db/kaiwa"_s;
        QTest::newRow("user only") << u"postgresql://kaiwa@db:5432/kaiwa"_s << u"postgresql://kaiwa@db:5432/kaiwa"_s;
        QTest::newRow("no user info") << u"postgresql://db:5432/kaiwa"_s << u"postgresql://db:5432/kaiwa"_s;
        QTest::newRow("file path") << u"/var/lib/kaiwa/kaiwa.sqlite"_s << u"/var/lib/kaiwa/kaiwa.sqlite"_s;
        QTest::newRow("memory") << u":memory:"_s << u":memory:"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void url()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(Redaction::url(text), shown);
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
