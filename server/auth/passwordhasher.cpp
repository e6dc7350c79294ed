// SPDX-License-Identifier: MIT
#include "passwordhasher.h"

#include <QRandomGenerator>
#include <QStringList>

#ifdef KAIWA_HAVE_LIBCRYPTO
#include <openssl/evp.h>
#else
#include <QPasswordDigestor>
#endif

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

constexpr int s_saltBytes = 16;
constexpr int s_keyBytes = 32;
constexpr int s_maxIterations = 100'000'000;

QByteArray derive(QByteArrayView password, const QByteArray &salt, int iterations)
{
#ifdef KAIWA_HAVE_LIBCRYPTO
    // OpenSSL's PBKDF2 is about nine times faster than QPasswordDigestor's (measured: 600k
    // iterations in 0.18 s against 1.6 s), which is what makes a high iteration count affordable.
    QByteArray key(s_keyBytes, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(password.data(), int(password.size()), reinterpret_cast<const unsigned char *>(salt.data()),
                          int(salt.size()), iterations, EVP_sha256(), s_keyBytes,
                          reinterpret_cast<unsigned char *>(key.data()))
        != 1)
        return {};
    return key;
#else
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toByteArray(), salt, iterations,
                                              s_keyBytes);
#endif
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

QString PasswordHasher::hash(QByteArrayView password, int iterations)
{
    QByteArray salt(s_saltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), s_saltBytes / 4);
    const QByteArray key = derive(password, salt, iterations);
    return u"pbkdf2-sha256$%1$%2$%3"_s.arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
}

bool PasswordHasher::verify(QByteArrayView password, const QString &stored)
{
    const QStringList parts = stored.split(u'$');
    if (parts.size() != 4 || parts.at(0) != "pbkdf2-sha256"_L1)
        return false;
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < 1 || iterations > s_maxIterations)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts.at(3).toLatin1());
    if (salt.isEmpty() || expected.size() != s_keyBytes)
        return false;
    return constantTimeEquals(derive(password, salt, iterations), expected);
}

const QString &PasswordHasher::decoyHash()
{
    static const QString s_decoy = hash(QByteArray::number(QRandomGenerator::system()->generate64()));
    return s_decoy;
}

} // namespace Kaiwa::Server
