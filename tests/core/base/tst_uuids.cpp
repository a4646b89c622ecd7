// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "base/uuids.h"

#include <QTest>
#include <QUuid>

using namespace citygrid;

class TestUuids : public QObject
{
    Q_OBJECT
private slots:
    void idsAreVersion7AndIncrease()
    {
        QString previous;
        for (int i = 0; i < 10000; ++i) {
            const QString id = uuids::next();
            const QUuid parsed(id);
            QVERIFY(!parsed.isNull());
            QCOMPARE(parsed.variant(), QUuid::DCE);
            QCOMPARE(id[14], u'7'); // the version (Qt 6.4's QUuid knows only 1 to 5)
            QVERIFY2(id > previous, qPrintable(id + QStringLiteral(" after ") + previous));
            previous = id;
        }
        // The time comes first: 2026-11-27T00:00:00Z is 0x01a21a4d4000 milliseconds.
        const QString fixed = uuids::version7(1795737600000, 0, 0);
        QCOMPARE(fixed.left(14), QStringLiteral("01a21a4d-4000-"));
        QCOMPARE(fixed.mid(14, 1), QStringLiteral("7"));
        QVERIFY(uuids::version7(1795737600001, 0, 0) >
                uuids::version7(1795737600000, ~0ULL, ~0ULL));
    }
};

QTEST_GUILESS_MAIN(TestUuids)
#include "tst_uuids.moc"
