// SPDX-License-Identifier: MIT
#include "wsclient.h"

#include "common/protocol.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTest>

namespace KaiwaTest {

using namespace Qt::StringLiterals;

QString tokenQuery(const QByteArray &token)
{
    return u"token="_s + QString::fromLatin1(token);
}

WsClient::WsClient(bool kaiwaV1)
    : m_socket(std::make_unique<QWebSocket>())
    , m_kaiwaV1(kaiwaV1)
{
    QObject::connect(m_socket.get(), &QWebSocket::textMessageReceived, m_socket.get(),
                     [this](const QString &text) { m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
}

bool WsClient::open(const QUrl &url, int timeoutMs)
{
    QNetworkRequest request(url);
    if (m_kaiwaV1)
        request.setRawHeader("Sec-WebSocket-Protocol", QByteArray(Kaiwa::Protocol::subprotocol.data()));
    QSignalSpy connected(m_socket.get(), &QWebSocket::connected);
    m_socket->open(request);
    return connected.wait(timeoutMs) || m_socket->state() == QAbstractSocket::ConnectedState;
}

std::unique_ptr<WsClient> WsClient::connected(const QUrl &url, bool kaiwaV1)
{
    auto client = std::make_unique<WsClient>(kaiwaV1);
    if (!client->open(url))
        return nullptr;
    return client;
}

void WsClient::sendJson(const QJsonObject &object)
{
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void WsClient::sendText(const QString &text)
{
    m_socket->sendTextMessage(text);
}

bool WsClient::waitForFrames(qsizetype count, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_frames.size() < count && !deadline.hasExpired())
        QTest::qWait(5);
    return m_frames.size() >= count;
}

QJsonObject WsClient::waitForFrame(const FramePredicate &accept, qsizetype from, int timeoutMs) const
{
    QJsonObject found;
    // On a timeout `found` stays empty, which the caller's comparison reports.
    [[maybe_unused]] const bool arrived = QTest::qWaitFor(
        [&] {
            for (qsizetype i = from; i < m_frames.size(); ++i) {
                if (accept(m_frames.at(i))) {
                    found = m_frames.at(i);
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

QJsonObject WsClient::waitForFrame(const QString &type, qsizetype from, const FramePredicate &accept,
                                   int timeoutMs) const
{
    return waitForFrame(
        [&](const QJsonObject &frame) {
            return frame.value("type"_L1).toString() == type && (!accept || accept(frame));
        },
        from, timeoutMs);
}

QJsonObject WsClient::request(QJsonObject object, int timeoutMs)
{
    static int next = 0;
    if (!object.contains("client_id"_L1))
        object.insert("client_id"_L1, u"request-%1"_s.arg(++next));
    const QString clientId = object.value("client_id"_L1).toString();
    const qsizetype from = m_frames.size();
    sendJson(object);
    return waitForFrame(
        [&](const QJsonObject &frame) {
            const QString type = frame.value("type"_L1).toString();
            return (type == "ack"_L1 || type == "error"_L1) && frame.value("client_id"_L1).toString() == clientId;
        },
        from, timeoutMs);
}

bool WsClient::waitForClose(int timeoutMs)
{
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        return true;
    QSignalSpy disconnected(m_socket.get(), &QWebSocket::disconnected);
    return disconnected.wait(timeoutMs) || m_socket->state() == QAbstractSocket::UnconnectedState;
}

QStringList WsClient::chatTexts() const
{
    QStringList texts;
    for (const QJsonObject &frame : m_frames) {
        const QString type = frame.value("type"_L1).toString();
        if ((type.isEmpty() || type == Kaiwa::Protocol::Type::chatMessage) && frame.contains("message"_L1))
            texts.append(frame.value("message"_L1).toString());
    }
    return texts;
}

QList<qint64> WsClient::chatIds() const
{
    QList<qint64> ids;
    for (const QJsonObject &frame : m_frames) {
        if (frame.value("type"_L1).toString() == Kaiwa::Protocol::Type::chatMessage)
            ids.append(frame.value("id"_L1).toInteger());
    }
    return ids;
}

QList<QJsonObject> WsClient::framesOfType(const QString &type) const
{
    QList<QJsonObject> result;
    for (const QJsonObject &frame : m_frames) {
        if (frame.value("type"_L1).toString() == type)
            result.append(frame);
    }
    return result;
}

} // namespace KaiwaTest
