// SPDX-License-Identifier: MIT
#include "metrics.h"

namespace Kaiwa::Server {

namespace {

/// Label values are escaped as the exposition format requires: backslash, quote, newline.
QByteArray labelValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

class Writer
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_text += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    }
    void sample(const char *name, quint64 value, QByteArrayView labels = {})
    {
        m_text += name;
        if (!labels.isEmpty())
            m_text += '{' + labels.toByteArray() + '}';
        m_text += ' ' + QByteArray::number(value) + '\n';
    }
    void sample(const char *name, double value, QByteArrayView labels = {})
    {
        m_text += name;
        if (!labels.isEmpty())
            m_text += '{' + labels.toByteArray() + '}';
        m_text += ' ' + QByteArray::number(value, 'g', 12) + '\n';
    }
    QByteArray text() const { return m_text; }

private:
    QByteArray m_text;
};

} // namespace

Metrics::Metrics() = default;

void Metrics::observeStoreLatency(qint64 nanoseconds, quint64 count)
{
    const double seconds = double(nanoseconds) / 1e9;
    m_latencyCount += count;
    m_latencySumSeconds += seconds * double(count);
    for (std::size_t i = 0; i < s_latencyBuckets.size(); ++i) {
        if (seconds <= s_latencyBuckets[i]) {
            m_latencyCounts[i] += count;
            break;
        }
    }
}

QByteArray Metrics::render() const
{
    const Gauges gauges = m_gaugeSource ? m_gaugeSource() : Gauges{};
    Writer w;
    w.family("kaiwa_connections", "gauge", "Open TCP connections (HTTP and WebSocket).");
    w.sample("kaiwa_connections", quint64(gauges.connections));
    w.family("kaiwa_websocket_connections", "gauge", "Open WebSocket connections.");
    w.sample("kaiwa_websocket_connections", quint64(gauges.webSockets));
    w.family("kaiwa_connections_accepted_total", "counter", "TCP connections accepted.");
    w.sample("kaiwa_connections_accepted_total", m_transport.connectionsAccepted);
    w.family("kaiwa_connections_refused_total", "counter",
             "TCP connections refused with 503 (too many, or shutting down).");
    w.sample("kaiwa_connections_refused_total", m_transport.connectionsRefused);
    w.family("kaiwa_rooms", "gauge", "Rooms with members in this daemon.");
    w.sample("kaiwa_rooms", quint64(gauges.rooms));

    w.family("kaiwa_messages_received_total", "counter", "Frames received from chat clients.");
    w.sample("kaiwa_messages_received_total", m_messagesReceived);
    w.family("kaiwa_messages_stored_total", "counter", "Chat messages stored and broadcast.");
    w.sample("kaiwa_messages_stored_total", m_messagesStored);
    w.family(
        "kaiwa_store_commits_total", "counter",
        "Write transactions that stored chat messages (group commit: messages stored / commits is the mean batch).");
    w.sample("kaiwa_store_commits_total", m_storeCommits);
    w.family("kaiwa_messages_delivered_total", "counter", "Chat messages queued for members (one per member).");
    w.sample("kaiwa_messages_delivered_total", m_messagesDelivered);
    w.family("kaiwa_websocket_received_bytes_total", "counter", "Bytes received on WebSockets.");
    w.sample("kaiwa_websocket_received_bytes_total", m_transport.webSocketBytesReceived);
    w.family("kaiwa_websocket_sent_bytes_total", "counter", "Bytes queued for sending on WebSockets.");
    w.sample("kaiwa_websocket_sent_bytes_total", m_transport.webSocketBytesSent);

    w.family("kaiwa_errors_total", "counter", "Error frames sent to clients, by code.");
    for (const auto &[code, count] : m_errors)
        w.sample("kaiwa_errors_total", count, "code=\"" + labelValue(code.toUtf8()) + '"');
    w.family("kaiwa_upgrades_refused_total", "counter", "WebSocket upgrades refused before 101, by reason.");
    for (const auto &[reason, count] : m_refusedUpgrades)
        w.sample("kaiwa_upgrades_refused_total", count, "reason=\"" + labelValue(reason) + '"');
    w.family("kaiwa_websocket_closes_total", "counter", "Close frames sent by the daemon, by close code.");
    for (const auto &[code, count] : m_transport.closesSent)
        w.sample("kaiwa_websocket_closes_total", count, "code=\"" + QByteArray::number(code) + '"');
    w.family("kaiwa_slow_consumer_closes_total", "counter",
             "WebSockets closed with 1013 because their send queue was full.");
    w.sample("kaiwa_slow_consumer_closes_total", m_transport.slowReaderCloses);
    w.family("kaiwa_logins_total", "counter", "Login attempts, by result.");
    for (const auto &[result, count] : m_logins)
        w.sample("kaiwa_logins_total", count, "result=\"" + labelValue(result) + '"');

    w.family("kaiwa_store_append_seconds", "histogram", "Time to store one chat message.");
    quint64 cumulative = 0;
    for (std::size_t i = 0; i < s_latencyBuckets.size(); ++i) {
        cumulative += m_latencyCounts[i];
        w.sample("kaiwa_store_append_seconds_bucket", cumulative,
                 "le=\"" + QByteArray::number(s_latencyBuckets[i], 'g', 6) + '"');
    }
    w.sample("kaiwa_store_append_seconds_bucket", m_latencyCount, "le=\"+Inf\"");
    w.sample("kaiwa_store_append_seconds_sum", m_latencySumSeconds);
    w.sample("kaiwa_store_append_seconds_count", m_latencyCount);

    w.family("kaiwa_channel_layer_up", "gauge", "1 while the channel layer works; 0 while Redis is unreachable.");
    w.sample("kaiwa_channel_layer_up", quint64(gauges.layerReachable ? 1 : 0));
    w.family("kaiwa_redis_configured", "gauge", "1 when rooms are shared through Redis (--redis).");
    w.sample("kaiwa_redis_configured", quint64(gauges.redisConfigured ? 1 : 0));
    w.family("kaiwa_redis_store_conflict", "gauge",
             "1 while the daemons on this Redis take their ids from another database (misconfiguration).");
    w.sample("kaiwa_redis_store_conflict", quint64(gauges.redisStoreConflict ? 1 : 0));
    w.family("kaiwa_redis_probe_timeouts_total", "counter",
             "Times Redis did not answer the liveness probe in time; each dropped and reopened the connections.");
    w.sample("kaiwa_redis_probe_timeouts_total", gauges.redisProbeTimeouts);
    return w.text();
}

} // namespace Kaiwa::Server
