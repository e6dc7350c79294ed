// SPDX-License-Identifier: MIT
// ChatMessage::toWire() and IsoTime::format() are hand-written fast paths of what Qt's JSON and
// date formatting produce; these tests hold them to exactly Qt's output.
#include "common/chatmessage.h"
#include "common/isotime.h"
#include "common/serverevent.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

using namespace Kaiwa;
using namespace Qt::StringLiterals;

class TestWireEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toWireMatchesQJsonDocument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<bool>("verified");
        QTest::addColumn<qint64>("id");

        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls.append(QChar(c));
        QTest::newRow("tutorial") << u"hello"_s << QString() << false << qint64(1);
        QTest::newRow("empty") << QString() << QString() << false << qint64(0);
        QTest::newRow("quotes and backslashes")
            << uR"(say "hi" \ \\ \n / </script>)"_s << u"c-1"_s << true << qint64(42);
        QTest::newRow("control characters") << controls + QChar(0x7f) << QString() << false << qint64(7);
        QTest::newRow("japanese") << u"雑談へようこそ、皆さん"_s << u"クライアント"_s << false << qint64(3);
        QTest::newRow("emoji and surrogates") << u"😀 👨‍👩‍👧 𝄞"_s << QString() << true << qint64(9);
        QTest::newRow("html stays text") << u"<b onclick=\"x()\">&amp;</b>"_s << QString() << false << qint64(5);
        QTest::newRow("large id") << u"x"_s << QString() << false << qint64(9007199254740993LL);
        QTest::newRow("long") << QString(10000, u'あ') << u"k"_s << false << qint64(100000);
    }
    void toWireMatchesQJsonDocument()
    {
        QFETCH(QString, text);
        QFETCH(QString, clientId);
        QFETCH(bool, verified);
        QFETCH(qint64, id);
        const ChatMessage message{
            id,       u"雑談"_s, u"ユーザー \"1\""_s, QDateTime::fromMSecsSinceEpoch(1764028800123, Qt::UTC), text,
            clientId, verified};
        QCOMPARE(message.toWire(), toWire(message.toJson()));
    }

    void relationsMatch()
    {
        // Replies, mentions, edits, tombstones and reactions go through the same writer.
        ChatMessage message{
            7,      u"雑談"_s, u"alice"_s, QDateTime::fromMSecsSinceEpoch(1764028800123, Qt::UTC), u"@bob \"yes\""_s,
            u"k"_s, true};
        message.replyTo = ReplyQuote{6, u"bob \"b\""_s, u"shall we?\n…"_s, false};
        message.mentions = {u"bob"_s, u"雑談係"_s};
        message.edited = QDateTime::fromMSecsSinceEpoch(1764028900456, Qt::UTC);
        message.reactions = {ReactionSummary{u"👍"_s, 2, {u"a"_s, u"b\\"_s}}, ReactionSummary{u"🎉"_s, 1, {u"c"_s}}};
        QCOMPARE(message.toWire(), toWire(message.toJson()));
        ChatMessage tombstone{8, u"r"_s, u"u"_s, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), QString(), {}, false};
        tombstone.deleted = true;
        tombstone.replyTo = ReplyQuote{6, u"bob"_s, QString(), true};
        QCOMPARE(tombstone.toWire(), toWire(tombstone.toJson()));
    }

    void randomTextsMatch()
    {
        // Random code points from every plane (valid surrogate pairs only), quote and escape heavy.
        QRandomGenerator random(20261125);
        for (int round = 0; round < 500; ++round) {
            QString text;
            const int length = int(random.bounded(40));
            for (int i = 0; i < length; ++i) {
                const quint32 pick = random.bounded(4);
                char32_t code = pick == 0   ? random.bounded(0x80u)
                                : pick == 1 ? U"\"\\\n\t/"[random.bounded(5)]
                                : pick == 2 ? random.bounded(0x80u, 0xd800u)
                                            : random.bounded(0x10000u, 0x110000u);
                text.append(QString::fromUcs4(&code, 1));
            }
            const ChatMessage message{
                round, u"r"_s,    u"u"_s,        QDateTime::fromMSecsSinceEpoch(round * 86'400'123LL),
                text,  QString(), round % 2 == 0};
            QCOMPARE(message.toWire(), toWire(message.toJson()));
        }
    }

    void isoTimeMatchesQt_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::newRow("epoch") << qint64(0);
        QTest::newRow("before epoch") << qint64(-1);
        QTest::newRow("end of 1999") << qint64(946684799999);
        QTest::newRow("leap day 2024") << qint64(1709164800500);
        QTest::newRow("now-ish") << qint64(1764028800123);
        QTest::newRow("year 1") << qint64(-62135596800000);
        QTest::newRow("end of year 9999") << qint64(253402300799999);
        QTest::newRow("year 10000 (Qt's own format)") << qint64(253402300800000);
    }
    void isoTimeMatchesQt()
    {
        QFETCH(qint64, ms);
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        QCOMPARE(IsoTime::format(time), time.toString(Qt::ISODateWithMs));
        if (time.date().year() <= 9999) // Qt does not read its own five-digit years back
            QCOMPARE(IsoTime::parse(IsoTime::format(time)), time);
    }

    void isoTimeRandomMatchesQt()
    {
        QRandomGenerator random(7);
        for (int i = 0; i < 5000; ++i) {
            const qint64 ms = qint64(random.bounded(Q_INT64_C(-62135596800000), Q_INT64_C(253402300799999)));
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            QCOMPARE(IsoTime::format(time), time.toString(Qt::ISODateWithMs));
        }
        // A local time is written as UTC.
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(1764028800123, QTimeZone(9 * 3600));
        QCOMPARE(IsoTime::format(local), u"2025-11-25T00:00:00.123Z"_s);
        QCOMPARE(IsoTime::format(QDateTime()), QString());
    }
};

QTEST_APPLESS_MAIN(TestWireEncoding)
#include "tst_wireencoding.moc"
