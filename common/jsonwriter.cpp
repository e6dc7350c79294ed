// SPDX-License-Identifier: MIT
#include "jsonwriter.h"

#include <utility>

namespace Kaiwa {

namespace {

constexpr char s_hex[] = "0123456789abcdef";

// What JSON requires escaped, the way QJsonDocument writes it: the two-character forms where JSON
// has one, \u00XX for the other control characters; everything else (including non-ASCII) as is.
void appendEscaped(QByteArray &out, QByteArrayView utf8)
{
    qsizetype plainFrom = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.sliced(plainFrom, i - plainFrom));
        plainFrom = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', s_hex[c >> 4], s_hex[c & 0xf]};
            out.append(escape, sizeof escape);
        }
        }
    }
    out.append(utf8.sliced(plainFrom));
}

} // namespace

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
    m_out.append('{');
}

void JsonWriter::key(QLatin1StringView name)
{
    if (!m_first)
        m_out.append(',');
    m_first = false;
    m_out.append('"');
    appendEscaped(m_out, QByteArrayView(name.data(), name.size()));
    m_out.append("\":", 2);
}

void JsonWriter::string(QStringView value)
{
    m_out.append('"');
    appendEscaped(m_out, value.toUtf8());
    m_out.append('"');
}

void JsonWriter::add(QLatin1StringView name, QStringView value)
{
    key(name);
    string(value);
}

void JsonWriter::add(QLatin1StringView name, QLatin1StringView value)
{
    key(name);
    m_out.append('"');
    appendEscaped(m_out, QByteArrayView(value.data(), value.size()));
    m_out.append('"');
}

void JsonWriter::add(QLatin1StringView name, qint64 value)
{
    key(name);
    m_out.append(QByteArray::number(value));
}

void JsonWriter::add(QLatin1StringView name, bool value)
{
    key(name);
    if (value)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
}

void JsonWriter::addRaw(QLatin1StringView name, QByteArrayView json)
{
    key(name);
    m_out.append(json);
}

QByteArray JsonWriter::finish()
{
    m_out.append('}');
    m_first = true;
    return std::exchange(m_out, QByteArray());
}

} // namespace Kaiwa
