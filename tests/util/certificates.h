// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace KaiwaTest::Certificates {

/**
 * Makes a test CA and a server certificate signed by it, with openssl, in `directory`: `<ca>.pem` and
 * `<ca>.key`, `<server>.pem` and `<server>.key` (EC P-256, valid two days, for IP 127.0.0.1 and
 * localhost; the extensions are in `san.cnf`). False, with a warning saying why, when openssl fails.
 */
bool make(const QString &directory, const QString &ca, const QString &server);

} // namespace KaiwaTest::Certificates
