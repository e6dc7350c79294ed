// SPDX-License-Identifier: MIT
// The search benchmark (docs/performance.md, "Search"): fills an SQLite message database with N messages (mixed
// English and Japanese, words drawn by a Zipf law, rooms of Zipf sizes) as the previous schema held them, opens it
// with the store (the upgrade indexes them all: its time is reported), runs a mix of searches and reports their
// latency, then compares the cost of storing a message with the index (the store's append, the batches that move the
// messages to the index included) and without it (the previous release's append: BEGIN IMMEDIATE, its one INSERT,
// COMMIT), each on a fresh file.
//
//   kaiwa-search-bench [--messages 1000000] [--appends 20000] [--dir DIR] [--smoke]
#include "server/storage/messagestore.h"
#include "server/storage/sqlitemessagestore.h"
#include "server/storage/sqliteschema.h"
#include "server/storage/sqlresource.h"
#include "server/storage/sqlsearchindex.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

namespace {

/// Index i drawn with probability proportional to 1 / (i + 1)^s, from a precomputed cumulative table.
class Zipf
{
public:
    Zipf(int n, double s)
    {
        double sum = 0;
        m_cumulative.reserve(n);
        for (int i = 0; i < n; ++i)
            m_cumulative.push_back(sum += 1.0 / std::pow(i + 1, s));
    }
    int draw(QRandomGenerator &random) const
    {
        const double x = random.generateDouble() * m_cumulative.back();
        return int(std::lower_bound(m_cumulative.begin(), m_cumulative.end(), x) - m_cumulative.begin());
    }

private:
    std::vector<double> m_cumulative;
};

const QStringList s_commonEnglish{
    u"the"_s, u"to"_s,   u"and"_s,  u"a"_s,      u"i"_s,     u"is"_s,   u"it"_s,     u"you"_s,  u"that"_s,  u"we"_s,
    u"for"_s, u"on"_s,   u"this"_s, u"with"_s,   u"have"_s,  u"but"_s,  u"not"_s,    u"be"_s,   u"can"_s,   u"just"_s,
    u"so"_s,  u"what"_s, u"if"_s,   u"deploy"_s, u"build"_s, u"test"_s, u"server"_s, u"room"_s, u"today"_s, u"fix"_s,
};
const QStringList s_japanese{
    u"今日"_s,     u"雑談"_s,   u"会議"_s, u"資料"_s,     u"確認"_s, u"お願い"_s, u"します"_s,       u"サーバー"_s,
    u"デプロイ"_s, u"テスト"_s, u"明日"_s, u"予定"_s,     u"問題"_s, u"修正"_s,   u"ありがとう"_s,   u"ござい"_s,
    u"ます"_s,     u"です"_s,   u"けど"_s, u"ちょっと"_s, u"東京"_s, u"大阪"_s,   u"昼ご飯"_s,       u"ラーメン"_s,
    u"週末"_s,     u"天気"_s,   u"雨"_s,   u"晴れ"_s,     u"電車"_s, u"遅延"_s,   u"プロジェクト"_s, u"設計"_s,
    u"仕様"_s,     u"バグ"_s,   u"ログ"_s, u"検索"_s,     u"機能"_s, u"画面"_s,   u"表示"_s,         u"速度"_s,
};
const QStringList s_particles{u"は"_s, u"が"_s, u"を"_s, u"に"_s, u"で"_s, u"の"_s, u"と"_s, u"も"_s};

/// A made-up English-looking word for vocabulary rank i (beyond the common words): stable, mostly distinct.
QString rareWord(int i)
{
    static const QStringList syllables{u"ka"_s, u"lo"_s,  u"mi"_s, u"ter"_s, u"son"_s, u"ra"_s, u"vel"_s, u"qu"_s,
                                       u"an"_s, u"dor"_s, u"pi"_s, u"ex"_s,  u"wen"_s, u"ba"_s, u"tis"_s, u"gro"_s};
    QString word;
    for (int n = i + 7; n > 0; n /= 16)
        word += syllables.at(n % 16);
    return word;
}

struct Corpus {
    QRandomGenerator random{20261207};
    Zipf english{20000, 1.1};
    Zipf japanese{int(s_japanese.size()), 1.0};
    Zipf rooms{100, 1.0};

    QString englishWord()
    {
        const int rank = english.draw(random);
        return rank < s_commonEnglish.size() ? s_commonEnglish.at(rank) : rareWord(rank);
    }
    QString message()
    {
        QString text;
        const int words = 3 + int(random.bounded(15));
        if (random.bounded(10) < 3) { // Japanese, no spaces
            for (int i = 0; i < words; ++i) {
                text += s_japanese.at(japanese.draw(random));
                if (random.bounded(2))
                    text += s_particles.at(random.bounded(int(s_particles.size())));
            }
            return text + u"。"_s;
        }
        for (int i = 0; i < words; ++i)
            text += (i ? u" "_s : QString()) + englishWord();
        return text;
    }
    QString room() { return u"room-%1"_s.arg(rooms.draw(random)); }
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min(values.size() - 1, size_t(std::ceil(p * double(values.size())) - 1)));
}

/// The database as the previous schema (5) held it, filled in one transaction; false on failure.
bool fillPreviousSchema(const QString &path, qint64 count, Corpus &corpus)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fill"_s);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        QStringList schema{u"PRAGMA page_size = 1024"_s, u"PRAGMA journal_mode = WAL"_s};
        const int previous = SqliteSchema::latestVersion() - 1;
        for (int version = 1; version <= previous; ++version)
            schema += SqlResource(u"sqlite"_s).upgradeSteps(version);
        schema += u"PRAGMA user_version = %1"_s.arg(previous);
        for (const QString &sql : std::as_const(schema)) {
            if (ok && !query.exec(sql)) {
                std::fprintf(stderr, "%s: %s\n", qPrintable(sql), qPrintable(query.lastError().text()));
                ok = false;
            }
        }
        ok = ok && query.exec(u"BEGIN"_s)
             && query.prepare(u"INSERT INTO messages (room, id, time, user, text, kind) VALUES "
                              "(:room, coalesce((SELECT last_id FROM rooms WHERE room = :id_room), 0) + 1, :time, "
                              ":user, :text, 0)"_s);
        const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        for (qint64 i = 0; ok && i < count; ++i) {
            const QString room = corpus.room();
            query.bindValue(u":room"_s, room);
            query.bindValue(u":id_room"_s, room);
            query.bindValue(u":time"_s, start + i * 1000);
            query.bindValue(u":user"_s, u"user%1"_s.arg(corpus.random.bounded(500)));
            query.bindValue(u":text"_s, corpus.message());
            ok = query.exec();
        }
        ok = ok && query.exec(u"COMMIT"_s);
        if (!ok)
            std::fprintf(stderr, "fill: %s\n", qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(u"fill"_s);
    return ok;
}

struct QueryClass {
    QString name;
    QStringList queries;
    QString room;
    int pages = 1; ///< 3: the third page, following next_before.
};

/// µs per append: through the store (with the index), or as the previous release's append stored it (without): its
/// transaction of BEGIN IMMEDIATE, the one INSERT and COMMIT.
double measureAppends(const QString &path, int count, bool withIndex, Corpus &corpus)
{
    SqliteMessageStore store(path, withIndex ? u"append-index"_s : u"append-plain"_s);
    if (!store.open()) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
        return -1;
    }
    QList<ChatMessage> messages;
    for (int i = 0; i < count; ++i)
        messages.append(ChatMessage{.room = corpus.room(), .user = u"bench"_s, .text = corpus.message()});
    const QSqlDatabase db = QSqlDatabase::database(store.connectionName(), false);
    const SqlResource sql(u"sqlite"_s);
    QSqlQuery begin(db);
    QSqlQuery insert(db);
    QSqlQuery commit(db);
    begin.prepare(sql.query(u"begin_write"_s));
    insert.prepare(sql.query(u"insert_message"_s));
    commit.prepare(sql.query(u"commit"_s));
    QElapsedTimer timer;
    timer.start();
    for (const ChatMessage &message : std::as_const(messages)) {
        if (withIndex) {
            if (!store.append(message))
                return -1;
            continue;
        }
        if (!begin.exec()) {
            std::fprintf(stderr, "%s\n", qPrintable(begin.lastError().text()));
            return -1;
        }
        insert.bindValue(u":room"_s, message.room);
        insert.bindValue(u":id_room"_s, message.room);
        insert.bindValue(u":time"_s, QDateTime::currentMSecsSinceEpoch());
        insert.bindValue(u":user"_s, message.user);
        insert.bindValue(u":text"_s, message.text);
        for (const QString &name : {u":client_id"_s, u":target"_s, u":author"_s, u":reply_user"_s, u":reply_excerpt"_s,
                                    u":emoji"_s, u":added"_s})
            insert.bindValue(name, QVariant(QMetaType::fromType<QString>()));
        insert.bindValue(u":verified"_s, 0);
        insert.bindValue(u":kind"_s, 0);
        insert.bindValue(u":moderator"_s, 0);
        if (!insert.exec()) {
            std::fprintf(stderr, "%s\n", qPrintable(insert.lastError().text()));
            return -1;
        }
        while (insert.next()) { }
        insert.finish();
        if (!commit.exec()) {
            std::fprintf(stderr, "%s\n", qPrintable(commit.lastError().text()));
            return -1;
        }
    }
    return double(timer.nsecsElapsed()) / 1000.0 / count;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"kaiwa.server.storage.info=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"messages"_s, u"Messages in the searched database."_s, u"N"_s, u"1000000"_s});
    parser.addOption({u"appends"_s, u"Appends timed with and without the index."_s, u"N"_s, u"20000"_s});
    parser.addOption({u"dir"_s, u"Folder for the database files (default: a temporary one)."_s, u"DIR"_s});
    parser.addOption({u"smoke"_s, u"A tiny run that checks the bench works (a ctest)."_s});
    parser.process(app);
    const bool smoke = parser.isSet(u"smoke"_s);
    const qint64 count = smoke ? 5000 : parser.value(u"messages"_s).toLongLong();
    const int appends = smoke ? 300 : parser.value(u"appends"_s).toInt();
    QTemporaryDir temporary;
    const QString dir = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temporary.path();
    const QString path = dir + u"/search-bench.db"_s;
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
        QFile::remove(path + suffix);

    Corpus corpus;
    QElapsedTimer timer;
    timer.start();
    if (!fillPreviousSchema(path, count, corpus))
        return 1;
    std::printf("filled %lld messages (schema %d) in %.1f s\n", count, SqliteSchema::latestVersion() - 1,
                double(timer.elapsed()) / 1000);
    timer.restart();
    SqliteMessageStore store(path, u"search"_s);
    if (!store.open()) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
        return 1;
    }
    std::printf("upgrade to schema %d indexed them in %.1f s\n", SqliteSchema::latestVersion(),
                double(timer.elapsed()) / 1000);
    // The searches also read the longest tail a daemon leaves: messages stored and not yet moved to FTS5.
    for (int i = 0; i < SqlSearchIndex::IndexBatch - 1; ++i) {
        if (!store.append(ChatMessage{.room = corpus.room(), .user = u"bench"_s, .text = corpus.message()})) {
            std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
            return 1;
        }
    }
    std::printf("then stored %d messages, the tail the searches read besides FTS5\n", SqlSearchIndex::IndexBatch - 1);

    const QList<QueryClass> classes{
        {u"common word"_s, {u"the"_s, u"a"_s, u"deploy"_s, u"you"_s}, {}, 1},
        {u"rare word"_s, {rareWord(5000), rareWord(12000), rareWord(17000), rareWord(19000)}, {}, 1},
        {u"word prefix"_s, {u"dep"_s, u"ser"_s, u"kal"_s, u"bu"_s}, {}, 1},
        {u"2-char Japanese"_s, {u"雑談"_s, u"会議"_s, u"遅延"_s, u"検索"_s}, {}, 1},
        {u"1-char Japanese"_s, {u"雨"_s, u"東"_s, u"画"_s, u"速"_s}, {}, 1},
        {u"two terms"_s, {u"deploy today"_s, u"サーバー 問題"_s, u"the fix"_s, u"確認 お願い"_s}, {}, 1},
        {u"room-filtered"_s, {u"the"_s, u"雑談"_s, u"server"_s, u"雨"_s}, u"room-40"_s, 1},
        {u"paged (3rd page)"_s, {u"the"_s, u"雑談"_s, u"test"_s, u"遅延"_s}, {}, 3},
    };
    const int rounds = smoke ? 3 : 50;
    std::vector<double> all;
    std::printf("\n| query | p50 ms | p99 ms | results on the page |\n| --- | --- | --- | --- |\n");
    for (const QueryClass &queryClass : classes) {
        std::vector<double> times;
        qsizetype results = 0;
        for (int round = 0; round < rounds; ++round) {
            for (const QString &text : queryClass.queries) {
                qint64 before = 0;
                for (int page = 0; page < queryClass.pages; ++page) {
                    timer.restart();
                    const auto found = store.search({text, queryClass.room, before, 20});
                    const double ms = double(timer.nsecsElapsed()) / 1e6;
                    if (!found) {
                        std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
                        return 1;
                    }
                    if (page == queryClass.pages - 1) {
                        times.push_back(ms);
                        results += found->hits.size();
                    }
                    before = found->nextBefore;
                }
            }
        }
        all.insert(all.end(), times.begin(), times.end());
        std::printf("| %s | %.2f | %.2f | %.1f |\n", qPrintable(queryClass.name), percentile(times, 0.5),
                    percentile(times, 0.99), double(results) / double(times.size()));
    }
    std::printf("| **all** | %.2f | %.2f | |\n", percentile(all, 0.5), percentile(all, 0.99));

    // Alternating rounds on fresh files, the median of each: the machine's noise hits both alike.
    std::vector<double> withTimes;
    std::vector<double> withoutTimes;
    for (int round = 0; round < 5; ++round) {
        for (const bool index : {true, false}) {
            const QString file = dir + (index ? u"/append-index.db"_s : u"/append-plain.db"_s);
            for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
                QFile::remove(file + suffix);
            const double us = measureAppends(file, appends, index, corpus);
            if (us < 0)
                return 1;
            (index ? withTimes : withoutTimes).push_back(us);
        }
    }
    const double withIndex = percentile(withTimes, 0.5);
    const double without = percentile(withoutTimes, 0.5);
    std::printf("\n| append (%d messages, each committed; median of 5 alternating rounds) | us per message |\n"
                "| --- | --- |\n",
                appends);
    std::printf("| without the index (the previous release's append: BEGIN IMMEDIATE, INSERT, COMMIT) | %.1f |\n"
                "| with the index (store append) | %.1f |\n",
                without, withIndex);
    std::printf("| index cost | %+.0f%% |\n", (withIndex / without - 1) * 100);
    return 0;
}
