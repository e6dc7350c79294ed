// SPDX-License-Identifier: MIT
#include "utf8validator.h"

namespace Kaiwa::Server {

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        // Fast path for ASCII, the common case of chat traffic.
        if (*p < 0x80) {
            ++p;
            continue;
        }
        const unsigned char lead = *p;
        int extra = 0;
        unsigned char minSecond = 0x80;
        unsigned char maxSecond = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            extra = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            extra = 2;
            if (lead == 0xE0)
                minSecond = 0xA0; // overlong
            else if (lead == 0xED)
                maxSecond = 0x9F; // surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            extra = 3;
            if (lead == 0xF0)
                minSecond = 0x90; // overlong
            else if (lead == 0xF4)
                maxSecond = 0x8F; // above U+10FFFF
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        if (p[1] < minSecond || p[1] > maxSecond)
            return false;
        for (int i = 2; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += extra + 1;
    }
    return true;
}

} // namespace Kaiwa::Server
