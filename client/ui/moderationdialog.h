// SPDX-License-Identifier: MIT
#pragma once

#include "common/clientrequest.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace Kaiwa::Ui {

/**
 * Asks a moderator for the reason of a kick, ban or mute of one member (and, for a ban or a mute, how long: minutes,
 * or until lifted), and says what will happen. request() is what the room sends once the dialog is accepted.
 */
class ModerationDialog : public QDialog
{
    Q_OBJECT

public:
    /// `user` is what the server is told (a member id or an account); `name` is what the moderator reads.
    ModerationDialog(Kaiwa::ModerationRequest::Action action, const QString &user, const QString &name,
                     QWidget *parent = nullptr);

    Kaiwa::ModerationRequest request() const;
    QLineEdit *reasonEdit() const { return m_reason; }
    /// Minutes; 0 is "until lifted". Hidden for a kick.
    QSpinBox *durationBox() const { return m_minutes; }

private:
    Kaiwa::ModerationRequest::Action m_action;
    QString m_user;
    QLabel *m_question;
    QLineEdit *m_reason;
    QSpinBox *m_minutes;
};

} // namespace Kaiwa::Ui
