// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace citygrid::testutil {

/// True when `text`, shown in a window speaking English (`english`) or Chinese, has words of the
/// other language: a CJK character in English; in Chinese an English word of four letters or
/// more that is not a name both languages share (the product, key caps, standards, formats,
/// methods) nor a hexadecimal id.
inline bool speaksOtherLanguage(const QString &text, bool english)
{
    if (english) {
        for (QChar c : text)
            if (c.unicode() >= 0x3400 && c.unicode() <= 0x9fff)
                return true;
        return false;
    }
    static const QRegularExpression english4(QStringLiteral("[A-Za-z]{4,}"));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]+$"));
    static const QStringList same = {
        QStringLiteral("EPSG"),       QStringLiteral("CGCS"),      QStringLiteral("Ctrl"),
        QStringLiteral("Shift"),      QStringLiteral("Home"),      QStringLiteral("CityGrid"),
        QStringLiteral("English"),    QStringLiteral("Excel"),     QStringLiteral("GeoJSON"),
        QStringLiteral("GeoPackage"), QStringLiteral("Open311"),   QStringLiteral("GeoReport"),
        QStringLiteral("Shapefile"),  QStringLiteral("Benjamini"), QStringLiteral("Hochberg"),
        QStringLiteral("Jenks"),      QStringLiteral("Moran"),     QStringLiteral("Viridis"),
        QStringLiteral("xlsx"),       QStringLiteral("json"),      QStringLiteral("gpkg")};
    auto words = english4.globalMatch(text);
    while (words.hasNext()) {
        const QString word = words.next().captured();
        if (!same.contains(word, Qt::CaseInsensitive) && !hex.match(word).hasMatch())
            return true;
    }
    return false;
}

} // namespace citygrid::testutil
