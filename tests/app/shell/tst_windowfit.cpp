// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/onelanguage.h"
#include "cases/caselistpanel.h"
#include "cases/caseworkspace.h"
#include "services/appcontext.h"
#include "services/language.h"
#include "shell/mainwindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

/// The main window on the screen this process was given (ctest runs it once per screen size,
/// scale and language: the offscreen platform's screen from a config file, QT_SCALE_FACTOR,
/// CITYGRID_TEST_LANG), with fresh settings, as an operator first sees it.
class TestWindowFit : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;

    std::unique_ptr<MainWindow> openWindow()
    {
        auto context = AppContext::open(m_store);
        if (!context)
            return nullptr;
        auto window = std::make_unique<MainWindow>(std::move(context).value());
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        QCoreApplication::processEvents();
        return window;
    }

    static QString where(const QWidget *widget)
    {
        QRect r = widget->geometry();
        r.moveTopLeft(widget->mapTo(widget->window(), QPoint(0, 0)));
        return QStringLiteral("%1 \"%2\" at %3,%4 %5x%6")
            .arg(QLatin1String(widget->metaObject()->className()), widget->objectName())
            .arg(r.x())
            .arg(r.y())
            .arg(r.width())
            .arg(r.height());
    }

    /// Fails where the window leaves the screen, gives the map less than half its width, or
    /// lays a panel outside itself or too small to use.
    static void checkFits(const MainWindow &window)
    {
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(available.contains(window.frameGeometry()),
                 qPrintable(QStringLiteral("window %1,%2 %3x%4 on a screen of %5x%6")
                                .arg(window.frameGeometry().x())
                                .arg(window.frameGeometry().y())
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
        QVERIFY2(window.canvas()->width() >= window.width() / 2,
                 qPrintable(where(window.canvas())));
        const QRect inside = window.rect();
        for (const QDockWidget *dock : window.findChildren<QDockWidget *>()) {
            if (!dock->isVisible() || dock->visibleRegion().isEmpty())
                continue; // a tab behind another
            QRect r = dock->geometry();
            r.moveTopLeft(dock->mapTo(&window, QPoint(0, 0)));
            QVERIFY2(inside.contains(r), qPrintable(where(dock)));
            QVERIFY2(dock->widget()->height() >= 60 && dock->widget()->width() >= 150,
                     qPrintable(where(dock)));
        }
    }

    /// The words of the window's own chrome (not its data): menus and their actions, panel titles,
    /// labels, buttons, tooltips, column headers, the filters' entries (states, areas, units and
    /// categories have names in both languages).
    static QStringList chromeTexts(const MainWindow &window)
    {
        QStringList texts;
        for (const QAction *action : window.findChildren<QAction *>())
            texts << action->text() << action->toolTip();
        for (const QDockWidget *dock : window.findChildren<QDockWidget *>())
            texts << dock->windowTitle();
        for (const QLabel *label : window.findChildren<QLabel *>())
            if (!label->parentWidget()->inherits("QStatusBar") || label->text().contains(u':'))
                texts << label->text().section(u':', 0, 0); // "Store: <path>": the words only
        for (const QAbstractButton *button : window.findChildren<QAbstractButton *>())
            texts << button->text() << button->toolTip();
        for (const QComboBox *box : window.findChildren<QComboBox *>())
            if (box->objectName() != QLatin1String("userBox")) { // people's names are data
                texts << box->toolTip();
                for (int i = 0; i < box->count(); ++i)
                    texts << box->itemText(i);
            }
        for (const QAbstractItemView *view : window.findChildren<QAbstractItemView *>()) {
            const QAbstractItemModel *model = view->model();
            for (int c = 0; model && c < model->columnCount(); ++c)
                texts << model->headerData(c, Qt::Horizontal).toString();
        }
        texts.removeAll(QString());
        return texts;
    }

private slots:
    void cleanupTestCase() { QFile::remove(QSettings().fileName()); }
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // settings of this process's own: ctest runs the screens side by side
        QCoreApplication::setApplicationName(
            QStringLiteral("windowfit-%1").arg(QCoreApplication::applicationPid()));
        QSettings().clear();
        language::install(*qApp,
                          qEnvironmentVariable("CITYGRID_TEST_LANG", QStringLiteral("zh_CN")));
        m_store = m_dir.filePath(QStringLiteral("fit.gpkg"));
        QVERIFY(AppContext::open(m_store).ok());
    }
    void firstWindowFitsTheScreen()
    {
        QSettings().clear();
        const auto window = openWindow();
        QVERIFY(window);
        checkFits(*window);
        // a window that can shrink to the smallest screen operators have
        const QSize least = window->minimumSizeHint().expandedTo(window->minimumSize());
        QVERIFY2(least.width() <= 1024 && least.height() <= 600,
                 qPrintable(QStringLiteral("%1x%2").arg(least.width()).arg(least.height())));
        // the case list shows cases, not only its header
        const QTableView *cases = window->cases()->listPanel()->view();
        QVERIFY2(cases->viewport()->height() >= 4 * cases->verticalHeader()->defaultSectionSize(),
                 qPrintable(where(cases)));
    }
    void speaksOneLanguage()
    {
        const auto window = openWindow();
        QVERIFY(window);
        const bool english = language::isEnglish();
        static const QStringList ownNames = {QStringLiteral("中文")};
        QStringList wrong;
        for (const QString &text : chromeTexts(*window)) {
            if (ownNames.contains(text))
                continue;
            const bool bad = testutil::speaksOtherLanguage(text, english);
            if (bad && !wrong.contains(text))
                wrong << text;
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QStringLiteral(" | "))));
    }
    void windowCanBeMadeSmall()
    {
        const auto window = openWindow();
        QVERIFY(window);
        window->showNormal();
        // 1280×720, or the whole of a screen smaller than that with the window's frame
        const QSize frame = window->frameGeometry().size() - window->size();
        const QSize small = QSize(1280, 720).boundedTo(window->screen()->availableSize() - frame);
        window->resize(small);
        QTRY_COMPARE(window->size(), small);
        QTRY_VERIFY(window->canvas()->width() >= small.width() / 2); // the panels give way
        checkFits(*window);
    }
    void layoutSavedHereIsRestored()
    {
        const QSize chosen(1000, 640);
        {
            const auto window = openWindow();
            QVERIFY(window);
            window->showNormal();
            window->resize(chosen);
            QTRY_COMPARE(window->size(), chosen);
            window->close();
        }
        const auto window = openWindow();
        QVERIFY(window);
        QCOMPARE(window->size(), chosen);
        checkFits(*window);
    }
    void layoutSavedOnALargerScreenIsNotRestored()
    {
        {
            const auto window = openWindow();
            QVERIFY(window);
            window->showNormal();
            window->setGeometry(0, 0, 3000, 2000);
            window->close(); // saves the layout
        }
        QSettings settings;
        settings.setValue(QStringLiteral("window/screen"), QSize(3840, 2160));
        settings.sync();
        const auto window = openWindow();
        QVERIFY(window);
        checkFits(*window);
    }
    void resetLayoutFitsTheScreen()
    {
        const auto window = openWindow();
        QVERIFY(window);
        window->showNormal();
        window->setGeometry(10, 10, 700, 500);
        QAction *reset = window->findChild<QAction *>(QStringLiteral("resetLayout"));
        QVERIFY(reset);
        reset->trigger();
        QCoreApplication::processEvents();
        checkFits(*window);
    }
};

QTEST_MAIN(TestWindowFit)
#include "tst_windowfit.moc"
