// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/cellcode.h"

#include <QTest>

using namespace citygrid;

class TestCellCode : public QObject
{
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<int>("sequence");
        QTest::addColumn<QString>("errorCode");
        QTest::newRow("shenzhen cell, 15 digits")
            << "440304010001007" << true << int(GridLevel::Cell) << "440304010001" << 7 << "";
        QTest::newRow("national cell, 14 digits")
            << "44030401000107" << true << int(GridLevel::Cell) << "440304010001" << 7 << "";
        QTest::newRow("community-level grid, sequence 00")
            << "44030401000100" << true << int(GridLevel::Cell) << "440304010001" << 0 << "";
        QTest::newRow("community")
            << "440304010001" << true << int(GridLevel::Community) << "440304010" << -1 << "";
        QTest::newRow("subdistrict")
            << "440304010" << true << int(GridLevel::Subdistrict) << "" << -1 << "";
        QTest::newRow("spaces trimmed")
            << " 440304010001007 " << true << int(GridLevel::Cell) << "440304010001" << 7 << "";
        QTest::newRow("letter") << "44030401000100X" << false << 0 << "" << 0 << "code.not-digits";
        QTest::newRow("13 digits") << "4403040100010" << false << 0 << "" << 0 << "code.bad-length";
        QTest::newRow("empty") << "" << false << 0 << "" << 0 << "code.bad-length";
        QTest::newRow("no county")
            << "000000010001007" << false << 0 << "" << 0 << "code.bad-district";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        const auto code = CellCode::parse(text);
        QCOMPARE(code.ok(), ok);
        if (!ok) {
            QFETCH(QString, errorCode);
            QCOMPARE(code.error().code, errorCode);
            QVERIFY(!code.error().message.isEmpty());
            return;
        }
        QFETCH(int, level);
        QFETCH(QString, parent);
        QFETCH(int, sequence);
        QCOMPARE(int(code.value().level()), level);
        QCOMPARE(code.value().parentCode(), parent);
        QCOMPARE(code.value().sequence(), sequence);
        QCOMPARE(code.value().districtCode(), QStringLiteral("440304"));
        QCOMPARE(code.value().subdistrictCode(), QStringLiteral("440304010"));
    }
};

QTEST_GUILESS_MAIN(TestCellCode)
#include "tst_cellcode.moc"
