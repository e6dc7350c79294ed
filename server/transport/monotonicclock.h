// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <chrono>

namespace Kaiwa::Server {

/// Milliseconds of a monotonic clock; the connection timeouts compare these, never wall time.
inline qint64 monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace Kaiwa::Server
