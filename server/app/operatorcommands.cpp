// SPDX-License-Identifier: MIT
#include "operatorcommands.h"

#include "common/redaction.h"
#include "storage/messagestoreregistry.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

namespace Kaiwa::Server::OperatorCommands {

void printError(const QString &text)
{
    std::fprintf(stderr, "kaiwa-server: %s\n", qPrintable(text));
}

std::unique_ptr<MessageStore> openDatabase(const ServerConfig &config)
{
    // A command answers in its own lines: the store's info log (opened, upgraded) is the daemon's, not the
    // operator's output. Its warnings still show, and QT_LOGGING_RULES still wins over this rule.
    QLoggingCategory::setFilterRules(QStringLiteral("kaiwa.*.info=false"));
    QString error;
    auto store = createMessageStore(config.database, &error);
    if (!store || !store->open()) {
        printError(QCoreApplication::translate("OperatorCommands", "cannot open the database %1: %2")
                       .arg(Redaction::url(config.database), store ? store->errorString() : error));
        return nullptr;
    }
    return store;
}

} // namespace Kaiwa::Server::OperatorCommands
