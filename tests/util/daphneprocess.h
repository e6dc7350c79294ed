// SPDX-License-Identifier: MIT
#pragma once

#include "chatendpoint.h"

#include <QProcess>

namespace KaiwaTest {

/**
 * The Django Channels tutorial app (../shared/peers/django-channels-chat, or KAIWA_PEERS_DIR)
 * on Debian's Daphne, on a free loopback port, with the in-memory channel layer.
 */
class DaphneProcess : public ChatEndpoint
{
public:
    DaphneProcess();
    ~DaphneProcess() override;

    bool start(quint16 port = 0) override;
    quint16 port() const override { return m_port; }
    bool isPeer() const override { return true; }

    /// The folder holding the reference peers.
    static QString peersDirectory();
    /// A port that was free a moment ago (for programs that cannot report the one they chose).
    static quint16 freePort();

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace KaiwaTest
