// SPDX-License-Identifier: MIT
#include "searchbar.h"

#include "searchresultdelegate.h"

#include "client/searchresultsmodel.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::SearchResultsModel;

namespace {
/// How long typing pauses before the field is searched: a word, not every letter, goes to the server.
constexpr auto typingPause = std::chrono::milliseconds(400);
} // namespace

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent)
    , m_model(new SearchResultsModel(this))
    , m_delegate(new SearchResultDelegate(this))
    , m_field(new QLineEdit(this))
    , m_allRooms(new QCheckBox(this))
    , m_closeButton(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_results(new QListView(this))
{
    setObjectName(u"searchBar"_s);
    m_field->setObjectName(u"searchField"_s);
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_allRooms->setObjectName(u"searchAllRooms"_s);
    m_closeButton->setObjectName(u"searchClose"_s);
    m_closeButton->setAutoRaise(true);
    m_closeButton->setText(u"✕"_s);
    m_status->setObjectName(u"searchStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_results->setObjectName(u"searchResults"_s);
    m_results->setModel(m_model);
    m_results->setItemDelegate(m_delegate);
    m_results->setUniformItemSizes(false);
    m_results->setWordWrap(true);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->installEventFilter(this);
    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(typingPause);

    auto *row = new QHBoxLayout;
    row->addWidget(m_field, 1);
    row->addWidget(m_allRooms);
    row->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    setFocusProxy(m_field);

    connect(m_field, &QLineEdit::textEdited, this, [this] { m_typingPause.start(); });
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        // Enter on what was searched goes to the first result; on a new text, searches it now.
        if (m_model->query() == m_field->text().trimmed() && m_model->rowCount() > 0)
            activate(m_results->currentIndex().isValid() ? m_results->currentIndex() : m_model->index(0));
        else
            searchNow();
    });
    connect(&m_typingPause, &QTimer::timeout, this, &SearchBar::searchNow);
    connect(m_allRooms, &QCheckBox::toggled, this, &SearchBar::searchNow);
    connect(m_closeButton, &QToolButton::clicked, this, &SearchBar::close);
    connect(m_results, &QListView::activated, this, &SearchBar::activate);
    connect(m_model, &SearchResultsModel::searchingChanged, this, &SearchBar::updateStatus);
    connect(m_model, &SearchResultsModel::pageLoaded, this, &SearchBar::updateStatus);
    connect(m_model, &SearchResultsModel::failed, this, &SearchBar::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SearchBar::updateStatus);
    retranslateUi();
    updateStatus();
    hide();
}

SearchBar::~SearchBar() = default;

void SearchBar::open(Client::ServerApi *api, const QString &room)
{
    show();
    setScope(api, room);
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchBar::setScope(Client::ServerApi *api, const QString &room)
{
    if (api == m_model->api() && room == m_room)
        return;
    m_room = room;
    if (api != m_model->api()) {
        m_model->setApi(api);
        m_allRooms->setChecked(false); // another server: start from its room
    }
    retranslateUi();
    searchNow(); // the same words where they now apply (nothing changes when every room is searched)
}

void SearchBar::close()
{
    m_typingPause.stop();
    m_model->clear();
    hide();
    Q_EMIT closed();
}

void SearchBar::searchNow()
{
    m_typingPause.stop();
    if (isHidden())
        return; // open() searches what the field holds
    const QString query = m_field->text().trimmed();
    const QString room = m_allRooms->isChecked() ? QString() : m_room;
    if (query == m_model->query() && room == m_model->room() && m_model->errorString().isEmpty())
        return;
    m_model->search(query, room);
    if (m_model->rowCount() == 0)
        m_results->scrollToTop();
    updateStatus();
}

QString SearchBar::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void SearchBar::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    Q_EMIT resultActivated(index.data(SearchResultsModel::RoomRole).toString(),
                           index.data(SearchResultsModel::IdRole).toLongLong());
}

void SearchBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

bool SearchBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (key == Qt::Key_Escape) {
        close();
        return true;
    }
    if (watched == m_field && key == Qt::Key_Down && m_model->rowCount() > 0) {
        m_results->setFocus(Qt::TabFocusReason);
        if (!m_results->currentIndex().isValid())
            m_results->setCurrentIndex(m_model->index(0));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SearchBar::retranslateUi()
{
    m_field->setPlaceholderText(m_room.isEmpty() ? tr("Search messages") : tr("Search messages in %1").arg(m_room));
    m_field->setAccessibleName(tr("Search messages"));
    m_allRooms->setText(tr("&All rooms"));
    m_allRooms->setToolTip(tr("Search every room of this server, not only the current one"));
    m_closeButton->setToolTip(tr("Close the search (Esc)"));
    m_closeButton->setAccessibleName(tr("Close the search"));
    m_results->setAccessibleName(tr("Search results"));
    updateStatus();
}

void SearchBar::updateStatus()
{
    QString text;
    if (m_model->isSearching() && m_model->rowCount() == 0)
        text = tr("Searching…");
    else if (!m_model->errorString().isEmpty())
        text = tr("The search failed: %1").arg(m_model->errorString());
    else if (!m_model->query().isEmpty() && m_model->rowCount() == 0)
        text = m_model->room().isEmpty() ? tr("No messages found in any room.")
                                         : tr("No messages found in %1.").arg(m_model->room());
    m_status->setText(text);
    m_status->setHidden(text.isEmpty());
    // The list takes room only when it has something to show.
    m_results->setHidden(m_model->rowCount() == 0);
}

} // namespace Kaiwa::Ui
