// SPDX-License-Identifier: MIT
#pragma once

#include "shortcutsdialog.h"

#include <QPlainTextEdit>

namespace Kaiwa::Ui {

/**
 * The message box: Enter sends (submitted()), Shift+Enter starts a new line, Tab moves the focus on, Esc
 * cancels a reply or an edit (cancelRequested()), Up in an empty box edits the user's last message
 * (editLastRequested()).
 * It grows with its text up to a few lines, pasted text included. Input method composition (e.g.
 * Japanese) is left alone: the Enter that confirms a conversion never reaches keyPressEvent().
 */
class MessageInput : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit MessageInput(QWidget *parent = nullptr);

    /// The keys keyPressEvent() gives a meaning, for the shortcuts dialog.
    static QList<ShortcutsDialog::Key> keys();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    /// Hands the text on as Enter does (for a send button).
    void submit();

Q_SIGNALS:
    /// Enter was pressed or submit() called; the text is not cleared here (the receiver decides whether it was sent).
    void submitted(const QString &text);
    /// Esc: drop the reply or the edit under way.
    void cancelRequested();
    /// Up while the box is empty: edit the user's last message.
    void editLastRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    int heightForLines(int lines) const;
    void updateHeight();
};

} // namespace Kaiwa::Ui
