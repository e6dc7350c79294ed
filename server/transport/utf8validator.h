// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

namespace Kaiwa::Server {

/**
 * Strict UTF-8 validation as RFC 6455 requires for text frames (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF). QStringDecoder would allocate a QString to tell.
 */
bool isValidUtf8(QByteArrayView bytes);

} // namespace Kaiwa::Server
