// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace Kaiwa::Ui {

/**
 * Desktop notifications for messages that arrive out of view: a system tray message where a tray
 * exists, otherwise the window asks for attention (QApplication::alert). Activating the tray icon
 * brings the window back.
 */
class Notifier : public QObject
{
    Q_OBJECT

public:
    /// @param window is not owned; it is alerted when no tray is available.
    explicit Notifier(QWidget *window, const QIcon &icon, QObject *parent = nullptr);
    ~Notifier() override;

    bool hasTray() const { return m_tray != nullptr; }
    /// Sets the tray tool tip (e.g. the unread count).
    void setToolTip(const QString &toolTip);

public Q_SLOTS:
    void notify(const QString &title, const QString &body);

Q_SIGNALS:
    /// Every notification, shown or not (tests and accessibility tools observe this).
    void notified(const QString &title, const QString &body);
    void activated();

private:
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace Kaiwa::Ui
