// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casetext.h"

namespace citygrid {

QString CaseText::problem(const QString &text, int maxChars)
{
    if (text.size() > maxChars)
        return tr("is %1 characters long; at most %2 are kept").arg(text.size()).arg(maxChars);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c == u'\t' || c == u'\n' || c == u'\r')
            continue;
        if (c < 0x20 || c == 0x7f)
            return tr("holds the control character U+%1 at character %2; remove it")
                .arg(int(c), 4, 16, QLatin1Char('0'))
                .arg(i + 1);
        if (c == 0xfffd)
            return tr("holds the character \uFFFD at character %1: text lost in an earlier "
                      "conversion; correct it in the source")
                .arg(i + 1);
    }
    return {};
}

} // namespace citygrid
