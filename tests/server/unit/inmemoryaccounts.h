// SPDX-License-Identifier: MIT
#pragma once

#include "server/auth/authenticator.h"
#include "server/storage/messagestoreregistry.h"

#include <QLoggingCategory>

#include <memory>

namespace KaiwaTest {

/**
 * Accounts as the daemon keeps them, in an SQLite database in memory: the message store, the
 * AccountStore on it, and an Authenticator over that, with one account, alice.
 */
struct InMemoryAccounts {
    std::unique_ptr<Kaiwa::Server::MessageStore> store;
    std::unique_ptr<Kaiwa::Server::AccountStore> accounts;
    std::unique_ptr<Kaiwa::Server::Authenticator> authenticator;

    /// A fresh database (the previous one is closed) holding alice with `passwordHash`; false when it failed.
    bool open(const QString &passwordHash)
    {
        close();
        // Each test opens a database of its own: its schema steps would fill the test output.
        QLoggingCategory::setFilterRules(QStringLiteral("kaiwa.server.storage.info=false"));
        store = Kaiwa::Server::createMessageStore(QStringLiteral(":memory:"));
        if (!store || !store->open())
            return false;
        accounts = store->createAccountStore();
        authenticator = std::make_unique<Kaiwa::Server::Authenticator>(accounts.get());
        return accounts
               && accounts->addAccount(QStringLiteral("alice"), passwordHash)
                      == Kaiwa::Server::AccountStore::Result::Ok;
    }
    /// In the order they depend on each other.
    void close()
    {
        authenticator.reset();
        accounts.reset();
        store.reset();
    }
    ~InMemoryAccounts() { close(); }
};

} // namespace KaiwaTest
