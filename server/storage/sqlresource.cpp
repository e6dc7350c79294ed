// SPDX-License-Identifier: MIT
#include "sqlresource.h"

#include "storagelogging.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        qCWarning(lcStorage) << "missing SQL resource" << path;
        return {};
    }
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace

SqlResource::SqlResource(const QString &backend)
    : m_backend(backend)
    , m_root(u":/kaiwa/sql/"_s + backend)
{
}

QString SqlResource::query(const QString &name) const
{
    return readResource(m_root + u'/' + name + u".sql"_s);
}

int SqlResource::latestSchemaVersion() const
{
    int latest = 0;
    const QStringList versions = QDir(m_root + u"/version"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : versions) {
        bool ok = false;
        const int version = entry.toInt(&ok);
        if (ok)
            latest = std::max(latest, version);
    }
    return latest;
}

QStringList SqlResource::upgradeSteps(int version) const
{
    const QDir dir(m_root + u"/version/"_s + QString::number(version));
    // Names carry a zero-padded sequence number, so name order is application order.
    const QStringList files = dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    QStringList steps;
    steps.reserve(files.size());
    for (const QString &file : files)
        steps.append(readResource(dir.filePath(file)));
    return steps;
}

} // namespace Kaiwa::Server
