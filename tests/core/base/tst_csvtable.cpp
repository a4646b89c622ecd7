// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "base/csvtable.h"

#include <QTest>

using namespace citygrid;

namespace {

QStringList fields(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list << QString::fromUtf8(text);
    return list;
}

QList<QStringList> rows(std::initializer_list<std::initializer_list<const char *>> texts)
{
    QList<QStringList> list;
    for (const auto &row : texts)
        list << fields(row);
    return list;
}

} // namespace

class TestCsvTable : public QObject
{
    Q_OBJECT
private slots:
    void records_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QList<QStringList>>("records");
        const QStringList ab = fields({"a", "b"});
        QTest::newRow("plain, LF")
            << QByteArray("a,b\n1,2\n3,4\n") << ab << rows({{"1", "2"}, {"3", "4"}});
        QTest::newRow("CRLF, no final break")
            << QByteArray("a,b\r\n1,2\r\n3,4") << ab << rows({{"1", "2"}, {"3", "4"}});
        QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF"
                                                       "a,b\n1,2\n")
                                         << ab << rows({{"1", "2"}});
        QTest::newRow("quoted comma, doubled quote, line break")
            << QByteArray("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n") << ab
            << rows({{"x, y", "say \"hi\""}, {"two\nlines", "z"}});
        QTest::newRow("empty fields, trailing comma")
            << QByteArray("a,b\n,\n1,\n") << ab << rows({{"", ""}, {"1", ""}});
        QTest::newRow("blank lines are not records")
            << QByteArray("a,b\n\n1,2\n\r\n") << ab << rows({{"1", "2"}});
        QTest::newRow("UTF-8 text")
            << QByteArray("a,b\n占道经营,福田\n") << ab << rows({{"占道经营", "福田"}});
    }
    void records()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, header);
        QFETCH(QList<QStringList>, records);
        auto table = CsvTable::fromBytes(bytes);
        QVERIFY2(table, qPrintable(table ? QString() : table.error().message));
        QCOMPARE(table.value().header(), header);
        QCOMPARE(table.value().size(), records.size());
        for (qsizetype i = 0; i < records.size(); ++i)
            QCOMPARE(table.value().record(i), records[i]);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("unclosed quote") << QByteArray("a,b\n1,2\n\"3,4\n5,6\n")
                                        << QStringLiteral("csv.quote") << QStringLiteral("line 3");
        QTest::newRow("nothing") << QByteArray("\n\r\n") << QStringLiteral("csv.empty")
                                 << QStringLiteral("empty");
    }
    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(QString, says);
        auto table = CsvTable::fromBytes(bytes);
        QVERIFY(!table);
        QCOMPARE(table.error().code, code);
        QVERIFY2(table.error().message.contains(says), qPrintable(table.error().message));
    }
};

QTEST_GUILESS_MAIN(TestCsvTable)
#include "tst_csvtable.moc"
