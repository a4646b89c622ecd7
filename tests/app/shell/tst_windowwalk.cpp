// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/loginpanel.h"
#include "accounts/sessionlock.h"
#include "app/demowindow.h"
#include "app/onelanguage.h"
#include "cases/caselistmodel.h"
#include "cases/caselistpanel.h"
#include "map/mapcanvas.h"
#include "services/language.h"
#include "testutil.h"
#include "widgets/searchbox.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QDialog>
#include <QDockWidget>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScreen>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>

using namespace citygrid;

/// Every panel, dialog and tab of the window as an operator opens them, on the screen this
/// process was given (ctest runs it under Xvfb with openbox at each screen size operators have,
/// in both languages, with fresh settings). Fails where a visible widget lies outside its window
/// or the screen, overlaps a sibling, cuts its text without a tooltip, or speaks the other
/// language.
class TestWindowWalk : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_problems;
    int m_checked = 0;

    static QString where(const QWidget *widget)
    {
        QRect r(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
        QString text;
        if (const auto *label = qobject_cast<const QLabel *>(widget))
            text = label->text();
        else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
            text = button->text();
        return QStringLiteral("%1 \"%2\" \"%3\" at %4,%5 %6x%7")
            .arg(QLatin1String(widget->metaObject()->className()), widget->objectName(),
                 text.left(40))
            .arg(r.x())
            .arg(r.y())
            .arg(r.width())
            .arg(r.height());
    }
    /// Inside a scroll area's viewport: may lie anywhere, the user scrolls to it.
    static bool scrolled(const QWidget *widget, const QWidget *top)
    {
        for (const QWidget *w = widget->parentWidget(); w && w != top; w = w->parentWidget())
            if (auto *area = qobject_cast<const QAbstractScrollArea *>(w->parentWidget()))
                if (area->viewport() == w)
                    return true;
        return false;
    }
    /// In a panel tabbed behind another: Qt parks it outside the window, unseen.
    static bool behindTab(const QWidget *widget, const QWidget *top)
    {
        const auto *window = qobject_cast<const QMainWindow *>(top);
        for (const QWidget *w = widget; window && w && w != top; w = w->parentWidget())
            if (auto *dock = qobject_cast<const QDockWidget *>(w))
                return !window->tabifiedDockWidgets(const_cast<QDockWidget *>(dock)).isEmpty() &&
                       !top->rect().intersects(QRect(dock->mapTo(top, QPoint(0, 0)), dock->size()));
        return false;
    }
    static bool shown(const QWidget *w, const QWidget *top)
    {
        if (behindTab(w, top))
            return false;
        // (visibleRegion() is empty outside paint events: no help here)
        return w->isVisibleTo(top) && !w->size().isEmpty();
    }

    /// Words of the other language in chrome (titles, buttons, tabs, headers, form labels).
    void checkLanguage(const QString &what, const QString &text)
    {
        const bool bad = testutil::speaksOtherLanguage(text, language::isEnglish());
        if (bad)
            m_problems << QStringLiteral("%1: other language: \"%2\"").arg(what, text);
    }

    /// Everything wrong with `top` as it shows now.
    void inspect(QWidget *top, const QString &what)
    {
        ++m_checked;
        if (top->isWindow()) {
            // a pixel's grace: the frame of a maximised window rounds at 150 % and 200 %
            const QRect screen = top->screen()->availableGeometry().adjusted(-1, -1, 1, 1);
            // the frame as the window manager drew it; at 200 % xcb sometimes reports an empty
            // frame for a moment, and then the window itself is what must fit
            const QRect outer =
                top->frameGeometry().isEmpty() ? top->geometry() : top->frameGeometry();
            if (!screen.contains(outer))
                m_problems << QStringLiteral("%1: window %2,%3 %4x%5 leaves the screen %6x%7")
                                  .arg(what)
                                  .arg(outer.x())
                                  .arg(outer.y())
                                  .arg(outer.width())
                                  .arg(outer.height())
                                  .arg(screen.width())
                                  .arg(screen.height());
            checkLanguage(what, top->windowTitle());
        }
        const QRect inside = top->rect();
        for (QWidget *w : top->findChildren<QWidget *>()) {
            if (!shown(w, top) || w->isWindow())
                continue;
            const QRect r(w->mapTo(top, QPoint(0, 0)), w->size());
            if (!scrolled(w, top) && !inside.contains(r))
                m_problems << QStringLiteral("%1: outside its window: %2").arg(what, where(w));
            // siblings a layout placed on top of each other
            if (QLayout *layout = w->parentWidget() ? w->parentWidget()->layout() : nullptr) {
                for (QWidget *other : w->parentWidget()->findChildren<QWidget *>(
                         QString(), Qt::FindDirectChildrenOnly)) {
                    if (other <= w || !shown(other, top) || layout->indexOf(other) < 0 ||
                        layout->indexOf(w) < 0)
                        continue;
                    if (w->geometry().intersected(other->geometry()).width() > 1 &&
                        w->geometry().intersected(other->geometry()).height() > 1)
                        m_problems << QStringLiteral("%1: %2 overlaps %3")
                                          .arg(what, where(w), where(other));
                }
            }
            checkText(w, what);
        }
    }

    /// Text cut without its whole as a tooltip.
    void checkText(QWidget *w, const QString &what)
    {
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (!label->wordWrap() && !label->text().isEmpty() && label->pixmap().isNull() &&
                label->sizeHint().width() > label->width() + 1 && label->toolTip().isEmpty())
                m_problems << QStringLiteral("%1: cut: %2").arg(what, where(w));
            if (auto *form = qobject_cast<QFormLayout *>(
                    label->parentWidget() ? label->parentWidget()->layout() : nullptr))
                if (form->indexOf(label) >= 0)
                    checkLanguage(what, label->text());
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            const auto *tool = qobject_cast<QToolButton *>(w);
            const bool textShown = !tool || tool->toolButtonStyle() != Qt::ToolButtonIconOnly;
            if (textShown && !button->text().isEmpty() &&
                button->sizeHint().width() > button->width() + 1 && button->toolTip().isEmpty())
                m_problems << QStringLiteral("%1: cut: %2").arg(what, where(w));
            if (textShown)
                checkLanguage(what, button->text());
            checkLanguage(what, button->toolTip());
        } else if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                checkLanguage(what, tabs->tabText(i));
        } else if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
            checkView(view, what);
        }
    }
    void checkView(QAbstractItemView *view, const QString &what)
    {
        QAbstractItemModel *model = view->model();
        if (!model)
            return;
        for (int c = 0; c < model->columnCount(); ++c)
            checkLanguage(what, model->headerData(c, Qt::Horizontal).toString());
        // a view whose columns TableFit keeps shows a cut cell's whole text as its tooltip
        if (view->findChild<QObject *>(QStringLiteral("tableFit"), Qt::FindDirectChildrenOnly))
            return;
        const QRect visible = view->viewport()->rect();
        for (int r = 0; r < std::min(model->rowCount(), 40); ++r)
            for (int c = 0; c < model->columnCount(); ++c) {
                const QModelIndex index = model->index(r, c);
                const QRect rect = view->visualRect(index);
                // a tooltip that holds the whole text will do
                if (!rect.intersects(visible) || index.data().toString().isEmpty() ||
                    index.data(Qt::ToolTipRole).toString().contains(index.data().toString()))
                    continue;
                if (view->sizeHintForIndex(index).width() > rect.width() + 1) {
                    m_problems << QStringLiteral("%1: cell cut without a tooltip: \"%2\" in %3")
                                      .arg(what, index.data().toString(), where(view));
                    return;
                }
            }
    }
    /// Inspects each tab of each tab widget of `top` in turn.
    void inspectTabs(QWidget *top, const QString &what)
    {
        inspect(top, what);
        for (QTabWidget *tabs : top->findChildren<QTabWidget *>()) {
            if (!shown(tabs, top))
                continue;
            const int was = tabs->currentIndex();
            for (int i = 0; i < tabs->count(); ++i) {
                if (i == was)
                    continue;
                tabs->setCurrentIndex(i);
                QTest::qWait(50);
                inspect(top, what + QStringLiteral(" / ") + tabs->tabText(i));
            }
            tabs->setCurrentIndex(was);
        }
    }
    /// Triggers `actionName`, inspects the window or dialog it opens (with its tabs) and closes
    /// it; a modal dialog is inspected from inside its own event loop.
    void openAndInspect(const QString &actionName)
    {
        auto *action = m_window->findChild<QAction *>(actionName);
        if (!action) {
            m_problems << QStringLiteral("no action %1").arg(actionName);
            return;
        }
        // an action the walker's role may not take: walk it as someone who may
        CaseSession &session = m_window->cases()->session();
        const QString walker = session.userId();
        for (const Account &a : session.catalogues().roles.accounts()) {
            if (action->isEnabled())
                break;
            session.setUserId(a.name);
        }
        const auto back = qScopeGuard([&] { session.setUserId(walker); });
        const QWidgetList before = QApplication::topLevelWidgets();
        bool done = false;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (before.contains(w) || !w->isVisible() || w->size().isEmpty() ||
                    w->inherits("QMenu") || w->inherits("QTipLabel"))
                    continue;
                poll.stop();
                // let it lay itself out and the window manager place and frame it
                QTest::qWait(200);
                for (int i = 0; i < 100 && w->frameGeometry().size().isEmpty(); ++i)
                    QTest::qWait(50);
                // a window that maximises itself (the wall display) is framed first and sized
                // to the screen a moment later; on a loaded machine that moment can pass 200 ms
                const QRect screen = w->screen()->availableGeometry().adjusted(-1, -1, 1, 1);
                for (int i = 0; i < 40 && !screen.contains(w->frameGeometry()); ++i)
                    QTest::qWait(50);
                inspectTabs(w, actionName);
                if (auto *dialog = qobject_cast<QDialog *>(w))
                    dialog->reject();
                else
                    w->close();
                done = true;
                return;
            }
        });
        poll.start(50);
        QTimer::singleShot(0, action, &QAction::trigger);
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QTest::qWait(100);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(
            QStringLiteral("windowwalk-%1").arg(QCoreApplication::applicationPid()));
        QSettings().clear();
        // the file dialogs' own settings (their sidebar's width) as Qt keeps them, from a run
        // before: each walk starts from Qt's defaults
        QSettings(QStringLiteral("QtProject")).remove(QStringLiteral("FileDialog"));
        language::install(*qApp,
                          qEnvironmentVariable("CITYGRID_TEST_LANG", QStringLiteral("zh_CN")));
        const QString path = m_dir.filePath(QStringLiteral("walk.gpkg"));
        const QDateTime now = QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600);
        QVERIFY(testutil::demoStore(path, 2000, 1, now));
        auto context = AppContext::open(path);
        QVERIFY(context);
        m_window = std::make_unique<MainWindow>(std::move(context).value());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->cases()->session().setClock([now] { return now; });
        QTest::qWait(500);
    }
    void cleanupTestCase()
    {
        m_window.reset();
        QFile::remove(QSettings().fileName());
    }
    void everyPanel()
    {
        for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
            dock->show();
            dock->raise();
            QTest::qWait(150);
            // panels read their figures on a worker once shown: wait for their rows
            const auto empty = [dock] {
                for (const QAbstractItemView *view : dock->findChildren<QAbstractItemView *>())
                    if (view->isVisible() && view->model() && view->model()->rowCount() == 0)
                        return true;
                return false;
            };
            for (int i = 0; i < 60 && empty(); ++i)
                QTest::qWait(50);
            inspect(m_window.get(), dock->objectName());
        }
        QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
    }
    void everyDialogAndTab_data()
    {
        QTest::addColumn<QString>("action");
        for (const char *name :
             {"monthlyReport", "exportMap", "importGrid", "syncPackages", "responsibleUnits",
              "caseCategories", "accounts", "assessment", "wallDisplay", "exportCases",
              "importCases", "backups", "verifyRecords", "about"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void everyDialogAndTab()
    {
        QFETCH(QString, action);
        m_problems.clear();
        openAndInspect(action);
        QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
    }
    void signInCover()
    {
        m_problems.clear();
        SessionLock *lock = m_window->sessionLock();
        lock->lock();
        QTest::qWait(200);
        inspect(m_window.get(), QStringLiteral("sign-in"));
        lock->panel()->passwordEdit()->setText(testutil::demoPassword());
        lock->panel()->submit();
        QVERIFY(!lock->isLocked());
        QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
    }
    void caseView()
    {
        m_problems.clear();
        CaseListModel *model = m_window->cases()->listPanel()->model();
        QTRY_VERIFY(model->rowCount() > 0);
        CaseDialog *dialog = m_window->cases()->openCase(
            model->index(0, 0).data(CaseListModel::UuidRole).toString());
        QVERIFY(dialog);
        QTest::qWait(200);
        for (int i = 0; i < 100 && dialog->frameGeometry().size().isEmpty(); ++i)
            QTest::qWait(50);
        inspect(dialog, QStringLiteral("case"));
        dialog->close();
        QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
    }
    void completionPopupGivesTheClickToTheMap()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        MapCanvas *canvas = m_window->canvas();
        canvas->zoomToFullExtent();
        canvas->setSelection({});
        SearchBox *box = m_window->searchBox();
        box->setFocus();
        box->clear();
        QTest::keyClicks(box, QStringLiteral("44030400"));
        QWidget *popup = box->popup();
        QTRY_VERIFY(popup->isVisible());
        // a click on a cell closes the popup and selects the cell: the click is not lost
        const MapFeature &cell = canvas->gridMap().cells->features.at(30);
        const QPoint at = canvas->view().toScreen(cell.labelPoint).toPoint();
        QTest::mouseClick(canvas, Qt::LeftButton, {}, at);
        QTRY_VERIFY(!popup->isVisible());
        QTRY_COMPARE(canvas->selection().code, cell.code);
        // where the list holds the mouse (a real X server), the press reaches the list first:
        // it closes and hands the press on to the map
        canvas->setSelection({});
        box->setFocus();
        box->clear();
        QTest::keyClicks(box, QStringLiteral("44030400"));
        QTRY_VERIFY(popup->isVisible());
        const MapFeature &other = canvas->gridMap().cells->features.at(60);
        const QPoint there = canvas->view().toScreen(other.labelPoint).toPoint();
        const QPointF global = canvas->mapToGlobal(QPointF(there));
        QMouseEvent press(QEvent::MouseButtonPress, popup->mapFromGlobal(global), global,
                          Qt::LeftButton, Qt::LeftButton, {});
        QApplication::sendEvent(popup, &press);
        QVERIFY(!popup->isVisible());
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, there);
        QTRY_COMPARE(canvas->selection().code, other.code);
    }
    void summary() { qInfo("%d windows, panels and tabs inspected", m_checked); }
};

QTEST_MAIN(TestWindowWalk)
#include "tst_windowwalk.moc"
