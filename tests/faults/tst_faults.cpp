// SPDX-License-Identifier: MIT
// Faults: the daemon killed with SIGKILL in the middle of a flood (no acknowledged message may be
// lost, ids continue after a restart), and the disk under its database filling up (new messages
// are refused with store_failed, none is broadcast without being stored, everything acknowledged
// is, once and in order, and it recovers when space returns).
//
// The disk fills up in three ways:
// - The daemon's file size limit (RLIMIT_FSIZE), lowered on the running daemon with prlimit(2) and
//   raised again for "space returns". It needs no privilege, mount or namespace, so it runs
//   everywhere (chroots, containers). A write past the limit fails with EFBIG, which SQLite reports
//   as SQLITE_IOERR (it retries a write the limit cut short, which then fails the same way). Two
//   rows: the limit a few bytes into the next log frame (part of the frame is written before the
//   write fails), and a limit of 0 (no write at all). The kernel also sends SIGXFSZ,
//   which the daemon must ignore: the test leaves it at its default action (terminate), so a daemon
//   that did not would die.
// - A real full disk: a 1 MiB tmpfs in a private mount namespace of the daemon (`unshare --user
//   --map-root-user --mount`), filled by a file: ENOSPC, which SQLite reports as SQLITE_FULL. Where
//   the machine does not allow unprivileged user namespaces (many containers and chroots) that row
//   says so and is skipped, except with CI=true, where it fails (util/fixturepolicy.h).
#include "util/fixturepolicy.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <optional>
#include <sys/resource.h>

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

/// How the test fills the disk under the daemon's database.
enum class FullDisk {
    SizeLimitInNextFrame, ///< RLIMIT_FSIZE a few bytes past the end of the write-ahead log
    SizeLimitZero,        ///< RLIMIT_FSIZE 0
    Tmpfs,                ///< a 1 MiB tmpfs, filled by a file
};

/// Sets the soft limit on the size of the files process `pid` writes (RLIMIT_FSIZE); the hard
/// limit stays. Returns the soft limit it had, or nullopt (with a warning) if prlimit(2) failed.
std::optional<rlim_t> setFileSizeLimit(qint64 pid, rlim_t softLimit)
{
    struct rlimit limit = {};
    if (::prlimit(pid_t(pid), RLIMIT_FSIZE, nullptr, &limit) != 0) {
        qWarning("prlimit(%lld, RLIMIT_FSIZE) failed: %s", pid, std::strerror(errno));
        return std::nullopt;
    }
    const rlim_t previous = limit.rlim_cur;
    limit.rlim_cur = std::min(softLimit, limit.rlim_max);
    if (::prlimit(pid_t(pid), RLIMIT_FSIZE, &limit, nullptr) != 0) {
        qWarning("prlimit(%lld, RLIMIT_FSIZE, %llu) failed: %s", pid, static_cast<unsigned long long>(softLimit),
                 std::strerror(errno));
        return std::nullopt;
    }
    return previous;
}

/// Fills the file system of `path` until writes fail; returns how many bytes went in.
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

/**
 * kaiwa-server with its database in `directory`, whose disk the test fills up and frees again
 * (FullDisk). For FullDisk::Tmpfs the daemon runs in its own mount namespace with a tmpfs mounted
 * on `directory`, which the test reaches through /proc/<daemon>/root.
 */
class DaemonWithFullDisk
{
public:
    /// The daemon, not yet started, with its database in the directory and `arguments` on top.
    DaemonWithFullDisk(FullDisk how, QString directory, const QStringList &arguments)
        : m_how(how)
        , m_directory(std::move(directory))
        , m_server(QStringList{u"--database"_s, m_directory + u"/history.sqlite"_s} + arguments)
    {
        if (m_how == FullDisk::Tmpfs) {
            // sh mounts, then becomes the daemon (exec), so the process id is the daemon's.
            m_server.setLauncher(u"unshare"_s,
                                 {u"--user"_s, u"--map-root-user"_s, u"--mount"_s, u"sh"_s, u"-c"_s,
                                  u"mount -t tmpfs -o size=1024k kaiwa-full \"$0\" && exec \"$@\""_s, m_directory});
        }
    }

    /// True if this machine lets an unprivileged user mount a tmpfs in a user namespace (FullDisk::Tmpfs);
    /// otherwise false with what unshare or mount said in `why`.
    static bool tmpfsAvailable(QString *why)
    {
        QTemporaryDir mountPoint;
        QProcess probe;
        probe.setProcessChannelMode(QProcess::MergedChannels);
        probe.start(u"unshare"_s, {u"--user"_s, u"--map-root-user"_s, u"--mount"_s, u"sh"_s, u"-c"_s,
                                   u"mount -t tmpfs -o size=64k kaiwa-probe \"$0\""_s, mountPoint.path()});
        if (!probe.waitForFinished(10000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0) {
            *why = probe.error() == QProcess::FailedToStart ? probe.errorString()
                                                            : QString::fromLocal8Bit(probe.readAll()).trimmed();
            return false;
        }
        return true;
    }

    /// The disk is full from now on.
    bool fill()
    {
        switch (m_how) {
        case FullDisk::SizeLimitInNextFrame: {
            // Nothing writes while no message is in flight, so the log's end is where its next
            // frame goes (or SQLite started over at its beginning after a checkpoint: then the
            // frames before the limit still fit).
            const QFileInfo wal(m_directory + u"/history.sqlite-wal"_s);
            if (!wal.exists() || wal.size() == 0) {
                qWarning("no write-ahead log at %s", qPrintable(wal.filePath()));
                return false;
            }
            m_unlimited = setFileSizeLimit(daemonId(), rlim_t(wal.size()) + 10);
            return m_unlimited.has_value();
        }
        case FullDisk::SizeLimitZero:
            m_unlimited = setFileSizeLimit(daemonId(), 0);
            return m_unlimited.has_value();
        case FullDisk::Tmpfs:
            return fillUp(fillerPath()) >= 0;
        }
        return false;
    }

    /// Space returns.
    bool free()
    {
        if (m_how == FullDisk::Tmpfs)
            return QFile::remove(fillerPath());
        return m_unlimited && setFileSizeLimit(daemonId(), *m_unlimited);
    }

    /// The daemon, to start and to talk to.
    ServerProcess &server() { return m_server; }

private:
    /// The filler on the tmpfs as the daemon sees it, reached from outside its mount namespace.
    QString fillerPath() { return u"/proc/%1/root%2/filler"_s.arg(daemonId()).arg(m_directory); }
    qint64 daemonId() { return m_server.process().processId(); }

    FullDisk m_how;
    QString m_directory;
    ServerProcess m_server;
    std::optional<rlim_t> m_unlimited;
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The daemon inherits this; it must ignore SIGXFSZ itself (fullDiskRefusesMessagesThenRecovers).
        ::signal(SIGXFSZ, SIG_DFL);
    }

    void killMidFloodLosesNoAcknowledgedMessage()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QStringList arguments{u"--database"_s,   directory.filePath(u"history.sqlite"_s),
                                    u"--rate-limit"_s, u"0"_s,
                                    u"--history"_s,    u"0"_s};
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
                clients[s]->sendJson(
                    {{"message"_L1, u"m %1 %2"_s.arg(s).arg(i)}, {"client_id"_L1, u"c%1-%2"_s.arg(s).arg(i)}});
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
                stored[message.toObject().value("client_id"_L1).toString()] =
                    message.toObject().value("id"_L1).toInteger();
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

    void killBetweenCommitAndAckLosesNothing()
    {
        // The daemon dies right after its second commit, before that message is acknowledged or broadcast
        // (KAIWA_FAULT_KILL_AFTER_COMMITS, server/app/serverapp.cpp): what was committed and never acknowledged
        // is there after the restart, and the sender's retry of it is recognised, not stored twice.
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QStringList arguments{u"--database"_s, directory.filePath(u"history.sqlite"_s)};
        ServerProcess server(arguments);
        qputenv("KAIWA_FAULT_KILL_AFTER_COMMITS", "2");
        const bool started = server.start();
        qunsetenv("KAIWA_FAULT_KILL_AFTER_COMMITS");
        QVERIFY(started);
        WsClient writer(true);
        QVERIFY(writer.open(server.wsUrl(u"crash"_s)));
        WsClient bystander(true);
        QVERIFY(bystander.open(server.wsUrl(u"crash"_s)));
        writer.sendJson({{"message"_L1, u"one"_s}, {"client_id"_L1, u"c1"_s}});
        QVERIFY(!writer.waitForFrame(u"ack"_s).isEmpty());
        writer.sendJson({{"message"_L1, u"two"_s}, {"client_id"_L1, u"c2"_s}});
        QTRY_COMPARE(server.process().state(), QProcess::NotRunning);
        QCOMPARE(server.process().exitStatus(), QProcess::CrashExit);
        QCOMPARE(writer.framesOfType(u"ack"_s).size(), 1);
        QVERIFY(bystander.waitForClose()); // the daemon's end of the connection is gone
        QStringList seen;
        for (const QJsonObject &frame : bystander.framesOfType(u"chat.message"_s))
            seen.append(frame.value("message"_L1).toString());
        QCOMPARE(seen, QStringList{u"one"_s}); // nothing went out after the commit the daemon died behind

        ServerProcess restarted(arguments);
        QVERIFY(restarted.start());
        WsClient retry(true);
        QVERIFY(retry.open(restarted.wsUrl(u"crash"_s)));
        QCOMPARE(retry.waitForFrame(u"welcome"_s).value("last_id"_L1).toInteger(), 2);
        retry.sendJson({{"message"_L1, u"two"_s}, {"client_id"_L1, u"c2"_s}});
        const QJsonObject ack = retry.waitForFrame(u"ack"_s);
        QCOMPARE(ack.value("id"_L1).toInteger(), 2);
        QCOMPARE(ack.value("duplicate"_L1).toBool(), true);
        QStringList replayed;
        for (const QJsonObject &frame : retry.framesOfType(u"chat.message"_s))
            replayed.append(frame.value("message"_L1).toString());
        QCOMPARE(replayed, (QStringList{u"one"_s, u"two"_s}));
        QCOMPARE(restarted.stop(), 0);
    }

    void fullDiskRefusesMessagesThenRecovers_data()
    {
        // What SQLite says (sqlite3_errstr) proves which of its paths the row took; the daemon logs it.
        QTest::addColumn<FullDisk>("how");
        QTest::addColumn<QByteArray>("sqliteError");
        QTest::newRow("file size limit inside the next frame (torn write, EFBIG: SQLITE_IOERR)")
            << FullDisk::SizeLimitInNextFrame << QByteArray("disk I/O error");
        QTest::newRow("file size limit 0 (EFBIG: SQLITE_IOERR)")
            << FullDisk::SizeLimitZero << QByteArray("disk I/O error");
        QTest::newRow("tmpfs full (ENOSPC: SQLITE_FULL)") << FullDisk::Tmpfs << QByteArray("database or disk is full");
    }

    void fullDiskRefusesMessagesThenRecovers()
    {
        QFETCH(FullDisk, how);
        QFETCH(QByteArray, sqliteError);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        QString why;
        if (how == FullDisk::Tmpfs && !DaemonWithFullDisk::tmpfsAvailable(&why)) {
            why = u"this machine does not let an unprivileged user mount a tmpfs in a user namespace (unshare --user "
                  "--map-root-user --mount: %1), so the real full disk is not tested here; the file size limit rows "
                  "are"_s.arg(why);
            if (fixturesAreMandatory())
                QFAIL(qPrintable(why + u" (CI=true: failing)"_s));
            QSKIP(qPrintable(why));
        }
        DaemonWithFullDisk daemon(how, directory.path(), {u"--rate-limit"_s, u"0"_s});
        ServerProcess &server = daemon.server();
        QVERIFY2(server.start(), server.log().constData());

        WsClient writer(true);
        QVERIFY(writer.open(server.wsUrl(u"full"_s)));
        WsClient bystander(true);
        QVERIFY(bystander.open(server.wsUrl(u"full"_s)));
        writer.sendJson({{"message"_L1, u"before"_s}, {"client_id"_L1, u"before"_s}});
        QTRY_COMPARE(writer.framesOfType(u"ack"_s).size(), 1);

        QVERIFY(daemon.fill());
        // The log may still have room for a few frames: send, one at a time, until the first
        // refusal. Every message gets exactly one answer: stored (ack) or refused (store_failed).
        const QString text(900, u'x');
        int sent = 0;
        while (writer.framesOfType(u"error"_s).isEmpty() && sent < 2000) {
            const int answered = writer.framesOfType(u"ack"_s).size() + writer.framesOfType(u"error"_s).size();
            writer.sendJson({{"message"_L1, text}, {"client_id"_L1, u"full-%1"_s.arg(sent)}});
            ++sent;
            QTRY_VERIFY(writer.framesOfType(u"ack"_s).size() + writer.framesOfType(u"error"_s).size() > answered
                        || server.process().state() != QProcess::Running);
            QVERIFY2(
                server.process().state() == QProcess::Running,
                qPrintable(u"the daemon died while the disk was full (%1 %2): it must refuse the message instead, "
                           "and ignore SIGXFSZ"_s
                               .arg(server.process().exitStatus() == QProcess::CrashExit ? u"signal"_s : u"exit code"_s)
                               .arg(server.process().exitCode())));
            QCOMPARE(writer.framesOfType(u"ack"_s).size() + writer.framesOfType(u"error"_s).size(), answered + 1);
        }
        const auto errors = writer.framesOfType(u"error"_s);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().value("code"_L1).toString(), u"store_failed"_s);
        const QString refusedId = errors.first().value("client_id"_L1).toString();
        QCOMPARE(refusedId, u"full-%1"_s.arg(sent - 1));
        if (how == FullDisk::SizeLimitZero)
            QCOMPARE(sent, 1); // nothing at all can be written
        // A second try while the disk is still full is refused too; the daemon keeps serving.
        writer.sendJson({{"message"_L1, u"still full"_s}, {"client_id"_L1, u"still-full"_s}});
        QTRY_COMPARE(writer.framesOfType(u"error"_s).size(), 2);
        QCOMPARE(writer.framesOfType(u"error"_s).at(1).value("code"_L1).toString(), u"store_failed"_s);
        QCOMPARE(writer.framesOfType(u"error"_s).at(1).value("client_id"_L1).toString(), u"still-full"_s);

        // A batch while the disk is full (five messages in one TCP write: one loop turn, one transaction) fails
        // as a whole: each of them is refused, none is broadcast.
        const qsizetype logBefore = server.log().size();
        for (int i = 0; i < 5; ++i)
            writer.sendJson({{"message"_L1, u"batch %1"_s.arg(i)}, {"client_id"_L1, u"batch-%1"_s.arg(i)}});
        QTRY_COMPARE(writer.framesOfType(u"error"_s).size(), 2 + 5);
        for (int i = 0; i < 5; ++i) {
            const QJsonObject error = writer.framesOfType(u"error"_s).at(2 + i);
            QCOMPARE(error.value("code"_L1).toString(), u"store_failed"_s);
            QCOMPARE(error.value("client_id"_L1).toString(), u"batch-%1"_s.arg(i));
        }
        QVERIFY2(server.waitForLog("could not store 5 messages", logBefore), server.log().constData());

        // Space returns: the refused message, sent again, is stored as a new one.
        QVERIFY(daemon.free());
        writer.sendJson({{"message"_L1, u"after"_s}, {"client_id"_L1, refusedId}});
        QTRY_COMPARE(writer.framesOfType(u"ack"_s).size(), sent + 1); // before, sent - 1 while filling, this one
        QCOMPARE(writer.framesOfType(u"ack"_s).last().value("client_id"_L1).toString(), refusedId);
        QCOMPARE(writer.framesOfType(u"ack"_s).last().value("duplicate"_L1).toBool(), false);

        // Nothing refused was broadcast; everything acknowledged was, exactly once and in order.
        QStringList acknowledged;
        qint64 previousId = 0;
        for (const QJsonObject &ack : writer.framesOfType(u"ack"_s)) {
            acknowledged.append(ack.value("client_id"_L1).toString());
            QVERIFY(ack.value("id"_L1).toInteger() > previousId);
            previousId = ack.value("id"_L1).toInteger();
        }
        QTRY_COMPARE(bystander.framesOfType(u"chat.message"_s).size(), acknowledged.size());
        QStringList broadcast;
        for (const QJsonObject &frame : bystander.framesOfType(u"chat.message"_s))
            broadcast.append(frame.value("client_id"_L1).toString());
        QCOMPARE(broadcast, acknowledged);
        QVERIFY(!broadcast.contains(u"still-full"_s));
        QVERIFY(!broadcast.contains(u"batch-0"_s));
        QCOMPARE(server.process().state(), QProcess::Running);
        const QByteArray log = server.log();
        // A message is a transaction (the message and its search index row): SQLite first writes at its commit.
        QVERIFY2(log.contains("Cannot commit to the message database: " + sqliteError), log.constData());
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
