// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringView>

namespace Kaiwa {

/**
 * Writes one JSON object straight into UTF-8 bytes, for the frames the server sends on every
 * message (ChatMessage::toWire()). It produces what QJsonDocument(object).toJson(Compact) produces
 * for the same members, without building a QJsonObject first, which costs several times more.
 *
 * The caller adds members in the order QJsonObject would keep them (sorted by key) when the bytes
 * must match; JSON itself does not care.
 */
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 256);

    void add(QLatin1StringView key, QStringView value);
    void add(QLatin1StringView key, QLatin1StringView value);
    void add(QLatin1StringView key, qint64 value);
    void add(QLatin1StringView key, bool value);
    /// A member whose value is already JSON (a nested array or object, compact).
    void addRaw(QLatin1StringView key, QByteArrayView json);

    /// The object, closed; the writer is empty afterwards.
    QByteArray finish();

private:
    void key(QLatin1StringView name);
    void string(QStringView value);

    QByteArray m_out;
    bool m_first = true;
};

} // namespace Kaiwa
