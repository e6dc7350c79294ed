// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Kaiwa::Client {
class SignIn;
}

namespace Kaiwa::Ui {

/**
 * Asks for an account name and password when a server requires signing in, and signs in
 * (Client::SignIn). Wrong passwords, throttling and untrusted certificates are shown in the dialog;
 * the password field is cleared after each attempt. Accepted only once a token came back.
 */
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LoginDialog(const QUrl &server, QWidget *parent = nullptr);

    QUrl server() const { return m_server; }
    void setAccountName(const QString &name);

Q_SIGNALS:
    void signedIn(const QByteArray &token, const QString &account);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void submit();
    void updateButtons();

    QUrl m_server;
    Client::SignIn *m_signIn;
    QLabel *m_intro;
    QLabel *m_nameLabel;
    QLabel *m_passwordLabel;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace Kaiwa::Ui
