// SPDX-License-Identifier: MIT
#pragma once

#include <QPersistentModelIndex>

class QAbstractItemModel;

namespace Kaiwa::Ui {

class ChatLogLayout;

/**
 * Where a chat log view is scrolled to, kept the way a reader sees it: either "at the bottom" (new
 * messages scroll into view), or a row at the top of the view and how far it is scrolled past its top.
 * Pixel offsets would drift whenever rows above change height (estimates becoming measurements, a
 * history page inserted above); an anchor row does not, so the text being read stays where it is.
 *
 * measureVisible() lays out the rows in view (ChatLogLayout); everything else stays estimated.
 */
class LogScroller
{
public:
    explicit LogScroller(ChatLogLayout *layout);

    /// Forgets the anchor and follows the bottom of `model`'s log.
    void setModel(QAbstractItemModel *model);
    void setViewportHeight(int height) { m_viewportHeight = height; }
    int viewportHeight() const { return m_viewportHeight; }

    /**
     * The top of the view in log coordinates. A log shorter than the view sits at its bottom, next to the
     * message box, as chats do: the top is negative then.
     */
    qint64 top() const;
    /// The largest top: the bottom of the log at the bottom of the view (negative for a short log).
    qint64 maximum() const;
    /// Scrolls to `y` (clamped); at the maximum, the view follows the bottom from then on.
    void setTop(qint64 y);
    /// Puts the top of `row` at the top of the view.
    void setTopRow(int row);
    bool followsBottom() const { return m_followBottom; }
    void followBottom() { m_followBottom = true; }
    /// The smallest scroll that shows all of `row` (its top when it is taller than the view).
    void reveal(int row);

    /// Lays out the rows in view: from the bottom up when following it, else down from the anchor.
    void measureVisible();

private:
    ChatLogLayout *m_layout;
    QAbstractItemModel *m_model = nullptr;
    QPersistentModelIndex m_anchor;
    int m_anchorOffset = 0;
    bool m_followBottom = true;
    int m_viewportHeight = 0;
};

} // namespace Kaiwa::Ui
