// SPDX-License-Identifier: MIT
#include "busycore.h"

#if defined(Q_OS_LINUX)
#include <pthread.h>
#include <sched.h>
#endif

namespace KaiwaTest {

BusyCore::BusyCore(qint64 pid)
{
#if defined(Q_OS_LINUX)
    // The last CPU this test may use: the first is where a lone test tends to run.
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0)
        return;
    int cpu = -1;
    for (int i = 0; i < CPU_SETSIZE; ++i) {
        if (CPU_ISSET(i, &allowed))
            cpu = i;
    }
    if (cpu < 0)
        return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    if (sched_setaffinity(pid_t(pid), sizeof one, &one) != 0)
        return;
    m_cpu = cpu;
    m_spinner = std::thread([this, one] {
        pthread_setaffinity_np(pthread_self(), sizeof one, &one);
        while (!m_stop.load(std::memory_order_relaxed)) { }
    });
#else
    Q_UNUSED(pid);
#endif
}

BusyCore::~BusyCore()
{
    m_stop = true;
    if (m_spinner.joinable())
        m_spinner.join();
}

} // namespace KaiwaTest
