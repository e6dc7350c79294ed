// SPDX-License-Identifier: MIT
#include "memberpanel.h"

#include "client/memberlistmodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

MemberPanel::MemberPanel(Client::MemberListModel *members, QWidget *parent)
    : QWidget(parent)
    , m_members(members)
    , m_header(new QLabel(this))
    , m_list(new QTreeView(this))
{
    setObjectName(u"memberPanel"_s);
    m_header->setObjectName(u"memberCount"_s);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setForegroundRole(QPalette::PlaceholderText);
    m_header->setMargin(4);
    m_header->setBuddy(m_list);

    // A tree of one column rather than a list: its only column stretches to the view's width, so a
    // long name is elided there instead of widening the rows past the edge (a QListView's rows take
    // the widest name's width and bring a horizontal scroll bar). The header's sizes are zero before
    // the model comes: the stretched last column never gets narrower than its first size.
    m_list->setObjectName(u"memberList"_s);
    m_list->header()->setMinimumSectionSize(0);
    m_list->header()->setDefaultSectionSize(0);
    m_list->setHeaderHidden(true);
    m_list->setModel(members);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::ClickFocus);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_list, 1);

    connect(members, &Client::MemberListModel::countChanged, this, &MemberPanel::retranslateUi);
    retranslateUi();
}

void MemberPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_list->viewport()->update(); // "(you)" is translated by the model when painted.
    }
    QWidget::changeEvent(event);
}

void MemberPanel::retranslateUi()
{
    if (!m_members)
        return;
    // Empty means unknown (not connected, or a tutorial server without presence), not "0 members".
    const int count = m_members->count();
    m_header->setText(tr("%n member(s)", "header of the member list", count));
    m_header->setVisible(count > 0);
    m_list->setAccessibleName(count > 0 ? m_header->text() : tr("Members"));
}

} // namespace Kaiwa::Ui
