// SPDX-License-Identifier: MIT
#include "roomview.h"

#include "chatlogactions.h"
#include "chatlogview.h"
#include "composebar.h"
#include "connectionindicator.h"
#include "emojifont.h"
#include "emojipicker.h"
#include "memberpanel.h"
#include "messageinput.h"
#include "moderationdialog.h"

#include "client/chatlogmodel.h"
#include "client/emojimodel.h"
#include "client/memberlistmodel.h"
#include "client/room.h"
#include "client/roomsettings.h"
#include "client/typingtracker.h"

#include <QAction>
#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::Room;

RoomView::RoomView(Room *room, QWidget *parent)
    : QWidget(parent)
    , m_room(room)
    , m_indicator(new ConnectionIndicator(room, this))
    , m_topic(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_log(new ChatLogView(m_splitter))
    , m_members(new MemberPanel(room->members(), m_splitter))
    , m_typing(new QLabel(this))
    , m_input(new MessageInput(this))
    , m_sendButton(new QPushButton(this))
    , m_emojiButton(new QToolButton(this))
    , m_hint(new QLabel(this))
    , m_emojiAction(new QAction(this))
    , m_compose(new ComposeBar(this))
{
    m_log->setModel(room->log());

    m_splitter->setObjectName(QStringLiteral("logSplitter"));
    m_splitter->addWidget(m_log);
    m_splitter->addWidget(m_members);
    m_splitter->setChildrenCollapsible(true);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({560, 140});
    m_topic->setObjectName(QStringLiteral("roomTopic"));
    m_topic->setTextFormat(Qt::PlainText); // an owner's text: never rich text
    m_topic->setWordWrap(true);
    m_topic->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_topic->setMargin(4);
    m_typing->setObjectName(QStringLiteral("typingLine"));
    m_typing->setTextFormat(Qt::PlainText); // names are whatever people typed: never rich text
    m_typing->setForegroundRole(QPalette::PlaceholderText);
    m_typing->setVisible(false);

    m_input->setObjectName(QStringLiteral("messageInput"));
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_hint->setObjectName(QStringLiteral("inputHint"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    // Ctrl+E from the message box or the log; off until there are emoji to offer.
    m_emojiAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_emojiAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_emojiAction->setEnabled(false);
    addAction(m_emojiAction);
    m_emojiButton->setObjectName(QStringLiteral("emojiButton"));
    m_emojiButton->setText(u"🙂"_s);
    m_emojiButton->setFont(EmojiFont::forEmoji(m_emojiButton->font(), 1.25));
    m_emojiButton->setAutoRaise(true);
    // Square, as tall as the Send button beside it (the emoji font's own metrics would make it wide).
    const int side = m_sendButton->sizeHint().height();
    m_emojiButton->setFixedSize(side, side);
    m_emojiButton->setVisible(false);

    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_emojiButton, 0, Qt::AlignBottom);
    inputRow->addWidget(m_sendButton, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_indicator);
    layout->addWidget(m_topic);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_typing);
    layout->addWidget(m_compose);
    layout->addLayout(inputRow);
    layout->addWidget(m_hint);
    setFocusProxy(m_input);
    setTabOrder(m_input, m_emojiButton);
    setTabOrder(m_emojiButton, m_sendButton);
    setTabOrder(m_sendButton, m_log);

    connect(m_input, &MessageInput::submitted, this, &RoomView::send);
    connect(m_sendButton, &QPushButton::clicked, m_input, &MessageInput::submit);
    connect(m_input, &QPlainTextEdit::textChanged, this, &RoomView::updateSendState);
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        if (m_room && !m_input->toPlainText().trimmed().isEmpty())
            m_room->noteTyping();
    });
    connect(room->typing(), &Client::TypingTracker::typistsChanged, this, &RoomView::updateTypingLine);
    connect(m_indicator, &ConnectionIndicator::reconnectRequested, room, &Room::reconnectNow);
    connect(room, &Room::connectionStateChanged, this, &RoomView::updateSendState);
    connect(m_emojiAction, &QAction::triggered, this, &RoomView::showEmojiPicker);
    connect(m_emojiButton, &QToolButton::clicked, this, &RoomView::showEmojiPicker);
    connect(m_log, &ChatLogView::linkActivated, this, &RoomView::linkActivated);
    connect(this, &RoomView::linkActivated, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_log, &ChatLogView::olderMessagesWanted, room, [room] { room->loadOlderHistory(); });
    connect(m_log, &ChatLogView::atBottomChanged, room, &Room::setNewestOnScreen);

    ChatLogActions *actions = m_log->actions();
    connect(actions, &ChatLogActions::replyRequested, this, [this](int row) { startReply(idAt(row)); });
    connect(actions, &ChatLogActions::editRequested, this, [this](int row) { startEdit(idAt(row)); });
    connect(actions, &ChatLogActions::deleteRequested, this, [this](int row) { confirmDelete(idAt(row)); });
    connect(actions, &ChatLogActions::reactRequested, this, [this](int row) { showReactionPicker(idAt(row)); });
    connect(m_log, &ChatLogView::reactionActivated, this,
            [this](int row, const QString &emoji) { m_room->toggleReaction(idAt(row), emoji); });
    connect(m_log, &ChatLogView::quoteActivated, this, [this](int, qint64 id) { goToMessage(id); });
    connect(m_input, &MessageInput::cancelRequested, this, &RoomView::cancelCompose);
    connect(m_compose, &ComposeBar::cancelRequested, this, &RoomView::cancelCompose);
    connect(m_input, &MessageInput::editLastRequested, this, [this] {
        const int row = m_room->log()->lastEditableRow();
        if (row >= 0 && m_room->supportsConversations())
            startEdit(idAt(row));
    });
    connect(room, &Room::actionRefused, this, &RoomView::statusMessage);
    connect(room, &Room::historyLoaded, this, &RoomView::continueGoingToMessage);
    connect(room, &Room::caughtUp, this, &RoomView::continueGoingToMessage);
    connect(room, &Room::connectionStateChanged, this, &RoomView::updateConversationActions);
    connect(room->settings(), &Client::RoomSettings::changed, this, &RoomView::updateHeader);
    connect(room->settings(), &Client::RoomSettings::roleChanged, this, &RoomView::updateModeration);
    QTreeView *members = m_members->listView();
    members->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(members, &QWidget::customContextMenuRequested, this, [this, members](const QPoint &position) {
        const QModelIndex index = members->indexAt(position);
        if (QMenu *menu = index.isValid() ? memberMenu(index.row()) : nullptr) {
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(members->viewport()->mapToGlobal(position));
        }
    });
    updateModeration();

    retranslateUi();
    updateSendState();
    updateConversationActions();
}

RoomView::~RoomView() = default;

qint64 RoomView::idAt(int row) const
{
    return m_room ? m_room->log()->index(row).data(Client::ChatLogModel::IdRole).toLongLong() : 0;
}

void RoomView::updateInputDescription()
{
    // A screen reader says what Enter will do: send, answer, or save an edit.
    const QString keys = tr("Enter sends the message, Shift+Enter starts a new line.");
    m_input->setAccessibleDescription(
        m_compose->mode() == ComposeBar::Mode::Message ? keys : m_compose->label()->text() + u". "_s + keys);
}

void RoomView::updateHeader()
{
    if (!m_room)
        return;
    const Client::RoomSettings *settings = m_room->settings();
    QString text = settings->topic();
    if (!settings->direct().isEmpty()) {
        const QString with = tr("Direct messages with %1").arg(settings->direct());
        text = text.isEmpty() ? with : tr("%1 — %2", "room header: what the room is — its topic").arg(with, text);
    } else if (settings->isPrivate()) {
        const QString room = tr("Private room");
        text = text.isEmpty() ? room : tr("%1 — %2", "room header: what the room is — its topic").arg(room, text);
    }
    m_topic->setText(text);
    m_topic->setVisible(!text.isEmpty());
    m_topic->setAccessibleName(tr("Topic"));
}

void RoomView::updateModeration()
{
    if (m_room)
        m_log->actions()->setDeletesAny(m_room->settings()->canModerate());
}

QMenu *RoomView::memberMenu(int row)
{
    const Client::MemberListModel *members = m_room ? m_room->members() : nullptr;
    if (!members || row < 0 || row >= members->rowCount())
        return nullptr;
    const QModelIndex index = members->index(row);
    if (index.data(Client::MemberListModel::IsSelfRole).toBool())
        return nullptr;
    const QString id = index.data(Client::MemberListModel::IdRole).toString();
    const QString name = index.data(Client::MemberListModel::UserRole).toString();
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("memberMenu"));
    // A signed-in member's name is its account (the server relays it); "Message" opens the direct messages.
    if (!m_room->signedInAccount().isEmpty()) {
        QAction *message = menu->addAction(tr("&Message %1").arg(name));
        message->setObjectName(QStringLiteral("messageMemberAction"));
        connect(message, &QAction::triggered, this, [this, name] { Q_EMIT directMessageRequested(name); });
    }
    if (m_room->settings()->canModerate()) {
        using Action = Kaiwa::ModerationRequest::Action;
        menu->addSeparator();
        const std::pair<Action, QString> actions[] = {
            {Action::Kick, tr("&Kick…")}, {Action::Ban, tr("&Ban…")}, {Action::Mute, tr("M&ute…")}};
        for (const auto &[action, text] : actions) {
            QAction *item = menu->addAction(text);
            item->setObjectName(u"%1MemberAction"_s.arg(moderationActionName(action)));
            connect(item, &QAction::triggered, this,
                    [this, action, id, name] { showModerationDialog(action, id, name); });
        }
    }
    if (menu->actions().isEmpty()) {
        delete menu;
        return nullptr;
    }
    return menu;
}

void RoomView::showModerationDialog(Kaiwa::ModerationRequest::Action action, const QString &memberId,
                                    const QString &name)
{
    auto *dialog = new ModerationDialog(action, memberId, name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (m_room)
            m_room->moderate(dialog->request());
    });
    dialog->open();
}

void RoomView::updateConversationActions()
{
    if (m_room)
        m_log->actions()->setConversationsEnabled(m_room->supportsConversations());
}

void RoomView::startReply(qint64 id)
{
    const auto quote = m_room ? m_room->log()->quoteOf(id) : std::nullopt;
    if (!quote)
        return;
    if (m_compose->mode() == ComposeBar::Mode::Edit)
        cancelCompose(); // the draft comes back, and the reply is written in it
    m_compose->startReply(id, Client::ChatLogModel::quoteText(*quote));
    updateInputDescription();
    focusInput();
}

void RoomView::startEdit(qint64 id)
{
    const int row = m_room ? m_room->log()->rowOfId(id) : -1;
    if (row < 0 || !Client::ChatLogModel::isEditable(m_room->log()->index(row)))
        return;
    if (m_compose->mode() != ComposeBar::Mode::Edit)
        m_draft = m_input->toPlainText();
    m_compose->startEdit(id);
    updateInputDescription();
    m_input->setPlainText(m_room->log()->index(row).data(Client::ChatLogModel::TextRole).toString());
    m_input->moveCursor(QTextCursor::End);
    focusInput();
}

void RoomView::cancelCompose()
{
    if (m_compose->mode() == ComposeBar::Mode::Edit)
        m_input->setPlainText(m_draft);
    m_input->moveCursor(QTextCursor::End);
    m_draft.clear();
    m_compose->clear();
    updateInputDescription();
}

void RoomView::confirmDelete(qint64 id)
{
    const int row = m_room ? m_room->log()->rowOfId(id) : -1;
    if (row < 0)
        return;
    auto *question = new QMessageBox(QMessageBox::Question, tr("Delete Message"),
                                     tr("Delete this message for everyone in %1? Its text will be gone from the "
                                        "server; this cannot be undone.")
                                         .arg(m_room->title()),
                                     QMessageBox::Cancel, this);
    question->setObjectName(QStringLiteral("deleteQuestion"));
    question->setAttribute(Qt::WA_DeleteOnClose);
    QString text = m_room->log()->index(row).data(Client::ChatLogModel::TextRole).toString();
    question->setInformativeText(QFontMetrics(font()).elidedText(text.replace(u'\n', u' '), Qt::ElideRight, 400));
    QPushButton *remove = question->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    question->setDefaultButton(QMessageBox::Cancel); // Enter on a question of no return says no
    connect(question, &QMessageBox::finished, this, [this, question, remove, id] {
        if (question->clickedButton() == remove && m_room)
            m_room->remove(id);
        m_log->setFocus(Qt::OtherFocusReason);
    });
    question->open();
}

void RoomView::showReactionPicker(qint64 id)
{
    if (!m_emojiModel || id <= 0)
        return;
    if (!m_reactionPicker) {
        m_reactionPicker = new EmojiPicker(m_emojiModel, this);
        m_reactionPicker->setObjectName(QStringLiteral("reactionPicker"));
        connect(m_reactionPicker, &EmojiPicker::emojiChosen, this, [this](const QString &emoji) {
            if (m_room && m_reactionTarget > 0)
                m_room->toggleReaction(m_reactionTarget, emoji);
            m_log->setFocus(Qt::OtherFocusReason);
        });
    }
    m_reactionTarget = id;
    m_reactionPicker->popUp(m_input);
}

EmojiPicker *RoomView::reactionPicker() const
{
    return m_reactionPicker;
}

void RoomView::goToMessage(qint64 id)
{
    m_goingTo = id;
    m_goingToPages = 0;
    continueGoingToMessage();
}

void RoomView::continueGoingToMessage()
{
    if (!m_room || m_goingTo <= 0)
        return;
    const int row = m_room->log()->rowOfId(m_goingTo);
    if (row >= 0) {
        m_goingTo = 0;
        m_log->setFocus(Qt::OtherFocusReason);
        m_log->setCurrentRow(row);
        m_log->scrollTo(row);
        return;
    }
    if (!m_room->isCaughtUp())
        return; // caughtUp() comes back here: the replay may hold it
    if (m_room->hasMoreHistory() && m_goingToPages >= maxGoToPages) {
        m_goingTo = 0;
        Q_EMIT statusMessage(tr("That message is too far back to go to: over %n messages would have to be loaded. "
                                "Scroll up to load older messages.",
                                nullptr, maxGoToPages * goToPageSize));
        return;
    }
    if (m_room->loadOlderHistory(goToPageSize)) {
        ++m_goingToPages;
        return; // historyLoaded() comes back here
    }
    if (!m_room->hasMoreHistory()) {
        m_goingTo = 0;
        Q_EMIT statusMessage(tr("That message is no longer in the room's history."));
    }
}

QAbstractItemView *RoomView::memberView() const
{
    return m_members->listView();
}

void RoomView::focusInput()
{
    m_input->setFocus(Qt::OtherFocusReason);
}

void RoomView::setEmojiModel(Client::EmojiModel *model)
{
    m_emojiModel = model;
    m_emojiButton->setVisible(model != nullptr);
    m_emojiAction->setEnabled(model != nullptr);
}

EmojiPicker *RoomView::emojiPicker() const
{
    return m_emojiPicker;
}

void RoomView::showEmojiPicker()
{
    if (!m_emojiModel)
        return;
    if (!m_emojiPicker) {
        m_emojiPicker = new EmojiPicker(m_emojiModel, this);
        connect(m_emojiPicker, &EmojiPicker::emojiChosen, this, [this](const QString &emoji) {
            m_input->insertPlainText(emoji); // at the cursor, replacing a selection, as typing would
            focusInput();
        });
    }
    m_emojiPicker->popUp(m_input);
}

void RoomView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RoomView::retranslateUi()
{
    updateHeader();
    const QString room = m_room ? m_room->title() : QString();
    m_log->setAccessibleName(tr("Messages in %1").arg(room));
    m_input->setAccessibleName(tr("Message"));
    updateInputDescription();
    m_sendButton->setText(tr("&Send"));
    m_sendButton->setAccessibleName(tr("Send message"));
    m_emojiAction->setText(tr("Insert &Emoji…"));
    const QString emojiKey = m_emojiAction->shortcut().toString(QKeySequence::NativeText);
    m_emojiButton->setToolTip(tr("Insert an emoji (%1)").arg(emojiKey));
    m_emojiButton->setAccessibleName(tr("Insert emoji"));
    updateSendState();
    updateTypingLine();
}

void RoomView::updateTypingLine()
{
    if (!m_room)
        return;
    const QStringList typists = m_room->typing()->typists();
    QString text;
    if (typists.size() == 1)
        text = tr("%1 is typing…").arg(typists.first());
    else if (typists.size() == 2)
        text = tr("%1 and %2 are typing…").arg(typists.at(0), typists.at(1));
    else if (typists.size() > 2)
        text = tr("Several people are typing…");
    m_typing->setText(text);
    m_typing->setVisible(!text.isEmpty());
}

void RoomView::send(const QString &text)
{
    if (!m_room)
        return;
    // A text the room does not take stays in the box; updateSendState() already says why.
    if (m_compose->mode() == ComposeBar::Mode::Edit) {
        if (m_room->edit(m_compose->targetId(), text)) {
            m_input->setPlainText(m_draft);
            m_draft.clear();
            m_compose->clear();
            updateInputDescription();
        }
        return;
    }
    if (m_room->send(text, m_compose->targetId()) == Room::TextCheck::Sendable) {
        m_input->clear();
        m_compose->clear();
        updateInputDescription();
        m_log->scrollToBottom();
    }
}

void RoomView::updateSendState()
{
    if (!m_room)
        return;
    const Room::TextCheck check = Room::checkText(m_input->toPlainText());
    const bool empty = check == Room::TextCheck::Empty;
    m_sendButton->setEnabled(check == Room::TextCheck::Sendable);
    QString hint;
    if (check == Room::TextCheck::TooLong)
        hint = tr("This message is too long to send; split it into several messages.");
    // Offline is said once, by the indicator above the log; the box only says what becomes of a message.
    const QString room = m_room->title();
    // Kicked, banned or shut out of a private room, nothing is sent "once the connection is back" by itself.
    if (m_room->connectionState() == Client::ConnectionState::Connected)
        m_input->setPlaceholderText(tr("Message %1 — Enter sends, Shift+Enter starts a new line").arg(room));
    else if (m_room->isRemoved())
        m_input->setPlaceholderText(tr("Message %1 — sent only if you join again").arg(room));
    else
        m_input->setPlaceholderText(tr("Message %1 — sent once the connection is back").arg(room));
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_sendButton->setToolTip(empty ? tr("Type a message first.") : hint);
}

} // namespace Kaiwa::Ui
