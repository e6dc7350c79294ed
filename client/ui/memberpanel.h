// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeView;

namespace Kaiwa::Client {
class MemberListModel;
}

namespace Kaiwa::Ui {

/**
 * Who is in a room, beside its log: a header ("3 members") over the list. A name too long for the
 * panel is elided at its end, never scrolled sideways; its tool tip holds it whole. The user's own
 * entry reads "alice (you)" (MemberListModel).
 */
class MemberPanel : public QWidget
{
    Q_OBJECT

public:
    /// `members` is not owned; it must outlive the panel (both belong to one room and its view).
    explicit MemberPanel(Client::MemberListModel *members, QWidget *parent = nullptr);

    QTreeView *listView() const { return m_list; }
    QLabel *header() const { return m_header; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QPointer<Client::MemberListModel> m_members;
    QLabel *m_header;
    QTreeView *m_list;
};

} // namespace Kaiwa::Ui
