// SPDX-License-Identifier: MIT
#include "httpexchange.h"

#include <QTcpSocket>

namespace KaiwaTest {

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
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = method.toByteArray() + ' ' + target.toByteArray() + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + QByteArray::number(port) + "\r\nConnection: close\r\n" + extraHeaders;
    if (!body.isEmpty())
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    socket.write(request + "\r\n" + body);
    QByteArray data;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10000))
        data += socket.readAll();
    data += socket.readAll();
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
