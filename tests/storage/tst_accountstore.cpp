// SPDX-License-Identifier: MIT
// AccountStore (schema version 2) on both backends: accounts, hashed passwords, sessions with
// expiry, and the verified flag of messages. PostgreSQL runs on a private server the test starts.
#include "server/storage/messagestorefactory.h"
#include "server/storage/postgresmessagestore.h"
#include "util/fixturepolicy.h"
#include "util/postgresprocess.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

class TestAccountStore : public QObject
{
    Q_OBJECT

private:
    KaiwaTest::PostgresProcess m_postgres;
    bool m_postgresStarted = false;

    static QByteArray tokenHash(const char *token)
    {
        return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
    }

private Q_SLOTS:
    void initTestCase() { m_postgresStarted = m_postgres.start(); }

    void accountsAndSessions_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    void accountsAndSessions()
    {
        QFETCH(QString, backend);
        QString spec = u":memory:"_s;
        if (backend == "postgresql"_L1) {
            KAIWA_REQUIRE_FIXTURE(m_postgresStarted, u"PostgreSQL"_s);
            QVERIFY(m_postgres.createDatabase(u"accounts"_s));
            spec = m_postgres.url(u"accounts"_s);
        }
        QString error;
        auto store = createMessageStore(spec, &error);
        QVERIFY2(store && store->open(), qPrintable(store ? store->errorString() : error));
        auto accounts = createAccountStore(store.get());
        QVERIFY(accounts);

        QCOMPARE(accounts->addAccount(u"alice"_s, u"hash-1"_s), AccountStore::Result::Ok);
        QCOMPARE(accounts->addAccount(u"alice"_s, u"hash-2"_s), AccountStore::Result::Exists);
        QCOMPARE(accounts->addAccount(u"雑談"_s, u"hash-3"_s), AccountStore::Result::Ok);
        QCOMPARE(accounts->accountNames(), (QStringList{u"alice"_s, u"雑談"_s}));
        QCOMPARE(accounts->account(u"alice"_s)->passwordHash, u"hash-1"_s);
        QVERIFY(!accounts->account(u"bob"_s));
        QVERIFY(accounts->errorString().isEmpty());

        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(accounts->addSession(tokenHash("t1"), u"alice"_s, now.addSecs(3600)));
        QVERIFY(accounts->addSession(tokenHash("t2"), u"alice"_s, now.addSecs(-1))); // already expired
        QCOMPARE(accounts->sessionAccount(tokenHash("t1"), now), std::optional<QString>(u"alice"_s));
        QVERIFY(!accounts->sessionAccount(tokenHash("t2"), now));
        QVERIFY(!accounts->sessionAccount(tokenHash("nope"), now));
        QCOMPARE(accounts->removeExpiredSessions(now), 1);

        // A new password ends every session of the account.
        QCOMPARE(accounts->setPassword(u"alice"_s, u"hash-4"_s), AccountStore::Result::Ok);
        QVERIFY(!accounts->sessionAccount(tokenHash("t1"), now));
        QCOMPARE(accounts->account(u"alice"_s)->passwordHash, u"hash-4"_s);
        QCOMPARE(accounts->setPassword(u"bob"_s, u"x"_s), AccountStore::Result::NotFound);

        QVERIFY(accounts->addSession(tokenHash("t3"), u"alice"_s, now.addSecs(3600)));
        QVERIFY(accounts->removeSession(tokenHash("t3")));
        QVERIFY(!accounts->sessionAccount(tokenHash("t3"), now));
        QVERIFY(accounts->addSession(tokenHash("t4"), u"alice"_s, now.addSecs(3600)));
        QCOMPARE(accounts->removeAccount(u"alice"_s), AccountStore::Result::Ok);
        QVERIFY(!accounts->sessionAccount(tokenHash("t4"), now));
        QCOMPARE(accounts->removeAccount(u"alice"_s), AccountStore::Result::NotFound);

        // Messages keep whether their sender was signed in.
        const auto verified = store->append(ChatMessage{0, u"lobby"_s, u"雑談"_s, {}, u"signed"_s, {}, true});
        const auto anonymous = store->append(ChatMessage{0, u"lobby"_s, u"雑談"_s, {}, u"not signed"_s, {}, false});
        QVERIFY(verified && anonymous);
        const auto latest = store->latest(u"lobby"_s, 10);
        QCOMPARE(latest.size(), 2);
        QVERIFY(latest.at(0).verified);
        QVERIFY(!latest.at(1).verified);
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
