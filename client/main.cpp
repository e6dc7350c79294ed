// SPDX-License-Identifier: MIT
// kaiwa: the desktop chat client. This file only wires the parts together.
#include "client/clientsettings.h"
#include "client/launchplan.h"
#include "client/roomaddress.h"
#include "client/roomlistmodel.h"
#include "client/tokenstore.h"
#include "client/ui/appicon.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/roomprompt.h"
#include "common/roomname.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <list>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Kaiwa;

namespace {

int fail(const QString &message)
{
    std::fputs(qPrintable(QCoreApplication::applicationName() + u": "_s + message + u'\n'), stderr);
    return 2;
}

/**
 * The X11 platform plugin takes `-name NAME` and `--name NAME` as the window class name and removes them
 * from the command line before QCommandLineParser sees it: `kaiwa --name tester` joined as "anonymous" on
 * X11 alone. Joined into one argument, `--name=NAME` passes every platform plugin untouched.
 */
class NameArgumentGuard
{
public:
    NameArgumentGuard(int argc, char *argv[])
    {
        bool optionsEnd = false;
        for (int i = 0; i < argc; ++i) {
            const QByteArrayView argument(argv[i]);
            if (!optionsEnd && argument == "--name" && i + 1 < argc) {
                m_joined.push_back(QByteArray("--name=") + argv[++i]);
                m_argv.push_back(m_joined.back().data());
                continue;
            }
            optionsEnd = optionsEnd || argument == "--";
            m_argv.push_back(argv[i]);
        }
        m_argc = int(m_argv.size());
        m_argv.push_back(nullptr); // argv[argc] is a null pointer, as the C standard promises.
    }
    NameArgumentGuard(const NameArgumentGuard &) = delete;
    NameArgumentGuard &operator=(const NameArgumentGuard &) = delete;

    /// QCoreApplication keeps references to both: the guard must outlive the application object.
    int &argc() { return m_argc; }
    char **argv() { return m_argv.data(); }

private:
    std::list<QByteArray> m_joined; // a list: the pointers into its strings stay valid as it grows
    std::vector<char *> m_argv;
    int m_argc = 0;
};

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
    NameArgumentGuard arguments(argc, argv);
    const std::unique_ptr<QCoreApplication> app =
        onlyPrints(arguments.argc(), arguments.argv())
            ? std::make_unique<QCoreApplication>(arguments.argc(), arguments.argv())
            : std::make_unique<QApplication>(arguments.argc(), arguments.argv());
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
        u"server"_s,
        QCoreApplication::translate("main", "Server address, as a browser uses it (default %1). Reopens the rooms "
                                            "you had open there, or asks for a room when there were none.")
            .arg(Ui::RoomPrompt::defaultServer),
        QCoreApplication::translate("main", "URL"));
    const QCommandLineOption roomOption(u"room"_s, QCoreApplication::translate("main", "Room to open as well."),
                                        QCoreApplication::translate("main", "NAME"));
    const QCommandLineOption nameOption(
        u"name"_s,
        QCoreApplication::translate("main", "Your display name in the rooms opened now, remembered for the server."),
        QCoreApplication::translate("main", "NAME"));
    parser.addOptions({serverOption, roomOption, nameOption});
    parser.process(*app); // Exits for --help and --version.

    Client::LaunchRequest request;
    if (parser.isSet(serverOption) || parser.isSet(roomOption)) {
        // --room alone means the default server.
        const QString serverText =
            parser.isSet(serverOption) ? parser.value(serverOption) : QString(Ui::RoomPrompt::defaultServer);
        const auto location = Client::RoomAddress::parseLocation(serverText);
        if (!location)
            return fail(QCoreApplication::translate("main", "not a server address: %1").arg(serverText));
        request.server = location->server;
        // A room's page (http://host:8000/chat/lobby/) opens that room unless --room names another.
        if (location->room && !parser.isSet(roomOption)) {
            request.room = *location->room;
            if (!RoomName::isValid(request.room))
                return fail(QCoreApplication::translate("main", "not a valid room name: %1").arg(request.room));
        }
    }
    if (parser.isSet(roomOption)) {
        request.room = parser.value(roomOption);
        if (!RoomName::isValid(request.room))
            return fail(QCoreApplication::translate("main", "not a valid room name: %1").arg(request.room));
    }
    if (parser.isSet(nameOption))
        request.name = parser.value(nameOption);

    QGuiApplication::setApplicationDisplayName(u"Kaiwa"_s);
    QGuiApplication::setDesktopFileName(u"io.github.kaiwa.Kaiwa"_s); // resources/linux/<id>.desktop
    QGuiApplication::setWindowIcon(Ui::applicationIcon());
    Client::TokenStore tokens;
    Client::RoomListModel rooms(&tokens, Client::OwnMessageKey(settings.ownMessageKey()));
    Ui::MainWindow window(&rooms, settings, &languages);
    window.show();
    window.start(Client::LaunchPlan::make(request, settings));
    return app->exec();
}
