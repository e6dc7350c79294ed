// SPDX-License-Identifier: MIT
#pragma once

#include "client/room.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QAbstractItemView;
class QLabel;
class QMenu;
class QPushButton;
class QSplitter;
class QToolButton;

namespace Kaiwa::Client {
class EmojiModel;
}

namespace Kaiwa::Ui {

class ChatLogView;
class ComposeBar;
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
 *
 * Conversations: the log's Reply, Add Reaction, Edit and Delete (context menu and keys, ChatLogActions) land
 * here. A reply or an edit is written in the message box, with a ComposeBar above it saying which (Esc
 * cancels); Up in an empty box edits the user's last message; Delete asks first; a reaction is picked
 * from an EmojiPicker (recently used first), and a click on a reaction chip toggles the user's own.
 * Clicking a reply's quote goes to the message it answers, loading older history until it is there.
 * What cannot be done is said by statusMessage().
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
    /// The room's header above its log: the topic, "Private room", "Direct messages with bob"; hidden when empty.
    QLabel *topicLine() const { return m_topic; }

    /**
     * The member list's context menu for its `row` (a new menu, the caller's to show or delete): "Message <name>"
     * for a signed-in user, Kick…, Ban… and Mute… for a moderator of the room; none on the user's own entry.
     * Null when it would be empty.
     */
    QMenu *memberMenu(int row);
    /// Asks for the reason (and duration) of a kick, ban or mute of the member `memberId` (window-modal).
    void showModerationDialog(Kaiwa::ModerationRequest::Action action, const QString &memberId, const QString &name);

    /// Puts the keyboard focus in the message box (as the tutorial's page does on load).
    void focusInput();

    /// The emoji the picker offers (not owned; shared by every room of the window). Shows the emoji button.
    void setEmojiModel(Client::EmojiModel *model);
    /// Opens the emoji picker over the message box (nothing without an emoji model).
    void showEmojiPicker();
    /// The picker, once it was opened.
    EmojiPicker *emojiPicker() const;
    /// The reaction picker, once it was opened.
    EmojiPicker *reactionPicker() const;
    ComposeBar *composeBar() const { return m_compose; }

    /// Writes a reply to the message `id` in the message box.
    void startReply(qint64 id);
    /// Puts the text of the user's message `id` in the message box to be edited.
    void startEdit(qint64 id);
    /// Back to writing a new message; an edit gives the box back what it held before.
    void cancelCompose();
    /// Asks whether to delete the user's message `id` (window-modal), and deletes it if so.
    void confirmDelete(qint64 id);
    /// Opens the reaction picker for the message `id`.
    void showReactionPicker(qint64 id);
    /**
     * Makes the message `id` the log's current one, in view, loading older history until it is there (once
     * the room has caught up with the server, and at most maxGoToPages pages); statusMessage() says when
     * it cannot.
     */
    void goToMessage(qint64 id);
    /// How many pages of older history goToMessage() loads at most (of goToPageSize messages).
    static constexpr int maxGoToPages = 20;
    static constexpr int goToPageSize = 100;

Q_SIGNALS:
    /// A link in a message was activated; by default it is also opened with QDesktopServices.
    void linkActivated(const QUrl &url);
    /// Something the user asked for could not be done, in words (the window's status bar shows it).
    void statusMessage(const QString &message);
    /// The user chose "Message <name>" in the member list: open the direct messages with that account.
    void directMessageRequested(const QString &account);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    /// Sends what the message box submitted.
    void send(const QString &text);
    void updateSendState();
    void updateTypingLine();
    void updateConversationActions();
    void updateInputDescription();
    void updateHeader();
    void updateModeration();
    /// The id of the message in the log's `row`.
    qint64 idAt(int row) const;
    /// goToMessage(), once more history is there.
    void continueGoingToMessage();

    QPointer<Client::Room> m_room;
    ConnectionIndicator *m_indicator;
    QLabel *m_topic;
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
    QPointer<EmojiPicker> m_reactionPicker;
    ComposeBar *m_compose;
    QString m_draft; ///< What the box held when an edit started.
    qint64 m_reactionTarget = 0;
    qint64 m_goingTo = 0;   ///< The message goToMessage() is loading history for.
    int m_goingToPages = 0; ///< Pages it loaded so far.
};

} // namespace Kaiwa::Ui
