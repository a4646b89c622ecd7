// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

/// The user interface language: Chinese (zh_CN) unless `--lang en` or the settings say otherwise.
namespace citygrid::language {

/// The language asked for on the command line (`--lang X` or `--lang=X`), else the saved setting,
/// else "zh_CN".
QString choose(const QStringList &arguments);
void save(const QString &language);
/// Loads CityGrid's and Qt's own translations for `language` into the application.
void install(QCoreApplication &app, const QString &language);
bool isEnglish();

} // namespace citygrid::language
