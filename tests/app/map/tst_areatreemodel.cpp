// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/areatreemodel.h"
#include "services/appcontext.h"

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

class TestAreaTreeModel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto context = AppContext::open(m_dir.filePath(QStringLiteral("tree.gpkg")));
        QVERIFY2(context.ok(), qPrintable(context.ok() ? QString() : context.error().toText()));
        m_context = std::move(context).value();
        QVERIFY(m_context->createdStore());
    }
    void structure()
    {
        AreaTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCatalogue(m_context->catalogue(), false);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex district = model.index(0, 0);
        QCOMPARE(district.data().toString(), QStringLiteral("福田区"));
        QCOMPARE(model.rowCount(district), 10);
        int communities = 0, cells = 0;
        for (int s = 0; s < model.rowCount(district); ++s) {
            const QModelIndex sub = model.index(s, 0, district);
            communities += model.rowCount(sub);
            for (int c = 0; c < model.rowCount(sub); ++c)
                cells += model.rowCount(model.index(c, 0, sub));
        }
        QCOMPARE(communities, 92);
        QCOMPARE(cells, 202);
    }
    void findsACellAndItsParents()
    {
        AreaTreeModel model;
        model.setCatalogue(m_context->catalogue(), true);
        const QString code =
            m_context->catalogue()
                .children(
                    m_context->catalogue().children(QStringLiteral("440304007")).first()->code)
                .first()
                ->code;
        const QModelIndex cell = model.indexOf(code);
        QVERIFY(cell.isValid());
        QCOMPARE(cell.data(AreaTreeModel::CodeRole).toString(), code);
        QCOMPARE(cell.parent().data(AreaTreeModel::CodeRole).toString(), code.left(12));
        QCOMPARE(cell.parent().parent().data().toString(), QStringLiteral("Meilin Subdistrict"));
        QCOMPARE(cell.siblingAtColumn(1).data().toString(), code);
    }
};

QTEST_MAIN(TestAreaTreeModel)
#include "tst_areatreemodel.moc"
