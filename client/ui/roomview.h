// SPDX-License-Identifier: MIT
#pragma once

#include "client/room.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QAbstractItemView;
class QLabel;
class QPushButton;
class QSplitter;
class QToolButton;

namespace Kaiwa::Client {
class EmojiModel;
}

namespace Kaiwa::Ui {

class ChatLogView;
class ConnectionIndicator;
class EmojiPicker;
class MemberPanel;
class MessageInput;

/**
 * One room in a tab: its connection state, its chat log with the member list beside it (a splitter),
 * a "X is typing…" line under the log, and the message box. Editing the message box tells the room
 * that the user types (Room::noteTyping() throttles it).
 *
 * The log (ChatLogView) follows new messages while it is scrolled to the bottom, keeps its place when
 * older history is inserted above, and asks the room for older history when it reaches the top. Links
 * in messages open with QDesktopServices. With an emoji
 * model (setEmojiModel()), a button beside the message box and Ctrl+E open an EmojiPicker that
 * inserts at the cursor.
 */
class RoomView : public QWidget
{
    Q_OBJECT

public:
    explicit RoomView(Client::Room *room, QWidget *parent = nullptr);
    ~RoomView() override;

    Client::Room *room() const { return m_room; }
    ChatLogView *logView() const { return m_log; }
    QAbstractItemView *memberView() const;
    MemberPanel *memberPanel() const { return m_members; }
    QLabel *typingLine() const { return m_typing; }
    MessageInput *input() const { return m_input; }
    ConnectionIndicator *indicator() const { return m_indicator; }

    /// Puts the keyboard focus in the message box (as the tutorial's page does on load).
    void focusInput();

    /// The emoji the picker offers (not owned; shared by every room of the window). Shows the emoji button.
    void setEmojiModel(Client::EmojiModel *model);
    /// Opens the emoji picker over the message box (nothing without an emoji model).
    void showEmojiPicker();
    /// The picker, once it was opened.
    EmojiPicker *emojiPicker() const;

Q_SIGNALS:
    /// A link in a message was activated; by default it is also opened with QDesktopServices.
    void linkActivated(const QUrl &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    /// Sends what the message box submitted.
    void send(const QString &text);
    void updateSendState();
    void updateTypingLine();

    QPointer<Client::Room> m_room;
    ConnectionIndicator *m_indicator;
    QSplitter *m_splitter;
    ChatLogView *m_log;
    MemberPanel *m_members;
    QLabel *m_typing;
    MessageInput *m_input;
    QPushButton *m_sendButton;
    QToolButton *m_emojiButton;
    QLabel *m_hint;
    QAction *m_emojiAction;
    QPointer<Client::EmojiModel> m_emojiModel;
    QPointer<EmojiPicker> m_emojiPicker;
};

} // namespace Kaiwa::Ui
