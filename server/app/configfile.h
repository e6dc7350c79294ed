// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace Kaiwa::Server {

/**
 * The daemon's INI config file (`--config FILE`), read strictly: a file that does not say exactly
 * what it means is refused rather than half applied. QSettings would skip a line without `=` (a bare
 * `require-login`, written as on the command line) and start the daemon without the option.
 *
 * Accepted: UTF-8 text; blank lines; whole-line comments starting with `;` or `#`; a `[General]`
 * header (what QSettings writes); `key=value` lines with a known key, each key once. Spaces around
 * key and value are ignored, and a value in double quotes loses them. Everything else is an error
 * naming the file and the line.
 */
class ConfigFile
{
public:
    struct Entry {
        QString value;
        int line = 0; ///< 1-based, for messages about the value.
    };

    /**
     * Reads and checks `path`. Nothing, with a one-line reason in *error ("FILE:LINE: ..."), when
     * the file cannot be read or a line is malformed, unknown or repeated.
     */
    static std::optional<ConfigFile> read(const QString &path, const QStringList &knownKeys, QString *error);

    QString path() const { return m_path; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    bool contains(const QString &key) const { return m_entries.contains(key); }
    Entry entry(const QString &key) const { return m_entries.value(key); }
    /// "FILE:LINE" of a key's line, the prefix of messages about its value.
    QString location(const QString &key) const;

private:
    QString m_path;
    QHash<QString, Entry> m_entries;
};

} // namespace Kaiwa::Server
