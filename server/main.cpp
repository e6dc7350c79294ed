// SPDX-License-Identifier: MIT
#include "app/serverapp.h"
#include "app/serveroptions.h"
#include "app/signalwatcher.h"
#include "serverlogging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

using namespace Kaiwa::Server;

int main(int argc, char *argv[])
{
    // A daemon has no use for glib's main loop; Qt's own UNIX dispatcher halves the cost per
    // delivered message (docs/performance.md). It must be chosen before the application exists.
    qputenv("QT_NO_GLIB", "1");
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-category}%{category} %{endif}%{type}: %{message}"));

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

    ServerApp server(std::get<ServerConfig>(parsed));
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &server, [&server](int number) {
        qCInfo(lcApp) << "received signal" << number;
        server.stop();
    });
    QObject::connect(&signalWatcher, &SignalWatcher::reloadRequested, &server, [] {
        qCInfo(lcApp) << "SIGHUP: nothing to reload yet; options apply at start-up";
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
