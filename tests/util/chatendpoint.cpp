// SPDX-License-Identifier: MIT
#include "chatendpoint.h"

#include "daphneprocess.h"
#include "serverprocess.h"

#include "common/roomname.h"

namespace KaiwaTest {

using namespace Qt::StringLiterals;

QUrl ChatEndpoint::wsUrl(const QString &room, const QString &query) const
{
    QString url =
        u"ws://127.0.0.1:%1/ws/chat/%2/"_s.arg(port()).arg(QString::fromLatin1(Kaiwa::RoomName::toPathSegment(room)));
    if (!query.isEmpty())
        url += u'?' + query;
    return QUrl(url, QUrl::StrictMode);
}

QUrl ChatEndpoint::httpUrl(const QString &path) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(path));
}

std::unique_ptr<ChatEndpoint> ChatEndpoint::fromEnvironment(const QStringList &kaiwaArguments)
{
    const QByteArray peer = qgetenv("KAIWA_TEST_PEER");
    if (peer == "django")
        return std::make_unique<DaphneProcess>();
    if (!peer.isEmpty() && peer != "kaiwa")
        qFatal("KAIWA_TEST_PEER=%s: expected kaiwa or django", peer.constData());
    return std::make_unique<ServerProcess>(kaiwaArguments);
}

} // namespace KaiwaTest
