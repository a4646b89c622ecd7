// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/threadpools.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace citygrid::threadpools {

namespace {

QThreadPool *make(int threads)
{
    auto *pool = new QThreadPool(qApp);
    pool->setMaxThreadCount(threads);
    return pool;
}

} // namespace

QThreadPool *render()
{
    static QThreadPool *pool = make(4);
    return pool;
}

QThreadPool *load()
{
    static QThreadPool *pool = make(2);
    return pool;
}

} // namespace citygrid::threadpools
