// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "reports/monthlyreport.h"

#include "calendar/districttime.h"
#include "render/mapexport.h"
#include "reports/pdfpages.h"
#include "services/language.h"
#include "services/monthtext.h"
#include "services/numbertext.h"

#include <QLocale>

#include <cmath>

namespace citygrid {

using namespace numbertext;

namespace {

const QColor accent(0x1f, 0x5f, 0x9e);
const QColor muted(0x6b, 0x75, 0x80);

/// One line of the summary: what, this month, last month, change (points for rates, % for counts).
QStringList summaryRow(const QString &what, double now, double before, bool rate)
{
    double change = now - before;
    QString changeText;
    if (rate)
        changeText = std::isnan(change) ? QStringLiteral("–")
                                        : MonthlyReport::tr("%1 pts").arg(signedDecimal(change));
    else
        changeText = before > 0 ? signedDecimal(100.0 * change / before) + QStringLiteral("%")
                                : QStringLiteral("–");
    return {what, rate ? percent(now) : whole(now), rate ? percent(before) : whole(before),
            changeText};
}

void cover(PdfPages &pages, const ReportContent &c)
{
    QPainter &p = pages.painter();
    p.fillRect(QRectF(0, 0, PdfPages::pageWidth, 250), accent);
    p.setPen(Qt::white);
    p.setFont(PdfPages::font(13));
    p.drawText(QRectF(PdfPages::margin, 90, PdfPages::textWidth(), 24), Qt::AlignLeft,
               c.districtName);
    p.setFont(PdfPages::font(26, QFont::Bold));
    p.drawText(QRectF(PdfPages::margin, 120, PdfPages::textWidth(), 40), Qt::AlignLeft,
               MonthlyReport::tr("City management monthly report"));
    p.setFont(PdfPages::font(16));
    p.drawText(QRectF(PdfPages::margin, 170, PdfPages::textWidth(), 28), Qt::AlignLeft,
               MonthText::name(c.request.month));
    pages.skip(300);
    pages.paragraph(MonthlyReport::tr("Area: %1").arg(c.areaName), 13);
    pages.paragraph(MonthlyReport::tr("Cases reported from %1 to %2; indicators as of %3.")
                        .arg(districttime::text(c.request.month),
                             districttime::text(c.request.month.addMonths(1).addDays(-1)),
                             districttime::text(c.generated)),
                    10.5, muted);
    pages.skip(24);
    pages.paragraph(MonthlyReport::tr("Contents"), 12);
    for (const QString &section :
         {MonthlyReport::tr("1. Summary"), MonthlyReport::tr("2. Hot spots"),
          MonthlyReport::tr("3. Rankings"), MonthlyReport::tr("4. Trends"),
          MonthlyReport::tr("5. Top categories"), MonthlyReport::tr("6. Longest overdue cases")})
        pages.paragraph(QStringLiteral("    ") + section, 10.5, muted);
    pages.skip(40);
    pages.paragraph(MonthlyReport::tr("Definitions: a case falls due in the month that holds the "
                                      "earlier of its deadline and its closure; closure rate = "
                                      "closed / due; on-time closure rate = closed on time / due; "
                                      "rework rate = failed verification / handled; extension "
                                      "rate = extended / due; handling time runs from dispatch "
                                      "to feedback in working hours. The composite score weighs "
                                      "the rates as set in indicators.json."),
                    9, muted);
    pages.newPage();
}

void summary(PdfPages &pages, const ReportContent &c)
{
    pages.heading(MonthlyReport::tr("1. Summary"));
    const Indicators &m = c.month, &b = c.monthBefore;
    const double filedChange = b.filed > 0 ? 100.0 * (m.filed - b.filed) / b.filed : qQNaN();
    pages.paragraph(
        MonthlyReport::tr("%1 cases were filed in %2 (%3 on the month before); %4 fell due, of "
                          "which %5 were closed on time (%6). %7 cases are overdue now.")
            .arg(m.filed)
            .arg(MonthText::name(c.request.month))
            .arg(std::isnan(filedChange) ? QStringLiteral("–")
                                         : signedDecimal(filedChange) + QStringLiteral("%"))
            .arg(m.due)
            .arg(m.closedOnTime)
            .arg(percent(m.onTimeRate()))
            .arg(m.overdueNow));
    const QList<QStringList> rows{
        summaryRow(MonthlyReport::tr("Cases filed"), m.filed, b.filed, false),
        summaryRow(MonthlyReport::tr("Cases due"), m.due, b.due, false),
        summaryRow(MonthlyReport::tr("Closed"), m.closed, b.closed, false),
        summaryRow(MonthlyReport::tr("Closure rate"), m.closureRate(), b.closureRate(), true),
        summaryRow(MonthlyReport::tr("On-time closure rate"), m.onTimeRate(), b.onTimeRate(), true),
        summaryRow(MonthlyReport::tr("On-time rate without deferred cases"),
                   m.onTimeRateExcludingDeferred(), b.onTimeRateExcludingDeferred(), true),
        summaryRow(MonthlyReport::tr("Rework rate"), m.reworkRate(), b.reworkRate(), true),
        summaryRow(MonthlyReport::tr("Extension rate"), m.extensionRate(), b.extensionRate(), true),
        {MonthlyReport::tr("Average handling time (working hours)"),
         oneDecimal(m.averageHandlingHours()), oneDecimal(b.averageHandlingHours()),
         signedDecimal(m.averageHandlingHours() - b.averageHandlingHours())},
        {MonthlyReport::tr("90th percentile handling time (working hours)"),
         oneDecimal(m.p90HandlingHours()), oneDecimal(b.p90HandlingHours()),
         signedDecimal(m.p90HandlingHours() - b.p90HandlingHours())},
        {MonthlyReport::tr("Composite score (0–100)"), oneDecimal(c.score),
         oneDecimal(c.scoreBefore), signedDecimal(c.score - c.scoreBefore)},
    };
    pages.table({MonthlyReport::tr("Indicator"), MonthlyReport::tr("This month"),
                 MonthlyReport::tr("Month before"), MonthlyReport::tr("Change")},
                rows, {0.46, 0.18, 0.18, 0.18}, 1);
}

void hotSpots(PdfPages &pages, const ReportContent &c)
{
    pages.newPage(); // the map takes most of a page: it starts one
    pages.heading(MonthlyReport::tr("2. Hot spots"));
    pages.paragraph(MonthlyReport::tr("Grid cells where the month's cases cluster beyond chance "
                                      "(Getis-Ord Gi*, rook contiguity, false-discovery-rate "
                                      "corrected)."));
    if (!c.hotSpotScene.passes.isEmpty()) {
        pages.map(380, c.hotSpotScene, c.hotSpotExtent, c.areaName);
    }
    const QString withoutCases =
        MonthlyReport::tr("%n more cell(s) are hot only because of the cases around them; they "
                          "had none of their own.",
                          nullptr, c.hotCellsWithoutCases);
    if (c.hotCells.isEmpty()) {
        pages.paragraph(MonthlyReport::tr("No cell with cases is a hot spot at 95% confidence "
                                          "this month."));
        if (c.hotCellsWithoutCases > 0)
            pages.paragraph(withoutCases);
        return;
    }
    QList<QStringList> rows;
    for (qsizetype i = 0; i < c.hotCells.size() && i < 10; ++i)
        rows.append(
            {QString::number(i + 1), c.hotCells[i].first, QString::number(c.hotCells[i].second)});
    pages.table({MonthlyReport::tr("No."), MonthlyReport::tr("Hot spot cell (95% or more)"),
                 MonthlyReport::tr("Cases")},
                rows, {0.1, 0.7, 0.2});
    if (c.hotCellsWithoutCases > 0)
        pages.paragraph(withoutCases);
}

void ranking(PdfPages &pages, const QString &title, const QList<ReportContent::Named> &rows)
{
    QList<QStringList> lines;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const Indicators &v = rows[i].ranked.values;
        lines.append({QString::number(i + 1), rows[i].name, oneDecimal(rows[i].ranked.score),
                      signedDecimal(rows[i].ranked.change), QString::number(v.filed),
                      QString::number(v.due), percent(v.onTimeRate()), percent(v.reworkRate()),
                      QString::number(v.overdueNow)});
    }
    pages.paragraph(title, 11.5);
    pages.table({MonthlyReport::tr("Rank"), MonthlyReport::tr("Name"), MonthlyReport::tr("Score"),
                 MonthlyReport::tr("Change"), MonthlyReport::tr("Filed"), MonthlyReport::tr("Due"),
                 MonthlyReport::tr("On time"), MonthlyReport::tr("Rework"),
                 MonthlyReport::tr("Overdue")},
                lines, {0.06, 0.28, 0.09, 0.09, 0.08, 0.08, 0.11, 0.1, 0.11});
}

void trendChart(PdfPages &pages, const ReportContent &c)
{
    pages.need(300); // heading, note and chart together
    pages.heading(MonthlyReport::tr("4. Trends"));
    pages.paragraph(MonthlyReport::tr("Cases filed per month (bars) and the on-time closure rate "
                                      "(line, right scale), twelve months to the report's."));
    pages.block(220, [&](QPainter &p, const QRectF &box) {
        const QRectF plot = box.adjusted(34, 10, -34, -30);
        int most = 1;
        for (const auto &m : c.trend)
            most = std::max(most, m.filed);
        p.setFont(PdfPages::font(7.5));
        p.setPen(QPen(QColor(0xd5, 0xda, 0xe0), 0.5));
        for (int i = 0; i <= 4; ++i) { // gridlines with both scales
            const double y = plot.bottom() - plot.height() * i / 4;
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
            p.setPen(muted);
            p.drawText(QRectF(box.left(), y - 6, 30, 12), Qt::AlignRight | Qt::AlignVCenter,
                       QString::number(most * i / 4));
            p.drawText(QRectF(plot.right() + 4, y - 6, 30, 12), Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("%1%").arg(25 * i));
            p.setPen(QPen(QColor(0xd5, 0xda, 0xe0), 0.5));
        }
        const double slot = plot.width() / std::max<qsizetype>(1, c.trend.size());
        QPolygonF line;
        for (qsizetype i = 0; i < c.trend.size(); ++i) {
            const auto &m = c.trend[i];
            const double h = plot.height() * m.filed / most;
            const bool last = i + 1 == c.trend.size();
            p.fillRect(
                QRectF(plot.left() + slot * i + slot * 0.2, plot.bottom() - h, slot * 0.6, h),
                last ? accent : QColor(0x9d, 0xb9, 0xd6));
            p.setPen(muted);
            p.drawText(QRectF(plot.left() + slot * i, plot.bottom() + 3, slot, 12), Qt::AlignCenter,
                       language::isEnglish() ? QLocale().toString(m.month, QStringLiteral("MMM"))
                                             : QStringLiteral("%1月").arg(m.month.month()));
            if (!std::isnan(m.onTimeRate))
                line << QPointF(plot.left() + slot * (i + 0.5),
                                plot.bottom() - plot.height() * m.onTimeRate / 100);
        }
        p.setPen(QPen(QColor(0xd9, 0x5f, 0x02), 1.6));
        p.drawPolyline(line);
        p.setBrush(QColor(0xd9, 0x5f, 0x02));
        for (const QPointF &pt : line)
            p.drawEllipse(pt, 2, 2);
    });
}

void categories(PdfPages &pages, const ReportContent &c)
{
    pages.heading(MonthlyReport::tr("5. Top categories"));
    QList<QStringList> rows;
    for (qsizetype i = 0; i < c.categories.size(); ++i) {
        const auto &k = c.categories[i];
        rows.append({QString::number(i + 1), k.name, QString::number(k.count),
                     percent(c.month.filed ? 100.0 * k.count / c.month.filed : qQNaN()),
                     QString::number(k.before)});
    }
    pages.table({MonthlyReport::tr("No."), MonthlyReport::tr("Minor category"),
                 MonthlyReport::tr("Cases"), MonthlyReport::tr("Share"),
                 MonthlyReport::tr("Month before")},
                rows, {0.08, 0.5, 0.14, 0.14, 0.14});
}

void overdue(PdfPages &pages, const ReportContent &c)
{
    pages.heading(MonthlyReport::tr("6. Longest overdue cases"));
    if (c.overdue.isEmpty()) {
        pages.paragraph(MonthlyReport::tr("No case is overdue now."));
        return;
    }
    QList<QStringList> rows;
    for (const auto &o : c.overdue)
        rows.append({o.caseNo, o.category, o.area, o.unit,
                     QLocale().toString(o.due, QStringLiteral("yyyy-MM-dd HH:mm")),
                     QString::number(o.daysOver)});
    pages.table({MonthlyReport::tr("Case"), MonthlyReport::tr("Category"),
                 MonthlyReport::tr("Community"), MonthlyReport::tr("Unit"),
                 MonthlyReport::tr("Deadline"), MonthlyReport::tr("Days over")},
                rows, {0.18, 0.19, 0.15, 0.18, 0.19, 0.11}, 5);
}

} // namespace

Result<ReportContent> MonthlyReport::create(AppContext &context, const GridMap &map,
                                            const CaseFacts &facts,
                                            const ReportContent::Request &request,
                                            const QDateTime &now, const QString &path)
{
    auto content = ReportContent::gather(context, map, facts, request, now);
    if (!content)
        return content.error();
    if (auto r = write(content.value(), path); !r)
        return r.error();
    return content;
}

Result<void> MonthlyReport::write(const ReportContent &c, const QString &path)
{
    const QString title = tr("%1 city management monthly report, %2")
                              .arg(c.areaName, MonthText::name(c.request.month));
    auto opened = PdfPages::open(path, title, tr("CityGrid · %1").arg(title));
    if (!opened)
        return opened.error();
    PdfPages &pages = *opened.value();
    cover(pages, c);
    summary(pages, c);
    hotSpots(pages, c);
    pages.newPage();
    pages.heading(tr("3. Rankings"));
    ranking(pages, c.areaLevelName, c.areas);
    ranking(pages, tr("Units"), c.units);
    trendChart(pages, c);
    categories(pages, c);
    overdue(pages, c);
    return pages.finish();
}

} // namespace citygrid
