// SPDX-License-Identifier: MIT
#include "roomview.h"

#include "connectionindicator.h"
#include "emojifont.h"
#include "emojipicker.h"
#include "memberpanel.h"
#include "messagedelegate.h"
#include "messageinput.h"

#include "client/chatlogmodel.h"
#include "client/emojimodel.h"
#include "client/linkfinder.h"
#include "client/room.h"
#include "client/typingtracker.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::ChatLogModel;
using Client::Room;

RoomView::RoomView(Room *room, QWidget *parent)
    : QWidget(parent)
    , m_room(room)
    , m_indicator(new ConnectionIndicator(room, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_log(new QListView(m_splitter))
    , m_members(new MemberPanel(room->members(), m_splitter))
    , m_typing(new QLabel(this))
    , m_delegate(new MessageDelegate(this))
    , m_input(new MessageInput(this))
    , m_sendButton(new QPushButton(this))
    , m_emojiButton(new QToolButton(this))
    , m_hint(new QLabel(this))
    , m_copyAction(new QAction(this))
    , m_openLinkAction(new QAction(this))
    , m_emojiAction(new QAction(this))
{
    m_log->setObjectName(QStringLiteral("chatLog"));
    m_log->setModel(room->log());
    m_log->setItemDelegate(m_delegate);
    m_log->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_log->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_log->setResizeMode(QListView::Adjust);
    m_log->setSelectionMode(QAbstractItemView::SingleSelection);
    m_log->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_log->setWordWrap(true);
    m_log->setMouseTracking(true); // Pointing-hand cursor over links.
    m_log->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_log->verticalScrollBar()->setSingleStep(20);

    m_splitter->setObjectName(QStringLiteral("logSplitter"));
    m_splitter->addWidget(m_log);
    m_splitter->addWidget(m_members);
    m_splitter->setChildrenCollapsible(true);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({560, 140});
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

    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_openLinkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_openLinkAction->setShortcutContext(Qt::WidgetShortcut);
    m_log->addAction(m_copyAction);
    m_log->addAction(m_openLinkAction);
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
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_typing);
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
    connect(m_copyAction, &QAction::triggered, this, &RoomView::copyCurrentMessage);
    connect(m_openLinkAction, &QAction::triggered, this, &RoomView::openLinksOfCurrentMessage);
    connect(m_emojiAction, &QAction::triggered, this, &RoomView::showEmojiPicker);
    connect(m_emojiButton, &QToolButton::clicked, this, &RoomView::showEmojiPicker);
    connect(m_delegate, &MessageDelegate::linkActivated, this, &RoomView::linkActivated);
    connect(this, &RoomView::linkActivated, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });

    QScrollBar *scrollBar = m_log->verticalScrollBar();
    connect(scrollBar, &QScrollBar::valueChanged, this, &RoomView::onScrollValueChanged);
    connect(scrollBar, &QScrollBar::rangeChanged, this, &RoomView::onScrollRangeChanged);
    connect(room->log(), &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex &, int first) {
        QScrollBar *bar = m_log->verticalScrollBar();
        if (first == 0 && m_room->log()->rowCount() > 0)
            m_keepFromBottom = bar->maximum() - bar->value(); // A history page goes on top.
    });

    retranslateUi();
    updateSendState();
}

RoomView::~RoomView() = default;

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
    const QString room = m_room ? m_room->address().room : QString();
    m_log->setAccessibleName(tr("Messages in %1").arg(room));
    m_log->setAccessibleDescription(tr("Ctrl+C copies the selected message, Ctrl+Enter opens its links."));
    m_input->setAccessibleName(tr("Message"));
    m_input->setAccessibleDescription(tr("Enter sends the message, Shift+Enter starts a new line."));
    m_sendButton->setText(tr("&Send"));
    m_sendButton->setAccessibleName(tr("Send message"));
    m_copyAction->setText(tr("&Copy Message"));
    m_openLinkAction->setText(tr("&Open Links in Message"));
    m_emojiAction->setText(tr("Insert &Emoji…"));
    const QString emojiKey = m_emojiAction->shortcut().toString(QKeySequence::NativeText);
    m_emojiButton->setToolTip(tr("Insert an emoji (%1)").arg(emojiKey));
    m_emojiButton->setAccessibleName(tr("Insert emoji"));
    m_log->viewport()->update(); // Delivery marks are translated when painted.
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
    // A text the room does not take stays in the box; updateSendState() already says why.
    if (m_room && m_room->send(text) == Room::TextCheck::Sendable) {
        m_input->clear();
        m_followBottom = true;
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
    const QString room = m_room->address().room;
    m_input->setPlaceholderText(m_room->connectionState() == Client::ConnectionState::Connected
                                    ? tr("Message %1 — Enter sends, Shift+Enter starts a new line").arg(room)
                                    : tr("Message %1 — sent once the connection is back").arg(room));
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_sendButton->setToolTip(empty ? tr("Type a message first.") : hint);
}

void RoomView::copyCurrentMessage()
{
    const QModelIndex index = m_log->currentIndex();
    if (index.isValid())
        QGuiApplication::clipboard()->setText(index.data(ChatLogModel::TextRole).toString());
}

void RoomView::openLinksOfCurrentMessage()
{
    const QModelIndex index = m_log->currentIndex();
    if (!index.isValid())
        return;
    const QList<Client::TextLink> links = Client::LinkFinder::find(index.data(ChatLogModel::TextRole).toString());
    for (const Client::TextLink &link : links)
        Q_EMIT linkActivated(link.url);
}

void RoomView::onScrollValueChanged(int value)
{
    QScrollBar *bar = m_log->verticalScrollBar();
    m_followBottom = value >= bar->maximum() - 4;
    if (value == bar->minimum() && bar->maximum() > bar->minimum())
        requestOlderHistory();
}

void RoomView::onScrollRangeChanged(int minimum, int maximum)
{
    QScrollBar *bar = m_log->verticalScrollBar();
    if (m_keepFromBottom) {
        bar->setValue(maximum - *m_keepFromBottom);
        m_keepFromBottom.reset();
    } else if (m_followBottom) {
        bar->setValue(maximum);
    }
    // Not enough messages to scroll yet: fetch older ones until there are.
    if (maximum == minimum)
        requestOlderHistory();
}

void RoomView::requestOlderHistory()
{
    if (m_room)
        m_room->loadOlderHistory();
}

} // namespace Kaiwa::Ui
