// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casequery.h"

#include "cases/caserows.h"
#include "store/storeschema.h"

namespace citygrid {

CaseFilter CaseFilter::within(const Account &reader) const
{
    CaseFilter filter = *this;
    if (!reader.unitId.isEmpty())
        filter.unitId = reader.unitId;
    if (!reader.area.isEmpty()) {
        if (reader.area.startsWith(filter.areaCode))
            filter.areaCode = reader.area; // the whole district, or a larger area: theirs only
        else if (!filter.areaCode.startsWith(reader.area))
            filter.areaCode = QStringLiteral("-"); // elsewhere: no cell code starts so
    }
    return filter;
}

namespace {

// Bound parameter numbers of the filter; states take ?20 onwards.
enum Param {
    Category = 1,
    Area,
    Unit,
    Now,
    From,
    To,
    Text,
    Updated,
    FirstState = 20,
};

QString orderBy(CaseQuery::Sort sort)
{
    switch (sort) {
    case CaseQuery::Sort::Reported:
        return QStringLiteral("reported_at");
    case CaseQuery::Sort::CaseNo:
        return QStringLiteral("case_no");
    case CaseQuery::Sort::State:
        return QStringLiteral("state");
    case CaseQuery::Sort::Category:
        return QStringLiteral("category_id");
    case CaseQuery::Sort::Cell:
        return QStringLiteral("cell_code");
    case CaseQuery::Sort::Unit:
        return QStringLiteral("unit_id");
    case CaseQuery::Sort::Due: // descending: latest first, and '' (no deadline) sorts last
        return QStringLiteral("due_at");
    }
    return QStringLiteral("reported_at");
}

} // namespace

QString CaseQuery::overdueSql(int nowParameter)
{
    return QStringLiteral("(state = 'dispatched' AND due_at <> '' AND due_at < ?%1) OR "
                          "(state = 'handled' AND due_at <> '' AND handled_at > due_at)")
        .arg(nowParameter);
}

QString CaseQuery::where(const QString &extra, bool prefixesIndexed) const
{
    QStringList terms;
    if (!extra.isEmpty())
        terms << extra;
    const CaseFilter &f = m_filter;
    // Code prefixes as ranges, which the indexes serve ('~' sorts after every code character);
    // LIKE would read every case. A leading '+' keeps SQLite from choosing the index.
    const QString plus = prefixesIndexed ? QString() : QStringLiteral("+");
    if (!f.categoryPrefix.isEmpty())
        terms << QStringLiteral("%2category_id >= ?%1 AND %2category_id < ?%1 || '~'")
                     .arg(Category)
                     .arg(plus);
    if (!f.areaCode.isEmpty())
        terms << QStringLiteral("%2cell_code >= ?%1 AND %2cell_code < ?%1 || '~'")
                     .arg(Area)
                     .arg(plus);
    if (!f.unitId.isEmpty())
        terms << QStringLiteral("unit_id = ?%1").arg(Unit);
    if (f.overdueOnly)
        terms << QStringLiteral("(%1)").arg(overdueSql(Now));
    if (f.openOnly)
        terms << QStringLiteral("state NOT IN ('closed', 'voided')");
    if (f.reportedFrom.isValid())
        terms << QStringLiteral("reported_at >= ?%1").arg(From);
    if (f.reportedTo.isValid())
        terms << QStringLiteral("reported_at < ?%1").arg(To);
    if (f.updatedFrom.isValid())
        terms << QStringLiteral("updated_at >= ?%1").arg(Updated);
    if (!f.text.trimmed().isEmpty())
        terms << QStringLiteral("(case_no LIKE '%' || ?%1 || '%' OR description LIKE '%' || ?%1 || "
                                "'%' OR reporter LIKE '%' || ?%1 || '%')")
                     .arg(Text);
    if (!f.states.isEmpty()) {
        QStringList params;
        for (qsizetype i = 0; i < f.states.size(); ++i)
            params << QStringLiteral("?%1").arg(FirstState + i);
        terms << QStringLiteral("state IN (%1)").arg(params.join(QStringLiteral(", ")));
    }
    return terms.isEmpty() ? QString()
                           : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

void CaseQuery::bindFilter(Statement &q) const
{
    const CaseFilter &f = m_filter;
    if (!f.categoryPrefix.isEmpty())
        q.bind(Category, f.categoryPrefix);
    if (!f.areaCode.isEmpty())
        q.bind(Area, f.areaCode);
    if (!f.unitId.isEmpty())
        q.bind(Unit, f.unitId);
    if (f.overdueOnly)
        q.bind(Now, caserows::storedTime(m_now));
    if (f.reportedFrom.isValid())
        q.bind(From, caserows::storedTime(f.reportedFrom));
    if (f.reportedTo.isValid())
        q.bind(To, caserows::storedTime(f.reportedTo));
    if (f.updatedFrom.isValid())
        q.bind(Updated, caserows::storedTime(f.updatedFrom));
    if (!f.text.trimmed().isEmpty())
        q.bind(Text, f.text.trimmed());
    for (qsizetype i = 0; i < f.states.size(); ++i)
        q.bind(FirstState + int(i), f.states[i]);
}

Result<qint64> CaseQuery::count() const
{
    return count(QString());
}

Result<qint64> CaseQuery::count(const QString &extra) const
{
    auto query = Statement::prepare(
        m_db,
        QStringLiteral("SELECT count(*) FROM %1%2").arg(storeschema::casesTable(), where(extra)));
    if (!query)
        return query.error();
    bindFilter(query.value());
    auto row = query.value().step();
    if (!row)
        return row.error();
    return query.value().integer(0);
}

Result<QList<CaseRecord>> CaseQuery::page(Sort sort, bool ascending, qint64 offset, int limit) const
{
    if (sort == Sort::Due && ascending)
        return pageByDeadline(offset, limit);
    const QString direction = ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return rows(QString(),
                orderBy(sort) + QLatin1Char(' ') + direction + QStringLiteral(", fid ") + direction,
                offset, limit);
}

Result<QList<CaseRecord>> CaseQuery::pageByDeadline(qint64 offset, int limit) const
{
    // Earliest deadline first and cases without one after them. One ORDER BY on "due_at = ''"
    // would sort every match; two ranges of the deadline index stop after a page each.
    auto dated =
        rows(QStringLiteral("due_at > ''"), QStringLiteral("due_at ASC, fid ASC"), offset, limit);
    if (!dated || dated.value().size() == limit)
        return dated;
    qint64 datedCount = offset + dated.value().size();
    if (dated.value().isEmpty() && offset > 0) {
        auto all = count(QStringLiteral("due_at > ''"));
        if (!all)
            return all.error();
        datedCount = all.value();
    }
    auto undated =
        rows(QStringLiteral("due_at = ''"), QStringLiteral("fid ASC"),
             std::max<qint64>(0, offset - datedCount), limit - int(dated.value().size()));
    if (!undated)
        return undated;
    return dated.value() + undated.value();
}

Result<QList<CaseRecord>> CaseQuery::rows(const QString &extra, const QString &order, qint64 offset,
                                          int limit) const
{
    // A category group or an area holding many cases is best read down the index of the sort
    // order, stopping after a page; a small one from its own index, sorted. SQLite cannot tell
    // the two apart without statistics, so the count (a few ms on a covering index) decides.
    const CaseFilter &f = m_filter;
    bool prefixesIndexed = true;
    if ((!f.categoryPrefix.isEmpty() || !f.areaCode.isEmpty()) && f.text.trimmed().isEmpty()) {
        auto matches = count(extra);
        if (!matches)
            return matches.error();
        prefixesIndexed = matches.value() <= 5000;
    }
    auto query = Statement::prepare(
        m_db, QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4 LIMIT ?10 OFFSET ?11")
                  .arg(caserows::columns(), storeschema::casesTable(),
                       where(extra, prefixesIndexed), order));
    if (!query)
        return query.error();
    bindFilter(query.value());
    query.value().bind(10, qint64(limit)).bind(11, offset);
    QList<CaseRecord> records;
    const auto read = query.value().forEachRow(
        [&](const Statement &q) { records.append(caserows::readRecord(q)); });
    if (!read)
        return read.error();
    return records;
}

Result<void> CaseQuery::forEach(const std::function<void(const CaseRecord &)> &visit) const
{
    auto query =
        Statement::prepare(m_db, QStringLiteral("SELECT %1 FROM %2%3 ORDER BY fid")
                                     .arg(caserows::columns(), storeschema::casesTable(), where()));
    if (!query)
        return query.error();
    bindFilter(query.value());
    return query.value().forEachRow([&](const Statement &q) { visit(caserows::readRecord(q)); });
}

Result<QList<CasePoint>> CaseQuery::points() const
{
    auto query = Statement::prepare(
        m_db, QStringLiteral("SELECT uuid, geom, cell_code, state, category_id, %1 FROM %2%3")
                  .arg(overdueSql(Now), storeschema::casesTable(), where()));
    if (!query)
        return query.error();
    bindFilter(query.value());
    query.value().bind(Now, caserows::storedTime(m_now));
    QList<CasePoint> points;
    const auto read = query.value().forEachRow([&](const Statement &q) {
        const auto at = caserows::pointFromGpkg(q.blob(1));
        if (!at)
            return;
        points.append({q.text(0), *at, q.text(2),
                       CaseVocabulary::stateFromId(q.text(3)).value_or(CaseState::Reported),
                       q.text(4).startsWith(u'C'), q.integer(5) != 0});
    });
    if (!read)
        return read.error();
    return points;
}

} // namespace citygrid
