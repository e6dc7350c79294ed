// SPDX-License-Identifier: MIT
#pragma once

#include <QBasicTimer>
#include <QObject>
#include <QPoint>
#include <QUrl>

#include <optional>

class QMouseEvent;

namespace Kaiwa::Ui {

class ChatLogView;

/**
 * What the mouse does in a ChatLogView. A press starts a selection (with Shift, extends it) and makes the
 * message under it the current one; a drag extends the selection, within a message or across messages,
 * and scrolls the view while it goes beyond the top or the bottom; a double click selects a word; a
 * click that is not a drag activates the link under it. Hovering shows the pointing hand over links and
 * the text cursor over text. A finished selection also goes to the X11 primary selection, where there
 * is one.
 */
class ChatLogMouse : public QObject
{
    Q_OBJECT

public:
    /// A child of `view`, which hands it its viewport's mouse events.
    explicit ChatLogMouse(ChatLogView *view);

    void press(QMouseEvent *event);
    void move(QMouseEvent *event);
    void release(QMouseEvent *event);
    void doubleClick(QMouseEvent *event);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void hover(const QPoint &point);

    ChatLogView *m_view;
    QPoint m_pressPoint;
    std::optional<QUrl> m_pressedLink;
    /// What a click (not a drag) on the pressed point activates besides a link: a quote, a reaction chip.
    struct Target {
        int row = -1;
        qint64 quotedId = 0;
        QString emoji;
        friend bool operator==(const Target &, const Target &) = default;
    };
    Target targetAt(const QPoint &point);
    Target m_pressedTarget;
    bool m_dragging = false;
    QBasicTimer m_autoScroll;
    QPoint m_lastPoint;
};

} // namespace Kaiwa::Ui
