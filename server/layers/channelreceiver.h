// SPDX-License-Identifier: MIT
#pragma once

namespace Kaiwa::Server {

class Envelope;

/// The local end of a channel: whatever the layer delivers to (a consumer, in practice).
class ChannelReceiver
{
public:
    virtual ~ChannelReceiver() = default;
    virtual void receive(const Envelope &envelope) = 0;
};

} // namespace Kaiwa::Server
