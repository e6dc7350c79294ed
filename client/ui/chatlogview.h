// SPDX-License-Identifier: MIT
#pragma once

#include "logscroller.h"

#include "client/logselection.h"
#include "client/logtimeformat.h"

#include <QAbstractScrollArea>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace Kaiwa::Client {
class ChatLogModel;
}

namespace Kaiwa::Ui {

class ChatLogActions;
class ChatLogLayout;
class ChatLogMouse;
class MessageLayout;

/**
 * The chat log of a room: messages as bubbles (MessageLayout) with day dividers and sender groups,
 * laid out lazily (ChatLogLayout) so that thousands of messages cost only the ones on screen.
 *
 * Reading: the view follows new messages while it is at the bottom, keeps its place (by row, not by
 * pixel) when older history is inserted above or when rows far away are measured, and asks for older
 * messages (olderMessagesWanted()) when the top is reached. From the keyboard (F6 in the window focuses
 * it): it starts at the newest message; Up and Down move by message, Page Up and Page Down by a page,
 * Home and End to the ends (Home keeps loading older history until the beginning); Shift with them
 * selects whole messages. Screen readers get each message as an item (ChatLogAccessible): "alice at
 * 21:04: hello" and the full date in its description.
 *
 * Selecting: text is selected by dragging, within a message or across messages (LogSelection says
 * what a copy of it gives); a double click selects a word; Ctrl+A everything. Ctrl+C copies the
 * selection, or the current message when nothing is selected (ChatLogActions: the shortcuts and the
 * context menu). Links (web and e-mail addresses) open with a click that is not a drag, and so do a
 * reply's quote (quoteActivated()) and a reaction chip (reactionActivated()).
 *
 * Colours come from the palette (ChatColors), dates and times from the locale (LogTimeFormat).
 */
class ChatLogView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit ChatLogView(QWidget *parent = nullptr);
    ~ChatLogView() override;

    /// The keys the view gives a meaning (besides its actions' shortcuts), described, for a list of shortcuts.
    static QList<std::pair<QString, QList<QKeySequence>>> keys();

    void setModel(Client::ChatLogModel *model);
    Client::ChatLogModel *model() const;

    /// The time zone and "now" of day dividers and times (tests fix them); the locale is the widget's.
    void setTimeSource(const QTimeZone &zone, const Client::LogTimeFormat::Clock &clock);
    const Client::LogTimeFormat &timeFormat() const;

    /// The row the keyboard is on; -1 when none.
    int currentRow() const { return m_current.isValid() ? m_current.row() : -1; }
    void setCurrentRow(int row);

    /// The laid-out row (for tests and accessibility); `row` must exist.
    const MessageLayout &rowLayout(int row);
    ChatLogActions *actions() const { return m_actions; }
    /// Where `row` is drawn, in viewport coordinates; empty when it does not exist.
    QRect visualRect(int row);
    /// The row under `point` (viewport coordinates); -1 when none is.
    int rowAt(const QPoint &point);
    /// The text position nearest to `point` (viewport coordinates): above the log its start, below it its end.
    Client::LogPosition textPositionAt(const QPoint &point);
    /// The link under `point` (viewport coordinates), if any.
    std::optional<QUrl> linkAt(const QPoint &point);
    /// Scrolls by `dy` pixels (down when positive).
    void scrollBy(int dy);
    /// Scrolls so that `row` is entirely visible (its top, if it is taller than the view).
    void scrollTo(int row);
    void scrollToBottom();
    bool isAtBottom() const { return m_scroller.followsBottom(); }

    const Client::LogSelection &selection() const { return m_selection; }
    QString selectedText() const;
    /// Selects from one text position to another (in either order).
    void select(Client::LogPosition from, Client::LogPosition to);
    /// Moves the free end of the selection (starts one where there is none).
    void extendSelection(Client::LogPosition to);
    void selectAll();
    void clearSelection();

Q_SIGNALS:
    void linkActivated(const QUrl &url);
    /// The top was reached (scrolled there, Home, or everything fits): older messages are welcome.
    void olderMessagesWanted();
    void currentRowChanged(int row);
    /// The quote of a reply was clicked: go to the message it answers.
    void quoteActivated(int row, qint64 quotedId);
    /// A reaction chip was clicked: toggle the user's reaction.
    void reactionActivated(int row, const QString &emoji);
    /// isAtBottom() changed: the newest message came on screen or left it.
    void atBottomChanged(bool atBottom);

protected:
    bool event(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateTimeFormat();
    void scheduleRelayout();
    /// Measures the rows in view, sets the scroll bar from the anchor, repaints.
    void relayout();
    void ensureLaidOut();
    void updateScrollBar();
    qint64 scrollTop() const { return m_scroller.top(); }
    void setScrollTop(qint64 y);
    int viewportHeight() const { return m_scroller.viewportHeight(); }
    void moveCurrent(int row, bool extendSelection);
    void onRowsInserted(int first, int last);
    void notifyAccessibleFocus();

    QPointer<Client::ChatLogModel> m_model;
    ChatLogLayout *m_layout;
    LogScroller m_scroller;
    Client::LogSelection m_selection;
    QTimeZone m_zone;
    Client::LogTimeFormat::Clock m_clock;
    QTimer m_dayTimer; ///< Fires when the local day changes: "Today" becomes "Yesterday".

    bool m_syncingScrollBar = false;
    bool m_relayoutPending = false;

    QPersistentModelIndex m_current;
    int m_keySelectionRow = -1;  ///< Where a Shift+arrow selection of whole messages started.
    bool m_loadingToTop = false; ///< Home was pressed: keep going up as older history arrives.
    bool m_atBottom = true;      ///< isAtBottom() when atBottomChanged() was last emitted.

    ChatLogActions *m_actions;
    ChatLogMouse *m_mouse;
};

} // namespace Kaiwa::Ui
