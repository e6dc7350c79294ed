// SPDX-License-Identifier: MIT
// The message box, offscreen: it grows with what is pasted into it at once (lines and long wrapped
// lines), not only at the next keystroke, up to a limit, and shrinks back when emptied.
#include "client/ui/messageinput.h"

#include <QApplication>
#include <QClipboard>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;

class TestMessageInput : public QObject
{
    Q_OBJECT

private:
    static int lineHeight(const Ui::MessageInput &input) { return input.fontMetrics().lineSpacing(); }

private Q_SLOTS:
    void growsOnPaste_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<int>("minimumLines");
        QTest::newRow("three lines") << u"one\ntwo\nthree"_s << 3;
        QTest::newRow("one long line, wrapped") << u"word "_s.repeated(60) << 3;
        QTest::newRow("Japanese, wrapped") << u"日本語の長い文章を貼り付けます。"_s.repeated(8) << 3;
    }

    void growsOnPaste()
    {
        QFETCH(QString, pasted);
        QFETCH(int, minimumLines);
        Ui::MessageInput input;
        input.resize(300, input.sizeHint().height());
        input.show();
        QVERIFY(QTest::qWaitForWindowExposed(&input));
        const int oneLine = input.height();

        QGuiApplication::clipboard()->setText(pasted);
        input.setFocus();
        QTest::keyClick(&input, Qt::Key_V, Qt::ControlModifier); // the paste, and no keystroke after it
        QCOMPARE(input.toPlainText(), pasted);
        QTRY_VERIFY2(input.height() >= oneLine + (minimumLines - 1) * lineHeight(input),
                     qPrintable(u"%1 px, one line is %2 px"_s.arg(input.height()).arg(oneLine)));
        const int grown = input.height();

        // Emptied: one line again.
        input.clear();
        QTRY_COMPARE(input.height(), oneLine);
        QVERIFY(grown > oneLine);
    }

    void growthHasALimit()
    {
        Ui::MessageInput input;
        input.resize(300, input.sizeHint().height());
        input.show();
        QVERIFY(QTest::qWaitForWindowExposed(&input));
        const int oneLine = input.height();
        input.insertPlainText(u"line\n"_s.repeated(40));
        QTRY_VERIFY(input.height() > oneLine);
        QVERIFY2(input.height() <= oneLine + 6 * lineHeight(input), qPrintable(QString::number(input.height())));
    }
};

QTEST_MAIN(TestMessageInput)
#include "tst_messageinput.moc"
