// SPDX-License-Identifier: MIT
// RoomListModel without a server: rooms keep trying to connect to a closed port, which is fine.
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/tokenstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;

class TestRoomListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openAndClose()
    {
        TokenStore tokens(u"kaiwa-test"_s);
        RoomListModel model(&tokens);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QUrl server(u"http://127.0.0.1:9/"_s); // Discard port: nothing listens.
        Room *lobby = model.openRoom({server, u"lobby"_s, u"alice"_s});
        Room *other = model.openRoom({server, u"other"_s, u"alice"_s});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.openRoom({server, u"lobby"_s, u"someone else"_s}), lobby); // Same room, same tab.
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1).data(RoomListModel::NameRole).toString(), u"other"_s);
        QCOMPARE(model.index(1).data(RoomListModel::RoomRole).value<Room *>(), other);
        QCOMPARE(model.index(0).data(RoomListModel::ServerRole).toUrl(), server);
        QCOMPARE(model.rowOf(other), 1);
        QCOMPARE(model.addresses().size(), 2);

        QSignalSpy stateChanged(&model, &QAbstractItemModel::dataChanged);
        QTRY_VERIFY(!stateChanged.isEmpty()); // Connecting, then waiting to reconnect.

        QPointer<Room> closed = lobby;
        model.closeRoom(0);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.roomAt(0), other);
        QTRY_VERIFY(closed.isNull()); // Deleted later.
        model.closeRoom(5);           // Out of range: ignored.
        QCOMPARE(model.rowCount(), 1);
    }

    void unreadCounts()
    {
        TokenStore tokens(u"kaiwa-test"_s);
        RoomListModel model(&tokens);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Room *room = model.openRoom({QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, {}});
        QSignalSpy totalChanged(&model, &RoomListModel::totalUnreadChanged);
        QCOMPARE(model.index(0).data(RoomListModel::UnreadRole).toInt(), 0);
        room->setInView(false);
        QCOMPARE(model.totalUnread(), 0);
        room->setInView(true);
        QCOMPARE(totalChanged.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRoomListModel)
#include "tst_roomlistmodel.moc"
