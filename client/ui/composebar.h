// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace Kaiwa::Ui {

/**
 * The line above the message box while it writes a reply ("Replying to alice: the start of her text") or
 * an edit ("Editing your message"), with a button that cancels it (Esc in the message box does the same).
 * Hidden otherwise. It only shows the state: RoomView decides what Enter does with it.
 */
class ComposeBar : public QWidget
{
    Q_OBJECT

public:
    enum class Mode {
        Message, ///< A new message: the bar is hidden.
        Reply,
        Edit,
    };
    Q_ENUM(Mode)

    explicit ComposeBar(QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    /// The message answered or edited; 0 for a new message.
    qint64 targetId() const { return m_targetId; }
    QLabel *label() const { return m_label; }
    QToolButton *cancelButton() const { return m_cancel; }

    /// `quote` as ChatLogModel::quoteText() writes it.
    void startReply(qint64 id, const QString &quote);
    void startEdit(qint64 id);
    /// Back to a new message.
    void clear();

Q_SIGNALS:
    void cancelRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    Mode m_mode = Mode::Message;
    qint64 m_targetId = 0;
    QString m_quote;
    QLabel *m_label;
    QToolButton *m_cancel;
};

} // namespace Kaiwa::Ui
