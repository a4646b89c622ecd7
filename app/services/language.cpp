// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace citygrid::language {

namespace {
QString current = QStringLiteral("zh_CN");
}

QString choose(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments[i + 1];
        if (arguments[i].startsWith(QLatin1String("--lang=")))
            return arguments[i].mid(7);
    }
    return QSettings().value(QStringLiteral("ui/language"), QStringLiteral("zh_CN")).toString();
}

void save(const QString &language)
{
    QSettings().setValue(QStringLiteral("ui/language"), language);
}

void install(QCoreApplication &app, const QString &language)
{
    current =
        language.startsWith(QLatin1String("en")) ? QStringLiteral("en") : QStringLiteral("zh_CN");
    QLocale::setDefault(QLocale(current));
    auto *own = new QTranslator(&app);
    if (own->load(QStringLiteral(":/i18n/citygrid_%1.qm").arg(current)))
        app.installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(current), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}

bool isEnglish()
{
    return current == QLatin1String("en");
}

} // namespace citygrid::language
