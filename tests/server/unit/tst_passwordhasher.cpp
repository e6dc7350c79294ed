// SPDX-License-Identifier: MIT
// PasswordHasher: Django's pbkdf2_sha256 layout, a salt per hash, constant answers for anything
// malformed, and PBKDF2-HMAC-SHA256 itself checked against published test vectors.
#include "server/auth/passwordhasher.h"

#include <QRegularExpression>
#include <QTest>

using Kaiwa::Server::PasswordHasher;
using namespace Qt::StringLiterals;

namespace {

/// A stored hash made by hand from a salt and a derived key given in hex.
QString storedHash(int iterations, const QByteArray &salt, const QByteArray &keyHex)
{
    return u"pbkdf2-sha256$%1$%2$%3"_s.arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(QByteArray::fromHex(keyHex).toBase64()));
}

} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashHasDjangoLayout()
    {
        const QString hash = PasswordHasher::hash("correct horse 1", 1000);
        // algorithm$iterations$salt$key: 16 bytes of salt and 32 of key, standard base64.
        static const QRegularExpression layout(u"^pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=$"_s);
        QVERIFY2(layout.match(hash).hasMatch(), qPrintable(hash));
        QVERIFY(PasswordHasher::hash("x").startsWith(u"pbkdf2-sha256$%1$"_s.arg(PasswordHasher::defaultIterations)));
    }

    void eachHashHasItsOwnSalt()
    {
        const QString first = PasswordHasher::hash("same password", 1000);
        const QString second = PasswordHasher::hash("same password", 1000);
        QVERIFY(first != second);
        QVERIFY(first.section(u'$', 2, 2) != second.section(u'$', 2, 2));
        QVERIFY(PasswordHasher::verify("same password", first));
        QVERIFY(PasswordHasher::verify("same password", second));
    }

    void verifyAcceptsOnlyThePassword_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("attempt");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("the password") << QByteArray("correct horse 1") << QByteArray("correct horse 1") << true;
        QTest::newRow("another") << QByteArray("correct horse 1") << QByteArray("correct horse 2") << false;
        QTest::newRow("other case") << QByteArray("correct horse 1") << QByteArray("Correct horse 1") << false;
        QTest::newRow("a prefix") << QByteArray("correct horse 1") << QByteArray("correct horse") << false;
        QTest::newRow("longer") << QByteArray("correct horse 1") << QByteArray("correct horse 1 ") << false;
        QTest::newRow("empty attempt") << QByteArray("correct horse 1") << QByteArray() << false;
        QTest::newRow("japanese") << u"日本語のパスワード"_s.toUtf8() << u"日本語のパスワード"_s.toUtf8() << true;
        QTest::newRow("japanese, one character off")
            << u"日本語のパスワード"_s.toUtf8() << u"日本語のパスワート"_s.toUtf8() << false;
        QTest::newRow("a NUL inside") << QByteArray("pass\0word", 9) << QByteArray("pass") << false;
    }
    void verifyAcceptsOnlyThePassword()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, attempt);
        QFETCH(bool, accepted);
        QCOMPARE(PasswordHasher::verify(attempt, PasswordHasher::hash(password, 1000)), accepted);
    }

    /// PBKDF2-HMAC-SHA256 vectors (RFC 7914 section 11 uses the same construction; these are the
    /// widely published P="password", S="salt" ones): a hash Django or any other PBKDF2 wrote verifies.
    void knownVectors_data()
    {
        QTest::addColumn<int>("iterations");
        QTest::addColumn<QByteArray>("keyHex");
        QTest::newRow("1 iteration") << 1
                                     << QByteArray("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
        QTest::newRow("2 iterations") << 2
                                      << QByteArray("ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
        QTest::newRow("4096 iterations") << 4096
                                         << QByteArray(
                                                "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
    }
    void knownVectors()
    {
        QFETCH(int, iterations);
        QFETCH(QByteArray, keyHex);
        const QString stored = storedHash(iterations, "salt", keyHex);
        QVERIFY(PasswordHasher::verify("password", stored));
        QVERIFY(!PasswordHasher::verify("Password", stored));
        // The same key under another iteration count is another hash.
        QVERIFY(!PasswordHasher::verify("password", storedHash(iterations + 1, "salt", keyHex)));
    }

    void malformedStoredHashIsRefused_data()
    {
        QTest::addColumn<QString>("stored");
        const QString salt = QString::fromLatin1(QByteArray("salt").toBase64());
        const QString key = QString::fromLatin1(
            QByteArray::fromHex("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b").toBase64());
        QTest::newRow("empty") << QString();
        QTest::newRow("plain text") << u"password"_s;
        QTest::newRow("other algorithm") << u"pbkdf2-sha1$1$%1$%2"_s.arg(salt, key);
        QTest::newRow("three parts") << u"pbkdf2-sha256$1$%1"_s.arg(salt);
        QTest::newRow("five parts") << u"pbkdf2-sha256$1$%1$%2$x"_s.arg(salt, key);
        QTest::newRow("iterations not a number") << u"pbkdf2-sha256$one$%1$%2"_s.arg(salt, key);
        QTest::newRow("zero iterations") << u"pbkdf2-sha256$0$%1$%2"_s.arg(salt, key);
        QTest::newRow("negative iterations") << u"pbkdf2-sha256$-1$%1$%2"_s.arg(salt, key);
        // A stored hash must not make a sign-in run for hours.
        QTest::newRow("absurd iterations") << u"pbkdf2-sha256$100000001$%1$%2"_s.arg(salt, key);
        QTest::newRow("empty salt") << u"pbkdf2-sha256$1$$%1"_s.arg(key);
        QTest::newRow("short key") << u"pbkdf2-sha256$1$%1$%2"_s.arg(salt, key.left(20));
        QTest::newRow("empty key") << u"pbkdf2-sha256$1$%1$"_s.arg(salt);
    }
    void malformedStoredHashIsRefused()
    {
        QFETCH(QString, stored);
        QVERIFY(!PasswordHasher::verify("password", stored));
        QVERIFY(!PasswordHasher::verify("", stored));
    }

    /// Unknown names are checked against the decoy, so they take as long as known ones and never pass.
    void decoyHashIsARealHashOfNoPassword()
    {
        const QString &decoy = PasswordHasher::decoyHash();
        QCOMPARE(&PasswordHasher::decoyHash(), &decoy); // made once
        QVERIFY(decoy.startsWith(u"pbkdf2-sha256$%1$"_s.arg(PasswordHasher::defaultIterations)));
        QCOMPARE(decoy.split(u'$').size(), 4);
        for (const QByteArray &attempt : {QByteArray(), QByteArray("password"), QByteArray("0")})
            QVERIFY(!PasswordHasher::verify(attempt, decoy));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
