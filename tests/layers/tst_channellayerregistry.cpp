// SPDX-License-Identifier: MIT
// ChannelLayerRegistry: the layer `--redis` names, chosen by URL scheme, started; and the Redis
// backend's refusal to mix two databases' ids, which it checks before the daemon serves.
#include "layers/channellayer.h"
#include "layers/channellayerregistry.h"
#include "util/fixturepolicy.h"
#include "util/redisserverprocess.h"

#include <QTest>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestChannelLayerRegistry : public QObject
{
    Q_OBJECT

    const ChannelLayerRegistry m_registry = ChannelLayerRegistry::withBuiltinBackends();

private Q_SLOTS:
    void noUrlIsThisDaemonAlone()
    {
        QString error;
        const auto layer = m_registry.create(ChannelLayerOptions{}, &error);
        QVERIFY2(layer, qPrintable(error));
        QCOMPARE(layer->backendId(), u"inmemory"_s);
        QVERIFY(!(layer->capabilities() & ChannelLayer::Capability::CrossProcess));
    }

    void refusedUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown scheme") << u"amqp://localhost/"_s << u"no channel layer for \"amqp\" URLs"_s;
        QTest::newRow("redis without host") << u"redis://"_s << u"invalid Redis URL"_s;
    }
    void refusedUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, error);
        QString reason;
        QVERIFY(!m_registry.create(ChannelLayerOptions{url, nullptr, {}, {}, {}}, &reason));
        QVERIFY2(reason.startsWith(error), qPrintable(reason));
    }

    void redisTakesOneDatabasePerDeployment()
    {
        RedisServerProcess redis;
        KAIWA_REQUIRE_FIXTURE(redis.start(), u"redis-server"_s);
        const ChannelLayerOptions one{redis.url(), nullptr, u"db-one"_s, u"one.sqlite"_s, {}};
        QString error;
        const auto first = m_registry.create(one, &error);
        QVERIFY2(first, qPrintable(error));
        QCOMPARE(first->backendId(), u"redis"_s);
        QVERIFY(first->capabilities() & ChannelLayer::Capability::CrossProcess);
        QTRY_VERIFY(first->isReachable()); // the subscriber may finish its handshake after the registration

        // Another daemon on the same database shares the rooms; one on another database is refused.
        QVERIFY2(m_registry.create(one, &error), qPrintable(error));
        const ChannelLayerOptions two{redis.url(), nullptr, u"db-two"_s, u"two.sqlite"_s, {}};
        QVERIFY(!m_registry.create(two, &error));
        QVERIFY2(error.contains(u"another database (one.sqlite"_s) && error.contains(u"than this one (two.sqlite)"_s),
                 qPrintable(error));
        QVERIFY2(error.contains(u"DEL kaiwa:0:store"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestChannelLayerRegistry)
#include "tst_channellayerregistry.moc"
