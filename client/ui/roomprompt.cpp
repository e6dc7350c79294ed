// SPDX-License-Identifier: MIT
#include "roomprompt.h"

#include "common/displayname.h"
#include "common/protocol.h"
#include "common/roomname.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::RoomAddress;

namespace {

/// The first character of `name` that is not allowed in a room name.
QString firstInvalidCharacter(const QString &name)
{
    for (qsizetype i = 0; i < name.size(); ++i) {
        const bool pair = name.at(i).isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate();
        const char32_t codePoint = pair ? QChar::surrogateToUcs4(name.at(i), name.at(i + 1)) : name.at(i).unicode();
        if (!RoomName::isWordCharacter(codePoint))
            return name.mid(i, pair ? 2 : 1);
        if (pair)
            ++i;
    }
    return {};
}

QComboBox *editableCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setMinimumContentsLength(28);
    return combo;
}

} // namespace

RoomPrompt::RoomPrompt(QWidget *parent)
    : QDialog(parent)
    , m_serverLabel(new QLabel(this))
    , m_server(editableCombo(this))
    , m_roomLabel(new QLabel(this))
    , m_room(editableCombo(this))
    , m_nameLabel(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"roomPrompt"_s);
    m_server->setObjectName(u"serverInput"_s);
    m_room->setObjectName(u"roomNameInput"_s);
    m_name->setObjectName(u"displayNameInput"_s);
    m_status->setObjectName(u"validationMessage"_s);
    m_server->setEditText(defaultServer);
    m_name->setMaxLength(int(Protocol::maxDisplayNameLength) * 2);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setMinimumHeight(2 * fontMetrics().lineSpacing());
    m_serverLabel->setBuddy(m_server);
    m_roomLabel->setBuddy(m_room);
    m_nameLabel->setBuddy(m_name);

    auto *form = new QFormLayout;
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_roomLabel, m_room);
    form->addRow(m_nameLabel, m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_server, &QComboBox::editTextChanged, this, &RoomPrompt::takeRoomFromServer);
    connect(m_server, &QComboBox::editTextChanged, this, &RoomPrompt::validate);
    connect(m_room, &QComboBox::editTextChanged, this, &RoomPrompt::validate);
    connect(m_name, &QLineEdit::textChanged, this, &RoomPrompt::validate);

    retranslateUi();
    m_room->setFocus();
}

void RoomPrompt::setRecentServers(const QStringList &servers)
{
    const QString current = m_server->currentText();
    m_server->clear();
    m_server->addItems(servers);
    m_server->setEditText(servers.isEmpty() ? current : servers.constFirst());
}

void RoomPrompt::setRecentRooms(const QStringList &rooms)
{
    m_room->clear();
    m_room->addItems(rooms);
    m_room->setEditText(QString()); // A fresh prompt asks; the list offers.
}

void RoomPrompt::setServer(const QString &server)
{
    m_server->setEditText(server);
}

void RoomPrompt::setRoom(const QString &room)
{
    m_room->setEditText(room);
}

void RoomPrompt::setDisplayName(const QString &name)
{
    m_name->setText(name);
}

RoomAddress RoomPrompt::address() const
{
    return {RoomAddress::parseServer(m_server->currentText()).value_or(QUrl()), m_room->currentText().trimmed(),
            m_name->text().trimmed()};
}

void RoomPrompt::takeRoomFromServer()
{
    // A room's page pasted as the server (http://host:8000/chat/lobby/) names the room too: show it there.
    const auto location = RoomAddress::parseLocation(m_server->currentText());
    if (location && location->room && m_room->currentText() != *location->room)
        m_room->setEditText(*location->room);
}

void RoomPrompt::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void RoomPrompt::retranslateUi()
{
    setWindowTitle(tr("Join a Room"));
    m_serverLabel->setText(tr("&Server:"));
    m_roomLabel->setText(tr("&Room:"));
    m_nameLabel->setText(tr("Your &name:"));
    m_server->setAccessibleName(tr("Server address"));
    m_server->setToolTip(tr("The address you would open in a browser, e.g. %1 or a room's page such as %1/chat/lobby/")
                             .arg(defaultServer));
    m_room->setAccessibleName(tr("Room name"));
    m_room->lineEdit()->setPlaceholderText(tr("e.g. lobby"));
    m_name->setAccessibleName(tr("Display name"));
    m_name->setPlaceholderText(tr("anonymous"));
    m_status->setAccessibleName(tr("Input problems"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Join"));
    validate();
}

void RoomPrompt::validate()
{
    QString problem;
    switch (RoomAddress::validateServer(m_server->currentText())) {
    case RoomAddress::ServerValidity::Valid:
        break;
    case RoomAddress::ServerValidity::Empty:
        problem = tr("Enter the server address, e.g. %1.").arg(defaultServer);
        break;
    case RoomAddress::ServerValidity::Malformed:
        problem = tr("The server address is not valid; it looks like %1.").arg(defaultServer);
        break;
    case RoomAddress::ServerValidity::UnsupportedScheme:
        problem = tr("The server address must start with http:// or https://.");
        break;
    }

    const QString room = m_room->currentText().trimmed();
    if (problem.isEmpty()) {
        switch (RoomName::validate(room)) {
        case RoomName::Validity::Valid:
            break;
        case RoomName::Validity::Empty:
            problem = tr("Enter a room name.");
            break;
        case RoomName::Validity::TooLong:
            problem = tr("A room name can have at most %n character(s).", nullptr, int(RoomName::maxLength));
            break;
        case RoomName::Validity::InvalidCharacter:
            problem = tr("“%1” cannot be used in a room name: use letters, digits and _ only.")
                          .arg(firstInvalidCharacter(room));
            break;
        }
    }

    QString warning;
    const QString name = m_name->text().trimmed();
    if (!name.isEmpty() && DisplayName::sanitize(name) != name)
        warning = tr("Your name will be shown as “%1”.").arg(DisplayName::sanitize(name));

    m_problem = problem;
    m_status->setText(problem.isEmpty() ? warning : problem);
    m_status->setForegroundRole(problem.isEmpty() ? QPalette::PlaceholderText : QPalette::Text);
    m_status->setAccessibleDescription(m_status->text());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace Kaiwa::Ui
