// SPDX-License-Identifier: MIT
#pragma once

#include "transport/transportcounters.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <functional>
#include <map>

namespace Kaiwa::Server {

/**
 * The daemon's counters, rendered for `GET /metrics` in the Prometheus text exposition format
 * (version 0.0.4). One object, owned by ServerApp and handed to the components that count
 * (transport, chat service and consumers, router, login); no singleton. Everything runs on the
 * daemon's one thread, so counters are plain integers.
 */
class Metrics
{
public:
    /// Values read when /metrics is rendered rather than counted as they happen.
    struct Gauges {
        int connections = 0; ///< Open TCP connections, HTTP and WebSocket.
        int webSockets = 0;
        int rooms = 0;              ///< Rooms with members in this daemon.
        bool layerReachable = true; ///< False while the Redis layer cannot reach Redis.
        bool redisConfigured = false;
        bool redisStoreConflict = false; ///< The daemons on this Redis use another database.
        quint64 redisProbeTimeouts = 0;  ///< Times Redis stopped answering (and was reconnected).
    };

    Metrics();

    TransportCounters &transport() { return m_transport; }

    /// A client frame reached a chat consumer.
    void countMessageReceived() { ++m_messagesReceived; }
    /// A message was stored and sent to its room's group.
    void countMessageStored() { ++m_messagesStored; }
    /// A chat frame was queued for one member (a broadcast to n members counts n).
    void countMessageDelivered() { ++m_messagesDelivered; }
    /// An error frame was sent to a client, by its protocol code ("rate_limited", ...).
    void countError(const QString &code) { ++m_errors[code]; }
    /// An upgrade was refused before 101, by reason ("origin", "unauthorized", ...).
    void countRefusedUpgrade(const char *reason) { ++m_refusedUpgrades[reason]; }
    /// A login attempt, by result ("ok", "failed", "throttled").
    void countLogin(const char *result) { ++m_logins[result]; }
    /// How long a message waited for its store: the commit of its batch (GroupCommit).
    /// `count` writes that each took `nanoseconds` (a group commit's messages all wait for the one commit).
    void observeStoreLatency(qint64 nanoseconds, quint64 count = 1);
    /// A write transaction stored a batch of chat messages (stored / commits is the mean batch).
    void countStoreCommit() { ++m_storeCommits; }

    /// Where render() reads the gauges from (set by ServerApp, which owns what they describe).
    void setGaugeSource(std::function<Gauges()> source) { m_gaugeSource = std::move(source); }

    /// The exposition text.
    QByteArray render() const;
    static constexpr QByteArrayView contentType{"text/plain; version=0.0.4; charset=utf-8"};

private:
    static constexpr std::array<double, 11> s_latencyBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                             0.05,   0.1,   0.25,   0.5,   1.0};

    TransportCounters m_transport;
    quint64 m_messagesReceived = 0;
    quint64 m_messagesStored = 0;
    quint64 m_storeCommits = 0;
    quint64 m_messagesDelivered = 0;
    std::map<QString, quint64> m_errors;
    std::map<QByteArray, quint64> m_refusedUpgrades;
    std::map<QByteArray, quint64> m_logins;
    std::array<quint64, s_latencyBuckets.size()> m_latencyCounts{}; ///< Not cumulative; render() sums.
    quint64 m_latencyCount = 0;
    double m_latencySumSeconds = 0;
    std::function<Gauges()> m_gaugeSource;
};

} // namespace Kaiwa::Server
