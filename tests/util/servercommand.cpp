// SPDX-License-Identifier: MIT
#include "servercommand.h"

#include <QProcess>

namespace KaiwaTest {

using namespace Qt::StringLiterals;

ServerCommand ServerCommand::run(const QStringList &arguments, const QByteArray &input, int timeoutMs)
{
    QProcess process;
    process.start(QStringLiteral(KAIWA_SERVER_BINARY), arguments);
    if (!process.waitForStarted(10000)) {
        qWarning("kaiwa-server did not start: %s", qPrintable(process.errorString()));
        return {};
    }
    process.write(input);
    process.closeWriteChannel();
    ServerCommand command;
    if (!process.waitForFinished(timeoutMs)) {
        qWarning("kaiwa-server %s did not end within %d ms", qPrintable(arguments.join(u' ')), timeoutMs);
        process.kill();
        process.waitForFinished(5000);
    } else if (process.exitStatus() == QProcess::NormalExit) {
        command.exitCode = process.exitCode();
    }
    command.out = process.readAllStandardOutput();
    command.err = process.readAllStandardError();
    return command;
}

bool ServerCommand::addUser(const QString &database, const QString &name, const QByteArray &password)
{
    const ServerCommand add = run({u"--database"_s, database, u"user"_s, u"add"_s, name}, password + '\n');
    if (add.exitCode != 0)
        qWarning("kaiwa-server user add %s exited with %d:\n%s", qPrintable(name), add.exitCode, add.err.constData());
    return add.exitCode == 0;
}

} // namespace KaiwaTest
