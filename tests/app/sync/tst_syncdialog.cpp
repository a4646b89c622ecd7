// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "cases/casestore.h"
#include "catalogues/catalogueedits.h"
#include "catalogues/cataloguekinds.h"
#include "catalogues/categoryeditor.h"
#include "catalogues/uniteditor.h"
#include "sync/syncdialog.h"
#include "testutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace citygrid;

/// Sync ▸ Sync packages… as an operator at the centre uses it with an office: naming the site,
/// exchanging cards, applying the office's package (its case appears, the list is told), the same
/// package again, a damaged one refused with the store unchanged, and a package for the office.
class TestSyncDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Store> m_office;
    const QDateTime m_now{QDate(2026, 11, 20), QTime(10, 0), QTimeZone(8 * 3600)};

    CaseSession &session() { return m_window->cases()->session(); }
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    qint64 cases(Store &store)
    {
        auto q = Statement::prepare(store.db(), QStringLiteral("SELECT count(*) FROM cases"));
        return q && q.value().step() ? q.value().integer(0) : -1;
    }

private slots:
    void initTestCase()
    {
        m_window = testutil::demoWindow(path("centre.gpkg"), 200, 2, m_now);
        QVERIFY(m_window);
        m_office = testutil::demoStore(path("office.gpkg"), 0, 3, m_now);
        QVERIFY(m_office);
        QVERIFY(SiteIdentity::configure(
            *m_office, QStringLiteral("园岭街道办"), QStringLiteral("YL"),
            ActingUser{QStringLiteral("admin01"), &testutil::bundledRoles()}));
    }

    void exchangeWithAnOffice()
    {
        session().setUserId(QStringLiteral("op01")); // an operator: the sync right
        SyncDialog dialog(session());
        dialog.nameEdit()->setText(QStringLiteral("指挥中心"));
        dialog.prefixEdit()->setText(QStringLiteral("1"));
        QCOMPARE(dialog.saveSite().error().code, QStringLiteral("sync.case-prefix"));
        dialog.prefixEdit()->clear();
        QVERIFY(dialog.saveSite());
        // cards both ways
        QVERIFY(dialog.writeCard(path("centre.card")));
        QFile officeCard(path("office.card"));
        QVERIFY(officeCard.open(QIODevice::WriteOnly));
        officeCard.write(SiteIdentity::ensure(*m_office).value().card().toJson());
        officeCard.close();
        QVERIFY(dialog.addPeer(path("office.card")));
        QCOMPARE(dialog.peersTable()->rowCount(), 1);
        QCOMPARE(dialog.peersTable()->item(0, 0)->text(), QStringLiteral("园岭街道办"));
        QFile centreCard(path("centre.card"));
        QVERIFY(centreCard.open(QIODevice::ReadOnly));
        const QString centreId = SiteIdentity::ensure(session().context().store()).value().siteId();
        QVERIFY(SyncPeers(m_office->db())
                    .add(SiteIdentity::Card::fromJson(centreCard.readAll()).value(),
                         SiteIdentity::ensure(*m_office).value().siteId(),
                         ActingUser{QStringLiteral("admin01"), &testutil::bundledRoles()}, m_now));

        // the office reports a case offline and sends it in
        const CaseCatalogues catalogues = testutil::bundledCatalogues();
        CaseStore officeCases(*m_office, CaseWorkflow(catalogues.roles), catalogues.calendar,
                              catalogues.categories, catalogues.units);
        NewCase input;
        input.categoryId = QStringLiteral("E0102");
        input.cellCode = QStringLiteral("440304002001001");
        input.lonLat = QPointF(114.09, 22.55);
        input.channel = QStringLiteral("inspector");
        auto made = officeCases.report(input, QStringLiteral("ins01"), m_now);
        QVERIFY(made);
        QVERIFY(made.value().caseNo.startsWith(QStringLiteral("YL")));
        auto package =
            SyncExchange(*m_office, AppContext::refKinds(), testutil::bundledCatalogues().roles)
                .exportTo(centreId, QStringLiteral("admin01"), m_now);
        QVERIFY(package);
        QFile file(path("from-office.cgsync"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(package.value().file);
        file.close();

        const qint64 before = cases(session().context().store());
        QSignalSpy changed(&session(), &CaseSession::caseChanged);
        auto imported = dialog.importFrom(path("from-office.cgsync"));
        QVERIFY(imported);
        QCOMPARE(imported.value().newEvents, 1);
        QCOMPARE(cases(session().context().store()), before + 1);
        QCOMPARE(changed.count(), 1);
        QVERIFY(dialog.summary()->text().contains(QStringLiteral("园岭街道办")));
        QVERIFY(session().store().find(made.value().uuid));

        // again: nothing changes, and the summary says so
        auto again = dialog.importFrom(path("from-office.cgsync"));
        QVERIFY(again);
        QVERIFY(again.value().alreadyApplied());
        QCOMPARE(cases(session().context().store()), before + 1);

        // a damaged copy: refused, said, nothing changed
        QByteArray bytes = package.value().file;
        bytes[bytes.size() - 80] = char(bytes[bytes.size() - 80] ^ 1);
        QFile damaged(path("damaged.cgsync"));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write(bytes);
        damaged.close();
        auto refused = dialog.importFrom(path("damaged.cgsync"));
        QVERIFY(!refused);
        QCOMPARE(dialog.summary()->text(), refused.error().message);
        QCOMPARE(cases(session().context().store()), before + 1);

        // and a package back to the office: the centre's cases and the acknowledgement
        auto out = dialog.exportFor(QStringLiteral("园岭街道办"), path("to-office.cgsync"));
        QVERIFY(out);
        QCOMPARE(out.value().header.ack, 1);
        QFile back(path("to-office.cgsync"));
        QVERIFY(back.open(QIODevice::ReadOnly));
        auto atOffice =
            SyncExchange(*m_office, AppContext::refKinds(), testutil::bundledCatalogues().roles)
                .importPackage(back.readAll(), QStringLiteral("admin01"), m_now);
        QVERIFY2(atOffice, qPrintable(atOffice ? QString() : atOffice.error().toText()));
        QCOMPARE(cases(*m_office), before + 1);

        // the office is 园岭's: from now on it receives that subdistrict's cases alone
        QCOMPARE(dialog.peersTable()->item(0, 6)->text(), QStringLiteral("Every case"));
        auto cell = dialog.setArea(QStringLiteral("园岭街道办"), QStringLiteral("440304002001001"));
        QVERIFY(!cell); // a cell is no office's area
        QCOMPARE(cell.error().code, QStringLiteral("sync.area"));
        QVERIFY(dialog.setArea(QStringLiteral("园岭街道办"), QStringLiteral("440304002")));
        QVERIFY2(dialog.peersTable()->item(0, 6)->text().startsWith(QStringLiteral("440304002 ")),
                 qPrintable(dialog.peersTable()->item(0, 6)->text()));
        auto area = dialog.exportFor(QStringLiteral("园岭街道办"), path("area.cgsync"));
        QVERIFY(area);
        QCOMPARE(area.value().header.area, QStringLiteral("440304002"));
    }

    void unitEditsTravelAndConflict()
    {
        // (after exchangeWithAnOffice: the two sites are peers)
        const QString centreId = SiteIdentity::ensure(session().context().store()).value().siteId();
        const GridCatalogue officeGrid = m_office->loadCatalogue().value();
        const CaseCatalogues bundled = testutil::bundledCatalogues();
        // the office settles the sanitation ambiguity in 福保 and renames U001, an hour ago
        UnitCatalogue::Unit u027 = *bundled.units.find(QStringLiteral("U027"));
        u027.areas = {QStringLiteral("440304004")};
        QVERIFY(catalogueedits::saveEntry(
            *m_office, officeGrid, QStringLiteral(":/catalogues"), cataloguekinds::unit(), u027.id,
            catalogueedits::unitJson(u027),
            ActingUser{QStringLiteral("ld01"), &testutil::bundledRoles()}, m_now.addSecs(-3600)));
        UnitCatalogue::Unit u001 = *bundled.units.find(QStringLiteral("U001"));
        u001.name = QStringLiteral("城管局（园岭改）");
        QVERIFY(catalogueedits::saveEntry(
            *m_office, officeGrid, QStringLiteral(":/catalogues"), cataloguekinds::unit(), u001.id,
            catalogueedits::unitJson(u001),
            ActingUser{QStringLiteral("ld01"), &testutil::bundledRoles()}, m_now.addSecs(-3600)));

        // meanwhile the leader at the centre renames U001 in the editor
        UnitEditor editor(session());
        session().setUserId(QStringLiteral("op01"));
        editor.select(QStringLiteral("U001"));
        QVERIFY(editor.nameEdit()->isReadOnly());
        QCOMPARE(editor.save().error().code, QStringLiteral("unit.not-allowed"));
        session().setUserId(QStringLiteral("ld01"));
        QVERIFY(!editor.nameEdit()->isReadOnly());
        editor.areasEdit()->setText(QStringLiteral("440304, 999"));
        QCOMPARE(editor.save().error().code, QStringLiteral("unit.unknown-area"));
        QCOMPARE(editor.status()->text(), editor.save().error().message);
        editor.areasEdit()->setText(QStringLiteral("440304"));
        const QString types =
            editor.entry()[QStringLiteral("types")].toVariant().toStringList().join(u',');
        editor.typesEdit()->setText(types + QStringLiteral(",roadz"));
        QCOMPARE(editor.save().error().code, QStringLiteral("unit.unknown-type"));
        editor.typesEdit()->setText(types);
        editor.nameEdit()->setText(QStringLiteral("城管局（中心改）"));
        QVERIFY(editor.save());
        QVERIFY(editor.status()->text().contains(QStringLiteral("Saved")) ||
                editor.status()->text().contains(QStringLiteral("已保存")));
        QCOMPARE(session().catalogues().units.find(QStringLiteral("U001"))->name,
                 QStringLiteral("城管局（中心改）"));

        // the office's package: U027 arrives, the two U001 edits meet and the later one stays
        auto package =
            SyncExchange(*m_office, AppContext::refKinds(), testutil::bundledCatalogues().roles)
                .exportTo(centreId, QStringLiteral("admin01"), m_now);
        QVERIFY(package);
        QCOMPARE(package.value().header.references, 2);
        QFile file(path("units.cgsync"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(package.value().file);
        file.close();
        session().setUserId(QStringLiteral("op01")); // the leader may not exchange packages
        SyncDialog dialog(session());
        auto imported = dialog.importFrom(path("units.cgsync"));
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toText()));
        QCOMPARE(imported.value().referenceConflicts.size(), 1);
        QCOMPARE(session().catalogues().units.find(QStringLiteral("U027"))->areas,
                 QStringList{QStringLiteral("440304004")});
        QCOMPARE(session().catalogues().units.find(QStringLiteral("U001"))->name,
                 QStringLiteral("城管局（中心改）"));
        bool listed = false;
        for (int row = 0; row < dialog.conflictsTable()->rowCount(); ++row)
            listed =
                listed ||
                (dialog.conflictsTable()->item(row, 0)->text().contains(QStringLiteral("U001")) &&
                 dialog.conflictsTable()->item(row, 3)->text().contains(
                     QStringLiteral("城管局（园岭改）")));
        QVERIFY(listed);

        // back to the release's entry, by the leader
        session().setUserId(QStringLiteral("ld01"));
        editor.select(QStringLiteral("U001"));
        QVERIFY(editor.revert());
        QCOMPARE(session().catalogues().units.find(QStringLiteral("U001"))->name,
                 bundled.units.find(QStringLiteral("U001"))->name);
    }

    void categoryEditsAtTheCentre()
    {
        CategoryEditor editor(session());
        const CaseCatalogues bundled = testutil::bundledCatalogues();
        const QString id = QStringLiteral("E0102");
        // the filter finds the category by name
        editor.filterEdit()->setText(bundled.categories.find(id)->name);
        int shown = 0;
        for (int row = 0; row < editor.table()->rowCount(); ++row)
            shown += editor.table()->isRowHidden(row) ? 0 : 1;
        QVERIFY(shown >= 1 && shown < editor.table()->rowCount());
        editor.filterEdit()->clear();

        session().setUserId(QStringLiteral("op01"));
        editor.select(id);
        QVERIFY(editor.nameEdit()->isReadOnly());
        QVERIFY(!editor.deadlineValue()->isEnabled());
        QCOMPARE(editor.save().error().code, QStringLiteral("category.not-allowed"));

        session().setUserId(QStringLiteral("ld01"));
        editor.select(id);
        QVERIFY(editor.deadlineValue()->isEnabled());
        // an empty name is refused by the catalogue's own check, nothing stored
        editor.nameEdit()->clear();
        QCOMPARE(editor.save().error().code, QStringLiteral("category.invalid"));
        QCOMPARE(editor.status()->text(), editor.save().error().message);
        auto none = RefRecords(session().context().store().db(), {}).find(cataloguekinds::category(), id);
        QVERIFY(none && !none.value());

        // the name typed back (the refused form kept what was typed), a new deadline, urgency
        // and unit type
        QVERIFY(editor.nameEdit()->text().isEmpty());
        editor.nameEdit()->setText(bundled.categories.find(id)->name);
        editor.deadlineValue()->setValue(6);
        editor.deadlineUnit()->setCurrentIndex(
            editor.deadlineUnit()->findData(QStringLiteral("working_days")));
        editor.urgent()->setChecked(true);
        editor.unitType()->setCurrentIndex(
            editor.unitType()->findData(QStringLiteral("subdistrict_office")));
        QVERIFY2(editor.save(), qPrintable(editor.status()->text()));
        const CategoryCatalogue::Category *saved = session().catalogues().categories.find(id);
        QCOMPARE(saved->deadline, (Deadline{6, Deadline::Unit::WorkingDays}));
        QVERIFY(saved->urgent);
        QCOMPARE(saved->unitType, QStringLiteral("subdistrict_office"));
        QCOMPARE(saved->name, bundled.categories.find(id)->name);
        const int row = editor.table()->currentRow();
        QCOMPARE(editor.table()->item(row, CategoryEditor::Id)->text(), id);
        QVERIFY(!editor.table()->item(row, CategoryEditor::Edited)->text().isEmpty());

        // a unit type the unit catalogue does not declare is refused, the edit above stays
        QJsonObject typo = editor.entry();
        typo[QStringLiteral("unit_type")] = QStringLiteral("sanitaton");
        auto refused = catalogueedits::saveEntry(
            session().context().store(), session().grid(), AppContext::bundledCataloguesDir(),
            cataloguekinds::category(), id, typo,
            ActingUser{QStringLiteral("ld01"), &testutil::bundledRoles()}, m_now);
        QCOMPARE(refused.error().code, QStringLiteral("unit.unknown-type"));
        QVERIFY(refused.error().message.contains(QStringLiteral("sanitaton")));
        QVERIFY(editor.revert());
        QCOMPARE(session().catalogues().categories.find(id)->deadline,
                 bundled.categories.find(id)->deadline);
        QVERIFY(editor.table()
                    ->item(editor.table()->currentRow(), CategoryEditor::Edited)
                    ->text()
                    .isEmpty());
    }

    void snapshotsForTheCity()
    {
        const auto run = [this](const QStringList &arguments) {
            return testutil::runCitygrid(
                QStringLiteral(CITYGRID_EXECUTABLE),
                arguments + QStringList{QStringLiteral("--user"), QStringLiteral("op01")},
                m_dir.path());
        };
        const QString store = path("centre.gpkg");
        const QString full = path("snapshot.geojson");
        auto r = run({QStringLiteral("sync"), QStringLiteral("export"), QStringLiteral("--store"),
                      store, QStringLiteral("--lang"), QStringLiteral("en"),
                      QStringLiteral("--format"), QStringLiteral("geojson"),
                      QStringLiteral("--incremental"), QStringLiteral("--out"), full});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const qint64 all = cases(session().context().store());
        QVERIFY(r.out.contains(QStringLiteral("%1 cases written").arg(all)));
        // nothing changed since: the next increment is empty
        const QString next = path("increment.geojson");
        r = run({QStringLiteral("sync"), QStringLiteral("export"), QStringLiteral("--store"), store,
                 QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--format"),
                 QStringLiteral("geojson"), QStringLiteral("--incremental"),
                 QStringLiteral("--out"), next});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("0 cases changed")), qPrintable(r.out));
        // Open311 requests for the city-level system
        const QString open311 = path("requests.json");
        r = run({QStringLiteral("sync"), QStringLiteral("export"), QStringLiteral("--store"), store,
                 QStringLiteral("--format"), QStringLiteral("open311"), QStringLiteral("--out"),
                 open311});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QFile requests(open311);
        QVERIFY(requests.open(QIODevice::ReadOnly));
        QVERIFY(requests.readAll().contains("service_code"));
    }
};

QTEST_MAIN(TestSyncDialog)
#include "tst_syncdialog.moc"
