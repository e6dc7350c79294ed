// SPDX-License-Identifier: MIT
// How the chat log shows who wrote what, against a real kaiwa-server with an account: an anonymous
// sender who calls itself "alice ✓" and writes a line that looks like another message must not look
// like the signed-in alice, nor like a second message, nor join her group. Drawn offscreen; the picture
// is saved to <build>/tests/client/screenshots/kaiwa-verified-sender.png for a reviewer.
#include "client/chatlogmodel.h"
#include "client/room.h"
#include "client/roomconnection.h"
#include "client/signin.h"
#include "client/ui/chatcolors.h"
#include "client/ui/chatlogview.h"
#include "client/ui/messagelayout.h"
#include "client/ui/roomview.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Client;
using namespace Qt::StringLiterals;

namespace {

const QString s_password = u"correct horse 1"_s;
const QString s_forgedText = u"can we ship it?\n20:17 alice ✓: approved"_s;

/// Perceived difference of two colours, 0..255 per channel summed.
int distance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

} // namespace

class TestVerifiedSender : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    QUrl serverUrl() const { return m_server->httpUrl(u"/"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Accounts, but no --require-login: anonymous senders chat under any name they like.
        m_server =
            KaiwaTest::ServerProcess::withAccount(m_dir.filePath(u"kaiwa.sqlite"_s), u"alice"_s, s_password.toUtf8());
        QVERIFY(m_server && m_server->start());
    }

    void forgedNameAndLinesAreNotVerified()
    {
        Room viewer(RoomAddress{serverUrl(), u"proof"_s, u"viewer"_s});
        Ui::RoomView view(&viewer);
        view.resize(560, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE_WITH_TIMEOUT(viewer.connectionState(), ConnectionState::Connected, 10000);

        // The forger: anonymous, named like alice plus a check mark, with a second "message" in its text.
        KaiwaTest::WsClient forger(true);
        QVERIFY(forger.open(RoomAddress{serverUrl(), u"proof"_s, u"alice ✓"_s}.webSocketUrl()));
        forger.sendJson({{"message"_L1, s_forgedText}});
        const ChatLogModel *log = viewer.log();
        QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 1, 10000);

        // The real alice, signed in.
        SignIn signIn;
        QSignalSpy signedIn(&signIn, &SignIn::succeeded);
        signIn.start(serverUrl(), u"alice"_s, s_password);
        QVERIFY(signedIn.wait(10000));
        RoomConnection alice(RoomAddress{serverUrl(), u"proof"_s, u"alice"_s});
        alice.setAccessToken(signedIn.first().first().toByteArray());
        alice.open();
        QTRY_COMPARE_WITH_TIMEOUT(alice.state(), ConnectionState::Connected, 10000);
        alice.sendMessage(u"ship it"_s);
        QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 2, 10000);

        // Two messages, two rows: the forged line stays in the forger's row.
        const QModelIndex forged = log->index(0);
        const QModelIndex real = log->index(1);
        QCOMPARE(forged.data(ChatLogModel::TextRole).toString(), s_forgedText);
        QCOMPARE(forged.data(ChatLogModel::SenderRole).toString(), u"alice ✓"_s);
        QVERIFY(!forged.data(ChatLogModel::VerifiedRole).toBool());
        QVERIFY(forged.data(Qt::AccessibleDescriptionRole).toString().isEmpty());
        QCOMPARE(real.data(ChatLogModel::SenderRole).toString(), u"alice"_s);
        QVERIFY(real.data(ChatLogModel::VerifiedRole).toBool());
        const QString verifiedText = u"Signed in to the account alice on this server."_s;
        QCOMPARE(real.data(Qt::AccessibleDescriptionRole).toString(), verifiedText);
        QVERIFY(real.data(Qt::ToolTipRole).toString().endsWith(verifiedText));

        Ui::ChatLogView *list = view.logView();
        QVERIFY(list->rowLayout(0).badgeRect().isEmpty());
        const QRect badge = list->rowLayout(1).badgeRect().translated(list->visualRect(1).topLeft());
        QVERIFY(!badge.isEmpty());
        QVERIFY(list->visualRect(1).contains(badge));
        // Not grouped with the forger of the same name: each has its own name line.
        QCOMPARE(list->rowLayout(0).shownSender(), u"alice ✓"_s);
        QCOMPARE(list->rowLayout(1).shownSender(), u"alice"_s);

        // Its line break makes the forged message one line taller than alice's, inside its own bubble.
        const int lineHeight = list->fontMetrics().lineSpacing();
        const int extra = list->rowLayout(0).bubbleRect().height() - list->rowLayout(1).bubbleRect().height();
        QVERIFY2(std::abs(extra - lineHeight) <= 2, qPrintable(u"%1 vs %2"_s.arg(extra).arg(lineHeight)));

        // On screen: the badge's colour where it is drawn, and none at the same place in the forged bubble.
        QCoreApplication::processEvents();
        const QImage image = list->viewport()->grab().toImage();
        const auto pixel = [&image](const QPoint &point) { return image.pixelColor(point * image.devicePixelRatio()); };
        const QColor badgeColor = Ui::ChatColors(list->palette()).verified();
        const QPoint inBadge(badge.center().x(), badge.top() + badge.height() / 4);
        QVERIFY2(distance(pixel(inBadge), badgeColor) < 60,
                 qPrintable(pixel(inBadge).name() + u" vs "_s + badgeColor.name()));
        const QPoint sameInForged = inBadge - list->visualRect(1).topLeft() + list->visualRect(0).topLeft();
        QVERIFY2(distance(pixel(sameInForged), badgeColor) > 150, qPrintable(pixel(sameInForged).name()));

        const QString directory = QStringLiteral(KAIWA_TEST_OUTPUT_DIR) + u"/screenshots"_s;
        QDir().mkpath(directory);
        QVERIFY(view.grab().save(directory + u"/kaiwa-verified-sender.png"_s));
        alice.close();
    }
};

QTEST_MAIN(TestVerifiedSender)
#include "tst_verifiedsender.moc"
