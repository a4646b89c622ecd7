// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/identifypanel.h"

#include "store/storeschema.h"

#include <QLocale>
#include <QUrl>

namespace citygrid {

namespace {

QString link(const GridCatalogue &catalogue, const QString &code, bool english)
{
    const QString name = catalogue.displayName(code, english);
    if (name.contains(code)) // a cell without a name is known by its code alone
        return QStringLiteral("<a href=\"area:%1\">%1</a>").arg(code);
    return QStringLiteral("<a href=\"area:%1\">%2</a> <span style=\"color:#6b7785\">%1</span>")
        .arg(code, name.toHtmlEscaped());
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral(
               "<tr><td style=\"color:#5d6b7b; padding-right:10px\">%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value);
}

} // namespace

IdentifyPanel::IdentifyPanel(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("area"))
            emit codeActivated(url.path());
    });
}

void IdentifyPanel::showItem(const MapItem &item, const GridCatalogue &catalogue,
                             const GridMap &map, bool english)
{
    const GridUnit *unit = item.isValid() ? catalogue.find(item.code) : nullptr;
    if (!unit) {
        setHtml(QStringLiteral("<p style=\"color:#6b7785\">%1</p>")
                    .arg(tr("Click a cell on the map, or search for a code or name (Ctrl+F).")
                             .toHtmlEscaped()));
        return;
    }
    const QLocale locale;
    QString html = QStringLiteral("<h3 style=\"margin-bottom:2px\">%1</h3>")
                       .arg(catalogue.displayName(unit->code, english).toHtmlEscaped());
    QString kind;
    switch (unit->level) {
    case GridLevel::Subdistrict:
        kind = tr("Subdistrict");
        break;
    case GridLevel::Community:
        kind = tr("Community");
        break;
    default:
        kind = tr("Unit grid cell");
        break;
    }
    html += QStringLiteral("<p style=\"color:#5d6b7b; margin-top:0\">%1</p><table>")
                .arg(kind.toHtmlEscaped());
    html += row(tr("Code"), QStringLiteral("<b>%1</b>").arg(unit->code));
    if (unit->level == GridLevel::Cell) {
        const QString community = unit->parentCode;
        html += row(tr("Community"), link(catalogue, community, english));
        if (const GridUnit *c = catalogue.find(community))
            html += row(tr("Subdistrict"), link(catalogue, c->parentCode, english));
    } else if (unit->level == GridLevel::Community) {
        html += row(tr("Subdistrict"), link(catalogue, unit->parentCode, english));
    }
    html += row(tr("Area"), tr("%1 km²").arg(locale.toString(unit->areaKm2, 'f', 3)));
    const QList<const GridUnit *> children = catalogue.children(unit->code);
    if (!children.isEmpty())
        html += row(unit->level == GridLevel::Subdistrict ? tr("Communities") : tr("Cells"),
                    QString::number(children.size()));
    html += QStringLiteral("</table>");

    // Neighbours: the same level's areas that share a boundary.
    for (const MapLayerPtr &layer : map.layers()) {
        if (!layer || layer->id != item.layerId)
            continue;
        const int id = layer->indexOf(unit->code);
        if (id < 0)
            break;
        const double tolerance = 0.5 / std::max(1e-9, map.metresPerUnit); // half a metre
        const QList<int> neighbours = layer->neighbours(id, tolerance);
        html += QStringLiteral("<h4 style=\"margin-bottom:2px\">%1</h4>")
                    .arg(tr("Neighbours (%1)").arg(neighbours.size()).toHtmlEscaped());
        for (int n : neighbours)
            html += QStringLiteral("<div>%1</div>")
                        .arg(link(catalogue, layer->features[n].code, english));
    }
    if (!children.isEmpty()) {
        html += QStringLiteral("<h4 style=\"margin-bottom:2px\">%1</h4>")
                    .arg((unit->level == GridLevel::Subdistrict ? tr("Communities") : tr("Cells"))
                             .toHtmlEscaped());
        for (const GridUnit *child : children)
            html += QStringLiteral("<div>%1</div>").arg(link(catalogue, child->code, english));
    }
    setHtml(html);
}

} // namespace citygrid
