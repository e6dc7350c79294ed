// SPDX-License-Identifier: MIT
#include "httpexchange.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace KaiwaTest {

using namespace Qt::StringLiterals;

QList<QByteArray> HttpExchange::headers(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && QByteArrayView(line).first(colon).compare(name, Qt::CaseInsensitive) == 0)
            values.append(line.sliced(colon + 1).trimmed());
    }
    return values;
}

QByteArray HttpExchange::header(QByteArrayView name) const
{
    const auto values = headers(name);
    return values.isEmpty() ? QByteArray() : values.first();
}

HttpExchange HttpExchange::run(quint16 port, QByteArrayView method, QByteArrayView target,
                               const QByteArray &extraHeaders, const QByteArray &body)
{
    return HttpRequestInFlight(port, method, target, extraHeaders, body).finish();
}

QByteArray HttpExchange::signIn(quint16 port, const QByteArray &name, const QByteArray &password)
{
    const HttpExchange response =
        run(port, "POST", "/login", "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n",
            "name=" + name.toPercentEncoding() + "&password=" + password.toPercentEncoding());
    return QJsonDocument::fromJson(response.body).object().value("token"_L1).toString().toLatin1();
}

HttpRequestInFlight::HttpRequestInFlight(quint16 port, QByteArrayView method, QByteArrayView target,
                                         const QByteArray &extraHeaders, const QByteArray &body)
    : m_socket(std::make_unique<QTcpSocket>())
{
    QByteArray request = method.toByteArray() + ' ' + target.toByteArray() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                         + QByteArray::number(port) + "\r\nConnection: close\r\n" + extraHeaders;
    if (!body.isEmpty())
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;
    QTcpSocket *socket = m_socket.get(); // not `this`: the object may move, the socket does not
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket, request] { socket->write(request); });
    socket->connectToHost(QHostAddress::LocalHost, port);
}

HttpRequestInFlight::HttpRequestInFlight(HttpRequestInFlight &&) noexcept = default;
HttpRequestInFlight::~HttpRequestInFlight() = default;

HttpExchange HttpRequestInFlight::finish(int idleMs)
{
    // The server may run in this process (a unit test of a handler): this waits in the event loop
    // instead of blocking in the socket, so that it can answer.
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    QObject::connect(&idle, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QTcpSocket::readyRead, &idle, [&idle, idleMs] { idle.start(idleMs); });
    QObject::connect(m_socket.get(), &QTcpSocket::stateChanged, &loop, [&loop](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState) // closed, or refused
            loop.quit();
    });
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        idle.start(idleMs);
        loop.exec();
    }
    const QByteArray data = m_socket->readAll(); // what the socket buffered, also after the close
    HttpExchange response;
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return response;
    response.head = data.first(headEnd);
    response.body = data.mid(headEnd + 4);
    response.status = data.mid(9, 3).toInt();
    return response;
}

} // namespace KaiwaTest
