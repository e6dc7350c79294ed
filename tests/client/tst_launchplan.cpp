// SPDX-License-Identifier: MIT
// Which rooms the client opens at start (LaunchPlan) from the command line and the saved settings,
// and the display name remembered per server. tst_commandline runs the same rules through the binary.
#include "client/clientsettings.h"
#include "client/launchplan.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;

namespace {
const QUrl s_here(u"http://127.0.0.1:8000/"_s);
const QUrl s_there(u"https://chat.example.org/"_s);
} // namespace

class TestLaunchPlan : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ClientSettings> m_settings;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(u"kaiwa.ini"_s));
        m_settings = std::make_unique<ClientSettings>(
            std::make_unique<QSettings>(m_dir.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
        m_settings->remember({s_there, u"far"_s, u"bea"_s});
        m_settings->remember({s_here, u"desk"_s, u"tester"_s});
        m_settings->setOpenRooms(
            {{s_here, u"desk"_s, u"tester"_s}, {s_there, u"far"_s, u"bea"_s}, {s_here, u"second"_s, u"tester"_s}});
    }

    void namesArePerServer()
    {
        QCOMPARE(m_settings->displayName(s_here), u"tester"_s);
        QCOMPARE(m_settings->displayName(s_there), u"bea"_s);
        QCOMPARE(m_settings->displayName(QUrl(u"http://new.example.org/"_s)), u"tester"_s); // the last one used
        m_settings->setDisplayName(s_there, u"beatrice"_s);
        QCOMPARE(m_settings->displayName(s_there), u"beatrice"_s);
        QCOMPARE(m_settings->displayName(s_here), u"tester"_s);
        QCOMPARE(m_settings->displayName(), u"beatrice"_s);
    }

    void nothingGivenReopensEverything()
    {
        const LaunchPlan plan = LaunchPlan::make({}, *m_settings);
        QCOMPARE(plan.reopen, m_settings->openRooms());
        QVERIFY(plan.keep.isEmpty());
        QVERIFY(!plan.focus);
        QVERIFY(!plan.askForRoom);
    }

    void serverReopensItsRoomsAndKeepsOthers()
    {
        const LaunchPlan plan = LaunchPlan::make({s_here, {}, std::nullopt}, *m_settings);
        QCOMPARE(plan.reopen,
                 (QList<RoomAddress>{{s_here, u"desk"_s, u"tester"_s}, {s_here, u"second"_s, u"tester"_s}}));
        QCOMPARE(plan.keep, (QList<RoomAddress>{{s_there, u"far"_s, u"bea"_s}}));
        QVERIFY(!plan.askForRoom);
        QVERIFY(!plan.nameGiven);
    }

    void roomIsAddedWithTheServersName()
    {
        const LaunchPlan plan = LaunchPlan::make({s_there, u"news"_s, std::nullopt}, *m_settings);
        QCOMPARE(plan.reopen, (QList<RoomAddress>{{s_there, u"far"_s, u"bea"_s}}));
        QCOMPARE(plan.focus, (RoomAddress{s_there, u"news"_s, u"bea"_s}));
    }

    void nameRenamesEveryRoomOpened()
    {
        const LaunchPlan plan = LaunchPlan::make({s_here, u"second"_s, u"carol"_s}, *m_settings);
        QCOMPARE(plan.reopen, (QList<RoomAddress>{{s_here, u"desk"_s, u"carol"_s}, {s_here, u"second"_s, u"carol"_s}}));
        QCOMPARE(plan.focus, (RoomAddress{s_here, u"second"_s, u"carol"_s}));
        QVERIFY(plan.nameGiven);
    }

    void savedRoomKeepsItsName()
    {
        m_settings->setDisplayName(s_here, u"someone else"_s);
        const LaunchPlan plan = LaunchPlan::make({s_here, u"second"_s, std::nullopt}, *m_settings);
        QCOMPARE(plan.focus, (RoomAddress{s_here, u"second"_s, u"tester"_s}));
    }

    void serverWithoutRoomsAsks()
    {
        const QUrl fresh(u"http://new.example.org/"_s);
        LaunchPlan plan = LaunchPlan::make({fresh, {}, std::nullopt}, *m_settings);
        QVERIFY(plan.reopen.isEmpty());
        QCOMPARE(plan.keep.size(), 3);
        QVERIFY(plan.askForRoom);
        QCOMPARE(plan.promptServer, fresh);
        QCOMPARE(plan.promptName, u"tester"_s);
        plan = LaunchPlan::make({fresh, {}, u"newbie"_s}, *m_settings);
        QCOMPARE(plan.promptName, u"newbie"_s);

        m_settings->setOpenRooms({});
        plan = LaunchPlan::make({}, *m_settings);
        QVERIFY(plan.askForRoom);
        QVERIFY(plan.promptServer.isEmpty()); // the prompt offers the most recent server
        QCOMPARE(plan.promptName, u"tester"_s);
    }
};

QTEST_GUILESS_MAIN(TestLaunchPlan)
#include "tst_launchplan.moc"
