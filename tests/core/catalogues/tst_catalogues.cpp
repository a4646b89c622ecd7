// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/casecatalogues.h"
#include "catalogues/categorycatalogue.h"
#include "catalogues/rolecatalogue.h"
#include "catalogues/unitcatalogue.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

namespace {

QByteArray shipped(const char *name)
{
    QFile file(QStringLiteral(CITYGRID_TEST_DATA "/../../data/catalogues/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray categoriesJson = R"({
  "groups": [{"kind": "event", "major": "01", "name": "市容环境", "name_en": "City appearance"}],
  "categories": [
    {"id": "E0102", "kind": "event", "major": "01", "minor": "02", "name": "暴露垃圾", "name_en": "Exposed refuse", "initials": "BLLJ",
     "deadline": {"value": 4, "unit": "working_hours"}, "unit_type": "sanitation"},
    {"id": "E0101", "kind": "event", "major": "01", "minor": "01", "name": "私搭乱建", "name_en": "Illegal structure", "initials": "SDLJ",
     "deadline": {"value": 20, "unit": "working_days"}, "unit_type": "urban_management"}
  ]
})";

/// Sanitation: a district-wide department, a contractor for one subdistrict, and two contractors
/// that both claim one community (an ambiguity). Nobody handles illegal structures in 440304002.
const QByteArray unitsJson = R"({
  "units": [
    {"id": "U1", "name": "区环卫", "name_en": "District sanitation", "types": ["sanitation"], "areas": ["440304"]},
    {"id": "U2", "name": "甲公司", "name_en": "Contractor A", "types": ["sanitation"], "areas": ["440304007"]},
    {"id": "U3", "name": "乙公司", "name_en": "Contractor B", "types": ["sanitation"], "areas": ["440304007003"]},
    {"id": "U4", "name": "丙公司", "name_en": "Contractor C", "types": [], "categories": ["E0102"], "areas": ["440304007003"]},
    {"id": "U5", "name": "梅林执法队", "name_en": "Meilin enforcement", "types": ["urban_management"], "areas": ["440304007"]}
  ]
})";

} // namespace

class TestCatalogues : public QObject
{
    Q_OBJECT
private slots:
    void resolution_data()
    {
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("unit"); // expected unit id, or an error code
        QTest::newRow("district-wide unit where no one closer") << "E0102"
                                                                << "440304001002003"
                                                                << "U1";
        QTest::newRow("subdistrict contractor beats the district") << "E0102"
                                                                   << "440304007001001"
                                                                   << "U2";
        QTest::newRow("two units for one community: ambiguous") << "E0102"
                                                                << "440304007003002"
                                                                << "unit.ambiguous";
        QTest::newRow("by unit type") << "E0101"
                                      << "440304007001001"
                                      << "U5";
        QTest::newRow("no one for illegal structures here: a gap") << "E0101"
                                                                   << "440304002001001"
                                                                   << "unit.gap";
    }
    void resolution()
    {
        QFETCH(QString, category);
        QFETCH(QString, cell);
        QFETCH(QString, unit);
        const auto categories = CategoryCatalogue::fromJson(categoriesJson);
        QVERIFY(categories.ok());
        const auto units = UnitCatalogue::fromJson(unitsJson);
        QVERIFY(units.ok());
        const auto resolved = units.value().resolve(*categories.value().find(category), cell, true);
        if (unit.startsWith(QLatin1String("unit."))) {
            QVERIFY(!resolved.ok());
            QCOMPARE(resolved.error().code, unit);
            QVERIFY(resolved.error().message.contains(cell));
            if (unit == QLatin1String("unit.ambiguous"))
                QVERIFY(resolved.error().message.contains(QStringLiteral("Contractor B")) &&
                        resolved.error().message.contains(QStringLiteral("Contractor C")));
        } else {
            QVERIFY2(resolved.ok(),
                     qPrintable(resolved.ok() ? QString() : resolved.error().message));
            QCOMPARE(resolved.value()->id, unit);
        }
    }
    void categorySearch_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("first");
        QTest::addColumn<int>("count");
        QTest::newRow("exact code") << "E0102"
                                    << "E0102" << 1;
        QTest::newRow("code prefix, any case") << "e01"
                                               << "E0101" << 2;
        QTest::newRow("pinyin initials, as typed") << "bllj"
                                                   << "E0102" << 1;
        QTest::newRow("Chinese name part") << "垃圾"
                                           << "E0102" << 1;
        QTest::newRow("English name part") << "structure"
                                           << "E0101" << 1;
        QTest::newRow("initials inside") << "LJ"
                                         << "E0101" << 2;
        QTest::newRow("nothing") << "xyz"
                                 << "" << 0;
    }
    void categorySearch()
    {
        QFETCH(QString, text);
        QFETCH(QString, first);
        QFETCH(int, count);
        auto categories = CategoryCatalogue::fromJson(categoriesJson);
        QVERIFY(categories.ok());
        const auto hits = categories.value().search(text);
        QCOMPARE(hits.size(), count);
        if (count > 0)
            QCOMPARE(hits.first()->id, first);
    }
    void badCatalogues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("units"); // else categories
        QTest::newRow("category without group")
            << QByteArray(
                   R"({"groups": [], "categories": [{"id": "E0101", "kind": "event", "major": "01", "name": "x",
                              "unit_type": "t", "deadline": {"value": 1, "unit": "working_hours"}}]})")
            << false;
        QTest::newRow("bad deadline unit")
            << QByteArray(
                   R"({"groups": [{"kind": "event", "major": "01"}], "categories": [{"id": "E0101", "kind": "event",
                              "major": "01", "name": "x", "unit_type": "t", "deadline": {"value": 1, "unit": "weeks"}}]})")
            << false;
        QTest::newRow("duplicate category")
            << QByteArray(R"({"groups": [{"kind": "event", "major": "01"}], "categories": [
                 {"id": "E1", "kind": "event", "major": "01", "name": "x", "unit_type": "t", "deadline": {"value": 1, "unit": "working_hours"}},
                 {"id": "E1", "kind": "event", "major": "01", "name": "y", "unit_type": "t", "deadline": {"value": 1, "unit": "working_hours"}}]})")
            << false;
        QTest::newRow("unit without area")
            << QByteArray(R"({"units": [{"id": "U", "name": "x", "areas": []}]})") << true;
        QTest::newRow("no units") << QByteArray(R"({"units": []})") << true;
    }
    void badCatalogues()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, units);
        const Error error = units ? UnitCatalogue::fromJson(json).error()
                                  : CategoryCatalogue::fromJson(json).error();
        QVERIFY(!error.message.isEmpty());
    }
    void loadedTogether()
    {
        auto all =
            CaseCatalogues::load(QStringLiteral(CITYGRID_TEST_DATA "/../../data/catalogues"));
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().toText()));
        QVERIFY(all.value().calendar.coversYear(2026));
        QVERIFY(all.value().categories.categories().size() >= 80);
        // a folder missing one file: the error names it
        QTemporaryDir dir;
        for (const char *name : {"calendar.json", "categories.json", "roles.json"})
            QFile::copy(QStringLiteral(CITYGRID_TEST_DATA "/../../data/catalogues/") +
                            QLatin1String(name),
                        dir.filePath(QLatin1String(name)));
        auto partial = CaseCatalogues::load(dir.path());
        QVERIFY(!partial.ok());
        QCOMPARE(partial.error().code, QStringLiteral("catalogue.missing"));
        QVERIFY(partial.error().message.contains(QStringLiteral("units.json")));
        // a broken file: the error names it too
        QFile broken(dir.filePath(QStringLiteral("units.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"units\": []}");
        broken.close();
        auto wrong = CaseCatalogues::load(dir.path());
        QVERIFY(!wrong.ok());
        QVERIFY(wrong.error().message.contains(QStringLiteral("units.json")));
    }
    void shippedCataloguesHoldTogether()
    {
        const auto categories = CategoryCatalogue::fromJson(shipped("categories.json"));
        QVERIFY2(categories.ok(),
                 qPrintable(categories.ok() ? QString() : categories.error().toText()));
        const auto units = UnitCatalogue::fromJson(shipped("units.json"));
        QVERIFY2(units.ok(), qPrintable(units.ok() ? QString() : units.error().toText()));
        const auto roles = RoleCatalogue::fromJson(shipped("roles.json"));
        QVERIFY2(roles.ok(), qPrintable(roles.ok() ? QString() : roles.error().toText()));

        QVERIFY(categories.value().categories().size() >= 80);
        QSet<QString> kinds, majors;
        for (const auto &c : categories.value().categories()) {
            kinds.insert(c.kind);
            majors.insert(c.kind + c.major);
        }
        QCOMPARE(kinds.size(), 2);
        for (const char *major : {"01", "02", "03", "04", "05", "06"}) {
            QVERIFY(majors.contains(QStringLiteral("component") + QLatin1String(major)));
            QVERIFY(majors.contains(QStringLiteral("event") + QLatin1String(major)));
        }
        // Every category can be found by its pinyin initials, one letter per character.
        for (const auto &c : categories.value().categories()) {
            int han = 0;
            for (QChar ch : c.name)
                han += ch.script() == QChar::Script_Han ? 1 : 0;
            QVERIFY2(c.initials.size() == han,
                     qPrintable(c.id + u' ' + c.name + u' ' + c.initials));
        }
        QCOMPARE(categories.value().search(QStringLiteral("bllj")).first()->id,
                 QStringLiteral("E0102"));
        // The attested event codes keep their standard names.
        QCOMPARE(categories.value().find(QStringLiteral("E0102"))->name,
                 QStringLiteral("暴露垃圾"));
        QVERIFY(!categories.value().find(QStringLiteral("E0102"))->local);

        // Every category finds exactly one unit in nearly every subdistrict.
        int resolved = 0, total = 0;
        for (const auto &c : categories.value().categories())
            for (const char *sub :
                 {"440304001", "440304002", "440304004", "440304005", "440304006", "440304007",
                  "440304008", "440304009", "440304010", "440304011"}) {
                ++total;
                resolved +=
                    units.value().resolve(c, QLatin1String(sub) + QStringLiteral("001001")).ok()
                        ? 1
                        : 0;
            }
        QVERIFY2(resolved >= total * 95 / 100,
                 qPrintable(QStringLiteral("%1 of %2").arg(resolved).arg(total)));

        // The gap and the ambiguity the catalogue keeps on purpose (data/README.md) are reported.
        QCOMPARE(units.value()
                     .resolve(*categories.value().find(QStringLiteral("E0102")),
                              QStringLiteral("440304010001001"))
                     .error()
                     .code,
                 QStringLiteral("unit.ambiguous"));
        const auto landscaping = std::find_if(
            categories.value().categories().cbegin(), categories.value().categories().cend(),
            [](const auto &c) { return c.unitType == QLatin1String("landscaping"); });
        QVERIFY(landscaping != categories.value().categories().cend());
        QCOMPARE(
            units.value().resolve(*landscaping, QStringLiteral("440304011001001")).error().code,
            QStringLiteral("unit.gap"));

        for (const char *role : {"inspector", "operator", "shift_leader", "dispatcher",
                                 "unit_staff", "supervisor", "leader"})
            QVERIFY2(roles.value().role(QLatin1String(role)), role);
        QVERIFY(roles.value().role(QStringLiteral("leader"))->steps.isEmpty());
        QVERIFY(roles.value().may(QStringLiteral("shift_leader"), CaseStep::ApproveExtension));
        QVERIFY(!roles.value().may(QStringLiteral("operator"), CaseStep::ApproveExtension));
    }
};

QTEST_GUILESS_MAIN(TestCatalogues)
#include "tst_catalogues.moc"
