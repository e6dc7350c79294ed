// SPDX-License-Identifier: MIT
#include "server/storage/messagestoreregistry.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

class TestMessageStoreFactory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteStores_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("memory") << u":memory:"_s;
        QTest::newRow("file") << u"%DIR%/history/kaiwa.db"_s;
        QTest::newRow("file uri") << u"file:%DIR%/kaiwa.db"_s;
    }
    void sqliteStores()
    {
        QFETCH(QString, spec);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        spec.replace(u"%DIR%"_s, dir.path());

        QString error;
        auto first = createMessageStore(spec, &error);
        auto second = createMessageStore(spec, &error); // own connection each
        QVERIFY2(first && second, qPrintable(error));
        QCOMPARE(first->backendId(), u"sqlite"_s);
        QVERIFY2(first->open(), qPrintable(first->errorString()));
        QVERIFY2(second->open(), qPrintable(second->errorString()));
        ChatMessage message;
        message.room = u"lobby"_s;
        message.text = u"hi"_s;
        QCOMPARE(first->append(message)->message.id, 1);
        // In-memory stores are private to their connection; files are shared.
        QCOMPARE(second->append(message)->message.id, spec == ":memory:"_L1 ? 1 : 2);
    }

    void postgresStores()
    {
        // Built closed: nothing connects until open() (tst_postgresmessagestore opens real ones).
        QString error;
        auto store = createMessageStore(u"postgresql://kaiwa@localhost:5432/kaiwa"_s, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->backendId(), u"postgresql"_s);
        QVERIFY(createMessageStore(u"postgres://localhost/kaiwa"_s));
    }

    void refusedSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("error");
        QTest::newRow("postgresql without database")
            << u"postgresql://kaiwa@localhost"_s << u"Invalid PostgreSQL URL"_s;
        QTest::newRow("postgres without database") << u"postgres://localhost/"_s << u"Invalid PostgreSQL URL"_s;
        QTest::newRow("unknown scheme") << u"redis://localhost"_s << u"Unknown message database scheme 'redis'"_s;
        QTest::newRow("empty") << QString() << u"No message database given"_s;
    }
    void refusedSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, error);
        QString reason;
        QVERIFY(!createMessageStore(spec, &reason));
        QVERIFY2(reason.startsWith(error), qPrintable(reason));
        QVERIFY(!createMessageStore(spec)); // error pointer is optional
    }
};

QTEST_GUILESS_MAIN(TestMessageStoreFactory)
#include "tst_messagestorefactory.moc"
