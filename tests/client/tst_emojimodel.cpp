// SPDX-License-Identifier: MIT
// EmojiModel: the ones used lately first, in the order of use, kept short, remembered in a real settings
// file across a restart of the objects; the catalogue without them after; junk from a settings file ignored.
#include "client/clientsettings.h"
#include "client/emojimodel.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::EmojiModel;

namespace {

QStringList rows(const EmojiModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row).data().toString());
    return result;
}

std::unique_ptr<Client::ClientSettings> settingsIn(const QTemporaryDir &directory)
{
    return std::make_unique<Client::ClientSettings>(
        std::make_unique<QSettings>(directory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
}

} // namespace

class TestEmojiModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogIsUnique()
    {
        const QStringList catalog = EmojiModel::catalog();
        QVERIFY(catalog.size() > 100);
        QCOMPARE(QSet<QString>(catalog.cbegin(), catalog.cend()).size(), catalog.size());
        for (const QString &emoji : catalog)
            QVERIFY2(!emoji.isEmpty() && emoji.size() <= EmojiModel::maxEmojiLength, qPrintable(emoji));
        // 👍 and 🎉, the answers people give most, open the grid of a fresh client.
        QCOMPARE(catalog.mid(0, 2), (QStringList{u"👍"_s, u"🎉"_s}));
    }

    void recentComeFirstAndAreRemembered()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        auto settings = settingsIn(directory);
        {
            EmojiModel model(*settings);
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(rows(model), EmojiModel::catalog());
            QVERIFY(!model.index(0).data(EmojiModel::IsRecentRole).toBool());

            QSignalSpy changed(&model, &EmojiModel::recentChanged);
            model.use(u"🍣"_s);
            model.use(u"🐱"_s);
            model.use(u"🍣"_s); // used again: back to the front, once
            QCOMPARE(changed.size(), 3);
            QCOMPARE(model.recent(), (QStringList{u"🍣"_s, u"🐱"_s}));
            const QStringList shown = rows(model);
            QCOMPARE(shown.mid(0, 3), (QStringList{u"🍣"_s, u"🐱"_s, u"👍"_s}));
            QCOMPARE(shown.count(u"🍣"_s), 1); // not twice: out of the catalogue part
            QCOMPARE(shown.size(), EmojiModel::catalog().size());
            QVERIFY(model.index(1).data(EmojiModel::IsRecentRole).toBool());
            QVERIFY(!model.index(2).data(EmojiModel::IsRecentRole).toBool());

            model.use(u"🍣"_s); // already first: nothing changes
            model.use(QString());
            model.use(u"   "_s);
            model.use(u"a whole sentence is no emoji"_s);
            QCOMPARE(changed.size(), 3);

            // An emoji from elsewhere (someone's reaction) joins the list too.
            model.use(u"🦩"_s);
            QCOMPARE(rows(model).size(), EmojiModel::catalog().size() + 1);
        }
        settings->sync();
        settings.reset();

        // A restart: the same file, new objects.
        auto reopened = settingsIn(directory);
        EmojiModel model(*reopened);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.recent(), (QStringList{u"🦩"_s, u"🍣"_s, u"🐱"_s}));
        QCOMPARE(rows(model).mid(0, 4), (QStringList{u"🦩"_s, u"🍣"_s, u"🐱"_s, u"👍"_s}));
    }

    void recentStaysShort()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        auto settings = settingsIn(directory);
        EmojiModel model(*settings);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList catalog = EmojiModel::catalog();
        for (qsizetype i = 0; i < EmojiModel::maxRecent + 3; ++i)
            model.use(catalog.at(catalog.size() - 1 - i));
        QCOMPARE(model.recent().size(), EmojiModel::maxRecent);
        QCOMPARE(model.recent().first(), catalog.at(catalog.size() - EmojiModel::maxRecent - 3));
        // The ones that dropped out are back in their catalogue place; nothing is lost or doubled.
        const QStringList shown = rows(model);
        QCOMPARE(shown.size(), catalog.size());
        QCOMPARE(QSet<QString>(shown.cbegin(), shown.cend()).size(), catalog.size());
        QCOMPARE(settings->recentEmoji(), model.recent());
    }

    void settingsFileJunkIsIgnored()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        auto settings = settingsIn(directory);
        settings->setRecentEmoji({u"🐧"_s, QString(), u"not an emoji at all, a sentence"_s, u"🐧"_s, u"🐢"_s});
        EmojiModel model(*settings);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.recent(), (QStringList{u"🐧"_s, u"🐢"_s}));
    }
};

QTEST_GUILESS_MAIN(TestEmojiModel)
#include "tst_emojimodel.moc"
