// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

namespace Kaiwa::Server {

class ChannelLayer;
class GroupHistory;

/// What a channel layer backend is built with: the `--redis` URL and, for layers that span daemons, the store.
struct ChannelLayerOptions {
    QString url;                     ///< `redis://...`; empty: this daemon alone.
    GroupHistory *history = nullptr; ///< The rooms' history in the store (not owned): order across daemons.
    QString storeIdentity;           ///< MessageStore::identity(): daemons sharing rooms must share it.
    QString storeDescription;        ///< MessageStore::displayName(), for people.
    std::chrono::milliseconds presenceTtl{30000}; ///< How long a crashed daemon's members stay listed.
};

/**
 * The channel layer backends, chosen by the URL scheme of `--redis` (none: the in-process layer), as
 * MessageStoreRegistry chooses stores: a new backend is one registerBackend<T>() call.
 *
 * A backend class T provides, as static members, `QStringList urlSchemes()` (empty for the layer of
 * one daemon, used when there is no URL) and `std::unique_ptr<ChannelLayer> create(const
 * ChannelLayerOptions &, QString *error)`, which returns the layer started and ready to serve, or
 * nullptr with the one line that refuses the start.
 */
class ChannelLayerRegistry
{
public:
    using Factory = std::unique_ptr<ChannelLayer> (*)(const ChannelLayerOptions &options, QString *error);
    struct Backend {
        QStringList urlSchemes;
        Factory create = nullptr;
    };

    /// InMemoryChannelLayer (no URL) and RedisChannelLayer (`redis://`).
    static ChannelLayerRegistry withBuiltinBackends();

    template<typename Layer>
    void registerBackend()
    {
        registerBackend(Backend{Layer::urlSchemes(), &Layer::create});
    }
    void registerBackend(Backend backend);

    /// The layer the options name, started; nullptr with the reason in `error` (which may be null).
    std::unique_ptr<ChannelLayer> create(const ChannelLayerOptions &options, QString *error = nullptr) const;

private:
    QList<Backend> m_backends;
};

} // namespace Kaiwa::Server
