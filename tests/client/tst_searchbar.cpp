// SPDX-License-Identifier: MIT
// Room > Find Messages (Ctrl+F) against a real kaiwa-server, offscreen: the search bar searches the current
// room, "All rooms" every room of the server; results say room, sender and time and mark the matched text
// (Japanese found by a two-character word); scrolling to the end loads more; activating a result opens its
// room and goes to the message, loading older history until it is there; an edited message is found by its
// new text only; Esc closes. Screenshots in English and Japanese.
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "client/chatlogmodel.h"
#include "client/clientsettings.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/searchresultsmodel.h"
#include "client/tokenstore.h"
#include "client/ui/chatlogview.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/messageinput.h"
#include "client/ui/roomview.h"
#include "client/ui/searchbar.h"
#include "client/ui/searchresultdelegate.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QInputMethodEvent>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::SearchResultsModel;

class TestSearchBar : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    std::unique_ptr<Client::ClientSettings> m_settings;
    Ui::LanguageSwitcher m_languages;
    Client::TokenStore m_tokens{u"kaiwa-test"_s};
    std::unique_ptr<Client::RoomListModel> m_rooms;
    std::unique_ptr<Ui::MainWindow> m_window;
    qint64 m_oldDeploy = 0; ///< The first message of "ops", far behind what a join replays.
    qint64 m_edited = 0;

    /// Posts the texts to `room` as `user`; returns their ids, once stored.
    QList<qint64> post(const QString &room, const QString &user, const QStringList &texts)
    {
        auto client = KaiwaTest::WsClient::connected(m_server->wsUrl(room, u"name="_s + user), true);
        if (!client || !client->waitForFrames(1))
            return {};
        for (qsizetype i = 0; i < texts.size(); ++i)
            client->sendJson({{"message"_L1, texts.at(i)}, {"client_id"_L1, u"c%1"_s.arg(i)}});
        if (!QTest::qWaitFor([&] { return client->framesOfType(u"ack"_s).size() == texts.size(); }, 20000))
            return {};
        QList<qint64> ids;
        const QList<QJsonObject> acks = client->framesOfType(u"ack"_s);
        for (const QJsonObject &ack : acks)
            ids.append(ack.value("id"_L1).toInteger());
        return ids;
    }

    SearchResultsModel *results() const { return m_window->searchBar()->model(); }

    QStringList resultRooms() const
    {
        QStringList rooms;
        for (int row = 0; row < results()->rowCount(); ++row)
            rooms.append(results()->index(row).data(SearchResultsModel::RoomRole).toString());
        return rooms;
    }

    /// Types `text` in the search field and waits for the answer.
    void search(const QString &text)
    {
        Ui::SearchBar *bar = m_window->searchBar();
        bar->field()->clear();
        bar->field()->setFocus();
        // Japanese comes from an input method, committed at once; Latin text key by key.
        QInputMethodEvent composed;
        composed.setCommitString(text);
        if (std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; }))
            QTest::keyClicks(bar->field(), text);
        else
            QApplication::sendEvent(bar->field(), &composed);
        // Searched after the pause in typing, without Enter.
        QTRY_VERIFY_WITH_TIMEOUT(results()->query() == text && !results()->isSearching(), 10000);
        QVERIFY(results()->errorString().isEmpty());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        // Only the last 20 messages are replayed on joining: older ones must be paged in.
        m_server = std::make_unique<KaiwaTest::ServerProcess>(
            QStringList{u"--database"_s, m_directory.filePath(u"kaiwa.sqlite"_s), u"--rate-limit"_s, u"0"_s,
                        u"--history"_s, u"20"_s});
        QVERIFY(m_server->start());
        QStringList ops{u"deploy of the old build, way back"_s};
        for (int i = 0; i < 120; ++i)
            ops.append(u"routine line %1"_s.arg(i));
        const QList<qint64> opsIds = post(u"ops"_s, u"carol"_s, ops);
        QCOMPARE(opsIds.size(), ops.size());
        m_oldDeploy = opsIds.first();
        QStringList lobby;
        for (int i = 0; i < 25; ++i)
            lobby.append(u"deploy number %1 went fine"_s.arg(i));
        lobby.append(u"今日は雑談しよう"_s);
        QCOMPARE(post(u"lobby"_s, u"bob"_s, lobby).size(), lobby.size());

        // An edited message: found by its new text only.
        auto editor = KaiwaTest::WsClient::connected(m_server->wsUrl(u"lobby"_s, u"name=dave"_s), true);
        QVERIFY(editor && editor->waitForFrames(1));
        editor->sendJson({{"message"_L1, u"the typo version"_s}, {"client_id"_L1, u"typo"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(editor->framesOfType(u"ack"_s).size(), qsizetype(1), 10000);
        m_edited = editor->framesOfType(u"ack"_s).first().value("id"_L1).toInteger();
        editor->sendJson({{"type"_L1, u"edit"_s}, {"id"_L1, m_edited}, {"message"_L1, u"the corrected version"_s}});
        QTRY_VERIFY_WITH_TIMEOUT(!editor->framesOfType(u"chat.edit"_s).isEmpty(), 10000);

        m_settings = std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_directory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
        m_languages.setLanguage(u"en"_s);
        m_rooms = std::make_unique<Client::RoomListModel>(&m_tokens);
        m_window = std::make_unique<Ui::MainWindow>(m_rooms.get(), *m_settings, &m_languages);
        m_window->resize(760, 620);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->openRoom({m_server->httpUrl(), u"lobby"_s, u"alice"_s});
        QTRY_VERIFY_WITH_TIMEOUT(m_rooms->roomAt(0)->isCaughtUp(), 10000);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_rooms.reset();
    }

    /// Ctrl+F opens the bar on the current room; typing searches it, newest first, matches marked.
    void searchesTheCurrentRoom()
    {
        QAbstractItemModelTester tester(results(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        Ui::SearchBar *bar = m_window->searchBar();
        QVERIFY(!bar->isVisible());
        QTest::keySequence(m_window.get(), QKeySequence::Find);
        QVERIFY(bar->isVisible());
        QVERIFY(bar->field()->hasFocus());
        QCOMPARE(bar->room(), u"lobby"_s);
        QVERIFY(!bar->allRoomsBox()->isChecked());

        // What the first page held (the list may ask for the next one as soon as it has laid it out).
        QList<int> pages;
        QList<bool> more;
        QObject pageWatch;
        connect(results(), &SearchResultsModel::pageLoaded, &pageWatch, [&] {
            pages.append(results()->rowCount());
            more.append(results()->hasMore());
        });
        search(u"deploy"_s);
        QCOMPARE(pages.value(0), SearchResultsModel::pageSize);
        QCOMPARE(more.value(0), true);
        QVERIFY(resultRooms().size() >= SearchResultsModel::pageSize);
        QCOMPARE(resultRooms(), QStringList(resultRooms().size(), u"lobby"_s)); // not ops' old deploy
        const QModelIndex newest = results()->index(0);
        QCOMPARE(newest.data(SearchResultsModel::TextRole).toString(), u"deploy number 24 went fine"_s);
        QCOMPARE(newest.data(SearchResultsModel::SenderRole).toString(), u"bob"_s);
        QCOMPARE(newest.data(SearchResultsModel::HighlightsRole).value<QList<SearchResultsModel::Highlight>>(),
                 (QList<SearchResultsModel::Highlight>{{0, 6}}));
        QVERIFY(bar->delegate()->headerText(newest).startsWith(u"lobby · bob · Today "_s));

        // Scrolling to the end of the list loads the rest.
        QListView *list = bar->resultList();
        QVERIFY(list->isVisible());
        list->scrollToBottom();
        QTRY_COMPARE_WITH_TIMEOUT(results()->rowCount(), 25, 10000);
        QVERIFY(!results()->hasMore());
        QCOMPARE(results()->index(24).data(SearchResultsModel::TextRole).toString(), u"deploy number 0 went fine"_s);
    }

    /// Japanese is found by a two-character word, its position marked in UTF-16 units.
    void findsJapaneseWords()
    {
        search(u"雑談"_s);
        QCOMPARE(results()->rowCount(), 1);
        QCOMPARE(results()->index(0).data(SearchResultsModel::TextRole).toString(), u"今日は雑談しよう"_s);
        QCOMPARE(
            results()->index(0).data(SearchResultsModel::HighlightsRole).value<QList<SearchResultsModel::Highlight>>(),
            (QList<SearchResultsModel::Highlight>{{3, 2}}));
    }

    /// An edited message is found by what it says now, not by what it said.
    void editsCount()
    {
        search(u"typo"_s);
        QCOMPARE(results()->rowCount(), 0);
        QCOMPARE(m_window->searchBar()->statusText(), u"No messages found in lobby."_s);
        search(u"corrected"_s);
        QCOMPARE(results()->rowCount(), 1);
        QCOMPARE(results()->index(0).data(SearchResultsModel::IdRole).toLongLong(), m_edited);
    }

    /// "All rooms" searches every room of the server; a result in a room not open opens it and goes to the
    /// message, older history loaded until it is there.
    void everyRoomAndGoingThere()
    {
        Ui::SearchBar *bar = m_window->searchBar();
        search(u"deploy old"_s);
        QCOMPARE(results()->rowCount(), 0);
        QSignalSpy loaded(results(), &SearchResultsModel::pageLoaded);
        bar->allRoomsBox()->click();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(resultRooms(), QStringList{u"ops"_s});
        QCOMPARE(results()->room(), QString());

        QTest::keyClick(bar->field(), Qt::Key_Down);
        QVERIFY(bar->resultList()->hasFocus());
        QTest::keyClick(bar->resultList(), Qt::Key_Return);
        QCOMPARE(m_window->tabs()->count(), 2);
        Ui::RoomView *view = m_window->currentRoomView();
        QCOMPARE(view->room()->address().room, u"ops"_s);
        QCOMPARE(view->room()->address().name, u"alice"_s);
        QCOMPARE(bar->room(), u"ops"_s); // the open bar follows the current room
        const Client::ChatLogModel *log = view->room()->log();
        QTRY_VERIFY_WITH_TIMEOUT(log->rowOfId(m_oldDeploy) >= 0, 20000);
        QTRY_COMPARE(view->logView()->currentRow(), log->rowOfId(m_oldDeploy));
        QVERIFY(view->logView()->visualRect(log->rowOfId(m_oldDeploy)).intersects(view->logView()->viewport()->rect()));
    }

    /// Esc closes the bar and gives the keyboard back to the room.
    void escapeCloses()
    {
        Ui::SearchBar *bar = m_window->searchBar();
        bar->field()->setFocus();
        QSignalSpy closed(bar, &Ui::SearchBar::closed);
        QTest::keyClick(bar->field(), Qt::Key_Escape);
        QCOMPARE(closed.size(), 1);
        QVERIFY(!bar->isVisible());
        QCOMPARE(results()->rowCount(), 0);
        QVERIFY(m_window->currentRoomView()->input()->hasFocus());
    }

    /// The bar with results in English and Japanese, for a look (<build>/tests/client/screenshots/).
    void screenshots()
    {
        m_window->tabs()->setCurrentIndex(0);
        const QString directory = QStringLiteral(KAIWA_TEST_OUTPUT_DIR) + u"/screenshots"_s;
        QVERIFY(QDir().mkpath(directory));
        for (const QString &language : {u"en"_s, u"ja"_s}) {
            m_languages.setLanguage(language);
            Ui::SearchBar *bar = m_window->searchBar();
            bar->allRoomsBox()->setChecked(false); // closed: nothing is searched
            QVERIFY(m_window->showSearch());
            search(language == u"ja"_s ? u"雑談"_s : u"deploy"_s);
            QCoreApplication::processEvents();
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            const QString name = directory + u"/search-%1.png"_s.arg(language);
            QVERIFY(m_window->grab().save(name));
            qInfo("saved %s", qPrintable(QDir::toNativeSeparators(name)));
            bar->close();
        }
        m_languages.setLanguage(u"en"_s);
    }
};

QTEST_MAIN(TestSearchBar)
#include "tst_searchbar.moc"
