// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/mapdecorations.h"

#include "render/mapfonts.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainterPath>

#include <cmath>

namespace citygrid::mapdecorations {

namespace {

// lupdate files tr() calls here under the namespace's name: the context to look up at run time.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::mapdecorations", text);
}

void framedText(QPainter &painter, QPointF baseline, const QString &text, const QFont &font)
{
    QPainterPath path;
    path.addText(baseline, font, text);
    painter.strokePath(
        path, QPen(QColor(255, 255, 255, 230), 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.fillPath(path, QColor(0x22, 0x2b, 0x36));
}

} // namespace

QString formatScale(double denominator)
{
    const QLocale c(QLocale::English);
    return QStringLiteral("1:") + c.toString(qlonglong(std::llround(denominator)));
}

QString formatDistance(double metres)
{
    if (metres >= 1000)
        return tr("%1 km").arg(metres / 1000, 0, 'g', 4);
    return tr("%1 m").arg(metres, 0, 'g', 4);
}

void paintScaleBar(QPainter &painter, const MapView &view, double metresPerUnit)
{
    const double metresPerPixel = view.unitsPerPixel * metresPerUnit;
    const double target = view.size.width() / 7.0 * metresPerPixel;
    const double magnitude = std::pow(10.0, std::floor(std::log10(target)));
    double length = magnitude;
    for (double step : {1.0, 2.0, 5.0})
        if (step * magnitude <= target)
            length = step * magnitude;
    const double pixels = length / metresPerPixel;
    const QPointF origin(16, view.size.height() - 22);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    // two-tone bar, halved, as printed maps draw it
    const QRectF bar(origin.x(), origin.y(), pixels, 6);
    painter.setPen(QPen(QColor(0x22, 0x2b, 0x36), 1));
    painter.setBrush(Qt::white);
    painter.drawRect(bar);
    painter.setBrush(QColor(0x22, 0x2b, 0x36));
    painter.drawRect(QRectF(bar.left(), bar.top(), pixels / 2, 6));
    const QFont font = mapfonts::font(12);
    framedText(painter, QPointF(origin.x(), origin.y() - 5), QStringLiteral("0"), font);
    const QString label = formatDistance(length);
    const double w = QFontMetricsF(font).horizontalAdvance(label);
    framedText(painter, QPointF(origin.x() + pixels - w / 2, origin.y() - 5), label, font);
    painter.restore();
}

void paintNorthArrow(QPainter &painter, const MapView &view)
{
    const QPointF tip(view.size.width() - 34, 18);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPolygonF left{tip, tip + QPointF(-11, 34), tip + QPointF(0, 26)};
    QPolygonF right{tip, tip + QPointF(11, 34), tip + QPointF(0, 26)};
    painter.setPen(QPen(QColor(0x22, 0x2b, 0x36), 1.2));
    painter.setBrush(QColor(0x22, 0x2b, 0x36));
    painter.drawPolygon(left);
    painter.setBrush(Qt::white);
    painter.drawPolygon(right);
    const QFont font = mapfonts::font(13, QFont::Bold);
    const QString north = tr("N");
    const double w = QFontMetricsF(font).horizontalAdvance(north);
    framedText(painter, tip + QPointF(-w / 2, 50), north, font);
    painter.restore();
}

namespace {

/// A line of the legend: a heading, or a swatch with its text.
struct LegendRow
{
    QString text;
    bool heading = false;
    QColor fill;   // invalid: no fill
    QColor stroke; // invalid: no outline
    double strokeWidth = 1;
};

QString entryLabel(const LegendEntry &e)
{
    return e.count < 0 ? e.label : QStringLiteral("%1  (%2)").arg(e.label).arg(e.count);
}

QList<LegendRow> legendRows(const MapScene &scene, const MapView &view)
{
    QList<LegendRow> rows;
    for (const LayerPass &pass : scene.passes) {
        if (pass.title.isEmpty())
            continue;
        if (!pass.legend.isEmpty()) { // a classed layer: its title, then its classes
            rows.append({pass.title, true, {}, {}, 1});
            for (const LegendEntry &entry : pass.legend)
                rows.append({entryLabel(entry), false, entry.colour, {}, 1});
            continue;
        }
        // the layer's outline, or the one drawn for it in a later pass
        LegendRow row{pass.title, false, pass.style.colorFor(0, 0), pass.style.stroke,
                      pass.style.strokeWidth};
        for (const LayerPass &other : scene.passes)
            if (!row.stroke.isValid() && other.layer == pass.layer && other.style.stroke.isValid()) {
                row.stroke = other.style.stroke;
                row.strokeWidth = other.style.strokeWidth;
            }
        rows.append(row);
    }
    for (const MarkLayerPtr &marks : scene.marks) {
        const MarkLegend legend = marks ? marks->legend(view) : MarkLegend();
        if (legend.title.isEmpty())
            continue;
        rows.append({legend.title, true, {}, {}, 1});
        for (const LegendEntry &entry : legend.entries)
            rows.append({entryLabel(entry), false, entry.colour, {}, 1});
    }
    return rows;
}

constexpr double legendRow = 20;

} // namespace

QSizeF legendSize(const MapScene &scene, const MapView &view, const QString &title)
{
    const QList<LegendRow> rows = legendRows(scene, view);
    const QFontMetricsF fm(mapfonts::font(12)), tfm(mapfonts::font(13, QFont::Bold));
    double width = tfm.horizontalAdvance(title);
    for (const LegendRow &r : rows)
        width = std::max(width, (r.heading ? 0 : 30) + fm.horizontalAdvance(r.text));
    const double head = title.isEmpty() ? 0.2 : 1.4; // rows' worth above the entries
    return {width + 20, legendRow * (rows.size() + head) + 12};
}

void paintLegend(QPainter &painter, const MapScene &scene, const MapView &view,
                 const QString &title, Qt::Corner corner)
{
    const QList<LegendRow> rows = legendRows(scene, view);
    if (rows.isEmpty() && title.isEmpty())
        return;
    const QFont font = mapfonts::font(12);
    const QFont titleFont = mapfonts::font(13, QFont::Bold);
    const QFontMetricsF fm(font), tfm(titleFont);
    const double row = legendRow;
    const double head = title.isEmpty() ? 0.2 : 1.4;
    const QSizeF size = legendSize(scene, view, title);
    const bool right = corner == Qt::BottomRightCorner || corner == Qt::TopRightCorner;
    const bool bottom = corner == Qt::BottomRightCorner || corner == Qt::BottomLeftCorner;
    const QRectF box(QPointF(right ? view.size.width() - size.width() - legendMargin : legendMargin,
                             bottom ? view.size.height() - 18 - size.height() : legendMargin),
                     size);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(QColor(0xb8, 0xbf, 0xc8), 1));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(box, 4, 4);
    painter.setFont(titleFont);
    painter.setPen(QColor(0x22, 0x2b, 0x36));
    painter.drawText(QPointF(box.left() + 10, box.top() + 8 + tfm.ascent()), title);
    double y = box.top() + 8 + row * (head - 0.1);
    painter.setFont(font);
    for (const LegendRow &r : rows) {
        const QRectF swatch(box.left() + 10, y + 3, 20, 12);
        if (r.heading) {
            painter.setPen(QColor(0x22, 0x2b, 0x36));
            painter.drawText(QPointF(swatch.left(), y + 3 + fm.ascent() - 1), r.text);
            y += row;
            continue;
        }
        painter.setBrush(r.fill.isValid() ? QBrush(r.fill) : QBrush(Qt::NoBrush));
        painter.setPen(r.stroke.isValid() ? QPen(r.stroke, r.strokeWidth) : QPen(Qt::NoPen));
        painter.drawRect(swatch);
        painter.setPen(QColor(0x22, 0x2b, 0x36));
        painter.drawText(QPointF(swatch.right() + 8, y + 3 + fm.ascent() - 1), r.text);
        y += row;
    }
    painter.restore();
}

} // namespace citygrid::mapdecorations
