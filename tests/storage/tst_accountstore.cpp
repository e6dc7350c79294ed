// SPDX-License-Identifier: MIT
// AccountStore (schema version 2) on both backends: accounts, hashed passwords, sessions with
// expiry, and the verified flag of messages. PostgreSQL runs on a private server the test starts.
#include "backendstores.h"
#include "server/storage/postgresmessagestore.h"
#include "util/fixturepolicy.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

class TestAccountStore : public QObject
{
    Q_OBJECT

private:
    KaiwaTest::BackendStores m_backends{u"accounts"_s};

    static QByteArray tokenHash(QByteArrayView token)
    {
        return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
    }

private Q_SLOTS:
    void initTestCase() { m_backends.start(); }

    void accountsAndSessions_data() { KaiwaTest::BackendStores::addRows(); }

    void accountsAndSessions()
    {
        QFETCH(QString, backend);
        if (backend == "postgresql"_L1)
            KAIWA_REQUIRE_FIXTURE(m_backends.postgresStarted(), u"PostgreSQL"_s);
        const auto store = m_backends.open(backend);
        QVERIFY(store);
        auto accounts = store->createAccountStore();
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

    void liveSessionsInOneQuery_data() { KaiwaTest::BackendStores::addRows(); }

    /// What a daemon asks every few seconds about its open signed-in connections.
    void liveSessionsInOneQuery()
    {
        QFETCH(QString, backend);
        if (backend == "postgresql"_L1)
            KAIWA_REQUIRE_FIXTURE(m_backends.postgresStarted(), u"PostgreSQL"_s);
        const auto store = m_backends.open(backend);
        QVERIFY(store);
        auto accounts = store->createAccountStore();
        QVERIFY(accounts);
        QCOMPARE(accounts->addAccount(u"alice"_s, u"hash"_s), AccountStore::Result::Ok);
        QCOMPARE(accounts->addAccount(u"bob"_s, u"hash"_s), AccountStore::Result::Ok);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(accounts->addSession(tokenHash("a1"), u"alice"_s, now.addSecs(3600)));
        QVERIFY(accounts->addSession(tokenHash("a2"), u"alice"_s, now.addSecs(3600)));
        QVERIFY(accounts->addSession(tokenHash("b1"), u"bob"_s, now.addSecs(3600)));
        QVERIFY(accounts->addSession(tokenHash("old"), u"bob"_s, now.addSecs(-1)));

        const QList<QByteArray> asked{tokenHash("a1"), tokenHash("a2"), tokenHash("b1"), tokenHash("old"),
                                      tokenHash("never")};
        QCOMPARE(accounts->liveSessions(asked, now),
                 std::optional(QSet<QByteArray>{tokenHash("a1"), tokenHash("a2"), tokenHash("b1")}));
        QVERIFY(accounts->removeSession(tokenHash("a1")));
        QCOMPARE(accounts->setPassword(u"bob"_s, u"new hash"_s), AccountStore::Result::Ok);
        QCOMPARE(accounts->liveSessions(asked, now), std::optional(QSet<QByteArray>{tokenHash("a2")}));
        QCOMPARE(accounts->removeAccount(u"alice"_s), AccountStore::Result::Ok);
        QCOMPARE(accounts->liveSessions(asked, now), std::optional(QSet<QByteArray>{}));
        QCOMPARE(accounts->liveSessions({}, now), std::optional(QSet<QByteArray>{}));

        // A batch as large as a busy daemon's: one statement, whatever its size.
        QList<QByteArray> many;
        for (int i = 0; i < 2000; ++i)
            many.append(tokenHash(QByteArray::number(i)));
        QVERIFY(accounts->addAccount(u"carol"_s, u"hash"_s) == AccountStore::Result::Ok);
        QVERIFY(accounts->addSession(many.at(1234), u"carol"_s, now.addSecs(3600)));
        QCOMPARE(accounts->liveSessions(many, now), std::optional(QSet<QByteArray>{many.at(1234)}));
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
