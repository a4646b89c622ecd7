// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/cataloguefiles.h"

#include <QFile>

namespace citygrid::cataloguefiles {

namespace {

/// lupdate files tr() in this namespace under its name, so that is the context looked up.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::cataloguefiles", text);
}

} // namespace

Result<QByteArray> read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("catalogue.missing"),
                     tr("The catalogue %1 cannot be read").arg(path), file.errorString()};
    return file.readAll();
}

QString ownOrBuiltin(const QString &dir, const char *name)
{
    return QFile::exists(dir + u'/' + QLatin1String(name)) ? dir : QStringLiteral(":/catalogues");
}

QString wrongFile(const QString &path, const QString &why)
{
    return tr("%1: %2").arg(path, why);
}

} // namespace citygrid::cataloguefiles
