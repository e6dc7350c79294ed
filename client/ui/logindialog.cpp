// SPDX-License-Identifier: MIT
#include "logindialog.h"

#include "client/session.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

LoginDialog::LoginDialog(Client::Session *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_intro(new QLabel(this))
    , m_nameLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"loginDialog"_s);
    m_name->setObjectName(u"accountNameInput"_s);
    m_password->setObjectName(u"passwordInput"_s);
    m_message->setObjectName(u"signInMessage"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_name->setMaxLength(64);
    m_intro->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nameLabel->setBuddy(m_name);
    m_passwordLabel->setBuddy(m_password);

    auto *form = new QFormLayout;
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_passwordLabel, m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_session, &Client::Session::signedIn, this, [this] {
        m_password->clear();
        accept();
    });
    connect(m_session, &Client::Session::signInFailed, this, [this](Client::SignIn::Failure, const QString &message) {
        m_password->clear();
        m_message->setText(message);
        m_password->setFocus();
        updateButtons();
    });
    retranslateUi();
    updateButtons();
}

void LoginDialog::setAccountName(const QString &name)
{
    m_name->setText(name);
    if (!name.isEmpty())
        m_password->setFocus();
}

void LoginDialog::submit()
{
    if (m_session->isSigningIn())
        return;
    m_message->setText(tr("Signing in…"));
    m_session->signIn(m_name->text().trimmed(), m_password->text());
    updateButtons();
}

void LoginDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_session->isSigningIn() && !m_name->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void LoginDialog::retranslateUi()
{
    setWindowTitle(tr("Sign in"));
    m_intro->setText(tr("%1 requires signing in.").arg(m_session->server().toDisplayString()));
    m_nameLabel->setText(tr("&Account name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
}

} // namespace Kaiwa::Ui
