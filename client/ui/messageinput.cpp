// SPDX-License-Identifier: MIT
#include "messageinput.h"

#include <QKeyEvent>
#include <QTextBlock>
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
    connect(document(), &QTextDocument::contentsChanged, this, &MessageInput::updateHeight);
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

void MessageInput::submit()
{
    Q_EMIT submitted(toPlainText());
}

void MessageInput::keyPressEvent(QKeyEvent *event)
{
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
    // Visual lines, wrapped ones included, as the document layout counts them.
    int lines = 0;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next())
        lines += std::max(1, block.lineCount());
    const int height = heightForLines(std::clamp(lines, 1, maxVisibleLines));
    if (height != this->height()) {
        setFixedHeight(height);
        updateGeometry();
    }
}

} // namespace Kaiwa::Ui
