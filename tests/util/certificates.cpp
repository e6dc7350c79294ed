// SPDX-License-Identifier: MIT
#include "certificates.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStringList>

namespace KaiwaTest::Certificates {

using namespace Qt::StringLiterals;

namespace {

bool openssl(const QString &directory, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("openssl %s failed: %s", qPrintable(arguments.join(u' ')), process.readAllStandardError().constData());
        return false;
    }
    return true;
}

} // namespace

bool make(const QString &directory, const QString &ca, const QString &server)
{
    QFile san(QDir(directory).filePath(u"san.cnf"_s));
    if (!san.open(QIODevice::WriteOnly) || san.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n") < 0)
        return false;
    san.close();
    const QStringList ec{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s};
    return openssl(directory, QStringList{u"req"_s, u"-x509"_s} + ec
                                  + QStringList{u"-keyout"_s, ca + u".key"_s, u"-out"_s, ca + u".pem"_s, u"-days"_s,
                                                u"2"_s, u"-subj"_s, u"/CN=Kaiwa test CA "_s + ca})
           && openssl(directory, QStringList{u"req"_s} + ec
                                     + QStringList{u"-keyout"_s, server + u".key"_s, u"-out"_s, server + u".csr"_s,
                                                   u"-subj"_s, u"/CN=127.0.0.1"_s})
           && openssl(directory, {u"x509"_s, u"-req"_s, u"-in"_s, server + u".csr"_s, u"-CA"_s, ca + u".pem"_s,
                                  u"-CAkey"_s, ca + u".key"_s, u"-CAcreateserial"_s, u"-out"_s, server + u".pem"_s,
                                  u"-days"_s, u"2"_s, u"-extfile"_s, u"san.cnf"_s});
}

} // namespace KaiwaTest::Certificates
