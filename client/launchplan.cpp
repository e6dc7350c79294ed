// SPDX-License-Identifier: MIT
#include "launchplan.h"

#include "clientsettings.h"

namespace Kaiwa::Client {

LaunchPlan LaunchPlan::make(const LaunchRequest &request, const ClientSettings &settings)
{
    LaunchPlan plan;
    plan.nameGiven = request.name.has_value();
    const QList<RoomAddress> saved = settings.openRooms();
    for (RoomAddress address : saved) {
        if (request.server && address.server != *request.server) {
            plan.keep.append(address);
            continue;
        }
        if (request.name)
            address.name = *request.name;
        plan.reopen.append(address);
    }

    if (!request.room.isEmpty()) {
        Q_ASSERT(request.server); // main() puts the default server there for --room alone
        RoomAddress focus{*request.server, request.room, request.name.value_or(settings.displayName(*request.server))};
        // A saved room keeps its saved name unless --name says otherwise: it is the same room, in the same tab.
        for (const RoomAddress &address : std::as_const(plan.reopen)) {
            if (address.roomKey() == focus.roomKey())
                focus = address;
        }
        plan.focus = focus;
        return plan;
    }
    if (plan.reopen.isEmpty()) {
        plan.askForRoom = true;
        plan.promptServer = request.server.value_or(QUrl());
        const QUrl nameServer = request.server ? *request.server : QUrl(settings.recentServers().value(0));
        plan.promptName = request.name.value_or(settings.displayName(nameServer));
    }
    return plan;
}

} // namespace Kaiwa::Client
