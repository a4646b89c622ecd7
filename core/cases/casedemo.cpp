// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casedemo.h"

#include "accounts/accounts.h"
#include "accounts/passwords.h"
#include "base/jsonfile.h"
#include "base/uuids.h"
#include "cases/caserows.h"
#include "cases/caserules.h"
#include "cases/casestore.h"
#include "cases/casetiming.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <random>

namespace citygrid {

namespace {

using Rng = std::mt19937_64;

Error settingsError(const QString &what)
{
    return {QStringLiteral("demo.settings"),
            DemoSettings::tr("The demo settings are wrong: %1").arg(what),
            {}};
}

template <std::size_t N>
bool readFactors(const QJsonObject &o, const char *key, std::array<double, N> &out)
{
    const QJsonArray a = o[QLatin1String(key)].toArray();
    if (a.size() != qsizetype(N))
        return false;
    for (std::size_t i = 0; i < N; ++i) {
        out[i] = a[qsizetype(i)].toDouble(-1);
        if (out[i] < 0)
            return false;
    }
    return true;
}

double uniform(Rng &rng, double from, double to)
{
    return std::uniform_real_distribution<double>(from, to)(rng);
}

bool chance(Rng &rng, double p)
{
    return uniform(rng, 0, 1) < p;
}

/// The id of something made at `at`, its random part from the generator, so a seed gives the same
/// ids every run.
QString uuidFrom(Rng &rng, const QDateTime &at)
{
    const quint64 a = rng();
    return uuids::version7(at.toMSecsSinceEpoch(), a, rng());
}

/// People by the role the demo gives each kind of step; anyone whose role may take the step
/// stands in when nobody in the usual role can. Staff of a unit act on their unit's cases only.
class Cast
{
public:
    Cast(const RoleCatalogue &roles, const QList<Account> &people)
        : m_roles(roles), m_people(people)
    {
    }
    Account pick(CaseStep step, const QString &usualRole, const QString &caseUnit, Rng &rng) const
    {
        QList<const Account *> usual, able;
        for (const Account &a : m_people) {
            if (!m_roles.may(a.roleId, step) || (!a.unitId.isEmpty() && a.unitId != caseUnit))
                continue;
            able << &a;
            if (a.roleId == usualRole)
                usual << &a;
        }
        const QList<const Account *> &from = usual.isEmpty() ? able : usual;
        if (from.isEmpty())
            return {};
        return *from[qsizetype(rng() % quint64(from.size()))];
    }

private:
    const RoleCatalogue &m_roles;
    const QList<Account> &m_people;
};

/// One case's history as the demo writes it: each step checked by the rules; a step that would
/// lie in the future stops the case where it is (open now).
class Script
{
public:
    Script(const CaseRules &steps, const Cast &cast, const QString &site, const QDateTime &now,
           Rng &rng)
        : m_steps(steps), m_cast(cast), m_site(site), m_now(now), m_rng(rng)
    {
    }
    QList<CaseEvent> events;
    /// False once a step would lie in the future (the case stays open now) or broke a rule; the
    /// steps after that are passed over.
    bool going() const { return !m_stopped && !m_error; }
    const std::optional<Error> &error() const { return m_error; }

    void report(const NewCase &input, const QString &caseNo, const QDateTime &at)
    {
        const QString role = input.channel == QLatin1String("inspector")
                                 ? QStringLiteral("inspector")
                                 : QStringLiteral("operator");
        keep(m_steps.report(
            input, caseNo, uuidFrom(m_rng, at),
            {m_cast.pick(CaseStep::Report, role, {}, m_rng), at, m_site, uuidFrom(m_rng, at)}));
    }
    void take(CaseStep step, const QString &role, const QDateTime &at, const StepInput &input = {})
    {
        if (!going())
            return;
        if (at > m_now) {
            m_stopped = true;
            return;
        }
        const QString unit = record().unitId;
        keep(m_steps.step(events, step,
                          {m_cast.pick(step, role, unit, m_rng), at, m_site, uuidFrom(m_rng, at)},
                          input));
    }
    CaseRecord record() const { return CaseRecord::project(events); }

private:
    const CaseRules &m_steps;
    const Cast &m_cast;
    QString m_site;
    QDateTime m_now;
    void keep(const Result<CaseEvent> &event)
    {
        if (event)
            events.append(event.value());
        else
            m_error = event.error();
    }

    Rng &m_rng;
    bool m_stopped = false;
    std::optional<Error> m_error;
};

/// A unit for the case: the catalogue's answer, or where it reports a gap or an ambiguity, what
/// a shift leader would decide (the first unit that handles the category at all).
QString unitFor(const CaseRules &steps, const CategoryCatalogue::Category &category,
                const QString &cell)
{
    if (auto unit = steps.suggestedUnit(category.id, cell); unit)
        return unit.value()->id;
    for (const auto &u : steps.units().units())
        if (u.categories.contains(category.id) || u.types.contains(category.unitType))
            return u.id;
    return {};
}

/// One case's life after its report at `t`: voided, or filed and dispatched, then perhaps
/// stalled, extended or deferred, handled (on time or late), perhaps reworked, verified, closed.
void play(Script &script, Rng &rng, const DemoSettings &s, const WorkingCalendar &calendar,
          QDateTime t, const QString &unit, bool recent)
{
    const auto minutes = [&rng](double from, double to) {
        return qint64(uniform(rng, from, to)) * 60;
    };
    const auto allowedFrom = [&](const QDateTime &from) {
        return std::max<qint64>(30, calendar.workingMinutesBetween(from, script.record().dueAt));
    };
    if (chance(rng, s.voided) || unit.isEmpty()) {
        script.take(CaseStep::Void, QStringLiteral("operator"), t,
                    {CaseDemo::tr("Not a city-management matter"), {}, 0});
        return;
    }
    script.take(CaseStep::File, QStringLiteral("operator"), t);
    t = t.addSecs(minutes(5, 60));
    script.take(CaseStep::Dispatch, QStringLiteral("dispatcher"), t, {{}, unit, 0});
    // The unit opens a case a few minutes after it arrives (签收), always before it acts on it.
    const auto acknowledge = [&script](const QDateTime &arrived, const QDateTime &before) {
        const QDateTime at =
            std::min(arrived.addSecs(60 * (2 + arrived.time().minute() % 4)), before.addSecs(-60));
        script.take(CaseStep::Acknowledge, QStringLiteral("unit_staff"),
                    std::max(at, arrived.addSecs(1)));
    };
    // Some recent cases stall at the unit and run out of time: the overdue list of today; the
    // unit has opened about half of them.
    if (!script.going())
        return;
    if (recent && chance(rng, s.stalled)) {
        if (t.time().minute() % 2 == 0)
            acknowledge(t, t.addSecs(3600));
        return;
    }
    QDateTime arrived = t;
    qint64 allowed = allowedFrom(t);
    if (chance(rng, s.extension)) {
        t = calendar.addWorkingMinutes(t, allowed / 2);
        acknowledge(arrived, t);
        arrived = {};
        script.take(CaseStep::RequestExtension, QStringLiteral("unit_staff"), t,
                    {CaseDemo::tr("More time needed for materials"), {}, 0});
        t = t.addSecs(minutes(20, 90));
        script.take(CaseStep::ApproveExtension, QStringLiteral("shift_leader"), t,
                    {{}, {}, std::max(2.0, double(allowed) / 120)});
        allowed = allowedFrom(t);
    } else if (chance(rng, s.deferral)) {
        t = calendar.addWorkingMinutes(t, allowed / 3);
        acknowledge(arrived, t);
        script.take(CaseStep::RequestDeferral, QStringLiteral("unit_staff"), t,
                    {CaseDemo::tr("Waiting for the owner's approval"), {}, 0});
        t = t.addSecs(minutes(30, 120));
        script.take(CaseStep::ApproveDeferral, QStringLiteral("shift_leader"), t);
        t = t.addDays(qint64(uniform(rng, 3, 10)));
        script.take(CaseStep::Resume, QStringLiteral("dispatcher"), t);
        arrived = t; // back with the unit: opened again
        allowed = allowedFrom(t);
    }
    const double share = chance(rng, s.late) ? uniform(rng, 1.05, 1.8) : uniform(rng, 0.1, 0.95);
    t = calendar.addWorkingMinutes(t, qint64(double(allowed) * share));
    if (arrived.isValid())
        acknowledge(arrived, t);
    script.take(CaseStep::Feedback, QStringLiteral("unit_staff"), t);
    if (chance(rng, s.rework)) {
        t = t.addSecs(minutes(20, 240));
        script.take(CaseStep::VerifyFail, QStringLiteral("inspector"), t,
                    {CaseDemo::tr("Not done to the closing standard"), {}, 0});
        arrived = t;
        t = calendar.addWorkingMinutes(t, qint64(double(allowed) * uniform(rng, 0.05, 0.3)));
        acknowledge(arrived, t);
        script.take(CaseStep::Feedback, QStringLiteral("unit_staff"), t);
    }
    t = t.addSecs(minutes(20, 240));
    script.take(CaseStep::VerifyPass, QStringLiteral("inspector"), t);
    t = t.addSecs(minutes(5, 60));
    script.take(CaseStep::Close, QStringLiteral("operator"), t);
}

} // namespace

Result<DemoSettings> DemoSettings::fromJson(const QByteArray &json)
{
    auto parsed = parseJsonObject(json, QStringLiteral("demo.settings"),
                                  tr("The demo settings (demo.json) are not valid JSON"));
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value();
    DemoSettings s;
    for (const auto &value : o[QLatin1String("hotspots")].toArray()) {
        const QJsonObject h = value.toObject();
        Hotspot spot{h[QLatin1String("name")].toString(),
                     QPointF(h[QLatin1String("lon")].toDouble(qQNaN()),
                             h[QLatin1String("lat")].toDouble(qQNaN())),
                     h[QLatin1String("radius_m")].toDouble(300),
                     h[QLatin1String("weight")].toDouble(1)};
        if (!std::isfinite(spot.lonLat.x()) || !std::isfinite(spot.lonLat.y()) ||
            spot.radiusMetres <= 0 || spot.weight <= 0)
            return settingsError(tr("hotspot \"%1\" needs lon, lat, radius_m and weight above "
                                    "zero")
                                     .arg(spot.name));
        s.hotspots.append(spot);
    }
    s.hotspotShare = o[QLatin1String("hotspot_share")].toDouble(0.6);
    const QJsonObject weights = o[QLatin1String("category_weights")].toObject();
    for (auto it = weights.begin(); it != weights.end(); ++it)
        s.categoryWeights.insert(it.key(), it.value().toDouble());
    s.otherCategoryWeight = o[QLatin1String("other_category_weight")].toDouble(1);
    const QJsonObject channels = o[QLatin1String("channels")].toObject();
    for (auto it = channels.begin(); it != channels.end(); ++it) {
        if (!CaseVocabulary::channels().contains(it.key()))
            return settingsError(tr("unknown channel \"%1\" in \"channels\"").arg(it.key()));
        s.channels.append({it.key(), it.value().toDouble()});
    }
    if (s.channels.isEmpty())
        return settingsError(tr("\"channels\" is missing"));
    if (!readFactors(o, "months", s.months) || !readFactors(o, "weekdays", s.weekdays) ||
        !readFactors(o, "hours", s.hours))
        return settingsError(tr("\"months\", \"weekdays\" and \"hours\" need 12, 7 and 24 "
                                "factors of zero or more"));
    const QJsonObject outcomes = o[QLatin1String("outcomes")].toObject();
    s.voided = outcomes[QLatin1String("voided")].toDouble();
    s.late = outcomes[QLatin1String("late")].toDouble();
    s.rework = outcomes[QLatin1String("rework")].toDouble();
    s.extension = outcomes[QLatin1String("extension")].toDouble();
    s.deferral = outcomes[QLatin1String("deferral")].toDouble();
    s.stalled = outcomes[QLatin1String("stalled")].toDouble();
    s.password = o[QLatin1String("demo_password")].toString();
    for (const QJsonValue &value : o[QLatin1String("accounts")].toArray()) {
        const QJsonObject a = value.toObject();
        s.accounts.append(
            {a[QLatin1String("name")].toString(), a[QLatin1String("display_name")].toString(),
             a[QLatin1String("role")].toString(), a[QLatin1String("unit")].toString()});
    }
    if (s.password.isEmpty() || s.accounts.isEmpty())
        return settingsError(tr("\"demo_password\" and \"accounts\" are missing"));
    return s;
}

CaseDemo::CaseDemo(const CaseCatalogues &catalogues, DemoSettings settings, CellLocator locate,
                   QRectF bounds)
    : m_catalogues(catalogues), m_people(settings.people(catalogues.units)),
      m_settings(std::move(settings)), m_locate(std::move(locate)), m_bounds(bounds)
{
}

QList<Account> DemoSettings::people(const UnitCatalogue &units) const
{
    QList<Account> all = accounts;
    for (const UnitCatalogue::Unit &unit : units.units()) {
        const bool staffed = std::any_of(accounts.cbegin(), accounts.cend(),
                                         [&](const Account &a) { return a.unitId == unit.id; });
        if (!staffed)
            all.append({QStringLiteral("staff.") + unit.id, unit.name.left(40),
                        QStringLiteral("unit_staff"), unit.id});
    }
    return all;
}

Result<int> CaseDemo::seedPeople(SqliteDb &db, const CaseCatalogues &catalogues,
                                 const DemoSettings &settings, const QString &siteId,
                                 const QDateTime &at)
{
    auto passwordHash = Passwords::hash(settings.password);
    if (!passwordHash)
        return passwordHash.error();
    return Accounts(db, catalogues.roles, siteId, &catalogues.units)
        .seed(settings.people(catalogues.units), passwordHash.value(), at);
}

Result<CaseDemo::Summary> CaseDemo::fill(SqliteDb &db, const Options &options,
                                         const Progress &progress) const
{
    if (options.cases < 0 || options.months < 1)
        return Error{QStringLiteral("demo.options"),
                     tr("Give a number of cases of 0 or more and at least one month"),
                     {}};
    const CaseRules steps(CaseWorkflow(m_catalogues.roles), m_catalogues.calendar,
                          m_catalogues.categories, m_catalogues.units);
    const WorkingCalendar &calendar = m_catalogues.calendar;
    const Cast cast(m_catalogues.roles, m_people);
    const DemoSettings &s = m_settings;
    Rng rng(options.seed);
    const QDateTime now = options.now.toOffsetFromUtc(8 * 3600);
    const QDateTime start = now.addMonths(-options.months);

    // When: reports follow the seasons, the week and the day (rejection sampling).
    const double peak = *std::max_element(s.months.cbegin(), s.months.cend()) *
                        *std::max_element(s.weekdays.cbegin(), s.weekdays.cend()) *
                        *std::max_element(s.hours.cbegin(), s.hours.cend());
    const qint64 span = start.secsTo(now);
    QList<QDateTime> times;
    times.reserve(options.cases);
    while (times.size() < options.cases && peak > 0) {
        const QDateTime t = start.addSecs(qint64(uniform(rng, 0, double(span))));
        const double weight = s.months[t.date().month() - 1] *
                              s.weekdays[t.date().dayOfWeek() - 1] * s.hours[t.time().hour()];
        if (uniform(rng, 0, peak) < weight)
            times.append(t);
    }
    std::sort(times.begin(), times.end());

    // What and where.
    const QList<CategoryCatalogue::Category> categories = m_catalogues.categories.categories();
    std::vector<double> categoryWeights;
    for (const auto &c : categories)
        categoryWeights.push_back(s.categoryWeights.value(c.id, s.otherCategoryWeight));
    std::discrete_distribution<int> pickCategory(categoryWeights.cbegin(), categoryWeights.cend());
    std::vector<double> channelWeights, hotspotWeights;
    for (const auto &c : s.channels)
        channelWeights.push_back(c.second);
    for (const auto &h : s.hotspots)
        hotspotWeights.push_back(h.weight);
    std::discrete_distribution<int> pickChannel(channelWeights.cbegin(), channelWeights.cend());
    std::discrete_distribution<int> pickHotspot(hotspotWeights.cbegin(), hotspotWeights.cend());
    std::normal_distribution<double> gauss(0, 1);
    const auto place = [&]() -> std::pair<QPointF, QString> {
        for (int attempt = 0; attempt < 1000; ++attempt) {
            QPointF p;
            if (!s.hotspots.isEmpty() && attempt < 20 && chance(rng, s.hotspotShare)) {
                const auto &h = s.hotspots[pickHotspot(rng)];
                const double sigma = h.radiusMetres / 2;
                const double metresPerDegree = 111320;
                p = h.lonLat +
                    QPointF(gauss(rng) * sigma /
                                (metresPerDegree * std::cos(qDegreesToRadians(h.lonLat.y()))),
                            gauss(rng) * sigma / metresPerDegree);
            } else {
                p = QPointF(uniform(rng, m_bounds.left(), m_bounds.right()),
                            uniform(rng, m_bounds.top(), m_bounds.bottom()));
            }
            const QString cell = m_locate(p);
            if (!cell.isEmpty())
                return {p, cell};
        }
        return {};
    };

    Transaction tx(db);
    if (auto r = tx.begin(); !r)
        return r.error();
    auto seeded = seedPeople(db, m_catalogues, s, options.siteId, now);
    if (!seeded)
        return seeded.error();
    auto writer = CaseBulkWriter::begin(db);
    if (!writer)
        return writer.error();
    CaseNumbers numbers(db);
    Summary summary;
    summary.accounts = seeded.value();
    const auto minutes = [&](double from, double to) {
        return qint64(uniform(rng, from, to)) * 60;
    };
    for (const QDateTime &reported : std::as_const(times)) {
        const auto &category = categories[pickCategory(rng)];
        const auto [point, cell] = place();
        if (cell.isEmpty())
            return Error{QStringLiteral("demo.place"),
                         tr("Could not place a case inside the grid; is the grid empty?"),
                         {}};
        const auto caseNo = numbers.next(reported.date());
        if (!caseNo)
            return caseNo.error();
        const QString channel = s.channels[pickChannel(rng)].first;
        const QString description = tr("%1, demo case").arg(category.name);
        const QString reporter =
            channel == QLatin1String("hotline") ? tr("Citizen (12345 hotline)") : QString();

        Script script(steps, cast, options.siteId, now, rng);
        script.report({category.id, point, cell, channel, description, reporter}, caseNo.value(),
                      reported);
        play(script, rng, s, calendar, reported.addSecs(minutes(3, 40)),
             unitFor(steps, category, cell), reported.daysTo(now) <= 30);
        if (const auto &e = script.error())
            return Error{
                e->code,
                tr("The demo history of case %1 broke a rule: %2").arg(caseNo.value(), e->message),
                e->detail};

        for (const CaseEvent &e : std::as_const(script.events))
            if (auto r = writer.value().appendEvent(e); !r)
                return r.error();
        const CaseRecord record = script.record();
        if (auto r = writer.value().saveRow(record); !r)
            return r.error();

        ++summary.cases;
        summary.events += int(script.events.size());
        const CaseState state = record.status.state;
        summary.closed += state == CaseState::Closed;
        summary.voided += state == CaseState::Voided;
        summary.open += state != CaseState::Closed && state != CaseState::Voided;
        summary.late += record.onTime && !*record.onTime;
        summary.reworked += record.status.reworkCount > 0;
        summary.overdue += CaseTiming::level(record, now, calendar, m_catalogues.alerts) ==
                           CaseTiming::Level::Overdue;
        if (summary.cases % 500 == 0 &&
            !progress.report(tr("Generating cases"), double(summary.cases) / options.cases))
            return Error{QStringLiteral("demo.cancelled"),
                         tr("Cancelled; the store was left as it was"),
                         {}};
    }
    if (auto r = writer.value().finish(); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return summary;
}

} // namespace citygrid
