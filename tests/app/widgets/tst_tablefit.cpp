// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "widgets/tablefit.h"

#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>
#include <QToolTip>

using namespace citygrid;

class TestTableFit : public QObject
{
    Q_OBJECT

    static QTableWidget *table(QWidget *parent)
    {
        auto *t = new QTableWidget(2, 3, parent);
        t->setHorizontalHeaderLabels({QStringLiteral("Rank"), QStringLiteral("Name"),
                                      QStringLiteral("On time excl. deferred")});
        t->setItem(0, 0, new QTableWidgetItem(QStringLiteral("1")));
        t->setItem(0, 1, new QTableWidgetItem(QStringLiteral("Xiangmihu Subdistrict Office")));
        t->setItem(0, 2, new QTableWidgetItem(QStringLiteral("100.0%")));
        t->setItem(1, 0, new QTableWidgetItem(QStringLiteral("2")));
        t->setItem(1, 1, new QTableWidgetItem(QStringLiteral("香蜜湖街道")));
        t->setItem(1, 2, new QTableWidgetItem(QStringLiteral("85.7%")));
        t->setWordWrap(false);
        return t;
    }
    static int textWidth(const QTableWidget &t, int column)
    {
        int widest = t.horizontalHeader()->sectionSizeHint(column);
        for (int r = 0; r < t.rowCount(); ++r)
            widest = qMax(widest, t.fontMetrics().horizontalAdvance(t.item(r, column)->text()));
        return widest;
    }

private slots:
    void narrowViewScrollsInsteadOfCutting()
    {
        QWidget window;
        QTableWidget *t = table(&window);
        TableFit::install(t, t->horizontalHeader(), 1);
        t->resize(160, 120);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int c = 0; c < 3; ++c)
            QTRY_VERIFY2(t->columnWidth(c) >= textWidth(*t, c),
                         qPrintable(QStringLiteral("column %1: %2 < %3")
                                        .arg(c)
                                        .arg(t->columnWidth(c))
                                        .arg(textWidth(*t, c))));
        QTRY_VERIFY(t->horizontalScrollBar()->isVisible());
    }
    void wideViewGivesTheRoomToTheName()
    {
        QWidget window;
        QTableWidget *t = table(&window);
        TableFit::install(t, t->horizontalHeader(), 1);
        t->resize(900, 120);
        window.resize(900, 120);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // the columns fill the view, the name takes what the others leave
        QTRY_COMPARE(t->columnWidth(0) + t->columnWidth(1) + t->columnWidth(2),
                     t->viewport()->width());
        QVERIFY(t->columnWidth(1) > textWidth(*t, 1) + 100);
        QVERIFY(!t->horizontalScrollBar()->isVisible());
        // a row added later widens its column
        t->setRowCount(3);
        const QString longer = QStringLiteral("A much longer figure than any before it");
        t->setItem(2, 2, new QTableWidgetItem(longer));
        QTRY_VERIFY(t->columnWidth(2) >= t->fontMetrics().horizontalAdvance(longer));
    }
    void cutTextShowsWholeAsTooltip()
    {
        QWidget window;
        QTableWidget *t = table(&window);
        TableFit::install(t, t->horizontalHeader(), 2);
        t->resize(600, 120);
        window.resize(600, 120);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(20);
        // the user narrows the name column: its text is cut, the tooltip has it whole
        t->setColumnWidth(1, 40);
        const QRect cell = t->visualItemRect(t->item(0, 1));
        QHelpEvent cut(QEvent::ToolTip, cell.center(), t->viewport()->mapToGlobal(cell.center()));
        QApplication::sendEvent(t->viewport(), &cut);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("Xiangmihu Subdistrict Office"));
        QToolTip::hideText();
        QTRY_VERIFY(QToolTip::text().isEmpty());
        // a figure that fits has no tooltip
        const QRect whole = t->visualItemRect(t->item(0, 0));
        QHelpEvent fits(QEvent::ToolTip, whole.center(),
                        t->viewport()->mapToGlobal(whole.center()));
        QApplication::sendEvent(t->viewport(), &fits);
        QTest::qWait(50);
        QVERIFY(QToolTip::text().isEmpty());
        // a tooltip the model gives wins
        t->item(0, 1)->setToolTip(QStringLiteral("own"));
        QApplication::sendEvent(t->viewport(), &cut);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("own"));
    }
};

QTEST_MAIN(TestTableFit)
#include "tst_tablefit.moc"
