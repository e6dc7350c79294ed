// SPDX-License-Identifier: MIT
#include "serveroptions.h"

#include "common/redaction.h"
#include "configfile.h"
#include "layers/redisurl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>

#include <array>
#include <functional>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

struct OptionSpec {
    const char *name;
    const char *valueName;
    const char *help;
    const char *defaultValue;
};

// The one table of options. Help texts are translated at display time.
constexpr std::array s_options = {
    OptionSpec{"bind", "address",
               QT_TRANSLATE_NOOP("ServerOptions", "Address to listen on (IPv4 or IPv6 literal, or localhost)."),
               "127.0.0.1"},
    OptionSpec{"port", "port", QT_TRANSLATE_NOOP("ServerOptions", "TCP port; 0 picks a free one."), "8000"},
    OptionSpec{"database", "path",
               QT_TRANSLATE_NOOP("ServerOptions", "Message history: an SQLite file, :memory: for none that survives, "
                                                  "or postgresql://USER[:PASSWORD]@HOST[:PORT]/DB shared by several "
                                                  "daemons. Empty: the platform's data directory."),
               ""},
    OptionSpec{"redis", "url",
               QT_TRANSLATE_NOOP("ServerOptions",
                                 "redis://[:PASSWORD@]HOST[:PORT][/DB]: share rooms with other daemons through Redis "
                                 "pub/sub (use a shared postgresql:// database too). Empty: this daemon alone."),
               ""},
    OptionSpec{"presence-ttl", "seconds",
               QT_TRANSLATE_NOOP(
                   "ServerOptions",
                   "With --redis: each daemon renews its members' presence every third of this; the members of a "
                   "daemon that stopped (crashed) disappear from other daemons' member lists after at most this long."),
               "30"},
    OptionSpec{
        "history", "count",
        QT_TRANSLATE_NOOP("ServerOptions", "Latest messages replayed to a client that joins a room; 0 disables."),
        "50"},
    OptionSpec{"edit-window", "seconds",
               QT_TRANSLATE_NOOP(
                   "ServerOptions",
                   "How long after sending a message its author may edit it; 0: no limit. Deleting is not limited."),
               "0"},
    OptionSpec{"retain-messages", "count", QT_TRANSLATE_NOOP("ServerOptions", "Messages kept per room; 0 keeps all."),
               "0"},
    OptionSpec{"retain-days", "days", QT_TRANSLATE_NOOP("ServerOptions", "Days a message is kept; 0 keeps it forever."),
               "0"},
    OptionSpec{"max-message-bytes", "bytes",
               QT_TRANSLATE_NOOP("ServerOptions",
                                 "Largest message a client may send; larger ones close the connection with 1009."),
               "65536"},
    OptionSpec{"rate-limit", "per-second",
               QT_TRANSLATE_NOOP("ServerOptions", "Frames a connection may send per second; 0 disables the limit."),
               "20"},
    OptionSpec{
        "rate-burst", "count",
        QT_TRANSLATE_NOOP("ServerOptions", "Frames a connection may send at once before the rate limit applies."),
        "100"},
    OptionSpec{"max-send-queue", "bytes",
               QT_TRANSLATE_NOOP("ServerOptions",
                                 "Outgoing bytes queued for one client before it is closed as a slow reader (1013)."),
               "4194304"},
    OptionSpec{"max-connections", "count",
               QT_TRANSLATE_NOOP("ServerOptions", "Simultaneous connections; more are refused with 503."), "10000"},
    OptionSpec{
        "allowed-origins", "origins",
        QT_TRANSLATE_NOOP("ServerOptions",
                          "Comma-separated browser origins allowed besides the server's own host, or * for any."),
        ""},
    OptionSpec{"max-head-bytes", "bytes",
               QT_TRANSLATE_NOOP("ServerOptions", "Largest HTTP request head; larger ones get 431."), "16384"},
    OptionSpec{"head-timeout", "seconds",
               QT_TRANSLATE_NOOP("ServerOptions",
                                 "Time a client has to send a complete request head (also the WebSocket handshake)."),
               "10"},
    OptionSpec{"idle-timeout", "seconds",
               QT_TRANSLATE_NOOP("ServerOptions", "Idle HTTP keep-alive connections are closed after this."), "15"},
    OptionSpec{
        "frame-timeout", "seconds",
        QT_TRANSLATE_NOOP(
            "ServerOptions",
            "Time a WebSocket frame or fragmented message may stay incomplete; then the connection closes with 1008."),
        "10"},
    OptionSpec{"require-login", nullptr,
               QT_TRANSLATE_NOOP("ServerOptions", "Only signed-in accounts (kaiwa-server user add NAME) may open "
                                                  "pages, the API and rooms; others get the sign-in page or 401."),
               "false"},
    OptionSpec{"session-days", "days", QT_TRANSLATE_NOOP("ServerOptions", "How long a sign-in lasts."), "30"},
    OptionSpec{
        "login-attempts", "count",
        QT_TRANSLATE_NOOP("ServerOptions",
                          "Failed sign-ins one address may make in a row; after that, one more per minute (429)."),
        "5"},
    OptionSpec{
        "monitoring-allow", "subnets",
        QT_TRANSLATE_NOOP("ServerOptions",
                          "Comma-separated addresses or subnets that may read /metrics and /healthz without a token."),
        "127.0.0.0/8,::1"},
    OptionSpec{
        "trusted-proxy", "addresses",
        QT_TRANSLATE_NOOP("ServerOptions",
                          "Comma-separated addresses or subnets of reverse proxies whose X-Forwarded-For header names "
                          "the client, for monitoring access, the sign-in throttle and logs: the right-most address in "
                          "it that is not itself listed. Empty: the header is ignored and the TCP peer is the client."),
        ""},
    OptionSpec{"metrics-token", "token",
               QT_TRANSLATE_NOOP(
                   "ServerOptions",
                   "Bearer token that opens /metrics and /healthz to any address. Empty: allowed addresses only."),
               ""},
    OptionSpec{
        "tls-cert", "file",
        QT_TRANSLATE_NOOP("ServerOptions",
                          "PEM certificate (chain) for https and wss on the port; needs tls-key. Empty: plain http."),
        ""},
    OptionSpec{"tls-key", "file", QT_TRANSLATE_NOOP("ServerOptions", "PEM private key of tls-cert."), ""},
    OptionSpec{
        "keepalive-interval", "seconds",
        QT_TRANSLATE_NOOP(
            "ServerOptions",
            "Silence on a WebSocket after which the server pings; an unanswered ping closes it after as long again."),
        "30"},
};

QString translated(const char *text)
{
    return QCoreApplication::translate("ServerOptions", text);
}

/// Converts one option's text into the config; returns an error text, or nothing when valid.
using Setter = std::function<std::optional<QString>(ServerConfig &, const QString &)>;

std::optional<QString> invalid(const QString &name, const QString &value, const QString &expected)
{
    return QCoreApplication::translate("ServerOptions", "invalid value \"%1\" for %2: expected %3")
        .arg(value, name, expected);
}

template<typename Apply>
Setter integer(const char *name, qint64 minimum, qint64 maximum, Apply apply)
{
    return [=](ServerConfig &config, const QString &text) -> std::optional<QString> {
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (!ok || value < minimum || value > maximum)
            return invalid(QString::fromLatin1(name), text, u"%1..%2"_s.arg(minimum).arg(maximum));
        apply(config, value);
        return std::nullopt;
    };
}

QHash<QString, Setter> setters()
{
    QHash<QString, Setter> result;
    result.insert(u"bind"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        QHostAddress address;
        if (text == "localhost"_L1)
            address = QHostAddress(QHostAddress::LocalHost);
        else if (!address.setAddress(text))
            return invalid(u"bind"_s, text, u"an IP address"_s);
        config.bindAddress = address;
        config.bindText =
            address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']' : address.toString();
        return std::nullopt;
    });
    result.insert(u"port"_s, integer("port", 0, 65535, [](ServerConfig &c, qint64 v) { c.port = quint16(v); }));
    result.insert(u"database"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        config.database = text.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                                               + u"/kaiwa/kaiwa-server.sqlite"_s
                                         : text;
        return std::nullopt;
    });
    result.insert(u"redis"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        config.redis.clear();
        if (text.isEmpty())
            return std::nullopt;
        QString error;
        if (!RedisUrl::parse(text, &error))
            return error;
        config.redis = text;
        return std::nullopt;
    });
    result.insert(u"presence-ttl"_s,
                  integer("presence-ttl", 1, 3600, [](ServerConfig &c, qint64 v) { c.presenceTtlSeconds = int(v); }));
    result.insert(u"history"_s,
                  integer("history", 0, 1000, [](ServerConfig &c, qint64 v) { c.chat.historyOnJoin = int(v); }));
    result.insert(u"edit-window"_s, integer("edit-window", 0, 10LL * 365 * 24 * 3600,
                                            [](ServerConfig &c, qint64 v) { c.chat.editWindowSeconds = int(v); }));
    result.insert(u"retain-messages"_s, integer("retain-messages", 0, std::numeric_limits<qint64>::max(),
                                                [](ServerConfig &c, qint64 v) { c.retention.maxMessagesPerRoom = v; }));
    result.insert(u"retain-days"_s, integer("retain-days", 0, 100000,
                                            [](ServerConfig &c, qint64 v) { c.retention.maxAgeDays = int(v); }));
    result.insert(u"max-message-bytes"_s, integer("max-message-bytes", 16, 64 * 1024 * 1024,
                                                  [](ServerConfig &c, qint64 v) { c.webSocket.maxMessageBytes = v; }));
    result.insert(u"rate-limit"_s,
                  integer("rate-limit", 0, 1000000, [](ServerConfig &c, qint64 v) { c.chat.rateLimit = double(v); }));
    result.insert(u"rate-burst"_s,
                  integer("rate-burst", 1, 1000000, [](ServerConfig &c, qint64 v) { c.chat.rateBurst = double(v); }));
    result.insert(u"max-send-queue"_s, integer("max-send-queue", 4096, qint64(1) << 32, [](ServerConfig &c, qint64 v) {
                      c.webSocket.maxSendQueueBytes = v;
                      c.chat.historyBudgetBytes = ChatSettings::historyBudgetFor(v);
                  }));
    result.insert(u"max-connections"_s, integer("max-connections", 1, 1000000,
                                                [](ServerConfig &c, qint64 v) { c.http.maxConnections = int(v); }));
    result.insert(u"allowed-origins"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        config.allowedOrigins.clear();
        for (const QString &origin : text.split(u',', Qt::SkipEmptyParts))
            config.allowedOrigins.append(origin.trimmed().toUtf8());
        return std::nullopt;
    });
    result.insert(u"max-head-bytes"_s, integer("max-head-bytes", 1024, 1024 * 1024,
                                               [](ServerConfig &c, qint64 v) { c.http.head.maxHeadBytes = v; }));
    result.insert(u"head-timeout"_s, integer("head-timeout", 1, 3600,
                                             [](ServerConfig &c, qint64 v) { c.http.http.headTimeoutMs = v * 1000; }));
    result.insert(u"idle-timeout"_s, integer("idle-timeout", 1, 3600,
                                             [](ServerConfig &c, qint64 v) { c.http.http.idleTimeoutMs = v * 1000; }));
    result.insert(u"frame-timeout"_s, integer("frame-timeout", 1, 3600, [](ServerConfig &c, qint64 v) {
                      c.http.webSocket.stallTimeoutMs = v * 1000;
                  }));
    result.insert(u"keepalive-interval"_s, integer("keepalive-interval", 1, 3600, [](ServerConfig &c, qint64 v) {
                      c.http.webSocket.keepaliveIntervalMs = v * 1000;
                      c.http.webSocket.keepaliveTimeoutMs = v * 1000;
                  }));
    result.insert(u"require-login"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        const QString value = text.trimmed().toLower();
        if (value == "true"_L1 || value == "yes"_L1 || value == "1"_L1 || value == "on"_L1)
            config.requireLogin = true;
        else if (value == "false"_L1 || value == "no"_L1 || value == "0"_L1 || value == "off"_L1)
            config.requireLogin = false;
        else
            return invalid(u"require-login"_s, text, u"true or false"_s);
        return std::nullopt;
    });
    result.insert(u"session-days"_s, integer("session-days", 1, 3650, [](ServerConfig &c, qint64 v) {
                      c.login.sessionLifetimeSeconds = v * 24 * 3600;
                  }));
    result.insert(u"login-attempts"_s,
                  integer("login-attempts", 1, 1000, [](ServerConfig &c, qint64 v) { c.login.attemptBurst = int(v); }));
    result.insert(u"monitoring-allow"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        const auto subnets = MonitoringAccess::parseSubnets(text);
        if (!subnets)
            return invalid(u"monitoring-allow"_s, text, u"addresses or subnets such as 127.0.0.0/8,::1"_s);
        config.monitoringSubnets = *subnets;
        config.monitoring = MonitoringAccess(config.monitoringSubnets, config.metricsToken);
        return std::nullopt;
    });
    result.insert(u"trusted-proxy"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        const auto proxies = TrustedProxies::parse(text);
        if (!proxies)
            return invalid(u"trusted-proxy"_s, text, u"addresses or subnets such as 127.0.0.1,::1"_s);
        config.http.trustedProxies = *proxies;
        return std::nullopt;
    });
    result.insert(u"metrics-token"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        config.metricsToken = text.trimmed().toUtf8();
        config.monitoring = MonitoringAccess(config.monitoringSubnets, config.metricsToken);
        return std::nullopt;
    });
    result.insert(u"tls-cert"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        config.tlsCertificate = text;
        return std::nullopt;
    });
    result.insert(u"tls-key"_s, [](ServerConfig &config, const QString &text) -> std::optional<QString> {
        config.tlsKey = text;
        if (config.tlsCertificate.isEmpty() != config.tlsKey.isEmpty())
            return QCoreApplication::translate("ServerOptions",
                                               "tls-cert and tls-key go together: give both or neither");
        config.login.secureCookies = !config.tlsCertificate.isEmpty();
        return std::nullopt;
    });
    return result;
}

QStringList knownKeys()
{
    QStringList names;
    for (const OptionSpec &option : s_options)
        names.append(QString::fromLatin1(option.name));
    return names;
}

} // namespace

QString ServerOptions::defaultConfigFile()
{
    QString text =
        u"; kaiwa-server configuration (INI). Every key is also a command-line option: port=8000 is --port 8000.\n"
        "; The command line wins over this file; this file wins over the built-in defaults shown here.\n"
        "; One key=value per line, a flag too (require-login=true); ; and # start comment lines.\n"_s;
    for (const OptionSpec &option : s_options) {
        text += u"\n; "_s + translated(option.help) + u'\n';
        text += u"%1=%2\n"_s.arg(QLatin1StringView(option.name), QLatin1StringView(option.defaultValue));
    }
    return text;
}

QString ServerOptions::displayValue(const QString &name, const QString &value)
{
    if (name == "database"_L1 || name == "redis"_L1)
        return Redaction::url(value);
    if (name == "metrics-token"_L1 && !value.isEmpty())
        return Redaction::mask.toString();
    return value;
}

std::variant<ServerConfig, ServerOptions::Exit> ServerOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "ServerOptions",
        "Kaiwa chat daemon: the Django Channels tutorial chat, pages and WebSocket rooms on one port."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption configOption(
        u"config"_s, QCoreApplication::translate("ServerOptions", "Read options from an INI file."), u"file"_s);
    const QCommandLineOption printConfigOption(
        u"print-config"_s, QCoreApplication::translate(
                               "ServerOptions", "Print a config file with every option at its default, and exit."));
    parser.addOption(configOption);
    parser.addOption(printConfigOption);
    for (const OptionSpec &option : s_options) {
        // Options without a value name are flags: --require-login means require-login=true.
        parser.addOption(
            QCommandLineOption(QString::fromLatin1(option.name),
                               translated(option.help) + u" [%1]"_s.arg(QLatin1StringView(option.defaultValue)),
                               option.valueName ? QString::fromLatin1(option.valueName) : QString()));
    }
    // The options of `room set`, not of the daemon: no config file key, refused with any other command.
    const QCommandLineOption topicOption(
        u"topic"_s, QCoreApplication::translate("ServerOptions", "With room set: the room's topic; \"\" clears it."),
        u"text"_s);
    const QCommandLineOption privateOption(
        u"private"_s,
        QCoreApplication::translate("ServerOptions", "With room set: yes makes the room private, no public."),
        u"yes|no"_s);
    parser.addOption(topicOption);
    parser.addOption(privateOption);
    parser.addPositionalArgument(
        u"user"_s,
        QCoreApplication::translate(
            "ServerOptions",
            "Manage accounts instead of serving: user add NAME | user passwd NAME | user remove NAME | user list. "
            "The password is read from the terminal without echo, or from standard input."),
        u"[user add|passwd|remove|list NAME]"_s);
    parser.addPositionalArgument(
        u"room"_s,
        QCoreApplication::translate(
            "ServerOptions", "Manage rooms instead of serving: room grant ROOM ACCOUNT owner|moderator|member | "
                             "room revoke ROOM ACCOUNT | room set ROOM [--topic TEXT] [--private yes|no] | room list | "
                             "room unban ROOM ACCOUNT_OR_ADDRESS."),
        u"[room grant|revoke|set|list|unban ...]"_s);
    if (!parser.parse(arguments))
        return Exit{2,
                    parser.errorText() + u"\n"_s + QCoreApplication::translate("ServerOptions", "Try --help.") + u'\n'};
    if (parser.isSet(helpOption))
        return Exit{0, parser.helpText()};
    if (parser.isSet(versionOption))
        return Exit{0, u"%1 %2\n"_s.arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion())};
    if (parser.isSet(printConfigOption))
        return Exit{0, defaultConfigFile()};
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional.first() != "user"_L1 && positional.first() != "room"_L1)
        return Exit{2,
                    QCoreApplication::translate("ServerOptions", "unexpected argument: %1\n").arg(positional.first())};
    const bool roomSet = positional.size() >= 2 && positional.at(0) == "room"_L1 && positional.at(1) == "set"_L1;
    if ((parser.isSet(topicOption) || parser.isSet(privateOption)) && !roomSet)
        return Exit{2, QCoreApplication::translate("ServerOptions", "--topic and --private go with room set only\n")};

    std::optional<ConfigFile> file;
    if (parser.isSet(configOption)) {
        QString error;
        file = ConfigFile::read(parser.value(configOption), knownKeys(), &error);
        if (!file)
            return Exit{1, error + u'\n'};
        // Most likely a truncated write (SIGHUP rereads it): refused rather than read as "all defaults".
        if (file->isEmpty())
            return Exit{1, QCoreApplication::translate("ServerOptions",
                                                       "%1: the config file sets no option (empty or truncated?); "
                                                       "kaiwa-server --print-config writes them all\n")
                               .arg(file->path())};
    }

    ServerConfig config;
    const auto apply = setters();
    for (const OptionSpec &option : s_options) {
        const QString name = QString::fromLatin1(option.name);
        QString value = QString::fromLatin1(option.defaultValue);
        const bool fromFile = file && file->contains(name) && !parser.isSet(name);
        if (fromFile)
            value = file->entry(name).value;
        if (parser.isSet(name))
            value = option.valueName ? parser.value(name) : u"true"_s;
        config.optionValues.insert(name, value);
        if (const auto error = apply.value(name)(config, value)) {
            // A mistake on the command line is a usage error (2), one in the file a misconfiguration (1).
            if (parser.isSet(name) || !file)
                return Exit{2, *error + u'\n'};
            return Exit{1, (fromFile ? file->location(name) : file->path()) + u": "_s + *error + u'\n'};
        }
    }
    config.command = positional;
    if (parser.isSet(topicOption))
        config.roomTopic = parser.value(topicOption);
    if (parser.isSet(privateOption))
        config.roomVisibility = parser.value(privateOption);
    return config;
}

} // namespace Kaiwa::Server
