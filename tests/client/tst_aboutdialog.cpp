// SPDX-License-Identifier: MIT
// The About box, offscreen: the version, the Qt it runs on and the one it was built with, the licence,
// the project's page as a link, the credits; in Japanese too.
#include "client/ui/aboutdialog.h"
#include "client/ui/languageswitcher.h"

#include <QLabel>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;

class TestAboutDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saysWhatItIs_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("licence");
        QTest::addColumn<QString>("credits");
        QTest::newRow("en") << u"en"_s << u"MIT licence"_s << u"Written by the Kaiwa authors"_s;
        QTest::newRow("ja") << u"ja"_s << u"MIT ライセンス"_s << u"Kaiwa の作者たち"_s;
    }

    void saysWhatItIs()
    {
        QFETCH(QString, language);
        QFETCH(QString, licence);
        QFETCH(QString, credits);
        QCoreApplication::setApplicationVersion(u"9.8.7"_s);
        Ui::LanguageSwitcher languages;
        languages.setLanguage(language);
        Ui::AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *text = dialog.findChild<QLabel *>(u"aboutText"_s);
        QVERIFY(text);
        const QString shown = text->text();
        QVERIFY2(shown.contains(u"Kaiwa 9.8.7"_s), qPrintable(shown));
        QVERIFY(shown.contains(QString::fromLatin1(qVersion())));
        QVERIFY(shown.contains(QStringLiteral(QT_VERSION_STR)));
        QVERIFY(shown.contains(licence));
        QVERIFY(shown.contains(credits));
        QVERIFY(Ui::AboutDialog::homepage().startsWith(u"https://"_s));
        QVERIFY(shown.contains(u"<a href=\"%1\">"_s.arg(Ui::AboutDialog::homepage())));
        QVERIFY(text->openExternalLinks());
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
