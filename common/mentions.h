// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace Kaiwa {

/**
 * `@name` in message text (docs/protocol.md, "Mentions"):
 * - `@` at the start or after a character that is not a letter, digit, `_`, `.`, `-` or `@` (so
 *   `mail@example.com` mentions nobody);
 * - the name: 1 to 64 letters and digits of any script, `_`, `-` and `.`; a trailing `.` or `-` ends the
 *   sentence, not the name (`@bob.` mentions `bob`);
 * - names compare with fold(): NFKC and Unicode case folding (`@ＢＯＢ` is `@bob`).
 * Display names with other characters (spaces) cannot be mentioned in full.
 */
namespace Mentions {

/// The names the text addresses, as written, in order of first appearance, without repeats (by fold()).
QStringList extract(QStringView text);

/// The form names are compared in.
QString fold(QStringView name);

/// Whether `mentions` (from extract()) addresses one of `names` (a display name, an account name).
bool addresses(const QStringList &mentions, const QStringList &names);

} // namespace Mentions
} // namespace Kaiwa
