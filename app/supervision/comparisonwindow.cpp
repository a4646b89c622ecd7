// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/comparisonwindow.h"

#include "map/mapcanvas.h"
#include "reports/monthlyreport.h"
#include "reports/thematiclegend.h"
#include "services/casesession.h"
#include "services/monthtext.h"
#include "supervision/thematicpanel.h"
#include "widgets/screenfit.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>

namespace citygrid {

ComparisonWindow::ComparisonWindow(ThematicPanel &panel, CaseSession &session, const GridMap &map,
                                   QWidget *parent)
    : QWidget(parent, Qt::Window), m_panel(panel), m_legend(new QLabel(this))
{
    setWindowTitle(tr("Compare two months"));
    screenfit::resize(this, QSize(1400, 760));
    const QDate today = session.now().toOffsetFromUtc(8 * 3600).date();
    const QDate thisMonth(today.year(), today.month(), 1);
    auto *grid = new QGridLayout(this);
    for (int side : {Left, Right}) {
        m_month[side] = new QComboBox(this);
        for (int i = 0; i < 24; ++i) {
            const QDate month = thisMonth.addMonths(-i);
            m_month[side]->addItem(MonthText::name(month), month);
        }
        // last month against the one before: two whole months
        m_month[side]->setCurrentIndex(side == Left ? 2 : 1);
        m_canvas[side] = new MapCanvas(this);
        m_canvas[side]->setGridMap(map);
        m_caption[side] = new QLabel(this);
        grid->addWidget(m_month[side], 0, side);
        grid->addWidget(m_caption[side], 1, side);
        grid->addWidget(m_canvas[side], 2, side);
        connect(m_month[side], &QComboBox::currentIndexChanged, this, &ComparisonWindow::refresh);
    }
    grid->setRowStretch(2, 1);
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    grid->addWidget(m_legend, 3, 0, 1, 2);
    // one view for both maps
    for (int side : {Left, Right}) {
        MapCanvas *other = m_canvas[1 - side];
        connect(m_canvas[side], &MapCanvas::viewChanged, this, [this, other](const MapView &view) {
            if (m_syncing)
                return;
            m_syncing = true;
            other->setView(view, false);
            m_syncing = false;
        });
    }
    connect(&panel, &ThematicPanel::updated, this, [this] {
        if (isVisible())
            refresh();
    });
}

bool ComparisonWindow::isReady() const
{
    for (int side : {Left, Right})
        if (!m_map[side] || m_canvas[side]->isRendering() ||
            m_canvas[side]->renderedImage().isNull())
            return false;
    return true;
}

void ComparisonWindow::refresh()
{
    const CaseFacts *facts = m_panel.facts();
    if (!facts)
        return;
    FactFilter filter[2];
    for (int side : {Left, Right}) {
        const QDate month = m_month[side]->currentData().toDate();
        filter[side] = m_panel.filter();
        filter[side].fromDay = month.toJulianDay();
        filter[side].toDay = month.addMonths(1).toJulianDay();
    }
    const QString title = m_panel.measureBox()->currentText();
    int cases[2] = {};
    for (int side : {Left, Right}) {
        m_map[side] = m_panel.makeMap(filter[side], &filter[1 - side]);
        if (!m_map[side])
            return;
        // one legend below both maps (the classes are the same), so none on them
        m_canvas[side]->setThematic(LayerPass{m_map[side]->layer, m_map[side]->style, title, {}});
        cases[side] = facts->total(filter[side]).cases;
    }
    const QLocale locale;
    for (int side : {Left, Right}) {
        QString text =
            tr("%1 — %2 cases").arg(m_month[side]->currentText(), locale.toString(cases[side]));
        if (side == Right && cases[Left] > 0)
            text += tr(" (%1% on %2)")
                        .arg(locale.toString(100.0 * (cases[Right] - cases[Left]) / cases[Left],
                                             'f', 1),
                             m_month[Left]->currentText());
        m_caption[side]->setText(text);
    }
    // the legend of the left map; the right one has the same bounds and colours
    QStringList chips;
    const QList<LegendEntry> left = ThematicLegend::entries(m_panel.measure(), *m_map[Left]);
    QHash<QString, int> right;
    for (const LegendEntry &e : ThematicLegend::entries(m_panel.measure(), *m_map[Right]))
        right.insert(e.label, e.count);
    for (const LegendEntry &e : left)
        chips << QStringLiteral("<span style='color:%1'>■</span> %2 (%3 | %4)")
                     .arg(e.colour.name(), e.label.toHtmlEscaped())
                     .arg(e.count)
                     .arg(right.value(e.label));
    m_legend->setText(tr("%1; areas per class (left | right): %2")
                          .arg(title.toHtmlEscaped(), chips.join(QStringLiteral("&nbsp;&nbsp; "))));
}

} // namespace citygrid
