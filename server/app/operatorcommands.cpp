// SPDX-License-Identifier: MIT
#include "operatorcommands.h"

#include "common/redaction.h"
#include "storage/messagestoreregistry.h"

#include <QCoreApplication>

#include <cstdio>

namespace Kaiwa::Server::OperatorCommands {

void printError(const QString &text)
{
    std::fprintf(stderr, "kaiwa-server: %s\n", qPrintable(text));
}

std::unique_ptr<MessageStore> openDatabase(const ServerConfig &config)
{
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
