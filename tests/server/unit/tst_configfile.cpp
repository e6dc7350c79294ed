// SPDX-License-Identifier: MIT
// ConfigFile: what the daemon's INI file may hold, and the one-line error (FILE:LINE) for the rest.
#include "app/configfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

class TestConfigFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const QStringList m_keys{u"port"_s, u"require-login"_s, u"allowed-origins"_s};

    QString write(const QByteArray &contents)
    {
        const QString path = m_dir.filePath(u"kaiwa.conf"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(contents);
        return path;
    }

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("port");
        QTest::addColumn<int>("line");
        QTest::newRow("plain") << "port=8000\n"_ba << u"8000"_s << 1;
        QTest::newRow("no final newline") << "port=8000"_ba << u"8000"_s << 1;
        QTest::newRow("comments and blanks") << "; a comment\n# another\n\n  port = 8000  \n"_ba << u"8000"_s << 4;
        QTest::newRow("CRLF") << "; c\r\nport=8000\r\n"_ba << u"8000"_s << 2;
        QTest::newRow("quoted") << "port=\"8000\"\n"_ba << u"8000"_s << 1;
        QTest::newRow("General section") << "[General]\nport=8000\n"_ba << u"8000"_s << 2;
        QTest::newRow("byte order mark") << "\xef\xbb\xbfport=8000\n"_ba << u"8000"_s << 1;
        QTest::newRow("empty value") << "port=\n"_ba << QString() << 1;
        QTest::newRow("= in the value") << "port=a=b\n"_ba << u"a=b"_s << 1;
    }

    void accepted()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, port);
        QFETCH(int, line);
        QString error;
        const auto file = ConfigFile::read(write(contents), m_keys, &error);
        QVERIFY2(file, qPrintable(error));
        QVERIFY(file->contains(u"port"_s));
        QCOMPARE(file->entry(u"port"_s).value, port);
        QCOMPARE(file->entry(u"port"_s).line, line);
        QCOMPARE(file->location(u"port"_s), file->path() + u':' + QString::number(line));
    }

    void commasAndSemicolonsStayInTheValue()
    {
        // QSettings would read the value as a list, and cut it at a ';'.
        QString error;
        const auto file =
            ConfigFile::read(write("allowed-origins=https://a.example, https://b.example;x\n"), m_keys, &error);
        QVERIFY2(file, qPrintable(error));
        QCOMPARE(file->entry(u"allowed-origins"_s).value, u"https://a.example, https://b.example;x"_s);
    }

    void emptyFileHasNoEntries()
    {
        QString error;
        const auto file = ConfigFile::read(write("; nothing\n\n"), m_keys, &error);
        QVERIFY(file);
        QVERIFY(file->isEmpty());
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("message"); ///< After "FILE:".
        QTest::newRow("bare flag")
            << "port=1\nrequire-login\n"_ba
            << u"2: \"require-login\" has no value: write require-login=VALUE (a flag is require-login=true)"_s;
        QTest::newRow("bare word") << "frobnicate\n"_ba << u"1: expected KEY=VALUE, found \"frobnicate\""_s;
        QTest::newRow("unknown key") << "\n\nverbose=1\n"_ba << u"3: unknown key \"verbose\""_s;
        QTest::newRow("empty key") << "=1\n"_ba << u"1: unknown key \"\""_s;
        QTest::newRow("twice") << "port=1\n; x\nport=2\n"_ba << u"3: port is set twice (first on line 1)"_s;
        QTest::newRow("section") << "[daemon]\n"_ba
                                 << u"1: sections are not supported: [daemon] (write every key at the top level)"_s;
        QTest::newRow("invalid UTF-8") << "port=1\nallowed-origins=\xc3\x28\n"_ba << u"2: not UTF-8 text"_s;
    }

    void refused()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, message);
        const QString path = write(contents);
        QString error;
        QVERIFY(!ConfigFile::read(path, m_keys, &error));
        QCOMPARE(error, path + u':' + message);
    }

    void unreadable()
    {
        QString error;
        const QString missing = m_dir.filePath(u"missing.conf"_s);
        QVERIFY(!ConfigFile::read(missing, m_keys, &error));
        QVERIFY2(error.startsWith(missing + u": cannot read the config file: "_s), qPrintable(error));
        QVERIFY(!ConfigFile::read(m_dir.path(), m_keys, &error));
        QVERIFY2(error.startsWith(m_dir.path() + u": cannot read the config file: "_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestConfigFile)
#include "tst_configfile.moc"
