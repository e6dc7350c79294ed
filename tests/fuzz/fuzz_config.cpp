// SPDX-License-Identifier: MIT
// The daemon's config file (`--config FILE`, INI read strictly by ConfigFile) and option values, as
// ServerOptions parses them. Each input is written to a fresh file. Properties: no crash; the result
// is either a config whose values are within the documented ranges, or an exit code of 1 (a config
// file that is malformed or holds an invalid value) with a message naming the file.
#include "app/serveroptions.h"
#include "fuzzcheck.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

namespace {
std::unique_ptr<QTemporaryDir> s_directory;
quint64 s_counter = 0;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication application(*argc, *argv);
    QCoreApplication::setApplicationName(u"kaiwa-server"_s);
    // /dev/shm when there is one: a million files through the disk would be slow, not wrong.
    s_directory =
        std::make_unique<QTemporaryDir>(QDir(u"/dev/shm"_s).exists() ? u"/dev/shm/kaiwa-fuzz-XXXXXX"_s : QString());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = s_directory->filePath(u"c%1.ini"_s.arg(++s_counter));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            std::abort();
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    const auto result = ServerOptions::parse({u"kaiwa-server"_s, u"--config"_s, path});
    QFile::remove(path);
    if (const auto *exit = std::get_if<ServerOptions::Exit>(&result)) {
        KAIWA_FUZZ_CHECK(exit->code == 1 && exit->text.startsWith(path));
        return 0;
    }
    const ServerConfig &config = std::get<ServerConfig>(result);
    KAIWA_FUZZ_CHECK(config.chat.historyOnJoin >= 0 && config.chat.historyOnJoin <= 1000);
    KAIWA_FUZZ_CHECK(config.webSocket.maxMessageBytes >= 16 && config.webSocket.maxMessageBytes <= 64 * 1024 * 1024);
    KAIWA_FUZZ_CHECK(config.http.maxConnections >= 1);
    KAIWA_FUZZ_CHECK(config.http.head.maxHeadBytes >= 1024 && config.http.head.maxHeadBytes <= 1024 * 1024);
    KAIWA_FUZZ_CHECK(config.http.http.headTimeoutMs >= 1000);
    KAIWA_FUZZ_CHECK(!config.database.isEmpty());
    return 0;
}
