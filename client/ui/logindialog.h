// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Kaiwa::Client {
class Session;
}

namespace Kaiwa::Ui {

/**
 * Asks for an account name and password when a server requires signing in, and hands them to the
 * server's Client::Session, which signs in. Wrong passwords, throttling and untrusted certificates are
 * shown in the dialog; the password field is cleared after each attempt. Accepted once the session is
 * signed in.
 */
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    /// `session` is not owned and must outlive the dialog.
    explicit LoginDialog(Client::Session *session, QWidget *parent = nullptr);

    void setAccountName(const QString &name);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void submit();
    void updateButtons();

    Client::Session *m_session;
    QLabel *m_intro;
    QLabel *m_nameLabel;
    QLabel *m_passwordLabel;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace Kaiwa::Ui
