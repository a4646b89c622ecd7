// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/progress.h"
#include "catalogues/casecatalogues.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>
#include <QHash>
#include <QPointF>
#include <QRectF>

#include <array>
#include <functional>

namespace citygrid {

/// The parameters of a demo history (data/catalogues/demo.json): hotspots, the mix of
/// categories and channels, seasonal, weekday and hourly rhythms, and how often cases go wrong.
struct DemoSettings
{
    Q_DECLARE_TR_FUNCTIONS(DemoSettings)
public:
    struct Hotspot
    {
        QString name;
        QPointF lonLat;
        double radiusMetres = 300;
        double weight = 1;
    };
    QList<Hotspot> hotspots;
    double hotspotShare = 0.6;
    QHash<QString, double> categoryWeights;
    double otherCategoryWeight = 1;
    QList<QPair<QString, double>> channels;
    std::array<double, 12> months{};
    std::array<double, 7> weekdays{};
    std::array<double, 24> hours{};
    double voided = 0, late = 0, rework = 0, extension = 0, deferral = 0, stalled = 0;
    QList<Account> accounts; ///< the demo's people
    QString password;        ///< the one documented password of every demo account

    /// The demo's accounts: those above, and a staff account ("staff.U001") for every unit of
    /// `units` that has none there, so each unit can answer its own cases.
    QList<Account> people(const UnitCatalogue &units) const;

    static Result<DemoSettings> fromJson(const QByteArray &json);
};

/// Fills a store with a plausible case history drawn from the catalogues: every case goes through
/// the same rules as an operator's (CaseRules), so the history is one the workflow accepts.
/// Deterministic for a seed and a "now". Cases are written in one transaction through the bulk
/// path (prepared statements), so a cancelled or failed run leaves the store as it was.
class CaseDemo
{
    Q_DECLARE_TR_FUNCTIONS(CaseDemo)
public:
    /// The cell code at a WGS84 point, empty outside the grid.
    using CellLocator = std::function<QString(QPointF lonLat)>;
    struct Options
    {
        int cases = 20000;
        int months = 12;
        quint64 seed = 1;
        QDateTime now;
        QString siteId;
    };
    struct Summary
    {
        int cases = 0;
        int events = 0;
        int accounts = 0; ///< demo accounts made (the store had none of that name)
        int open = 0;
        int overdue = 0;
        int closed = 0;
        int late = 0;
        int reworked = 0;
        int voided = 0;
    };

    CaseDemo(const CaseCatalogues &catalogues, DemoSettings settings, CellLocator locate,
             QRectF bounds);
    /// Seeds the store with the demo's accounts (those it lacks) and writes the cases.
    Result<Summary> fill(SqliteDb &db, const Options &options, const Progress &progress = {}) const;
    /// Makes the demo's people (DemoSettings::people) the store's accounts where it lacks them,
    /// all with the demo password. Returns how many were made.
    static Result<int> seedPeople(SqliteDb &db, const CaseCatalogues &catalogues,
                                  const DemoSettings &settings, const QString &siteId,
                                  const QDateTime &at);

private:
    const CaseCatalogues &m_catalogues;
    QList<Account> m_people;
    DemoSettings m_settings;
    CellLocator m_locate;
    QRectF m_bounds;
};

} // namespace citygrid
