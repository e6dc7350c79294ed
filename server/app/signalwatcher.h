// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <memory>

namespace Kaiwa::Server {

/**
 * Turns termination signals (SIGINT, SIGTERM on POSIX; console control events elsewhere)
 * into a Qt signal delivered on the event loop, where it is safe to act on. The platform
 * code lives in posixsignalwatcher.cpp; other platforms get a watcher that never fires.
 */
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    /// SIGHUP: re-read what can change at run time.
    void reloadRequested();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Kaiwa::Server
