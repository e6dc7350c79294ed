// SPDX-License-Identifier: MIT
// The operator's `kaiwa-server room ...` commands, run as the real binary on an SQLite file and on PostgreSQL (a
// private server the test starts): every refusal is one line on stderr with exit 1 (2 for a malformed command line)
// and changes nothing; grant, revoke and set show in `room list`; unban lifts a ban written through the store; every
// change is in the room's audit log with the actor "(operator)"; --config names the database as for `user ...`. The
// test reads and seeds the same database through the store, as a running daemon would.
#include "storage/backendstores.h"
#include "util/fixturepolicy.h"
#include "util/servercommand.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

using Role = RoomPolicyStore::Role;
using Restriction = RoomPolicyStore::Restriction;

namespace {

/// What the audit log of a room says the operator did: "action target detail" per entry, oldest first.
QStringList operatorActions(RoomPolicyStore &policies, const QString &room)
{
    QStringList actions;
    const auto log = policies.auditLog(room, 0, 200);
    if (!log)
        return {u"(the audit log could not be read)"_s};
    for (const RoomPolicyStore::AuditEntry &entry : *log) {
        actions.prepend(entry.actor == "(operator)"_L1 ? u"%1 %2 %3"_s.arg(entry.action, entry.target, entry.detail)
                                                       : u"not by the operator: "_s + entry.actor);
    }
    return actions;
}

} // namespace

class TestRoomCommand : public QObject
{
    Q_OBJECT

private:
    BackendStores m_backends{u"roomcommand"_s, BackendStores::Sqlite::File};
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<RoomPolicyStore> m_policies;

    /// `kaiwa-server --database <the backend's database> room <arguments>`.
    ServerCommand room(const QStringList &arguments) const
    {
        return ServerCommand::run(QStringList{u"--database"_s, m_backends.latestDatabase(), u"room"_s} + arguments);
    }

    /// A new database of the backend with the accounts alice, bob and carol; the store the test reads it with.
    bool openDatabase(const QString &backend)
    {
        if (backend == "postgresql"_L1 && !m_backends.postgresStarted())
            return false;
        m_store = m_backends.open(backend);
        if (!m_store)
            return false;
        const auto accounts = m_store->createAccountStore();
        for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s}) {
            if (accounts->addAccount(name, u"hash"_s) != AccountStore::Result::Ok)
                return false;
        }
        m_policies = m_store->createRoomPolicyStore();
        return m_policies != nullptr;
    }

private Q_SLOTS:
    void initTestCase() { m_backends.start(); }

    void init()
    {
        QFETCH(QString, backend);
        if (backend == "postgresql"_L1)
            KAIWA_REQUIRE_FIXTURE(m_backends.postgresStarted(), u"PostgreSQL"_s);
        QVERIFY(openDatabase(backend));
    }

    void cleanup()
    {
        m_policies.reset();
        m_store.reset();
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("error");
        // In the database: lobby, owned by alice alone; bob and carol have no role; alice's ban of bob is in force.
        const auto rows = [](const QString &backend) {
            const auto row = [&](const char *name, const QStringList &arguments, int exitCode, const QString &error) {
                QTest::addRow("%s: %s", qPrintable(backend), name) << backend << arguments << exitCode << error;
            };
            row("no command", {}, 2, u"kaiwa-server: usage: kaiwa-server"_s);
            row("unknown command", {u"frobnicate"_s, u"lobby"_s}, 2, u"kaiwa-server: usage: kaiwa-server"_s);
            row("grant without a role", {u"grant"_s, u"lobby"_s, u"bob"_s}, 2, u"kaiwa-server: usage: kaiwa-server"_s);
            row("revoke without an account", {u"revoke"_s, u"lobby"_s}, 2, u"kaiwa-server: usage: kaiwa-server"_s);
            row("unban without a subject", {u"unban"_s, u"lobby"_s}, 2, u"kaiwa-server: usage: kaiwa-server"_s);
            row("list with an argument", {u"list"_s, u"lobby"_s}, 2, u"kaiwa-server: usage: kaiwa-server"_s);
            row("set without a room", {u"set"_s, u"--topic"_s, u"x"_s}, 2, u"kaiwa-server: usage: kaiwa-server"_s);
            row("set without an option", {u"set"_s, u"lobby"_s}, 2,
                u"kaiwa-server: room set needs --topic TEXT or --private yes|no"_s);
            row("--topic with another command", {u"list"_s, u"--topic"_s, u"x"_s}, 2,
                u"--topic and --private go with room set only"_s);
            row("unknown account", {u"grant"_s, u"lobby"_s, u"nobody"_s, u"member"_s}, 1,
                u"kaiwa-server: no account \"nobody\""_s);
            row("revoke of an unknown account", {u"revoke"_s, u"lobby"_s, u"nobody"_s}, 1,
                u"kaiwa-server: no account \"nobody\""_s);
            row("invalid room name", {u"grant"_s, u"no room"_s, u"bob"_s, u"member"_s}, 1,
                u"kaiwa-server: invalid room name \"no room\": 1 to 100 letters, digits or underscores"_s);
            row("direct-message room name",
                {u"set"_s, u"dm.0123456789abcdef0123456789abcdef"_s, u"--private"_s, u"no"_s}, 1,
                u"kaiwa-server: invalid room name \"dm.0123456789abcdef0123456789abcdef\""_s);
            row("unknown role", {u"grant"_s, u"lobby"_s, u"bob"_s, u"admin"_s}, 1,
                u"kaiwa-server: unknown role \"admin\": owner, moderator or member"_s);
            row("revoke of no role", {u"revoke"_s, u"lobby"_s, u"bob"_s}, 1,
                u"kaiwa-server: bob has no role in room lobby"_s);
            row("revoke of the last owner", {u"revoke"_s, u"lobby"_s, u"alice"_s}, 1,
                u"kaiwa-server: alice is the last owner of room lobby; grant another owner first"_s);
            row("demotion of the last owner", {u"grant"_s, u"lobby"_s, u"alice"_s, u"moderator"_s}, 1,
                u"kaiwa-server: alice is the last owner of room lobby; grant another owner first"_s);
            row("revoke in an unknown room", {u"revoke"_s, u"nowhere"_s, u"alice"_s}, 1,
                u"kaiwa-server: no room \"nowhere\" with settings"_s);
            row("unban in an unknown room", {u"unban"_s, u"nowhere"_s, u"bob"_s}, 1,
                u"kaiwa-server: no room \"nowhere\" with settings"_s);
            row("unban of no ban", {u"unban"_s, u"lobby"_s, u"carol"_s}, 1,
                u"kaiwa-server: carol is not banned from room lobby"_s);
            row("--private maybe", {u"set"_s, u"lobby"_s, u"--private"_s, u"maybe"_s}, 1,
                u"kaiwa-server: --private takes yes or no, not \"maybe\""_s);
            row("topic with a control character", {u"set"_s, u"lobby"_s, u"--topic"_s, u"a\tb"_s}, 1,
                u"kaiwa-server: invalid topic: at most 300 characters, no control characters"_s);
            row("topic too long", {u"set"_s, u"lobby"_s, u"--topic"_s, QString(301, u'x')}, 1,
                u"kaiwa-server: invalid topic: at most 300 characters, no control characters"_s);
        };
        rows(u"sqlite"_s);
        rows(u"postgresql"_s);
    }

    void refusals()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, error);
        QCOMPARE(room({u"grant"_s, u"lobby"_s, u"alice"_s, u"owner"_s}).exitCode, 0);
        QVERIFY(m_policies->restrict(u"lobby"_s, {.kind = Restriction::Kind::Ban,
                                                  .subject = u"bob"_s,
                                                  .by = u"alice"_s,
                                                  .time = QDateTime::currentDateTimeUtc()}));
        const auto settings = m_policies->settings(u"lobby"_s);
        const auto roles = m_policies->roles(u"lobby"_s);
        const auto restrictions = m_policies->restrictions(u"lobby"_s, QDateTime::currentDateTimeUtc());
        const auto changes = m_policies->changeSeq();
        QVERIFY(changes && settings && roles && restrictions);

        const ServerCommand refused = room(arguments);
        QCOMPARE(refused.exitCode, exitCode);
        QVERIFY2(refused.out.isEmpty(), refused.out.constData());
        const QString line = QString::fromUtf8(refused.err);
        QVERIFY2(line.endsWith(u'\n') && line.count(u'\n') == 1, qPrintable(line)); // one line
        QVERIFY2(line.startsWith(error), qPrintable(line));

        // Nothing changed: the counter every write moves, and what it guards.
        QCOMPARE(m_policies->changeSeq(), changes);
        QCOMPARE(m_policies->settings(u"lobby"_s), settings);
        QCOMPARE(m_policies->roles(u"lobby"_s), roles);
        QCOMPARE(m_policies->restrictions(u"lobby"_s, QDateTime::currentDateTimeUtc()), restrictions);
        QCOMPARE(m_policies->settings(u"nowhere"_s)->room, QString());
    }

    void grantSetListRevoke_data() { BackendStores::addRows(); }

    void grantSetListRevoke()
    {
        QCOMPARE(room({u"list"_s}).out, QByteArray()); // no room has settings yet
        const ServerCommand granted = room({u"grant"_s, u"lobby"_s, u"alice"_s, u"owner"_s});
        QCOMPARE(granted.exitCode, 0);
        QCOMPARE(granted.out, "alice is now owner of room lobby\n"_ba);
        QCOMPARE(granted.err, QByteArray());
        QCOMPARE(room({u"grant"_s, u"lobby"_s, u"bob"_s, u"moderator"_s}).exitCode, 0);
        QCOMPARE(room({u"grant"_s, u"lobby"_s, u"carol"_s, u"member"_s}).exitCode, 0);
        QCOMPARE(room({u"grant"_s, u"雑談"_s, u"carol"_s, u"owner"_s}).exitCode, 0);
        const ServerCommand again = room({u"grant"_s, u"lobby"_s, u"bob"_s, u"moderator"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.out, "bob is moderator of room lobby already\n"_ba);
        QCOMPARE(m_policies->role(u"lobby"_s, u"bob"_s), Role::Moderator);

        ServerCommand list = room({u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(QString::fromUtf8(list.out), u"lobby\tpublic\towners=alice\tmoderators=bob\tmembers=carol\ttopic=\n"
                                              "雑談\tpublic\towners=carol\tmoderators=\tmembers=\ttopic=\n"_s);

        const QString topic = u"Welcome, 皆さん: be kind"_s;
        const ServerCommand set = room({u"set"_s, u"lobby"_s, u"--topic"_s, topic, u"--private"_s, u"yes"_s});
        QCOMPARE(set.exitCode, 0);
        QCOMPARE(QString::fromUtf8(set.out), u"room lobby has the topic: %1\nroom lobby is private\n"_s.arg(topic));
        QCOMPARE(m_policies->settings(u"lobby"_s)->topic, topic);
        QVERIFY(m_policies->settings(u"lobby"_s)->isPrivate);
        // A room the operator configures before anyone joined gets its settings (and so no owner on first join).
        QCOMPARE(room({u"set"_s, u"quiet"_s, u"--private"_s, u"no"_s}).exitCode, 0);
        QCOMPARE(m_policies->makeDirect(u"dm.0123456789abcdef0123456789abcdef"_s, u"bob"_s, u"alice"_s),
                 RoomPolicyStore::Result::Ok);

        list = room({u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(
            QString::fromUtf8(list.out),
            u"dm.0123456789abcdef0123456789abcdef\tdirect=alice,bob\towners=\tmoderators=\tmembers=alice,bob\ttopic=\n"
            "lobby\tprivate\towners=alice\tmoderators=bob\tmembers=carol\ttopic=%1\n"
            "quiet\tpublic\towners=\tmoderators=\tmembers=\ttopic=\n"
            "雑談\tpublic\towners=carol\tmoderators=\tmembers=\ttopic=\n"_s.arg(topic));

        // A second owner lets the first go; then that one is the last.
        QCOMPARE(room({u"grant"_s, u"lobby"_s, u"bob"_s, u"owner"_s}).exitCode, 0);
        const ServerCommand revoked = room({u"revoke"_s, u"lobby"_s, u"alice"_s});
        QCOMPARE(revoked.exitCode, 0);
        QCOMPARE(revoked.out, "alice has no role in room lobby any more\n"_ba);
        QCOMPARE(room({u"revoke"_s, u"lobby"_s, u"bob"_s}).exitCode, 1);
        QCOMPARE(room({u"set"_s, u"lobby"_s, u"--topic"_s, QString(), u"--private"_s, u"no"_s}).exitCode, 0);
        list = room({u"list"_s});
        QVERIFY2(list.out.startsWith("dm."), list.out.constData());
        QVERIFY2(list.out.contains("\nlobby\tpublic\towners=bob\tmoderators=\tmembers=carol\ttopic=\n"),
                 list.out.constData());

        QCOMPARE(operatorActions(*m_policies, u"lobby"_s),
                 (QStringList{u"grant alice owner"_s, u"grant bob moderator"_s, u"grant carol member"_s,
                              u"topic  %1"_s.arg(topic), u"visibility  private"_s, u"grant bob owner"_s,
                              u"revoke alice owner"_s, u"topic  "_s, u"visibility  public"_s}));
        QCOMPARE(operatorActions(*m_policies, u"quiet"_s), QStringList{u"visibility  public"_s});
        QCOMPARE(operatorActions(*m_policies, u"雑談"_s), QStringList{u"grant carol owner"_s});
    }

    void configFile_data() { BackendStores::addRows(); }

    void configFile()
    {
        // --config names the database as for `user ...` and the daemon; the command line still wins over the file.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile config(dir.filePath(u"kaiwa-server.conf"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("database=" + m_backends.latestDatabase().toUtf8() + '\n');
        config.close();
        const ServerCommand granted = ServerCommand::run(
            {u"--config"_s, config.fileName(), u"room"_s, u"grant"_s, u"lobby"_s, u"alice"_s, u"owner"_s});
        QCOMPARE(granted.exitCode, 0);
        QCOMPARE(m_policies->role(u"lobby"_s, u"alice"_s), Role::Owner);
        const ServerCommand listed = ServerCommand::run(
            {u"--config"_s, config.fileName(), u"--database"_s, dir.filePath(u"other.sqlite"_s), u"room"_s, u"list"_s});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(listed.out, QByteArray());
    }

    void unban_data() { BackendStores::addRows(); }

    void unban()
    {
        QCOMPARE(room({u"grant"_s, u"lobby"_s, u"alice"_s, u"owner"_s}).exitCode, 0);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto ban = [&](Restriction::Subject subjectKind, const QString &subject, Restriction::Kind kind) {
            return m_policies->restrict(
                u"lobby"_s,
                {.kind = kind, .subjectKind = subjectKind, .subject = subject, .by = u"alice"_s, .time = now});
        };
        QVERIFY(ban(Restriction::Subject::Account, u"bob"_s, Restriction::Kind::Ban));
        QVERIFY(ban(Restriction::Subject::Account, u"bob"_s, Restriction::Kind::Mute));
        QVERIFY(ban(Restriction::Subject::Address, u"192.0.2.7"_s, Restriction::Kind::Ban));
        QVERIFY(ban(Restriction::Subject::Address, u"2001:db8:1:2::/64"_s, Restriction::Kind::Ban));
        const auto subjects = [&] {
            QStringList result;
            for (const Restriction &restriction :
                 m_policies->restrictions(u"lobby"_s, now).value_or(QList<Restriction>{}))
                result.append((restriction.kind == Restriction::Kind::Ban ? u"ban "_s : u"mute "_s)
                              + restriction.subject);
            result.sort();
            return result;
        };
        QCOMPARE(subjects(),
                 (QStringList{u"ban 192.0.2.7"_s, u"ban 2001:db8:1:2::/64"_s, u"ban bob"_s, u"mute bob"_s}));

        const ServerCommand account = room({u"unban"_s, u"lobby"_s, u"bob"_s});
        QCOMPARE(account.exitCode, 0);
        QCOMPARE(account.out, "bob may enter room lobby again\n"_ba);
        QCOMPARE(subjects(),
                 (QStringList{u"ban 192.0.2.7"_s, u"ban 2001:db8:1:2::/64"_s, u"mute bob"_s})); // not the mute
        // An address in the banned /64 names that /64, as the ban of an anonymous member there did.
        const ServerCommand prefix = room({u"unban"_s, u"lobby"_s, u"2001:db8:1:2:aaaa:bbbb:cccc:dddd"_s});
        QCOMPARE(prefix.exitCode, 0);
        QCOMPARE(prefix.out, "2001:db8:1:2::/64 may enter room lobby again\n"_ba);
        QCOMPARE(room({u"unban"_s, u"lobby"_s, u"192.0.2.7"_s}).exitCode, 0);
        QCOMPARE(subjects(), QStringList{u"mute bob"_s});
        const ServerCommand again = room({u"unban"_s, u"lobby"_s, u"192.0.2.7"_s});
        QCOMPARE(again.exitCode, 1);
        QCOMPARE(again.err, "kaiwa-server: 192.0.2.7 is not banned from room lobby\n"_ba);

        QCOMPARE(operatorActions(*m_policies, u"lobby"_s),
                 (QStringList{u"grant alice owner"_s, u"unban bob "_s, u"unban 2001:db8:1:2::/64 "_s,
                              u"unban 192.0.2.7 "_s}));
    }
};

QTEST_GUILESS_MAIN(TestRoomCommand)
#include "tst_roomcommand.moc"
