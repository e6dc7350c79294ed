// SPDX-License-Identifier: MIT
#include "roomdirectorydialog.h"

#include "client/roomdirectorymodel.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::RoomDirectoryModel;

RoomDirectoryDialog::RoomDirectoryDialog(Client::ServerApi *api, const QString &server, QWidget *parent)
    : QDialog(parent)
    , m_server(server)
    , m_model(new RoomDirectoryModel(api, this))
    , m_filter(new QLineEdit(this))
    , m_list(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_join(new QPushButton(this))
    , m_refresh(new QPushButton(this))
{
    setObjectName(u"roomDirectoryDialog"_s);
    m_filter->setObjectName(u"roomFilter"_s);
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this); // Up and Down move in the list while typing
    m_list->setObjectName(u"roomDirectoryList"_s);
    m_list->setModel(m_model);
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->header()->setSectionResizeMode(RoomDirectoryModel::NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(RoomDirectoryModel::TopicColumn, QHeaderView::Stretch);
    for (const int column :
         {RoomDirectoryModel::OnlineColumn, RoomDirectoryModel::MessagesColumn, RoomDirectoryModel::LastActivityColumn})
        m_list->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    m_status->setObjectName(u"roomDirectoryStatus"_s);
    m_status->setTextFormat(Qt::PlainText); // an error may quote the server
    m_status->setWordWrap(true);
    m_join->setObjectName(u"joinButton"_s);
    m_join->setDefault(true);
    m_refresh->setObjectName(u"refreshButton"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_refresh, QDialogButtonBox::ResetRole);
    buttons->addButton(m_join, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_join, &QPushButton::clicked, this, &RoomDirectoryDialog::chooseCurrent);
    connect(m_refresh, &QPushButton::clicked, m_model, &RoomDirectoryModel::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &RoomDirectoryDialog::updateStatus);
    connect(m_list, &QTreeView::activated, this, &RoomDirectoryDialog::chooseCurrent);
    connect(m_filter, &QLineEdit::textChanged, m_model, &RoomDirectoryModel::setFilter);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // The first room that matches is the one Enter joins.
        if (m_model->rowCount() > 0)
            m_list->setCurrentIndex(m_model->index(0, 0));
        updateStatus();
    });
    connect(m_model, &RoomDirectoryModel::failed, this, &RoomDirectoryDialog::updateStatus);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(560, 420);
    setFocusProxy(m_filter);
    retranslateUi();
    m_model->refresh();
    updateStatus();
}

RoomDirectoryDialog::~RoomDirectoryDialog() = default;

QString RoomDirectoryDialog::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void RoomDirectoryDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

bool RoomDirectoryDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp || key == Qt::Key_PageDown) {
            QCoreApplication::sendEvent(m_list, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void RoomDirectoryDialog::retranslateUi()
{
    setWindowTitle(tr("Rooms on %1").arg(m_server));
    m_filter->setPlaceholderText(tr("Filter rooms by name"));
    m_filter->setAccessibleName(tr("Filter rooms"));
    m_list->setAccessibleName(tr("Rooms"));
    m_join->setText(tr("&Join"));
    m_refresh->setText(tr("&Refresh"));
    updateStatus();
}

void RoomDirectoryDialog::updateStatus()
{
    QString text;
    if (m_model->isLoading())
        text = tr("Loading the rooms…");
    else if (!m_model->errorString().isEmpty())
        text = tr("The rooms could not be listed: %1").arg(m_model->errorString());
    else if (m_model->allRooms().isEmpty())
        text = tr("No rooms yet: join a new one to start it.");
    else if (m_model->rowCount() == 0)
        text = tr("No room's name contains “%1”.").arg(m_filter->text().trimmed());
    m_status->setText(text);
    m_status->setHidden(text.isEmpty());
    m_join->setEnabled(m_model->rowCount() > 0);
}

void RoomDirectoryDialog::chooseCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    const auto entry = m_model->entryAt(current.isValid() ? current.row() : -1);
    if (!entry)
        return;
    Q_EMIT roomChosen(entry->direct.isEmpty() ? entry->name : entry->direct, !entry->direct.isEmpty());
    accept();
}

} // namespace Kaiwa::Ui
