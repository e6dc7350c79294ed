// SPDX-License-Identifier: MIT
#include "channellayerregistry.h"

#include "inmemorychannellayer.h"
#include "redischannellayer.h"

#include <QUrl>

#include <algorithm>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

ChannelLayerRegistry ChannelLayerRegistry::withBuiltinBackends()
{
    ChannelLayerRegistry registry;
    registry.registerBackend<InMemoryChannelLayer>();
    registry.registerBackend<RedisChannelLayer>();
    return registry;
}

void ChannelLayerRegistry::registerBackend(Backend backend)
{
    m_backends.append(std::move(backend));
}

std::unique_ptr<ChannelLayer> ChannelLayerRegistry::create(const ChannelLayerOptions &options, QString *error) const
{
    const QString scheme = options.url.isEmpty() ? QString() : QUrl(options.url).scheme().toLower();
    const auto backend = std::find_if(m_backends.cbegin(), m_backends.cend(), [&](const Backend &candidate) {
        return options.url.isEmpty() ? candidate.urlSchemes.isEmpty() : candidate.urlSchemes.contains(scheme);
    });
    if (backend == m_backends.cend()) {
        if (error)
            *error = u"no channel layer for \"%1\" URLs"_s.arg(scheme);
        return nullptr;
    }
    return backend->create(options, error);
}

} // namespace Kaiwa::Server
