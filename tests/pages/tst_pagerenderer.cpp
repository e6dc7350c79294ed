// SPDX-License-Identifier: MIT
#include "server/pages/htmlescape.h"
#include "server/pages/pagerenderer.h"
#include "server/pages/pagestrings.h"
#include "server/pages/pagetemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Server::HtmlEscape;
using Kaiwa::Server::PageRenderer;
using Kaiwa::Server::PageResponse;
using Kaiwa::Server::PageStrings;
using Kaiwa::Server::PageTemplate;

namespace {

/// The text content of <script type="application/json" id="...">...</script>.
QByteArray jsonScript(const QByteArray &html, const QByteArray &id)
{
    const QByteArray open = "<script type=\"application/json\" id=\"" + id + "\">";
    const qsizetype start = html.indexOf(open);
    if (start < 0)
        return {};
    const qsizetype contentStart = start + open.size();
    const qsizetype end = html.indexOf("</script>", contentStart);
    return end < 0 ? QByteArray() : html.sliced(contentStart, end - contentStart);
}

/// Parses a JSON text that may be a bare string, as JSON.parse() does.
QJsonValue parseJson(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson("[" + json + "]");
    return document.isArray() ? document.array().at(0) : QJsonValue(QJsonValue::Undefined);
}

} // namespace

class TestPageRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void index();
    void room();
    void roomSignedIn();
    void notFound();
    void language_data();
    void language();
    void hostileRoomName();
    void japaneseRoomName();
    void i18nBlob();
    void noInlineScriptOrStyle();
    void staticFiles();
    void staticFileRejects_data();
    void staticFileRejects();
    void htmlEscape();
    void scriptJson();
    void templateParsing();
    void everyStringTranslated();

private:
    PageRenderer m_renderer;
};

void TestPageRenderer::index()
{
    const PageResponse page = m_renderer.index({});
    QCOMPARE(page.status, 200);
    QCOMPARE(page.contentType, "text/html; charset=utf-8"_ba);
    QVERIFY(page.body.startsWith("<!DOCTYPE html>"));
    QVERIFY(page.body.contains("<html lang=\"en\">"));
    QVERIFY(page.body.contains("id=\"room-name-input\" type=\"text\""));
    QVERIFY(page.body.contains("id=\"room-name-submit\" type=\"button\" value=\"Enter\""));
    QVERIFY(page.body.contains("autofocus"));
    QVERIFY(page.body.contains("What chat room would you like to enter?"));
    // In this order: deferred scripts run in document order, and kit.js is what the others use.
    QVERIFY(page.body.contains("<script src=\"/static/kit.js\" defer></script>\n"
                               "    <script src=\"/static/index.js\" defer></script>\n"
                               "    <script src=\"/static/directory.js\" defer></script>"));
    QVERIFY(page.body.contains("id=\"room-name-error\""));
    // The room directory, filled by directory.js from /api/rooms.
    QVERIFY(page.body.contains("<input id=\"room-filter\" type=\"search\""));
    QVERIFY(page.body.contains("<ul id=\"room-list\" class=\"room-list\"></ul>"));
    QVERIFY(!page.body.contains("{{"));
}

void TestPageRenderer::room()
{
    const PageResponse page = m_renderer.room(u"lobby"_s, "en-US");
    QCOMPARE(page.status, 200);
    QCOMPARE(page.contentType, "text/html; charset=utf-8"_ba);
    QVERIFY(page.body.contains("<html lang=\"en\">"));
    // The tutorial's #chat-log is a list of message elements now (room.js gives it a `value`).
    QVERIFY(page.body.contains("<div id=\"chat-log\" class=\"chat-log\" role=\"log\" aria-label=\"Chat log\""));
    // Anonymous: no account to show, no sign-out.
    QVERIFY(
        page.body.contains("<form id=\"logout-form\" class=\"account\" method=\"post\" action=\"/logout\" hidden>"));
    QVERIFY(page.body.contains("<input id=\"chat-message-input\" type=\"text\""));
    QVERIFY(page.body.contains("<input id=\"chat-message-submit\" type=\"button\" value=\"Send\">"));
    QVERIFY(page.body.contains("id=\"connection-status\""));
    QVERIFY(page.body.contains("id=\"display-name-input\""));
    // In this order: deferred scripts run in document order, and room.js uses the others.
    QVERIFY(page.body.contains("<script src=\"/static/kit.js\" defer></script>\n"
                               "    <script src=\"/static/mentions.js\" defer></script>\n"
                               "    <script src=\"/static/paging.js\" defer></script>\n"
                               "    <script src=\"/static/catchup.js\" defer></script>\n"
                               "    <script src=\"/static/search.js\" defer></script>\n"
                               "    <script src=\"/static/moderation.js\" defer></script>\n"
                               "    <script src=\"/static/room.js\" defer></script>"));
    // The search box, its results and the jump button are in the page from the start, hidden until used.
    QVERIFY(page.body.contains("<form id=\"search-form\" class=\"search-form\" role=\"search\">"));
    QVERIFY(page.body.contains("<aside id=\"search-panel\" class=\"search-panel\" aria-label=\"Search results\" "
                               "hidden>"));
    QVERIFY(page.body.contains("<button id=\"jump-latest\" class=\"jump-latest\" type=\"button\" hidden>Jump to "
                               "latest</button>"));
    QVERIFY(page.body.contains("<title>Chat Room: lobby</title>"));
    QCOMPARE(jsonScript(page.body, "room-name"), "\"lobby\""_ba);
    QCOMPARE(jsonScript(page.body, "room-account"), "\"\""_ba);
    // Replying and editing show their context above the input; notifications wait for this button.
    QVERIFY(page.body.contains("<div id=\"compose-context\" class=\"compose-context\" aria-live=\"polite\" hidden>"));
    QVERIFY(page.body.contains("<button id=\"notify-button\" type=\"button\" hidden>Notify me of mentions</button>"));
    QVERIFY(!page.body.contains("{{"));

    // Only the message input may take focus on load: the tutorial's tests type into the focused element.
    QCOMPARE(page.body.count("autofocus"), 1);
    const qsizetype focus = page.body.indexOf("autofocus");
    QVERIFY(page.body.lastIndexOf("<input", focus) == page.body.indexOf("<input id=\"chat-message-input\""));
}

void TestPageRenderer::roomSignedIn()
{
    const PageResponse page = m_renderer.room(u"lobby"_s, "en-US", u"<b>alice</b>"_s);
    QVERIFY(page.body.contains("<form id=\"logout-form\" class=\"account\" method=\"post\" action=\"/logout\" >"));
    QVERIFY(page.body.contains("<span id=\"account-name\">Signed in as &lt;b&gt;alice&lt;/b&gt;.</span>"));
    QVERIFY(page.body.contains("<input id=\"logout-submit\" type=\"submit\" value=\"Sign out\">"));
    // The script learns the account (its own messages, mentions of it) as JSON that cannot close the element.
    const QByteArray account = jsonScript(page.body, "room-account");
    QVERIFY(!account.contains('<'));
    QCOMPARE(parseJson(account).toString(), u"<b>alice</b>"_s);

    const PageResponse ja = m_renderer.room(u"lobby"_s, "ja", u"alice"_s);
    QVERIFY(ja.body.contains(u"value=\"ログアウト\""_s.toUtf8()));
    QVERIFY(ja.body.contains(u"alice"_s.toUtf8()));
}

void TestPageRenderer::notFound()
{
    const PageResponse en = m_renderer.notFound({});
    QCOMPARE(en.status, 404);
    QCOMPARE(en.contentType, "text/html; charset=utf-8"_ba);
    QVERIFY(en.body.contains("Page not found"));
    QVERIFY(en.body.contains("href=\"/chat/\""));

    const PageResponse ja = m_renderer.notFound("ja");
    QCOMPARE(ja.status, 404);
    QVERIFY(ja.body.contains("<html lang=\"ja\">"));
    QVERIFY(ja.body.contains(u"ページが見つかりません"_s.toUtf8()));
}

void TestPageRenderer::language_data()
{
    QTest::addColumn<QByteArray>("acceptLanguage");
    QTest::addColumn<QString>("lang");

    QTest::newRow("none") << QByteArray() << u"en"_s;
    QTest::newRow("ja") << "ja"_ba << u"ja"_s;
    QTest::newRow("ja-JP") << "ja-JP"_ba << u"ja"_s;
    QTest::newRow("ja first") << "ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7"_ba << u"ja"_s;
    QTest::newRow("en preferred by q") << "ja;q=0.4,en;q=0.9"_ba << u"en"_s;
    QTest::newRow("ja preferred by q") << "en;q=0.4,ja;q=0.9"_ba << u"ja"_s;
    QTest::newRow("only unsupported") << "de-DE,fr;q=0.5"_ba << u"en"_s;
    QTest::newRow("ja refused") << "ja;q=0,*;q=0.5"_ba << u"en"_s;
}

void TestPageRenderer::language()
{
    QFETCH(QByteArray, acceptLanguage);
    QFETCH(QString, lang);

    QCOMPARE(m_renderer.language(acceptLanguage), lang);
    const QByteArray htmlLang = "<html lang=\"" + lang.toLatin1() + "\">";
    const bool japanese = lang == u"ja"_s;
    const PageResponse index = m_renderer.index(acceptLanguage);
    QVERIFY(index.body.contains(htmlLang));
    QCOMPARE(index.body.contains(u"どのチャットルームに入りますか？"_s.toUtf8()), japanese);
    QCOMPARE(index.body.contains("What chat room would you like to enter?"), !japanese);

    const PageResponse room = m_renderer.room(u"lobby"_s, acceptLanguage);
    QVERIFY(room.body.contains(htmlLang));
    QCOMPARE(room.body.contains(u"value=\"送信\""_s.toUtf8()), japanese);
    QCOMPARE(room.body.contains("value=\"Send\""), !japanese);
}

void TestPageRenderer::hostileRoomName()
{
    // The server validates room names first; the renderer must be safe even if it did not.
    const QString hostile = u"</script><script>alert(1)</script>\"'&<b>x</b><!--"_s;
    const PageResponse page = m_renderer.room(hostile, {});
    QCOMPARE(page.status, 200);
    QVERIFY(!page.body.contains("<script>alert(1)"));
    QVERIFY(!page.body.contains("<b>x</b>"));
    QVERIFY(!page.body.contains("<!--\""));
    QVERIFY(page.body.contains("<title>Chat Room: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
                               "&lt;b&gt;x&lt;/b&gt;&lt;!--</title>"));

    const QByteArray json = jsonScript(page.body, "room-name");
    QVERIFY(!json.isEmpty());
    QVERIFY(!json.contains('<'));
    QVERIFY(!json.contains('>'));
    QVERIFY(!json.contains('&'));
    QCOMPARE(parseJson(json).toString(), hostile);

    // Exactly the scripts the template has: ten (seven files and three data blocks), none injected.
    QCOMPARE(page.body.count("<script"), 10);
    QCOMPARE(page.body.count("</script>"), 10);
}

void TestPageRenderer::japaneseRoomName()
{
    const QString room = u"雑談"_s;
    const PageResponse page = m_renderer.room(room, "ja-JP,ja;q=0.9");
    QVERIFY(page.body.contains(u"<title>チャットルーム: 雑談</title>"_s.toUtf8()));
    QCOMPARE(parseJson(jsonScript(page.body, "room-name")).toString(), room);
}

void TestPageRenderer::i18nBlob()
{
    for (const QByteArray &language : {"en"_ba, "ja"_ba}) {
        for (const PageResponse &page : {m_renderer.index(language), m_renderer.room(u"lobby"_s, language)}) {
            const QByteArray json = jsonScript(page.body, "kaiwa-i18n");
            QVERIFY(!json.contains('<'));
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(json, &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            const QJsonObject strings = document.object();
            for (const PageStrings::Entry &entry : PageStrings::entries()) {
                if (entry.use == PageStrings::Use::Script)
                    QVERIFY2(strings.contains(entry.id), entry.source);
            }
            const QString connected = strings.value("status.connected"_L1).toString();
            QCOMPARE(connected, language == "ja" ? u"%1 として接続中"_s : u"Connected as %1"_s);
            QVERIFY(strings.value("status.reconnecting"_L1).toString().contains("%1"_L1));
        }
    }
}

void TestPageRenderer::noInlineScriptOrStyle()
{
    // The server sends a strict Content-Security-Policy: inline code would be blocked.
    static const QRegularExpression inlineScript(u"<script(?![^>]*\\b(src|type=\"application/json\"))"_s);
    static const QRegularExpression eventHandler(u"\\son[a-z]+\\s*="_s);
    for (const PageResponse &page : {m_renderer.index({}), m_renderer.room(u"x"_s, {}), m_renderer.notFound({})}) {
        const QString html = QString::fromUtf8(page.body);
        QVERIFY2(!inlineScript.match(html).hasMatch(), page.body.constData());
        QVERIFY(!eventHandler.match(html).hasMatch());
        QVERIFY(!html.contains("<style"_L1));
        QVERIFY(!html.contains("style="_L1));
        QVERIFY(!html.contains("javascript:"_L1));
    }
}

void TestPageRenderer::staticFiles()
{
    const auto indexJs = m_renderer.staticFile("index.js");
    QVERIFY(indexJs);
    QCOMPARE(indexJs->status, 200);
    QCOMPARE(indexJs->contentType, "text/javascript; charset=utf-8"_ba);
    QVERIFY(indexJs->body.contains("room-name-input"));
    QVERIFY(indexJs->body.contains("encodeURIComponent"));

    const auto roomJs = m_renderer.staticFile("room.js");
    QVERIFY(roomJs);
    QCOMPARE(roomJs->contentType, "text/javascript; charset=utf-8"_ba);
    QVERIFY(roomJs->body.contains("kaiwa.v1"));
    QVERIFY(!roomJs->body.contains("innerHTML"));

    const auto mentionsJs = m_renderer.staticFile("mentions.js");
    QVERIFY(mentionsJs);
    QCOMPARE(mentionsJs->contentType, "text/javascript; charset=utf-8"_ba);
    QVERIFY(mentionsJs->body.contains("KaiwaMentions"));

    // The modules the pages load; none builds HTML from text.
    for (const QByteArrayView name :
         {"kit.js", "directory.js", "paging.js", "catchup.js", "search.js", "moderation.js"}) {
        const auto module = m_renderer.staticFile(name);
        QVERIFY2(module, name.data());
        QCOMPARE(module->contentType, "text/javascript; charset=utf-8"_ba);
        QVERIFY(!module->body.contains("innerHTML"));
        QVERIFY(!module->body.contains("insertAdjacentHTML"));
    }

    const auto css = m_renderer.staticFile("kaiwa.css");
    QVERIFY(css);
    QCOMPARE(css->contentType, "text/css; charset=utf-8"_ba);
    QVERIFY(css->body.contains("prefers-color-scheme"));
}

void TestPageRenderer::staticFileRejects_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("traversal") << "../x"_ba;
    QTest::newRow("traversal to a real file") << "../pages/room.js"_ba;
    QTest::newRow("dot slash") << "./room.js"_ba;
    QTest::newRow("absolute resource") << ":/kaiwa/pages/room.js"_ba;
    QTest::newRow("template") << "room.html"_ba;
    QTest::newRow("translation") << "kaiwa-server_ja.qm"_ba;
    QTest::newRow("case") << "ROOM.JS"_ba;
    QTest::newRow("encoded") << "room%2Ejs"_ba;
    QTest::newRow("trailing slash") << "room.js/"_ba;
    QTest::newRow("nul") << QByteArray("room.js\0x", 9);
    QTest::newRow("unknown") << "x.js"_ba;
}

void TestPageRenderer::staticFileRejects()
{
    QFETCH(QByteArray, name);
    QVERIFY(!m_renderer.staticFile(name));
}

void TestPageRenderer::htmlEscape()
{
    QCOMPARE(HtmlEscape::text(u"<a href=\"x\">'&'</a>"), u"&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"_s);
    QCOMPARE(HtmlEscape::text(u"雑談_1"), u"雑談_1"_s);
    QCOMPARE(HtmlEscape::text(u""), QString());
}

void TestPageRenderer::scriptJson()
{
    QCOMPARE(HtmlEscape::scriptJson(u"lobby"_s), u"\"lobby\""_s);
    QCOMPARE(HtmlEscape::scriptJson(u"</script>&"_s), u"\"\\u003c/script\\u003e\\u0026\""_s);
    QCOMPARE(HtmlEscape::scriptJson(u"雑談"_s), u"\"雑談\""_s);
    QCOMPARE(HtmlEscape::scriptJson(QJsonObject{{u"k"_s, u"<!--"_s}}), u"{\"k\":\"\\u003c!--\"}"_s);
    QCOMPARE(parseJson(HtmlEscape::scriptJson(u"a\"b\\c\n</script>"_s).toUtf8()).toString(), u"a\"b\\c\n</script>"_s);
}

void TestPageRenderer::templateParsing()
{
    const auto parsed = PageTemplate::parse(u"<p title=\"{{ a }}\">{{b}}</p>{{raw:c}}{{a}}"_s);
    QVERIFY(parsed);
    QCOMPARE(parsed->keys(), (QStringList{u"a"_s, u"b"_s, u"raw:c"_s}));
    const QHash<QString, QString> values{{u"a"_s, u"\"x\""_s}, {u"b"_s, u"<i>"_s}, {u"raw:c"_s, u"<br>"_s}};
    QCOMPARE(parsed->render(values), "<p title=\"&quot;x&quot;\">&lt;i&gt;</p><br>&quot;x&quot;"_ba);

    QVERIFY(!PageTemplate::parse(u"unclosed {{ key"_s));
    QVERIFY(!PageTemplate::parse(u"empty {{ }}"_s));
    QVERIFY(PageTemplate::parse(u"no placeholders } {"_s));
}

void TestPageRenderer::everyStringTranslated()
{
    // A missing Japanese translation would silently show English on a Japanese page.
    const QByteArray ja =
        m_renderer.index("ja").body + m_renderer.room(u"r"_s, "ja", u"a"_s).body + m_renderer.notFound("ja").body;
    for (const PageStrings::Entry &entry : PageStrings::entries()) {
        const QByteArray source = QByteArray(entry.source).replace("%1", "");
        if (source.size() > 12) // short words could occur by chance
            QVERIFY2(!ja.contains(HtmlEscape::text(QString::fromUtf8(source)).toUtf8()), entry.source);
    }
}

QTEST_GUILESS_MAIN(TestPageRenderer)
#include "tst_pagerenderer.moc"
