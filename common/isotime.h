// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>

namespace Kaiwa {

/// ISO 8601 timestamps as the protocol carries them: UTC with milliseconds, e.g. 2026-11-24T23:00:00.123Z.
class IsoTime
{
public:
    static QString format(const QDateTime &time);
    /// Parses an ISO 8601 timestamp; returns an invalid QDateTime on failure.
    static QDateTime parse(const QString &text);
};

} // namespace Kaiwa
