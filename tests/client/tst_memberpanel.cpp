// SPDX-License-Identifier: MIT
// The member list beside the log, offscreen: a header with the count in English and Japanese (plural
// forms), the own entry marked, long names elided with the whole name in the tool tip, no horizontal
// scroll bar at any width.
#include "client/memberlistmodel.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/memberpanel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QScrollBar>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::MemberListModel;

class TestMemberPanel : public QObject
{
    Q_OBJECT

private:
    Ui::LanguageSwitcher m_languages;

private Q_SLOTS:
    void initTestCase() { m_languages.setLanguage(u"en"_s); }
    void cleanup() { m_languages.setLanguage(u"en"_s); }

    void headerCountsInBothLanguages()
    {
        MemberListModel members;
        QAbstractItemModelTester tester(&members, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Ui::MemberPanel panel(&members);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QLabel *header = panel.header();
        QVERIFY(header->isHidden()); // no presence yet: unknown, not "0 members"

        members.reset({{u"1"_s, u"alice"_s}}, u"1"_s);
        QVERIFY(header->isVisible());
        QCOMPARE(header->text(), u"1 member"_s);
        members.add({u"2"_s, u"bob"_s});
        QCOMPARE(header->text(), u"2 members"_s);
        QCOMPARE(panel.listView()->accessibleName(), u"2 members"_s);
        QCOMPARE(panel.listView()->model()->index(0, 0).data().toString(), u"alice (you)"_s);

        m_languages.setLanguage(u"ja"_s);
        QTRY_COMPARE(header->text(), u"2 人"_s); // LanguageChange is posted
        QCOMPARE(panel.listView()->model()->index(0, 0).data().toString(), u"alice (あなた)"_s);
        members.remove(u"2"_s);
        QCOMPARE(header->text(), u"1 人"_s);
        members.clear();
        QVERIFY(header->isHidden());
    }

    void longNamesAreElided_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("narrow") << 90;
        QTest::newRow("wide") << 240;
    }

    void longNamesAreElided()
    {
        QFETCH(int, width);
        MemberListModel members;
        const QString longName = u"Bartholomew-Maximilian von Aschenbach-Wolkenstein der Dritte"_s;
        const QString japanese = u"とても長い名前の参加者さんがここにいます本当に長い"_s;
        members.reset({{u"1"_s, u"amy"_s}, {u"2"_s, longName}, {u"3"_s, japanese}}, u"2"_s);
        Ui::MemberPanel panel(&members);
        panel.resize(width, 200);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTreeView *list = panel.listView();

        // The column follows the view's width (QHeaderView stretches it from a zero timer).
        QVERIFY(!list->horizontalScrollBar()->isVisible());
        QTRY_COMPARE(list->horizontalScrollBar()->maximum(), 0); // nothing to scroll to either
        for (int row = 0; row < members.rowCount(); ++row) {
            const QModelIndex index = members.index(row);
            // Each row fits the view, and the whole name is in the tool tip.
            QVERIFY2(list->visualRect(index).right() <= list->viewport()->width(),
                     qPrintable(u"row %1: %2 px in %3 px"_s.arg(row)
                                    .arg(list->visualRect(index).width())
                                    .arg(list->viewport()->width())));
            QCOMPARE(index.data(Qt::ToolTipRole).toString(), index.data(Qt::DisplayRole).toString());
        }
        QCOMPARE(members.index(1).data(Qt::ToolTipRole).toString(), longName + u" (you)"_s);
        QCOMPARE(list->textElideMode(), Qt::ElideRight);
    }
};

QTEST_MAIN(TestMemberPanel)
#include "tst_memberpanel.moc"
