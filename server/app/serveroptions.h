// SPDX-License-Identifier: MIT
#pragma once

#include "serverconfig.h"

#include <QStringList>

#include <variant>

namespace Kaiwa::Server {

/**
 * The daemon's options, from one table: the command line (`--port 8000`) and the INI config
 * file (`port=8000`, `--config FILE`) take the same names, and `--print-config` writes a file
 * documenting every option with its default, so the three cannot drift apart.
 * Precedence: built-in default < config file < command line.
 *
 * Exit codes: 2 for a bad command line; 1 for a config file that cannot be read, is malformed
 * (ConfigFile), sets nothing or holds an invalid value, with the file and line in the message.
 */
class ServerOptions
{
public:
    /// What parsing decided: run with a config, or exit with a text and a code.
    struct Exit {
        int code = 0;
        QString text; ///< Printed to stdout for code 0, to stderr otherwise.
    };

    static std::variant<ServerConfig, Exit> parse(const QStringList &arguments);

    /// The documented INI file with every option at its default.
    static QString defaultConfigFile();

    /// An option's value as logs may show it: passwords in URLs and the metrics token masked.
    static QString displayValue(const QString &name, const QString &value);
};

} // namespace Kaiwa::Server
