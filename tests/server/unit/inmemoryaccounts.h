// SPDX-License-Identifier: MIT
#pragma once

#include "server/auth/authenticator.h"
#include "server/storage/messagestorefactory.h"

#include <QLoggingCategory>

#include <memory>

namespace KaiwaTest {

/**
 * Accounts as the daemon keeps them, in an SQLite database in memory: the message store, the
 * AccountStore on it, and an Authenticator over that. A fresh one per test starts from nothing.
 */
struct InMemoryAccounts {
    std::unique_ptr<Kaiwa::Server::MessageStore> store;
    std::unique_ptr<Kaiwa::Server::AccountStore> accounts;
    std::unique_ptr<Kaiwa::Server::Authenticator> authenticator;

    /// Opens the database; false (with a warning) when it cannot.
    bool open()
    {
        // Each test opens a database of its own: its schema steps would fill the test output.
        QLoggingCategory::setFilterRules(QStringLiteral("kaiwa.server.storage.info=false"));
        store = Kaiwa::Server::createMessageStore(QStringLiteral(":memory:"));
        if (!store || !store->open()) {
            qWarning("cannot open the account store: %s", store ? qPrintable(store->errorString()) : "");
            return false;
        }
        accounts = Kaiwa::Server::createAccountStore(store.get());
        authenticator = std::make_unique<Kaiwa::Server::Authenticator>(accounts.get());
        return accounts != nullptr;
    }
};

} // namespace KaiwaTest
