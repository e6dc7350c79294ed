// SPDX-License-Identifier: MIT
#include "reconnectbackoff.h"

#include <algorithm>
#include <cmath>

namespace Kaiwa::Client {

ReconnectBackoff::ReconnectBackoff()
    : ReconnectBackoff(Parameters{})
{
}

ReconnectBackoff::ReconnectBackoff(Parameters parameters, QRandomGenerator *random)
    : m_parameters(parameters)
    , m_random(random ? random : QRandomGenerator::global())
{
}

ReconnectBackoff::Duration ReconnectBackoff::next()
{
    const double initial = double(m_parameters.initial.count());
    const double maximum = double(m_parameters.maximum.count());
    // Stop doubling once past the maximum so the exponent cannot overflow after many failures.
    const double base = std::min(maximum, initial * std::ldexp(1.0, std::min(m_attempt, 30)));
    ++m_attempt;
    const double jitter = std::clamp(m_parameters.jitter, 0.0, 1.0);
    const double factor = 1.0 - jitter + 2.0 * jitter * m_random->generateDouble();
    const double delay = std::clamp(base * factor, initial / 2.0, maximum);
    return Duration(qint64(std::llround(delay)));
}

} // namespace Kaiwa::Client
