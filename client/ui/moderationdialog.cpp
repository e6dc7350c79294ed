// SPDX-License-Identifier: MIT
#include "moderationdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Action = Kaiwa::ModerationRequest::Action;

namespace {

/// What the server takes (docs/protocol.md, "Rooms with owners"): a reason of up to 200 characters, a year at most.
constexpr int maxReasonLength = 200;
constexpr int maxMinutes = 525600;

} // namespace

ModerationDialog::ModerationDialog(Action action, const QString &user, const QString &name, QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_user(user)
    , m_question(new QLabel(this))
    , m_reason(new QLineEdit(this))
    , m_minutes(new QSpinBox(this))
{
    setObjectName(u"moderationDialog"_s);
    m_question->setObjectName(u"moderationQuestion"_s);
    m_question->setTextFormat(Qt::PlainText); // a display name is whatever someone typed
    m_question->setWordWrap(true);
    m_reason->setObjectName(u"moderationReason"_s);
    m_reason->setMaxLength(maxReasonLength);
    m_reason->setClearButtonEnabled(true);
    m_minutes->setObjectName(u"moderationMinutes"_s);
    m_minutes->setRange(0, maxMinutes);
    m_minutes->setSpecialValueText(tr("Until lifted"));
    m_minutes->setSuffix(tr(" min", "a ban's or mute's duration in minutes"));

    QString verb;
    switch (action) {
    case Action::Kick:
        setWindowTitle(tr("Kick %1").arg(name));
        m_question->setText(tr("Remove %1 from the room? They can come back.").arg(name));
        verb = tr("&Kick");
        break;
    case Action::Ban:
        setWindowTitle(tr("Ban %1").arg(name));
        m_question->setText(tr("Remove %1 from the room and keep them out until the ban ends or is lifted?").arg(name));
        verb = tr("&Ban");
        break;
    case Action::Mute:
        setWindowTitle(tr("Mute %1").arg(name));
        m_question->setText(tr("Let %1 read the room but not write in it?").arg(name));
        verb = tr("&Mute");
        break;
    case Action::Unban:
    case Action::Unmute:
        setWindowTitle(tr("Lift the restriction of %1").arg(name));
        verb = tr("&Lift");
        break;
    }

    auto *form = new QFormLayout;
    form->addRow(tr("&Reason:"), m_reason);
    if (action == Action::Ban || action == Action::Mute)
        form->addRow(tr("&Duration:"), m_minutes);
    else
        m_minutes->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *confirm = buttons->addButton(verb, QDialogButtonBox::AcceptRole);
    confirm->setObjectName(u"moderationConfirm"_s);
    confirm->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

Kaiwa::ModerationRequest ModerationDialog::request() const
{
    const bool timed = m_action == Action::Ban || m_action == Action::Mute;
    return {m_action, m_user, timed ? qint64(m_minutes->value()) : 0, m_reason->text().trimmed(), {}};
}

} // namespace Kaiwa::Ui
