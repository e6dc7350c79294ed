// SPDX-License-Identifier: MIT
#include "notifier.h"

#include "uilogging.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Kaiwa::Ui {

namespace {
constexpr int messageDurationMs = 8000;
constexpr qsizetype maxBodyLength = 200;
} // namespace

Notifier::Notifier(QWidget *window, const QIcon &icon, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCDebug(lcUi) << "no system tray: notifications alert the window instead";
        return;
    }
    m_tray = new QSystemTrayIcon(icon, this);
    connect(m_tray, &QSystemTrayIcon::activated, this, &Notifier::activated);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &Notifier::activated);
    m_tray->show();
}

Notifier::~Notifier() = default;

void Notifier::setToolTip(const QString &toolTip)
{
    if (m_tray)
        m_tray->setToolTip(toolTip);
}

void Notifier::notify(const QString &title, const QString &body)
{
    const QString shortBody = body.size() > maxBodyLength ? body.left(maxBodyLength) + QChar(0x2026) : body;
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
        // Freedesktop notification servers read the body as markup: chat text must stay text.
        m_tray->showMessage(title, shortBody.toHtmlEscaped(), QSystemTrayIcon::Information, messageDurationMs);
#else
        m_tray->showMessage(title, shortBody, QSystemTrayIcon::Information, messageDurationMs);
#endif
    } else if (m_window) {
        QApplication::alert(m_window);
    }
    Q_EMIT notified(title, shortBody);
}

} // namespace Kaiwa::Ui
