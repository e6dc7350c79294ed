// SPDX-License-Identifier: MIT
// Faults: the daemon killed with SIGKILL in the middle of a flood (no acknowledged message may be
// lost, ids continue after a restart), and the disk under its database filling up (new messages
// are refused with store_failed, none is broadcast without being stored, and it recovers when
// space returns).
//
// The full disk is a real one: a 1 MiB tmpfs mounted in a private mount namespace of the daemon
// (`unshare --user --map-root-user --mount`), so the test needs neither root nor a loop device,
// and nothing outside the daemon sees the mount. The test reaches the mount through
// /proc/<daemon>/root. Where user namespaces are disabled the test fails and says why.
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

std::map<QString, qint64> acksByClientId(const WsClient &client)
{
    std::map<QString, qint64> result;
    for (const QJsonObject &frame : client.framesOfType(u"ack"_s))
        result[frame.value("client_id"_L1).toString()] = frame.value("id"_L1).toInteger();
    return result;
}

/// kaiwa-server in its own mount namespace, on a tmpfs of `sizeKiB` at `directory`.
class ServerOnTmpfs
{
public:
    ServerOnTmpfs(QString directory, int sizeKiB)
        : m_directory(std::move(directory))
        , m_sizeKiB(sizeKiB)
    {
    }
    ~ServerOnTmpfs()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool start(const QStringList &arguments)
    {
        const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
        if (unshare.isEmpty()) {
            qWarning("unshare (util-linux) not found");
            return false;
        }
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        // sh mounts, then becomes the daemon (exec), so the process id is the daemon's.
        m_process.start(unshare, QStringList{u"--user"_s, u"--map-root-user"_s, u"--mount"_s, u"sh"_s, u"-c"_s,
                                             u"mount -t tmpfs -o size=%1k kaiwa-full \"$0\" && exec \"$@\""_s.arg(m_sizeKiB),
                                             m_directory, QStringLiteral(KAIWA_SERVER_BINARY), u"--port"_s, u"0"_s}
                            + arguments);
        if (!m_process.waitForStarted(10000))
            return false;
        static const QRegularExpression banner(u"^kaiwa-server listening on http://[^/]+:(\\d+)/chat/$"_s);
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            if (m_process.canReadLine()) {
                const auto match = banner.match(QString::fromUtf8(m_process.readLine()).trimmed());
                m_port = match.hasMatch() ? match.captured(1).toUShort() : 0;
                return m_port != 0;
            }
            m_process.waitForReadyRead(100);
        }
        qWarning("kaiwa-server on a private tmpfs did not start (are user namespaces disabled?): %s",
                 m_process.readAllStandardError().constData());
        return false;
    }

    /// The tmpfs as the daemon sees it, reached from outside its mount namespace.
    QString mountPath() const { return u"/proc/%1/root%2"_s.arg(m_process.processId()).arg(m_directory); }
    quint16 port() const { return m_port; }
    QUrl wsUrl(const QString &room, const QString &query = {}) const
    {
        return QUrl(u"ws://127.0.0.1:%1/ws/chat/%2/%3"_s.arg(m_port).arg(room, query.isEmpty() ? QString() : u'?' + query));
    }
    QProcess &process() { return m_process; }

private:
    QString m_directory;
    int m_sizeKiB;
    QProcess m_process;
    quint16 m_port = 0;
};

/// Fills the file system at `directory` until writes fail; returns how many bytes went in.
qint64 fillUp(const QString &path)
{
    QFile filler(path);
    if (!filler.open(QIODevice::WriteOnly))
        return -1;
    const QByteArray block(4096, 'f');
    qint64 written = 0;
    while (filler.write(block) == block.size() && filler.flush())
        written += block.size();
    return written;
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killMidFloodLosesNoAcknowledgedMessage()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QStringList arguments{u"--database"_s, directory.filePath(u"history.sqlite"_s), u"--rate-limit"_s, u"0"_s,
                                    u"--history"_s, u"0"_s};
        ServerProcess server(arguments);
        QVERIFY(server.start());
        constexpr int senders = 4;
        constexpr int perSender = 2500;
        std::vector<std::unique_ptr<WsClient>> clients;
        for (int s = 0; s < senders; ++s) {
            clients.push_back(std::make_unique<WsClient>(true));
            QVERIFY(clients.back()->open(server.wsUrl(u"crash"_s)));
        }
        for (int i = 0; i < perSender; ++i) {
            for (int s = 0; s < senders; ++s)
                clients[s]->sendJson({{"message"_L1, u"m %1 %2"_s.arg(s).arg(i)}, {"client_id"_L1, u"c%1-%2"_s.arg(s).arg(i)}});
        }
        // Kill as soon as a part of the flood is acknowledged, while the rest is still in flight.
        QTRY_VERIFY_WITH_TIMEOUT(acksByClientId(*clients[0]).size() >= perSender / 4, 20000);
        server.kill();
        QCOMPARE(server.process().exitStatus(), QProcess::CrashExit);
        std::map<QString, qint64> acked;
        qint64 highestAcked = 0;
        for (const auto &client : clients) {
            for (const auto &[clientId, id] : acksByClientId(*client)) {
                acked[clientId] = id;
                highestAcked = std::max(highestAcked, id);
            }
        }
        QVERIFY(acked.size() >= size_t(perSender / 4));
        QVERIFY2(acked.size() < size_t(senders * perSender), "the kill came too late to be mid-flood");

        ServerProcess restarted(arguments);
        QVERIFY(restarted.start());
        WsClient reader(true);
        QVERIFY(reader.open(restarted.wsUrl(u"crash"_s)));
        QVERIFY(reader.waitForFrames(1)); // welcome
        const qint64 lastId = reader.framesOfType(u"welcome"_s).value(0).value("last_id"_L1).toInteger();
        QVERIFY(lastId >= highestAcked);
        // Everything stored, newest first, a page of 500 at a time.
        std::map<QString, qint64> stored;
        qint64 before = 0;
        for (int page = 1;; ++page) {
            reader.sendJson({{"type"_L1, u"history"_s}, {"before"_L1, before}, {"limit"_L1, 500}});
            QTRY_COMPARE(reader.framesOfType(u"history"_s).size(), page);
            const QJsonObject history = reader.framesOfType(u"history"_s).last();
            const QJsonArray messages = history.value("messages"_L1).toArray();
            for (const QJsonValue &message : messages)
                stored[message.toObject().value("client_id"_L1).toString()] = message.toObject().value("id"_L1).toInteger();
            if (!history.value("more"_L1).toBool() || messages.isEmpty())
                break;
            before = messages.first().toObject().value("id"_L1).toInteger();
        }
        QCOMPARE(qint64(stored.size()), lastId);
        for (const auto &[clientId, id] : acked) {
            const auto found = stored.find(clientId);
            QVERIFY2(found != stored.end(), qPrintable(u"acknowledged %1 (id %2) was lost"_s.arg(clientId).arg(id)));
            QCOMPARE(found->second, id);
        }
        // Ids continue after the restart; a resend of a stored message is recognised as a duplicate.
        WsClient sender(true);
        QVERIFY(sender.open(restarted.wsUrl(u"crash"_s)));
        sender.sendJson({{"message"_L1, u"after restart"_s}, {"client_id"_L1, u"after"_s}});
        const QString someAcked = acked.begin()->first;
        sender.sendJson({{"message"_L1, u"resent"_s}, {"client_id"_L1, someAcked}});
        QTRY_COMPARE(sender.framesOfType(u"ack"_s).size(), 2);
        QCOMPARE(sender.framesOfType(u"ack"_s).at(0).value("id"_L1).toInteger(), lastId + 1);
        QCOMPARE(sender.framesOfType(u"ack"_s).at(1).value("duplicate"_L1).toBool(), true);
        QCOMPARE(sender.framesOfType(u"ack"_s).at(1).value("id"_L1).toInteger(), acked.begin()->second);
        QCOMPARE(restarted.stop(), 0);
    }

    void fullDiskRefusesMessagesThenRecovers()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        ServerOnTmpfs server(directory.path(), 1024);
        QVERIFY2(server.start({u"--database"_s, directory.filePath(u"history.sqlite"_s), u"--rate-limit"_s, u"0"_s}),
                 "needs a tmpfs in a private mount namespace: unshare --user --map-root-user --mount");
        const QString mount = server.mountPath();
        QVERIFY2(QFileInfo::exists(mount + u"/history.sqlite"_s), qPrintable(mount));

        WsClient writer(true);
        QVERIFY(writer.open(server.wsUrl(u"full"_s)));
        WsClient bystander(true);
        QVERIFY(bystander.open(server.wsUrl(u"full"_s)));
        writer.sendJson({{"message"_L1, u"before"_s}, {"client_id"_L1, u"before"_s}});
        QTRY_COMPARE(writer.framesOfType(u"ack"_s).size(), 1);

        QVERIFY(fillUp(mount + u"/filler"_s) >= 0);
        // The WAL may still have room from earlier commits: send, one at a time, until the first
        // refusal. Every message gets exactly one answer: stored (ack) or refused (store_failed).
        const QString text(900, u'x');
        int sent = 0;
        while (writer.framesOfType(u"error"_s).isEmpty() && sent < 2000) {
            const int answered = writer.framesOfType(u"ack"_s).size() + writer.framesOfType(u"error"_s).size();
            writer.sendJson({{"message"_L1, text}, {"client_id"_L1, u"full-%1"_s.arg(sent)}});
            ++sent;
            QTRY_COMPARE(writer.framesOfType(u"ack"_s).size() + writer.framesOfType(u"error"_s).size(), answered + 1);
        }
        const auto errors = writer.framesOfType(u"error"_s);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().value("code"_L1).toString(), u"store_failed"_s);
        const QString refusedId = errors.first().value("client_id"_L1).toString();
        QCOMPARE(refusedId, u"full-%1"_s.arg(sent - 1));
        // A second try while the disk is still full is refused too; the daemon keeps serving.
        writer.sendJson({{"message"_L1, u"still full"_s}, {"client_id"_L1, u"still-full"_s}});
        QTRY_COMPARE(writer.framesOfType(u"error"_s).size(), 2);
        QCOMPARE(writer.framesOfType(u"error"_s).at(1).value("code"_L1).toString(), u"store_failed"_s);

        // Space returns.
        QVERIFY(QFile::remove(mount + u"/filler"_s));
        writer.sendJson({{"message"_L1, u"after"_s}, {"client_id"_L1, refusedId}});
        QTRY_COMPARE(writer.framesOfType(u"ack"_s).size(), sent); // sent - 1 stored while filling, plus this one
        QCOMPARE(writer.framesOfType(u"ack"_s).last().value("duplicate"_L1).toBool(), false);

        // Nothing refused was broadcast; everything acknowledged was, exactly once and in order.
        QTRY_COMPARE(bystander.framesOfType(u"chat.message"_s).size(), sent + 1);
        QStringList broadcast;
        for (const QJsonObject &frame : bystander.framesOfType(u"chat.message"_s))
            broadcast.append(frame.value("client_id"_L1).toString());
        QVERIFY(!broadcast.contains(u"still-full"_s));
        QCOMPARE(broadcast.count(refusedId), 1);
        QCOMPARE(broadcast.last(), refusedId);
        QVERIFY(server.process().state() == QProcess::Running);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
