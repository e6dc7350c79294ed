// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>
#include <thread>

namespace KaiwaTest {

/**
 * Makes another process slow in a repeatable way: pins it to one CPU and keeps that CPU busy with a
 * thread of this process that spins there, so the process gets about half of one core, as a daemon on
 * a loaded machine does. Undone when destroyed. Linux only (sched_setaffinity); elsewhere isActive()
 * is false and nothing changes.
 */
class BusyCore
{
public:
    explicit BusyCore(qint64 pid);
    ~BusyCore();
    BusyCore(const BusyCore &) = delete;
    BusyCore &operator=(const BusyCore &) = delete;

    /// The process is pinned and the spinner runs on its CPU.
    bool isActive() const { return m_cpu >= 0; }
    int cpu() const { return m_cpu; }

private:
    int m_cpu = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_spinner;
};

} // namespace KaiwaTest
