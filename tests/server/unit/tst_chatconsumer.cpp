// SPDX-License-Identifier: MIT
// ChatConsumer in this process: each consumer on a WebSocketConnection over one end of a socketpair (the
// transport as the daemon runs it), the test speaking WebSocket on the other end, behind a real ChatService
// on the in-process layer and an SQLite file. What a connection sees of the chat, and what the chat keeps
// of it, without a daemon process or a port: the welcome, stored-then-acknowledged, errors that keep the
// connection open, the rate limit's close, tutorial clients kept to frames with a message, and leaving.
#include "server/consumers/chatconsumer.h"
#include "server/consumers/chatservice.h"
#include "server/layers/inmemorychannellayer.h"
#include "server/storage/messagestoreregistry.h"
#include "server/transport/socketstream.h"
#include "server/transport/socketstreamflusher.h"
#include "server/transport/websocketconnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using namespace Kaiwa::Server;

namespace {

/// The client's end of the socketpair: masked frames out, the server's frames parsed as they arrive.
class Client
{
public:
    explicit Client(int fd)
        : m_fd(fd)
    {
    }
    ~Client() { ::close(m_fd); }
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    /// A text frame, masked as a client's must be (with a zero key: the payload reads as it is).
    void send(const QByteArray &utf8)
    {
        QByteArray frame;
        frame.append(char(0x81));
        if (utf8.size() < 126) {
            frame.append(char(0x80 | utf8.size()));
        } else {
            frame.append(char(0x80 | 126));
            frame.append(char(utf8.size() >> 8));
            frame.append(char(utf8.size() & 0xff));
        }
        frame.append(QByteArray(4, '\0'));
        frame.append(utf8);
        QCOMPARE(::write(m_fd, frame.constData(), size_t(frame.size())), ssize_t(frame.size()));
    }
    void sendJson(const QJsonObject &object) { send(QJsonDocument(object).toJson(QJsonDocument::Compact)); }

    /// The text frames received so far, as JSON; reads what has arrived first.
    QList<QJsonObject> frames()
    {
        read();
        return m_frames;
    }
    QList<QJsonObject> framesOfType(const QString &type)
    {
        QList<QJsonObject> matching;
        for (const QJsonObject &frame : frames()) {
            if (frame.value("type"_L1).toString() == type)
                matching.append(frame);
        }
        return matching;
    }
    /// The close frame's code, 0 until one came.
    quint16 closeCode()
    {
        read();
        return m_closeCode;
    }

private:
    void read()
    {
        char chunk[65536];
        for (ssize_t n; (n = ::read(m_fd, chunk, sizeof chunk)) > 0;)
            m_buffer.append(chunk, n);
        while (m_buffer.size() >= 2) {
            const quint8 opcode = quint8(m_buffer.at(0)) & 0x0f;
            qsizetype length = quint8(m_buffer.at(1)) & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (m_buffer.size() < 4)
                    return;
                length = (qsizetype(quint8(m_buffer.at(2))) << 8) | quint8(m_buffer.at(3));
                header = 4;
            } else if (length == 127) {
                QFAIL("no test frame is that large");
            }
            if (m_buffer.size() < header + length)
                return;
            const QByteArray payload = m_buffer.mid(header, length);
            m_buffer.remove(0, header + length);
            if (opcode == 0x1)
                m_frames.append(QJsonDocument::fromJson(payload).object());
            else if (opcode == 0x8 && payload.size() >= 2)
                m_closeCode = quint16((quint8(payload.at(0)) << 8) | quint8(payload.at(1)));
        }
    }

    int m_fd;
    QByteArray m_buffer;
    QList<QJsonObject> m_frames;
    quint16 m_closeCode = 0;
};

QString errorCode(const QJsonObject &frame)
{
    return frame.value("code"_L1).toString();
}

} // namespace

class TestChatConsumer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    SocketStreamFlusher m_flusher;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<InMemoryChannelLayer> m_layer;
    std::unique_ptr<ChatService> m_service;
    QObject m_sockets; ///< Parent of the server ends: each WebSocketConnection, which owns its stream and consumer.

    /// A consumer in `room` as the router would make it after an upgrade; the client end to speak with it.
    std::unique_ptr<Client> connect(const QString &room, const QString &user, bool kaiwaV1)
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
            return nullptr;
        ::fcntl(fds[1], F_SETFL, ::fcntl(fds[1], F_GETFL) | O_NONBLOCK);
        auto *stream = new SocketStream(fds[0], &m_flusher);
        auto *socket = new WebSocketConnection(stream, {}, kaiwaV1 ? "kaiwa.v1" : QByteArray(), {},
                                               QHostAddress::LocalHost, &m_sockets);
        ConsumerScope scope;
        scope.room = room;
        scope.user = user;
        scope.kaiwaV1 = kaiwaV1;
        ChatConsumer::factory(m_service.get())(socket, scope);
        return std::make_unique<Client>(fds[1]);
    }

    void start(const ChatSettings &settings)
    {
        qDeleteAll(m_sockets.children());
        m_service.reset();
        m_layer.reset();
        m_store.reset();
        QFile::remove(m_directory.filePath(u"kaiwa.sqlite"_s));
        m_store = createMessageStore(m_directory.filePath(u"kaiwa.sqlite"_s));
        QVERIFY(m_store && m_store->open());
        m_layer = std::make_unique<InMemoryChannelLayer>();
        m_service = std::make_unique<ChatService>(m_layer.get(), m_store.get(), settings);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"kaiwa.server.storage.info=false"_s);
        QVERIFY(m_directory.isValid());
    }
    void init() { start(ChatSettings{}); }
    void cleanup() { qDeleteAll(m_sockets.children()); }

    /// kaiwa.v1: the welcome first (room, name, member id), then the room's presence with this member in it.
    void welcomeThenPresence()
    {
        auto alice = connect(u"lobby"_s, u"alice"_s, true);
        QVERIFY(alice);
        QTRY_COMPARE(alice->framesOfType(u"presence"_s).size(), 1);
        const QJsonObject welcome = alice->frames().first();
        QCOMPARE(welcome.value("type"_L1).toString(), u"welcome"_s);
        QCOMPARE(welcome.value("room"_L1).toString(), u"lobby"_s);
        QCOMPARE(welcome.value("user"_L1).toString(), u"alice"_s);
        const QString memberId = welcome.value("member_id"_L1).toString();
        QVERIFY(!memberId.isEmpty());
        QCOMPARE(m_service->connections().anonymous().size(), 1);
        const QJsonObject presence = alice->framesOfType(u"presence"_s).first();
        QCOMPARE(presence.value("count"_L1).toInt(), 1);
    }

    /// A message is stored, comes back to its sender and the room, and is acknowledged after it.
    void messageIsStoredEchoedThenAcknowledged()
    {
        auto alice = connect(u"lobby"_s, u"alice"_s, true);
        auto bob = connect(u"lobby"_s, u"bob"_s, false);
        QTRY_COMPARE(alice->framesOfType(u"presence"_s).size(), 1);
        alice->sendJson({{"message"_L1, u"hello"_s}, {"client_id"_L1, u"c-1"_s}});
        QTRY_COMPARE(alice->framesOfType(u"ack"_s).size(), 1);
        QCOMPARE(m_store->lastId(u"lobby"_s), 1);
        QStringList order;
        for (const QJsonObject &frame : alice->frames())
            order.append(frame.value("type"_L1).toString());
        QVERIFY2(order.indexOf(u"chat.message"_s) >= 0 && order.indexOf(u"chat.message"_s) < order.indexOf(u"ack"_s),
                 qPrintable(order.join(u' ')));
        QCOMPARE(alice->framesOfType(u"ack"_s).first().value("client_id"_L1).toString(), u"c-1"_s);
        QTRY_COMPARE(bob->frames().size(), 1); // the tutorial client: the message, nothing typed
        QCOMPARE(bob->frames().first().value("message"_L1).toString(), u"hello"_s);
    }

    /// Refusals are frames with a code, the connection stays open, and the next message goes through.
    void refusalsKeepTheConnectionOpen_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("not JSON") << QByteArray("{nope") << u"invalid_json"_s;
        QTest::newRow("no message") << QByteArray(R"({"text": "hi"})") << u"missing_message"_s;
        QTest::newRow("empty") << QByteArray(R"({"message": "  "})") << u"empty_message"_s;
        QTest::newRow("edit of nothing") << QByteArray(R"({"type": "edit", "id": 99, "message": "x"})")
                                         << u"unknown_target"_s;
    }
    void refusalsKeepTheConnectionOpen()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, code);
        auto alice = connect(u"lobby"_s, u"alice"_s, true);
        QTRY_COMPARE(alice->framesOfType(u"presence"_s).size(), 1);
        alice->send(frame);
        QTRY_COMPARE(alice->framesOfType(u"error"_s).size(), 1);
        QCOMPARE(errorCode(alice->framesOfType(u"error"_s).first()), code);
        alice->sendJson({{"message"_L1, u"still here"_s}});
        QTRY_COMPARE(alice->framesOfType(u"chat.message"_s).size(), 1);
        QCOMPARE(alice->closeCode(), 0);
        QCOMPARE(m_store->lastId(u"lobby"_s), 1);
    }

    /// Past the burst, frames are refused with rate_limited; too many refusals in a row close with 1008.
    void floodIsRefusedThenClosed()
    {
        ChatSettings settings;
        settings.rateLimit = 0.001; // no token comes back during the test
        settings.rateBurst = 3;
        settings.maxRejectionsBeforeClose = 5;
        start(settings);
        auto alice = connect(u"lobby"_s, u"alice"_s, true);
        QTRY_COMPARE(alice->framesOfType(u"presence"_s).size(), 1);
        for (int i = 0; i < 3 + 5 + 1; ++i) // the burst, five refused, and one refusal too many
            alice->sendJson({{"message"_L1, u"m%1"_s.arg(i)}});
        QTRY_COMPARE(alice->closeCode(), 1008);
        QCOMPARE(alice->framesOfType(u"chat.message"_s).size(), 3);
        const QList<QJsonObject> errors = alice->framesOfType(u"error"_s);
        QCOMPARE(errors.size(), 5);
        for (const QJsonObject &error : errors)
            QCOMPARE(errorCode(error), u"rate_limited"_s);
        QCOMPARE(m_store->lastId(u"lobby"_s), 3); // nothing refused was stored
    }

    /// An edit reaches kaiwa.v1 members as chat.edit and tutorial clients as a line of its own, marked ✎.
    void tutorialClientsGetOnlyFramesWithAMessage()
    {
        auto alice = connect(u"lobby"_s, u"alice"_s, true);
        auto tutorial = connect(u"lobby"_s, u"reader"_s, false);
        QTRY_COMPARE(alice->framesOfType(u"presence"_s).size(), 1);
        alice->sendJson({{"message"_L1, u"teh plan"_s}, {"client_id"_L1, u"c-1"_s}});
        QTRY_COMPARE(alice->framesOfType(u"ack"_s).size(), 1);
        alice->sendJson({{"type"_L1, u"react"_s}, {"id"_L1, 1}, {"emoji"_L1, u"👍"_s}});
        alice->sendJson({{"type"_L1, u"edit"_s}, {"id"_L1, 1}, {"message"_L1, u"the plan"_s}});
        QTRY_COMPARE(alice->framesOfType(u"chat.edit"_s).size(), 1);
        QCOMPARE(alice->framesOfType(u"chat.reaction"_s).size(), 1);
        QTRY_COMPARE(tutorial->frames().size(), 2);
        for (const QJsonObject &frame : tutorial->frames())
            QVERIFY(frame.contains("message"_L1));
        QCOMPARE(tutorial->frames().at(1).value("message"_L1).toString(), u"✎ the plan"_s);
        QCOMPARE(tutorial->frames().at(1).value("edit_of"_L1).toInteger(), 1);
    }

    /// A closed connection leaves its room: the registry forgets it, the others are told it left.
    void closingLeavesTheRoom()
    {
        auto alice = connect(u"lobby"_s, u"alice"_s, true);
        auto bob = connect(u"lobby"_s, u"bob"_s, true);
        QTRY_COMPARE(alice->framesOfType(u"member.joined"_s).size(), 1);
        QCOMPARE(m_service->connections().anonymous().size(), 2);
        bob.reset(); // the client goes away without a closing handshake
        QTRY_COMPARE(alice->framesOfType(u"member.left"_s).size(), 1);
        QCOMPARE(m_service->connections().anonymous().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestChatConsumer)
#include "tst_chatconsumer.moc"
