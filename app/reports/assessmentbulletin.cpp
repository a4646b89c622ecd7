// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "reports/assessmentbulletin.h"

#include "assessment/assessmentfigures.h"
#include "assessment/assessmentrankings.h"
#include "calendar/districttime.h"
#include "io/tableexport.h"
#include "render/mapexport.h"
#include "reports/assessmentmap.h"
#include "reports/assessmentsource.h"
#include "reports/monthlyreport.h"
#include "reports/pdfpages.h"
#include "services/language.h"
#include "services/monthtext.h"
#include "services/numbertext.h"

#include <QFileInfo>

namespace citygrid {

using namespace numbertext;

namespace {

const QColor accent(0x1f, 0x5f, 0x9e);
const QColor muted(0x6b, 0x75, 0x80);

QString twoDecimals(double v)
{
    return decimals(v, 2);
}

QString changeText(const AssessmentRank &row)
{
    if (row.previousRank == 0)
        return QStringLiteral("–");
    if (row.change() == 0)
        return QStringLiteral("=");
    return (row.change() > 0 ? QStringLiteral("↑") : QStringLiteral("↓")) +
           QString::number(std::abs(row.change()));
}

double nonRegisteredShare(const Population &p)
{
    const qint64 all = p.registered + p.nonRegistered;
    return all > 0 ? 100.0 * double(p.nonRegistered) / double(all) : qQNaN();
}

} // namespace

Result<AssessmentBulletin::Content> AssessmentBulletin::gather(AppContext &context,
                                                               const CaseFacts *facts,
                                                               const GridMap *map, QDate month)
{
    AssessmentStore store(context.store(), context.catalogues().roles);
    Content c;
    c.month = month;
    c.english = language::isEnglish();
    auto state = store.month(month, context.assessmentDefaults().scheme);
    if (!state)
        return state.error();
    c.state = state.value();
    auto sheet = assessmentsource::sheet(context, facts, month);
    if (!sheet)
        return sheet.error();
    c.scheme = sheet.value().scheme;
    c.population = sheet.value().population;
    if (c.isProvisional()) {
        auto previous = AssessmentRankings(store.store()).previousRanks(month);
        if (!previous)
            return previous.error();
        c.rows = rankAssessment(sheet.value().scores(), previous.value());
        c.missing = int(sheet.value().gaps().size());
    } else {
        auto rows = AssessmentRankings(store.store()).of(month);
        if (!rows)
            return rows.error();
        c.rows = rows.value();
    }
    auto events = store.events(month);
    if (!events)
        return events.error();
    c.events = events.value();
    for (AssessmentStore::Event &e : c.events)
        if (const Account *account = context.catalogues().roles.account(e.actor))
            e.actor = account->displayName;
    const GridCatalogue &grid = context.catalogue();
    for (const AssessmentRank &row : std::as_const(c.rows))
        c.names.insert(row.subdistrict, grid.displayName(row.subdistrict, c.english));
    c.districtName = grid.districtName(c.english);
    if (map) {
        const LayerPass pass = AssessmentMap::rankPass(*map, c.rows);
        if (pass.layer) {
            c.rankScene = MapScene::standard(*map, {}, &pass);
            c.extent = map->extent();
        }
    }
    return c;
}

Result<void> AssessmentBulletin::write(const Content &content, const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf"))
        return writePdf(content, path);
    if (suffix == QLatin1String("xlsx") || suffix == QLatin1String("csv"))
        return writeSheet(content, path);
    return Error{QStringLiteral("assessment.bulletin-format"),
                 tr("The bulletin is written as PDF or XLSX; name the file .pdf or .xlsx"),
                 {}};
}

Result<void> AssessmentBulletin::writeSheet(const Content &c, const QString &path)
{
    QStringList header{tr("Rank"), tr("Change"), tr("Code"), tr("Subdistrict"), tr("Raw score")};
    for (const auto &f : c.scheme.indicators())
        header.append(tr("%1 (of %2)").arg(f.displayName(c.english)).arg(f.weight));
    header << tr("Registered population") << tr("Non-registered population")
           << tr("Non-registered share (%)") << tr("Difficulty coefficient") << tr("Adjusted score")
           << tr("State");
    QList<QVariantList> rows;
    const QString state =
        c.isProvisional() ? tr("provisional (%1)").arg(AssessmentStore::stateName(c.state.state))
                          : tr("published, revision %1").arg(c.state.revision);
    for (const AssessmentRank &r : c.rows) {
        const Population pop = c.population.value(r.subdistrict);
        QVariantList row{r.rank, r.previousRank > 0 ? QVariant(r.change()) : QVariant(),
                         r.subdistrict, c.names.value(r.subdistrict),
                         std::round(r.raw * 100) / 100};
        for (double v : r.perFirst)
            row.append(std::round(v * 100) / 100);
        row << pop.registered << pop.nonRegistered << std::round(nonRegisteredShare(pop) * 10) / 10
            << std::round(r.coefficient * 1000) / 1000 << std::round(r.adjusted * 100) / 100
            << state;
        rows.append(row);
    }
    return TableExport::write(path, tr("7+1 %1").arg(AssessmentStore::monthKey(c.month)), header,
                              rows);
}

Result<void> AssessmentBulletin::writePdf(const Content &c, const QString &path)
{
    const QString monthName = MonthText::name(c.month);
    const QString title =
        tr("\"7+1\" assessment of the subdistrict enforcement teams, %1").arg(monthName);
    auto opened = PdfPages::open(path, title, tr("CityGrid · %1").arg(title));
    if (!opened)
        return opened.error();
    PdfPages &pages = *opened.value();

    QPainter &p = pages.painter();
    p.fillRect(QRectF(0, 0, PdfPages::pageWidth, 150), accent);
    p.setPen(Qt::white);
    p.setFont(PdfPages::font(12));
    p.drawText(QRectF(PdfPages::margin, 40, PdfPages::textWidth(), 22), Qt::AlignLeft,
               c.districtName);
    p.setFont(PdfPages::font(21, QFont::Bold));
    p.drawText(QRectF(PdfPages::margin, 64, PdfPages::textWidth(), 34), Qt::AlignLeft,
               tr("\"7+1\" assessment bulletin"));
    p.setFont(PdfPages::font(14));
    p.drawText(QRectF(PdfPages::margin, 104, PdfPages::textWidth(), 26), Qt::AlignLeft, monthName);
    pages.skip(110);
    if (c.isProvisional())
        pages.paragraph(tr("PROVISIONAL: this month is %1 and not published; %n score(s) still "
                           "missing count as zero. Do not circulate.",
                           nullptr, c.missing)
                            .arg(AssessmentStore::stateName(c.state.state)),
                        11, QColor(0xb0, 0x3a, 0x2e));
    else
        pages.paragraph(tr("Published; revision %1 of the ranking.").arg(c.state.revision), 10.5,
                        muted);
    pages.paragraph(tr("Scheme: %1 (version %2). Seven aspects that must be in place and the "
                       "public's satisfaction; adjusted score = raw score × difficulty "
                       "coefficient.")
                        .arg(c.scheme.title(c.english))
                        .arg(c.state.schemeVersion),
                    9.5, muted);

    pages.heading(tr("1. Ranking"));
    QList<QStringList> ranking;
    for (const AssessmentRank &r : c.rows)
        ranking.append({QString::number(r.rank), c.names.value(r.subdistrict), twoDecimals(r.raw),
                        decimals(r.coefficient, 3), twoDecimals(r.adjusted), changeText(r)});
    pages.table({tr("Rank"), tr("Subdistrict"), tr("Raw score"), tr("Coefficient"),
                 tr("Adjusted score"), tr("Change")},
                ranking, {0.1, 0.3, 0.15, 0.15, 0.17, 0.13});
    if (!c.rankScene.passes.isEmpty()) {
        pages.map(300, c.rankScene, c.extent, c.districtName);
    }

    pages.heading(tr("2. Scores by first-level indicator"));
    QStringList header{tr("Subdistrict")};
    QList<double> widths{0.16};
    const double each = 0.84 / std::max<qsizetype>(1, c.scheme.indicators().size());
    for (const auto &f : c.scheme.indicators()) {
        header.append(QStringLiteral("%1 (%2)").arg(f.shortName(c.english)).arg(f.weight));
        widths.append(each);
    }
    QList<QStringList> breakdown;
    for (const AssessmentRank &r : c.rows) {
        QStringList line{c.names.value(r.subdistrict)};
        for (double v : r.perFirst)
            line.append(oneDecimal(v));
        breakdown.append(line);
    }
    pages.table(header, breakdown, widths, 1);

    pages.heading(tr("3. Difficulty coefficients"));
    const auto &d = c.scheme.difficulty();
    pages.paragraph(tr("The coefficient rises linearly with the share of non-registered residents, "
                       "from %1 at a share of %2% or less to %3 at %4% or more (population of "
                       "%5).")
                        .arg(decimals(d.coefficientLow, 2))
                        .arg(oneDecimal(d.shareLow * 100))
                        .arg(decimals(d.coefficientHigh, 2))
                        .arg(oneDecimal(d.shareHigh * 100))
                        .arg(c.month.year()),
                    9.5, muted);
    QList<QStringList> coefficients;
    for (const AssessmentRank &r : c.rows) {
        const Population pop = c.population.value(r.subdistrict);
        coefficients.append({c.names.value(r.subdistrict), whole(double(pop.registered)),
                             whole(double(pop.nonRegistered)), percent(nonRegisteredShare(pop)),
                             decimals(r.coefficient, 3)});
    }
    pages.table({tr("Subdistrict"), tr("Registered"), tr("Non-registered"),
                 tr("Non-registered share"), tr("Coefficient")},
                coefficients, {0.28, 0.18, 0.18, 0.18, 0.18}, 1);

    QList<QStringList> corrections;
    for (const AssessmentStore::Event &e : c.events) {
        if (e.action != QLatin1String("corrected"))
            continue;
        const QJsonObject &x = e.payload;
        const QString what =
            x[QStringLiteral("kind")].toString() == QLatin1String("score")
                ? tr("%1 point %2: %3 → %4")
                      .arg(c.names.value(x[QStringLiteral("subdistrict")].toString()),
                           x[QStringLiteral("point")].toString(),
                           oneDecimal(x[QStringLiteral("before")].toDouble(qQNaN())),
                           oneDecimal(x[QStringLiteral("after")].toDouble()))
                : tr("%1 survey %2 corrected")
                      .arg(c.names.value(x[QStringLiteral("subdistrict")].toString()),
                           x[QStringLiteral("survey")].toString());
        corrections.append({districttime::text(e.at), e.actor, what, e.reason});
    }
    if (!corrections.isEmpty()) {
        pages.heading(tr("4. Corrections after publication"));
        pages.table({tr("When"), tr("Who"), tr("What"), tr("Why")}, corrections,
                    {0.2, 0.12, 0.38, 0.3}, 4);
    }
    return pages.finish();
}

} // namespace citygrid
