// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridcatalogue.h"

#include <QTest>

using namespace citygrid;

class TestGridCatalogue : public QObject
{
    Q_OBJECT
private:
    GridCatalogue sample() const
    {
        GridCatalogue c;
        c.setDistrict(QStringLiteral("440304"), QStringLiteral("福田区"),
                      QStringLiteral("Futian District"));
        c.add({GridLevel::Subdistrict,
               QStringLiteral("440304007"),
               QStringLiteral("梅林街道"),
               QStringLiteral("Meilin Subdistrict"),
               {},
               7.5});
        c.add({GridLevel::Subdistrict,
               QStringLiteral("440304001"),
               QStringLiteral("南园街道"),
               QStringLiteral("Nanyuan Subdistrict"),
               {},
               4});
        c.add({GridLevel::Community, QStringLiteral("440304007002"), QStringLiteral("梅林第2社区"),
               QStringLiteral("Meilin Community 2"), QStringLiteral("440304007"), 1});
        c.add({GridLevel::Community, QStringLiteral("440304007001"), QStringLiteral("梅林第1社区"),
               QStringLiteral("Meilin Community 1"), QStringLiteral("440304007"), 1});
        c.add({GridLevel::Cell,
               QStringLiteral("440304007001001"),
               {},
               {},
               QStringLiteral("440304007001"),
               0.4});
        c.add({GridLevel::Cell,
               QStringLiteral("440304007001002"),
               {},
               {},
               QStringLiteral("440304007001"),
               0.6});
        return c;
    }

private slots:
    void hierarchy()
    {
        const GridCatalogue c = sample();
        QCOMPARE(c.count(GridLevel::Subdistrict), 2);
        QCOMPARE(c.count(GridLevel::Cell), 2);
        const auto top = c.children(QStringLiteral("440304"));
        QCOMPARE(top.size(), 2);
        QCOMPARE(top.first()->code, QStringLiteral("440304001")); // code order
        const auto communities = c.children(QStringLiteral("440304007"));
        QCOMPARE(communities.size(), 2);
        QCOMPARE(communities.first()->code, QStringLiteral("440304007001"));
        QCOMPARE(c.children(QStringLiteral("440304007001")).size(), 2);
    }
    void displayName()
    {
        const GridCatalogue c = sample();
        QCOMPARE(c.displayName(QStringLiteral("440304007")), QStringLiteral("梅林街道"));
        QCOMPARE(c.displayName(QStringLiteral("440304007"), true),
                 QStringLiteral("Meilin Subdistrict"));
        QVERIFY(c.displayName(QStringLiteral("440304007001002"))
                    .contains(QStringLiteral("440304007001002")));
        QCOMPARE(c.displayName(QStringLiteral("440304")), QStringLiteral("福田区"));
    }
    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("first");
        QTest::addColumn<int>("count");
        QTest::newRow("exact cell code") << "440304007001002"
                                         << "440304007001002" << 1;
        QTest::newRow("code prefix, higher level first") << "440304007001"
                                                         << "440304007001" << 3;
        QTest::newRow("chinese partial name") << "梅林"
                                              << "440304007" << 3;
        QTest::newRow("name inside") << "第2社区"
                                     << "440304007002" << 1;
        QTest::newRow("english, any case") << "meilin community"
                                           << "440304007001" << 2;
        QTest::newRow("no match") << "罗湖"
                                  << "" << 0;
        QTest::newRow("blank") << "  "
                               << "" << 0;
    }
    void search()
    {
        QFETCH(QString, text);
        QFETCH(QString, first);
        QFETCH(int, count);
        const GridCatalogue c = sample();
        const auto hits = c.search(text);
        QCOMPARE(hits.size(), count);
        if (count > 0)
            QCOMPARE(hits.first()->code, first);
    }
};

QTEST_GUILESS_MAIN(TestGridCatalogue)
#include "tst_gridcatalogue.moc"
