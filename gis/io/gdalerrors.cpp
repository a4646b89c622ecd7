// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/gdalerrors.h"

#include <cpl_error.h>

namespace citygrid::gdalerrors {

void silence()
{
    CPLSetErrorHandler(CPLQuietErrorHandler);
}

Collector::Collector()
{
    CPLPushErrorHandlerEx(
        [](CPLErr errorClass, CPLErrorNum number, const char *message) {
            collect(int(errorClass), int(number), message);
        },
        this);
}

Collector::~Collector()
{
    CPLPopErrorHandler();
}

void Collector::collect(int errorClass, int, const char *message)
{
    auto *self = static_cast<Collector *>(CPLGetErrorHandlerUserData());
    if (!self || errorClass < CE_Failure)
        return;
    const QString text = QString::fromUtf8(message);
    if (!self->m_failures.contains(text))
        self->m_failures.append(text);
}

} // namespace citygrid::gdalerrors
