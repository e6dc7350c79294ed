// SPDX-License-Identifier: MIT
#include "tlscredentials.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#ifdef KAIWA_HAVE_LIBCRYPTO
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#endif

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

/// Whether the key belongs to the leaf certificate; true when that cannot be checked (no libcrypto).
bool keyMatchesCertificate(const QSslCertificate &certificate, const QByteArray &keyPem)
{
#ifdef KAIWA_HAVE_LIBCRYPTO
    // Qt has no way to compare a private key with a certificate's public key; OpenSSL has.
    const QByteArray certificatePem = certificate.toPem();
    const std::unique_ptr<BIO, decltype(&BIO_free)> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), &BIO_free);
    const std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                           &BIO_free);
    if (!certificateBio || !keyBio)
        return false;
    const std::unique_ptr<X509, decltype(&X509_free)> x509(
        PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr), &X509_free);
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    return x509 && key && X509_check_private_key(x509.get(), key.get()) == 1;
#else
    Q_UNUSED(certificate);
    Q_UNUSED(keyPem);
    return true;
#endif
}

} // namespace

std::optional<QSslConfiguration> TlsCredentials::load(const QString &certificatePath, const QString &keyPath,
                                                      QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = u"TLS is not available: Qt found no TLS backend (OpenSSL 3)"_s;
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificatePath, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = u"no PEM certificate in %1"_s.arg(certificatePath);
        return std::nullopt;
    }
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the TLS key %1: %2"_s.arg(keyPath, keyFile.errorString());
        return std::nullopt;
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = u"no usable PEM private key (RSA, EC or DSA, unencrypted) in %1"_s.arg(keyPath);
        return std::nullopt;
    }
    if (!keyMatchesCertificate(chain.first(), pem)) {
        *error = u"the TLS key %1 does not belong to the certificate %2"_s.arg(keyPath, certificatePath);
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with accounts, not certificates
    return configuration;
}

QString TlsCredentials::describe(const QSslConfiguration &configuration)
{
    const QSslCertificate certificate = configuration.localCertificate();
    return u"%1, valid until %2"_s.arg(certificate.subjectDisplayName(),
                                       certificate.expiryDate().toUTC().toString(Qt::ISODate));
}

} // namespace Kaiwa::Server
