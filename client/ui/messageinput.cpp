// SPDX-License-Identifier: MIT
#include "messageinput.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>
#include <QTextDocument>

namespace Kaiwa::Ui {

namespace {
constexpr int maxVisibleLines = 6;
}

MessageInput::MessageInput(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // The plain text layout measures its document in lines, wrapped ones included, and says when that
    // changes: after a paste as after a keystroke or a resize. (contentsChanged comes before the
    // layout has wrapped a pasted text, which left the box one line tall until the next key.)
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &MessageInput::updateHeight);
    updateHeight();
}

QSize MessageInput::sizeHint() const
{
    return QSize(QPlainTextEdit::sizeHint().width(), height());
}

QSize MessageInput::minimumSizeHint() const
{
    return QSize(QPlainTextEdit::minimumSizeHint().width(), heightForLines(1));
}

QList<ShortcutsDialog::Key> MessageInput::keys()
{
    return {
        {tr("Send the message"), QKeySequence(Qt::Key_Return)},
        {tr("Start a new line"), QKeySequence(Qt::SHIFT | Qt::Key_Return)},
        {tr("Move on to the next control"), QKeySequence(Qt::Key_Tab)},
        {tr("Edit your last message (in an empty box)"), QKeySequence(Qt::Key_Up)},
        {tr("Cancel the reply or the edit"), QKeySequence(Qt::Key_Escape)},
    };
}

void MessageInput::submit()
{
    Q_EMIT submitted(toPlainText());
}

void MessageInput::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        Q_EMIT cancelRequested();
        return;
    }
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier && document()->isEmpty()) {
        Q_EMIT editLastRequested();
        return;
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (!enter) {
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        // QPlainTextEdit would insert U+2028 (a line separator) for Shift+Enter: insert a real newline.
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    if (event->modifiers() == Qt::NoModifier || event->modifiers() == Qt::KeypadModifier) {
        submit();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

int MessageInput::heightForLines(int lines) const
{
    const QMargins margins = contentsMargins();
    return lines * fontMetrics().lineSpacing() + int(2 * document()->documentMargin()) + margins.top()
           + margins.bottom() + 2 * frameWidth();
}

void MessageInput::updateHeight()
{
    const int lines = int(document()->documentLayout()->documentSize().height());
    const int height = heightForLines(std::clamp(lines, 1, maxVisibleLines));
    if (height != this->height()) {
        setFixedHeight(height);
        updateGeometry();
    }
}

} // namespace Kaiwa::Ui
