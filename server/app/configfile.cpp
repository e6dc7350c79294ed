// SPDX-License-Identifier: MIT
#include "configfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ServerOptions", text);
}

} // namespace

std::optional<ConfigFile> ConfigFile::read(const QString &path, const QStringList &knownKeys, QString *error)
{
    const auto fail = [&](int line, const QString &reason) -> std::optional<ConfigFile> {
        *error = line > 0 ? u"%1:%2: %3"_s.arg(path).arg(line).arg(reason) : u"%1: %2"_s.arg(path, reason);
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(0, tr("cannot read the config file: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(0, tr("cannot read the config file: %1").arg(file.errorString()));

    ConfigFile result;
    result.m_path = path;
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int number = int(index + 1);
        QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        const QString line = QString(decoder.decode(lines.at(index))).trimmed(); // a byte order mark is skipped
        if (decoder.hasError())
            return fail(number, tr("not UTF-8 text"));
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#') || line == "[General]"_L1)
            continue;
        if (line.startsWith(u'['))
            return fail(number, tr("sections are not supported: %1 (write every key at the top level)").arg(line));
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0) {
            // The likely mistake: a flag written as on the command line.
            return fail(number, knownKeys.contains(line)
                                    ? tr("\"%1\" has no value: write %1=VALUE (a flag is %1=true)").arg(line)
                                    : tr("expected KEY=VALUE, found \"%1\"").arg(line));
        }
        const QString key = line.first(equals).trimmed();
        QString value = line.sliced(equals + 1).trimmed();
        if (!knownKeys.contains(key))
            return fail(number, tr("unknown key \"%1\"").arg(key));
        if (const auto it = result.m_entries.constFind(key); it != result.m_entries.cend())
            return fail(number, tr("%1 is set twice (first on line %2)").arg(key).arg(it->line));
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.sliced(1, value.size() - 2);
        result.m_entries.insert(key, Entry{value, number});
    }
    return result;
}

QString ConfigFile::location(const QString &key) const
{
    return u"%1:%2"_s.arg(m_path).arg(m_entries.value(key).line);
}

} // namespace Kaiwa::Server
