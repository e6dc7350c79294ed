// SPDX-License-Identifier: MIT
#include "app/accountcommand.h"
#include "app/applogging.h"
#include "app/daemonprocess.h"
#include "app/roomcommand.h"
#include "app/serverapp.h"
#include "app/serveroptions.h"
#include "app/signalwatcher.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

using namespace Kaiwa::Server;

int main(int argc, char *argv[])
{
    DaemonProcess::prepare();

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kaiwa-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KAIWA_VERSION));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("kaiwa-server"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    const auto parsed = ServerOptions::parse(QCoreApplication::arguments());
    if (const auto *exit = std::get_if<ServerOptions::Exit>(&parsed)) {
        std::fputs(exit->text.toLocal8Bit().constData(), exit->code == 0 ? stdout : stderr);
        return exit->code;
    }

    if (const QStringList &command = std::get<ServerConfig>(parsed).command; !command.isEmpty()) {
        if (command.first() == QLatin1String("room"))
            return RoomCommand(std::get<ServerConfig>(parsed)).run();
        return AccountCommand(std::get<ServerConfig>(parsed)).run();
    }

    ServerApp server(std::get<ServerConfig>(parsed));
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &server, [&server](int number) {
        qCInfo(lcApp) << "received signal" << number;
        server.stop();
    });
    // SIGHUP reads the config file again, with the same command line on top (it still wins).
    QObject::connect(&signalWatcher, &SignalWatcher::reloadRequested, &server, [&server] {
        const auto reparsed = ServerOptions::parse(QCoreApplication::arguments());
        if (const auto *exit = std::get_if<ServerOptions::Exit>(&reparsed)) {
            qCWarning(lcApp).noquote() << "reload failed, keeping the running configuration:" << exit->text.trimmed();
            return;
        }
        server.reload(std::get<ServerConfig>(reparsed));
    });
    QObject::connect(&server, &ServerApp::stopped, &app, [] { QCoreApplication::exit(0); });

    if (!server.start()) {
        std::fprintf(stderr, "kaiwa-server: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    // The first line on stdout: scripts and tests read the port from it.
    std::printf("kaiwa-server listening on %s\n", qPrintable(server.chatUrl()));
    std::fflush(stdout);
    return app.exec();
}
