// SPDX-License-Identifier: MIT
// kaiwa: the desktop chat client. This file only wires the parts together.
#include "client/clientsettings.h"
#include "client/roomaddress.h"
#include "client/roomlistmodel.h"
#include "common/roomname.h"
#include "client/ui/appicon.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/roomprompt.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Kaiwa;

namespace {

int fail(const QString &message)
{
    std::fputs(qPrintable(QCoreApplication::applicationName() + u": "_s + message + u'\n'), stderr);
    return 2;
}

} // namespace

/// --help and --version print and exit: they need no display, so no QApplication either.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        if (argument == "-h" || argument == "--help" || argument == "--help-all" || argument == "-v"
            || argument == "--version")
            return true;
    }
    return false;
}

int main(int argc, char *argv[])
{
    const std::unique_ptr<QCoreApplication> app =
        onlyPrints(argc, argv) ? std::make_unique<QCoreApplication>(argc, argv) : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(u"Kaiwa"_s);
    QCoreApplication::setApplicationName(u"kaiwa"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(KAIWA_VERSION));

    Client::ClientSettings settings;
    Ui::LanguageSwitcher languages;
    languages.setLanguage(settings.language());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Chat in Kaiwa and Django Channels rooms."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        u"server"_s, QCoreApplication::translate("main", "Server address, as a browser uses it (default %1).")
                         .arg(Ui::RoomPrompt::defaultServer),
        QCoreApplication::translate("main", "URL"));
    const QCommandLineOption roomOption(u"room"_s, QCoreApplication::translate("main", "Room to open."),
                                       QCoreApplication::translate("main", "NAME"));
    const QCommandLineOption nameOption(u"name"_s, QCoreApplication::translate("main", "Your display name."),
                                        QCoreApplication::translate("main", "NAME"));
    parser.addOptions({serverOption, roomOption, nameOption});
    parser.process(*app); // Exits for --help and --version.

    std::optional<Client::RoomAddress> direct;
    if (parser.isSet(roomOption)) {
        const QString serverText =
            parser.isSet(serverOption) ? parser.value(serverOption) : QString(Ui::RoomPrompt::defaultServer);
        const std::optional<QUrl> server = Client::RoomAddress::parseServer(serverText);
        if (!server)
            return fail(QCoreApplication::translate("main", "not a server address: %1").arg(serverText));
        const QString room = parser.value(roomOption);
        if (!RoomName::isValid(room))
            return fail(QCoreApplication::translate("main", "not a valid room name: %1").arg(room));
        const QString name = parser.isSet(nameOption) ? parser.value(nameOption) : settings.displayName();
        direct = Client::RoomAddress{*server, room, name};
    }

    QGuiApplication::setApplicationDisplayName(u"Kaiwa"_s);
    QGuiApplication::setDesktopFileName(u"io.github.kaiwa.Kaiwa"_s); // resources/linux/<id>.desktop
    QGuiApplication::setWindowIcon(Ui::applicationIcon());
    Client::RoomListModel rooms;
    Ui::MainWindow window(&rooms, settings, &languages);
    window.show();
    if (direct)
        window.openRoom(*direct);
    else if (parser.isSet(serverOption))
        window.showRoomPrompt(parser.value(serverOption));
    else
        window.restoreSession();
    return app->exec();
}
