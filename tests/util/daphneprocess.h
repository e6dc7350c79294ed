// SPDX-License-Identifier: MIT
#pragma once

#include "chatendpoint.h"

#include <QProcess>

namespace KaiwaTest {

/**
 * The Django Channels tutorial app the repository carries (tests/peers/django-tutorial) on
 * Debian's Daphne, on a free loopback port, with the in-memory channel layer. Stopped (SIGTERM)
 * when destroyed.
 */
class DaphneProcess : public ChatEndpoint
{
public:
    DaphneProcess();
    ~DaphneProcess() override;

    /// Waits for Daphne's "Listening on TCP address" line.
    bool start(quint16 port = 0) override;
    int stop() override;
    quint16 port() const override { return m_port; }
    bool isKaiwa() const override { return false; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace KaiwaTest
