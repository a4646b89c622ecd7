// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "loadpool.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace citygrid {

QThreadPool *loadPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(qApp);
        p->setMaxThreadCount(2);
        return p;
    }();
    return pool;
}

} // namespace citygrid
