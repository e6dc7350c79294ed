// SPDX-License-Identifier: MIT
// MemberListModel: presence lists, joins and leaves by member id, one name twice, order by name as people
// read a list (case-insensitive, locale-aware, numbers as numbers), the user's own entry marked.
#include "client/memberlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::MemberListModel;

namespace {
QStringList rows(const MemberListModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        result.append(index.data(MemberListModel::UserRole).toString() + u'/'
                      + index.data(MemberListModel::IdRole).toString());
    }
    return result;
}
} // namespace

class TestMemberListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presenceJoinsAndLeaves()
    {
        MemberListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&model, &MemberListModel::countChanged);
        model.reset({{u"a.2"_s, u"bob"_s}, {u"a.1"_s, u"alice"_s}, {u"a.1"_s, u"alice"_s}}, u"a.2"_s);
        QCOMPARE(rows(model), (QStringList{u"alice/a.1"_s, u"bob/a.2"_s})); // sorted, duplicate id once
        QCOMPARE(count.size(), 1);
        QVERIFY(model.index(1).data(MemberListModel::IsSelfRole).toBool());
        QVERIFY(!model.index(0).data(MemberListModel::IsSelfRole).toBool());
        // The own entry says so where it is shown; the name alone stays in UserRole.
        QCOMPARE(model.index(1).data().toString(), u"bob (you)"_s);
        QCOMPARE(model.index(1).data(Qt::ToolTipRole).toString(), u"bob (you)"_s);
        QCOMPARE(model.index(1).data(MemberListModel::UserRole).toString(), u"bob"_s);
        QCOMPARE(model.index(0).data().toString(), u"alice"_s);

        model.add({u"b.7"_s, u"alice"_s}); // the same name, another connection
        model.add({u"b.1"_s, u"carol"_s});
        model.add({u"b.1"_s, u"carol"_s}); // already there
        QCOMPARE(rows(model), (QStringList{u"alice/a.1"_s, u"alice/b.7"_s, u"bob/a.2"_s, u"carol/b.1"_s}));
        QCOMPARE(model.count(), 4);
        QCOMPARE(count.size(), 3);

        model.remove(u"a.1"_s);
        model.remove(u"nobody"_s);
        QCOMPARE(rows(model), (QStringList{u"alice/b.7"_s, u"bob/a.2"_s, u"carol/b.1"_s}));
        QCOMPARE(count.size(), 4);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(count.last().first().toInt(), 0);
    }

    /// As people read a list: case does not split the alphabet, accents sort with their letter,
    /// numbers count, and the order holds for members joining one by one too.
    void orderIsCaseInsensitiveAndLocaleAware()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QStringList names{u"bob"_s,  u"Zed"_s,   u"alice"_s, u"Émile"_s, u"user10"_s,
                                u"Dave"_s, u"user2"_s, u"carol"_s, u"Alice"_s, u"eve"_s};
        const QStringList expected{u"alice"_s, u"Alice"_s, u"bob"_s,   u"carol"_s,  u"Dave"_s,
                                   u"Émile"_s, u"eve"_s,   u"user2"_s, u"user10"_s, u"Zed"_s};
        const auto userNames = [](const MemberListModel &model) {
            QStringList result;
            for (int row = 0; row < model.rowCount(); ++row)
                result.append(model.index(row).data(MemberListModel::UserRole).toString());
            return result;
        };
        QList<Member> members;
        for (const QString &name : names)
            members.append({u"id."_s + QString::number(members.size()), name});

        MemberListModel presence;
        QAbstractItemModelTester presenceTester(&presence, QAbstractItemModelTester::FailureReportingMode::QtTest);
        presence.reset(members, {});
        QCOMPARE(userNames(presence), expected);

        MemberListModel joins;
        QAbstractItemModelTester joinsTester(&joins, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const Member &member : std::as_const(members))
            joins.add(member);
        QCOMPARE(userNames(joins), expected);
        QLocale::setDefault(QLocale::system());
    }

    void namesAreData()
    {
        MemberListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset({{u"x.1"_s, u"<b>mallory</b>"_s}, {u"x.2"_s, u"太郎"_s}}, {});
        QCOMPARE(model.index(0).data(MemberListModel::UserRole).toString(), u"<b>mallory</b>"_s);
        QCOMPARE(model.roleNames().value(MemberListModel::IdRole), QByteArray("memberId"));
    }
};

QTEST_GUILESS_MAIN(TestMemberListModel)
#include "tst_memberlistmodel.moc"
