// SPDX-License-Identifier: MIT
#include "roomsettingsdialog.h"

#include "client/room.h"
#include "client/roomsettings.h"
#include "client/serverapi.h"

#include "common/protocol.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

namespace {

/// The role of a row, for its account column: what revoke and the tests read.
constexpr int roleDataRole = Qt::UserRole + 1;

} // namespace

RoomSettingsDialog::RoomSettingsDialog(Client::Room *room, Client::ServerApi *api, QWidget *parent)
    : QDialog(parent)
    , m_room(room)
    , m_api(api)
    , m_topic(new QLineEdit(this))
    , m_private(new QCheckBox(this))
    , m_roles(new QTreeWidget(this))
    , m_status(new QLabel(this))
    , m_account(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_grant(new QPushButton(this))
    , m_revoke(new QPushButton(this))
{
    setObjectName(u"roomSettingsDialog"_s);
    setWindowTitle(tr("Settings of %1").arg(room->title()));
    m_topic->setObjectName(u"topicEdit"_s);
    m_topic->setMaxLength(int(Protocol::maxTopicLength));
    m_topic->setClearButtonEnabled(true);
    m_topic->setText(room->settings()->topic());
    m_private->setObjectName(u"privateBox"_s);
    m_private->setText(tr("&Private: only the accounts listed below can find and join the room"));
    m_private->setChecked(room->settings()->isPrivate());

    m_roles->setObjectName(u"roleList"_s);
    m_roles->setColumnCount(2);
    m_roles->setHeaderLabels({tr("Account"), tr("Role")});
    m_roles->setRootIsDecorated(false);
    m_roles->setUniformRowHeights(true);
    m_roles->setSortingEnabled(false);
    m_roles->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_roles->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_roles->header()->setStretchLastSection(false);
    m_status->setObjectName(u"roleStatus"_s);
    m_status->setTextFormat(Qt::PlainText); // an error may quote the server
    m_status->setWordWrap(true);

    m_account->setObjectName(u"grantAccount"_s);
    m_account->setPlaceholderText(tr("Account"));
    m_role->setObjectName(u"grantRole"_s);
    for (const Kaiwa::RoomRole role : {RoomRole::Member, RoomRole::Moderator, RoomRole::Owner})
        m_role->addItem(roleText(role), QVariant::fromValue(int(role)));
    m_grant->setObjectName(u"grantButton"_s);
    m_grant->setText(tr("&Grant"));
    m_revoke->setObjectName(u"revokeButton"_s);
    m_revoke->setText(tr("Re&voke"));

    auto *grantRow = new QHBoxLayout;
    grantRow->addWidget(m_account, 1);
    grantRow->addWidget(m_role);
    grantRow->addWidget(m_grant);
    grantRow->addWidget(m_revoke);
    auto *form = new QFormLayout;
    form->addRow(tr("&Topic:"), m_topic);
    form->addRow(QString(), m_private);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Accounts with a role in the room:"), this));
    layout->addWidget(m_roles, 1);
    layout->addWidget(m_status);
    layout->addLayout(grantRow);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &RoomSettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_grant, &QPushButton::clicked, this, [this] {
        if (m_room && !m_account->text().trimmed().isEmpty())
            m_room->grant(m_account->text().trimmed(), RoomRole(m_role->currentData().toInt()));
    });
    connect(m_revoke, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem *item = m_roles->currentItem(); item && m_room)
            m_room->revoke(item->text(0));
    });
    connect(m_account, &QLineEdit::textChanged, this, &RoomSettingsDialog::updateButtons);
    connect(m_roles, &QTreeWidget::currentItemChanged, this, &RoomSettingsDialog::updateButtons);
    connect(room->settings(), &Client::RoomSettings::rolesChanged, this, &RoomSettingsDialog::applyRole);
    resize(520, 460);
    updateButtons();
    loadRoles();
}

QString RoomSettingsDialog::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

QString RoomSettingsDialog::roleText(RoomRole role)
{
    switch (role) {
    case RoomRole::Owner:
        return tr("Owner");
    case RoomRole::Moderator:
        return tr("Moderator");
    case RoomRole::Member:
        return tr("Member");
    case RoomRole::None:
        break;
    }
    return {};
}

void RoomSettingsDialog::loadRoles()
{
    if (!m_api || !m_room)
        return;
    m_status->setText(tr("Loading…"));
    m_status->show();
    m_api->get(u"api/rooms/"_s + m_room->serverRoomName(), {}, this, [this](const Client::ServerApi::Answer &answer) {
        if (!answer.ok()) {
            m_status->setText(tr("The list of roles could not be loaded: %1").arg(answer.error));
            return;
        }
        m_roles->clear();
        const QJsonArray roles = answer.json.object().value("roles"_L1).toArray();
        for (const QJsonValue &value : roles) {
            const QJsonObject entry = value.toObject();
            const auto role = roomRoleFromName(entry.value("role"_L1).toString());
            if (role)
                setRoleRow(entry.value("account"_L1).toString(), *role);
        }
        m_status->clear();
        m_status->hide();
        updateButtons();
        Q_EMIT rolesLoaded();
    });
}

void RoomSettingsDialog::applyRole(const RoomRoleEvent &event)
{
    setRoleRow(event.user, event.role);
    updateButtons();
}

void RoomSettingsDialog::setRoleRow(const QString &account, RoomRole role)
{
    QTreeWidgetItem *item = nullptr;
    for (int row = 0; row < m_roles->topLevelItemCount() && !item; ++row) {
        if (m_roles->topLevelItem(row)->text(0) == account)
            item = m_roles->topLevelItem(row);
    }
    if (role == RoomRole::None) {
        delete item;
        return;
    }
    if (!item)
        item = new QTreeWidgetItem(m_roles, {account});
    item->setText(1, roleText(role));
    item->setData(0, roleDataRole, int(role));
}

void RoomSettingsDialog::save()
{
    if (!m_room)
        return;
    const QString topic = m_topic->text().trimmed();
    const std::optional<QString> newTopic =
        topic != m_room->settings()->topic() ? std::optional<QString>(topic) : std::nullopt;
    const std::optional<bool> newPrivate = m_private->isChecked() != m_room->settings()->isPrivate()
                                               ? std::optional<bool>(m_private->isChecked())
                                               : std::nullopt;
    if ((!newTopic && !newPrivate) || m_room->changeSettings(newTopic, newPrivate))
        accept();
}

void RoomSettingsDialog::updateButtons()
{
    m_grant->setEnabled(!m_account->text().trimmed().isEmpty());
    m_revoke->setEnabled(m_roles->currentItem() != nullptr);
}

} // namespace Kaiwa::Ui
