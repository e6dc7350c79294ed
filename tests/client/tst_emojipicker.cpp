// SPDX-License-Identifier: MIT
// The emoji picker of a room's message box, offscreen: Ctrl+E or the button opens it, the arrow keys
// and Enter pick, the pick goes in at the cursor, Escape leaves the text alone, the ones used lately
// come first (in a real settings file, after a restart too); and 👍🎉 are drawn in colour from the
// emoji font, not as the empty boxes of a missing glyph.
#include "client/clientsettings.h"
#include "client/emojimodel.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/tokenstore.h"
#include "client/ui/emojifont.h"
#include "client/ui/emojipicker.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/messageinput.h"
#include "client/ui/roomview.h"

#include <QApplication>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Kaiwa;

namespace {

/// Pixels that are clearly coloured (an emoji), not grey (text, or the box of a missing glyph).
int colouredPixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor color = image.pixelColor(x, y);
            if (color.hsvSaturation() > 100 && color.value() > 80)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestEmojiPicker : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    Ui::LanguageSwitcher m_languages;

    std::unique_ptr<Client::ClientSettings> openSettings() const
    {
        return std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_directory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        m_languages.setLanguage(u"en"_s);
        QCOMPARE(Ui::EmojiFont::family(), u"Noto Color Emoji"_s); // scripts/install-deps.sh installs it
    }

    void picksInsertAtTheCursor()
    {
        auto settings = openSettings();
        Client::EmojiModel emoji(*settings);
        Client::Room room({QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, u"alice"_s});
        Ui::RoomView view(&room);
        auto *button = view.findChild<QToolButton *>(u"emojiButton"_s);
        QVERIFY(button);
        QVERIFY(button->isHidden()); // no emoji to offer yet
        view.setEmojiModel(&emoji);
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QVERIFY(button->isVisible());

        Ui::MessageInput *input = view.input();
        input->setFocus();
        QTest::keyClicks(input, u"great work"_s);
        QTextCursor cursor = input->textCursor();
        cursor.setPosition(5); // after "great"
        input->setTextCursor(cursor);

        // Ctrl+E, two steps right, Enter: the third emoji goes in where the cursor was.
        QTest::keyClick(input, Qt::Key_E, Qt::ControlModifier);
        Ui::EmojiPicker *picker = view.emojiPicker();
        QVERIFY(picker);
        QTRY_VERIFY(picker->isVisible());
        QTRY_VERIFY(picker->grid()->hasFocus());
        QCOMPARE(picker->grid()->currentIndex().row(), 0);
        const QString third = emoji.index(2).data().toString();
        QSignalSpy chosen(picker, &Ui::EmojiPicker::emojiChosen);
        QTest::keyClick(picker->grid(), Qt::Key_Right);
        QTest::keyClick(picker->grid(), Qt::Key_Right);
        QTest::keyClick(picker->grid(), Qt::Key_Return);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().toString(), third);
        QVERIFY(picker->isHidden());
        QCOMPARE(input->toPlainText(), u"great"_s + third + u" work"_s);
        QTRY_VERIFY(input->hasFocus()); // back to typing
        QCOMPARE(input->textCursor().position(), 5 + third.size());

        // Used once: first in the grid now, and in the settings.
        QCOMPARE(emoji.index(0).data().toString(), third);
        QCOMPARE(settings->recentEmoji(), QStringList{third});

        // The button, then a click on 🎉 (wherever it is now) at the end of the text.
        input->moveCursor(QTextCursor::End);
        button->click();
        QTRY_VERIFY(picker->isVisible());
        const QModelIndex party = emoji.match(emoji.index(0), Qt::DisplayRole, u"🎉"_s, 1, Qt::MatchExactly).value(0);
        QVERIFY(party.isValid());
        QListView *grid = picker->grid();
        grid->scrollTo(party);
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(party).center());
        QCOMPARE(input->toPlainText(), u"great"_s + third + u" work🎉"_s);
        QCOMPARE(emoji.recent(), (QStringList{u"🎉"_s, third}));

        // Escape closes without a pick.
        QTest::keyClick(input, Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(picker->isVisible());
        QTest::keyClick(grid, Qt::Key_Escape);
        QTRY_VERIFY(picker->isHidden());
        QCOMPARE(chosen.size(), 2);
        QCOMPARE(input->toPlainText(), u"great"_s + third + u" work🎉"_s);

        // A restart: the same file, a new model and picker, the recent ones first.
        settings->sync();
        auto reopened = openSettings();
        Client::EmojiModel again(*reopened);
        Ui::EmojiPicker fresh(&again);
        QCOMPARE(fresh.grid()->model()->index(0, 0).data().toString(), u"🎉"_s);
        QCOMPARE(fresh.grid()->model()->index(1, 0).data().toString(), third);
    }

    /// 👍🎉 in the message box are drawn from the colour emoji font: coloured pixels where the box of a
    /// missing glyph (U+10FFFD, a private-use code point no font has) is grey. Letters and digits stay in
    /// the text font (the emoji font has digits too, for keycaps: they must not be taken from it).
    void emojiAreNotBoxes()
    {
        const QFont base = QApplication::font();
        const QFont text = Ui::EmojiFont::withFallback(base);
        QCOMPARE(text.families(), (QStringList{QFontInfo(base).family(), u"Noto Color Emoji"_s}));
        QCOMPARE(QFontInfo(text).family(), QFontInfo(base).family());
        const QFont emojiFont = Ui::EmojiFont::forEmoji(base);
        QCOMPARE(QFontInfo(emojiFont).family(), u"Noto Color Emoji"_s);
        QVERIFY(QFontMetrics(emojiFont).inFontUcs4(0x1F44D));
        QVERIFY(QFontMetrics(emojiFont).inFontUcs4(0x1F389));

        const auto render = [&text](const QString &shown) {
            Ui::MessageInput input;
            input.setFont(text);
            input.resize(200, input.sizeHint().height());
            input.setPlainText(shown);
            input.show();
            if (!QTest::qWaitForWindowExposed(&input))
                return QImage();
            return input.viewport()->grab().toImage();
        };
        const QImage emoji = render(u"👍🎉"_s);
        const QImage boxes = render(QString::fromUcs4(U"\U0010FFFD\U0010FFFD"));
        const QImage digits = render(u"11:18 #1"_s);
        QVERIFY(!emoji.isNull() && !boxes.isNull() && !digits.isNull());
        QVERIFY2(colouredPixels(emoji) > 40, qPrintable(QString::number(colouredPixels(emoji))));
        QCOMPARE(colouredPixels(boxes), 0);
        QCOMPARE(colouredPixels(digits), 0);
        QVERIFY(emoji != boxes);
    }

    /// The window gives its font, with the emoji fallback, to everything in it.
    void windowUsesTheFallback()
    {
        auto settings = openSettings();
        Client::TokenStore tokens(u"kaiwa-test"_s);
        Client::RoomListModel rooms(&tokens);
        Ui::MainWindow window(&rooms, *settings, &m_languages);
        window.openRoom({QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, u"alice"_s});
        const QFont inputFont = window.currentRoomView()->input()->font();
        QVERIFY(inputFont.families().contains(u"Noto Color Emoji"_s));
        QCOMPARE(QFontInfo(inputFont).family(), QFontInfo(QApplication::font()).family());
    }
};

QTEST_MAIN(TestEmojiPicker)
#include "tst_emojipicker.moc"
