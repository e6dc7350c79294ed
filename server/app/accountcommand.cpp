// SPDX-License-Identifier: MIT
#include "accountcommand.h"

#include "auth/passwordhasher.h"
#include "common/displayname.h"
#include "common/redaction.h"
#include "operatorcommands.h"

#include <QCoreApplication>

#include <cstdio>
#include <iostream>
#include <string>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype s_minPasswordLength = 8;
constexpr qsizetype s_maxPasswordLength = 1024;
constexpr qsizetype s_maxNameLength = 64;

QString tr(const char *text)
{
    return QCoreApplication::translate("AccountCommand", text);
}

using OperatorCommands::printError;

bool stdinIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

/// One line from stdin; on a terminal with echo off.
std::optional<QByteArray> readLine(const QString &prompt, bool terminal)
{
#ifdef Q_OS_UNIX
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", qPrintable(prompt));
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
#else
    Q_UNUSED(prompt);
#endif
    std::string line;
    const bool ok = bool(std::getline(std::cin, line));
#ifdef Q_OS_UNIX
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fprintf(stderr, "\n");
    }
#endif
    if (!ok)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    QByteArray result(line.data(), qsizetype(line.size()));
    std::fill(line.begin(), line.end(), '\0');
    return result;
}

} // namespace

AccountCommand::AccountCommand(const ServerConfig &config)
    : m_config(config)
{
}

std::optional<QByteArray> AccountCommand::readNewPassword()
{
    const bool terminal = stdinIsTerminal();
    const auto password = readLine(tr("New password: "), terminal);
    if (!password) {
        printError(tr("no password given"));
        return std::nullopt;
    }
    if (QString::fromUtf8(*password).size() < s_minPasswordLength || password->size() > s_maxPasswordLength) {
        printError(tr("a password needs %1 to %2 characters").arg(s_minPasswordLength).arg(s_maxPasswordLength));
        return std::nullopt;
    }
    if (terminal) {
        const auto again = readLine(tr("Repeat the password: "), terminal);
        if (!again || *again != *password) {
            printError(tr("the passwords differ"));
            return std::nullopt;
        }
    }
    return password;
}

int AccountCommand::run()
{
    const QStringList &args = m_config.command;
    const QString usage =
        tr("usage: kaiwa-server [--database PATH|--config FILE] user add|passwd|remove NAME | user list");
    if (args.size() < 2 || args.first() != "user"_L1) {
        printError(usage);
        return 2;
    }
    const QString verb = args.at(1);
    const bool needsName = verb == "add"_L1 || verb == "passwd"_L1 || verb == "remove"_L1;
    if ((!needsName && verb != "list"_L1) || args.size() != (needsName ? 3 : 2)) {
        printError(usage);
        return 2;
    }
    const QString name = needsName ? args.at(2) : QString();
    if (needsName && (name.isEmpty() || name.size() > s_maxNameLength || DisplayName::sanitize(name) != name)) {
        printError(tr("invalid account name \"%1\": 1 to %2 characters, no control characters, no spaces at the ends")
                       .arg(name)
                       .arg(s_maxNameLength));
        return 2;
    }

    const auto store = OperatorCommands::openDatabase(m_config);
    if (!store)
        return 1;
    auto accounts = store->createAccountStore();
    if (!accounts) {
        printError(tr("the database %1 cannot keep accounts").arg(Redaction::url(m_config.database)));
        return 1;
    }

    if (verb == "list"_L1) {
        for (const QString &account : accounts->accountNames())
            std::printf("%s\n", qPrintable(account));
        return 0;
    }
    if (verb == "remove"_L1) {
        switch (accounts->removeAccount(name)) {
        case AccountStore::Result::Ok:
            std::printf("%s\n", qPrintable(tr("removed account %1").arg(name)));
            return 0;
        case AccountStore::Result::NotFound:
            printError(tr("there is no account %1").arg(name));
            return 1;
        default:
            printError(accounts->errorString());
            return 1;
        }
    }
    if (verb == "add"_L1 && accounts->account(name)) {
        printError(tr("the account %1 exists already; use user passwd to change its password").arg(name));
        return 1;
    }
    if (verb == "passwd"_L1 && !accounts->account(name)) {
        printError(tr("there is no account %1").arg(name));
        return 1;
    }
    auto password = readNewPassword();
    if (!password)
        return 1;
    const QString hash = PasswordHasher::hash(*password);
    password->fill('\0');
    const auto result = verb == "add"_L1 ? accounts->addAccount(name, hash) : accounts->setPassword(name, hash);
    if (result != AccountStore::Result::Ok) {
        printError(result == AccountStore::Result::Exists ? tr("the account %1 exists already").arg(name)
                                                          : accounts->errorString());
        return 1;
    }
    std::printf("%s\n", qPrintable(verb == "add"_L1 ? tr("added account %1").arg(name)
                                                    : tr("changed the password of %1; its sessions ended").arg(name)));
    return 0;
}

} // namespace Kaiwa::Server
