// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "cases/alertspanel.h"
#include "cases/casedialog.h"
#include "cases/caselistmodel.h"
#include "cases/caselistpanel.h"
#include "cases/caseworkspace.h"
#include "cases/categorypicker.h"
#include "cases/cellcasespanel.h"
#include "cases/newcasedialog.h"
#include "cases/newcasetool.h"
#include "cases/stepform.h"
#include "crs/crstransform.h"
#include "map/caselayer.h"
#include "services/appcontext.h"
#include "shell/mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace citygrid;

namespace {

/// Runs `fill` on the modal dialog of type T as soon as it is open.
template <typename T> void whenOpen(std::function<void(T *)> fill)
{
    auto *poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, fill] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            poll->stop();
            poll->deleteLater();
            fill(dialog);
        }
    });
    poll->start();
}

} // namespace

/// One case through the whole loop with the widgets, as the operators, the unit and the inspector
/// would click it: created on the map, dispatched, handled, failed at verification, reworked,
/// verified and closed; the list, the area panel and the map symbol checked at every step.
class TestCaseLoop : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_uuid;
    QString m_cell;
    QDateTime m_now = QDateTime(QDate(2026, 11, 25), QTime(9, 30), Qt::OffsetFromUTC, 8 * 3600);

    CaseWorkspace *cases() const { return m_window->cases(); }
    MapCanvas *canvas() const { return m_window->canvas(); }

    /// Takes `step` as `user` through the case view and its form.
    /// `user` "staff": the staff of the unit the case is dispatched to.
    void take(const char *user, CaseStep step, const QString &note = {})
    {
        m_now = m_now.addSecs(45 * 60);
        const QString name =
            QLatin1String(user) == QLatin1String("staff")
                ? testutil::demoStaffOf(cases()->session().store().find(m_uuid).value().unitId)
                : QString::fromLatin1(user);
        cases()->session().setUserId(name);
        CaseDialog *dialog = cases()->openCase(m_uuid);
        QVERIFY(dialog);
        QVERIFY2(dialog->offeredSteps().contains(CaseVocabulary::id(step)),
                 qPrintable(dialog->offeredSteps().join(u' ')));
        whenOpen<StepForm>([note](StepForm *form) {
            form->noteEdit()->setPlainText(note);
            form->accept();
        });
        dialog->startStep(step);
    }

    /// The case as the list, the area panel and the map show it.
    void checkShown(CaseState state)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!cases()->layer()->isLoading(), 20000);
        const QString name = CaseVocabulary::displayName(state);
        CaseListModel *model = cases()->listPanel()->model();
        const int row = model->rowOf(m_uuid);
        QVERIFY(row >= 0);
        QVERIFY2(model->index(row, CaseListModel::State).data().toString().startsWith(name),
                 qPrintable(model->index(row, CaseListModel::State).data().toString()));
        // a column too narrow for its text elides it: the tooltip has it whole
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex cell = model->index(row, column);
            QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(cell.data().toString()),
                     qPrintable(QString::number(column)));
        }

        QTreeWidget *panel = cases()->cellPanel()->list();
        QCOMPARE(panel->topLevelItemCount(), 1);
        QCOMPARE(panel->topLevelItem(0)->text(1), name);

        // the symbol, in the colour of the state, where the case is (once the layer, which reads
        // the cases off the GUI thread, has read it)
        QTRY_VERIFY_WITH_TIMEOUT(cases()->layer()->positionOf(m_uuid).has_value(), 20000);
        const auto at = cases()->layer()->positionOf(m_uuid);
        QVERIFY(at);
        const QPointF screen = canvas()->view().toScreen(*at);
        QCOMPARE(cases()->layer()->caseAt(screen, canvas()->view()), m_uuid);
        cases()->layer()->setHighlight({});
        // the canvas renders the symbols with the map, off the GUI thread, and may start again
        // when the layer has read the case afresh: the mark shows once the frame is done
        const QColor expected = CaseMarks::stateColour(state);
        QColor pixel;
        const auto shown = [&] {
            if (canvas()->isRendering())
                return false;
            const QImage shot = canvas()->grab().toImage();
            pixel = shot.pixelColor((screen * shot.devicePixelRatio()).toPoint());
            return qAbs(pixel.red() - expected.red()) < 12 &&
                   qAbs(pixel.green() - expected.green()) < 12 &&
                   qAbs(pixel.blue() - expected.blue()) < 12;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(
            shown(), qPrintable(pixel.name() + QStringLiteral(" vs ") + expected.name()), 20000);
    }

private slots:
    void countBubblesKeepClearOfLabels()
    {
        // a bubble that would sit on a subdistrict's name moves below it (or above)
        const QList<QRectF> labels{QRectF(100, 100, 80, 20), QRectF(100, 160, 80, 20)};
        for (const double radius : {8.0, 14.0, 26.0}) {
            const QPointF at = CaseMarks::clearOf(QPointF(140, 110), radius, labels);
            const QRectF area(at.x() - radius, at.y() - radius - 9, 2 * radius + 14,
                              2 * radius + 9);
            for (const QRectF &label : labels)
                QVERIFY2(
                    !label.intersects(area),
                    qPrintable(
                        QStringLiteral("radius %1 at %2,%3").arg(radius).arg(at.x()).arg(at.y())));
        }
        // one in the clear stays where its cell is
        QCOMPARE(CaseMarks::clearOf(QPointF(400, 400), 10, labels), QPointF(400, 400));
    }
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto context = testutil::openWithDemoAccounts(m_dir.filePath(QStringLiteral("loop.gpkg")));
        QVERIFY(context.ok());
        m_window = std::make_unique<MainWindow>(std::move(context).value());
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        cases()->session().setClock([this] { return m_now; });
        cases()->listPanel()->model()->refresh();
    }
    void createOnTheMap()
    {
        // Zoom to a street-level view of a cell and click inside it with the new-case tool.
        const MapFeature &cell = canvas()->gridMap().cells->features.at(60);
        m_cell = cell.code;
        MapView view = canvas()->view();
        view.center = cell.labelPoint;
        view.unitsPerPixel = 1.0;
        canvas()->setView(view);
        cases()->session().setUserId(QStringLiteral("op01"));
        cases()->newCaseAction()->trigger();
        QCOMPARE(canvas()->tool(), static_cast<MapTool *>(cases()->newCaseTool()));
        whenOpen<NewCaseDialog>([](NewCaseDialog *dialog) {
            dialog->setDuplicateAnswer(false);
            // pinyin initials of 暴露垃圾, as an operator types them
            QTest::keyClicks(dialog->categoryPicker()->searchEdit(), QStringLiteral("bllj"));
            dialog->descriptionEdit()->setPlainText(QStringLiteral("路口垃圾堆放"));
            dialog->accept();
        });
        const QPoint click = canvas()->view().toScreen(cell.labelPoint).toPoint();
        QTest::mouseClick(canvas(), Qt::LeftButton, {}, click);
        auto listed = cases()->session().store().list();
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().size(), 1);
        const CaseRecord &created = listed.value().first();
        m_uuid = created.uuid;
        QCOMPARE(created.categoryId, QStringLiteral("E0102"));
        QCOMPARE(created.cellCode, m_cell);
        QCOMPARE(created.description, QStringLiteral("路口垃圾堆放"));
        // the tool went back to browsing; the case view opened
        QVERIFY(canvas()->tool() != static_cast<MapTool *>(cases()->newCaseTool()));
        QVERIFY(cases()->openCase(m_uuid)->isVisible());
        m_window->selectArea(m_cell, false);
        checkShown(CaseState::Reported);
    }
    void fileAndDispatch()
    {
        take("op01", CaseStep::File);
        checkShown(CaseState::Filed);
        // the operator dispatches; the form proposes the catalogue's unit
        take("op01", CaseStep::Dispatch);
        checkShown(CaseState::Dispatched);
        const CaseRecord r = cases()->openCase(m_uuid)->record();
        QVERIFY(!r.unitId.isEmpty());
        QVERIFY(r.dueAt > m_now);
    }
    void unitStaffSeeOnlyTheirSteps()
    {
        const CaseRecord dispatched = cases()->openCase(m_uuid)->record();
        cases()->session().setUserId(testutil::demoStaffOf(dispatched.unitId));
        const QStringList offered = cases()->openCase(m_uuid)->offeredSteps();
        QVERIFY(offered.contains(QStringLiteral("feedback")));
        // opening it acknowledged its receipt (签收), once, and is not a step to take by hand
        QVERIFY(!offered.contains(QStringLiteral("acknowledge")));
        const auto acknowledgements = [this] {
            const auto history = cases()->session().store().history(m_uuid).value();
            return std::count_if(history.cbegin(), history.cend(), [](const CaseEvent &e) {
                return e.step == QLatin1String("acknowledge");
            });
        };
        QCOMPARE(acknowledgements(), 1);
        QVERIFY(cases()->openCase(m_uuid));
        QCOMPARE(acknowledgements(), 1);
        QVERIFY(!offered.contains(QStringLiteral("close")));
        QVERIFY(!offered.contains(QStringLiteral("verify_pass")));
        // and a leader sees none
        cases()->session().setUserId(QStringLiteral("ld01"));
        CaseDialog *dialog = cases()->openCase(m_uuid);
        QVERIFY(dialog->offeredSteps().isEmpty());
        // ... and is told why: the steps the case waits for and the roles that take them
        const QString why = cases()->session().whyNoStep(dialog->record());
        QVERIFY(why.contains(cases()->session().onlyWho(CaseStep::Feedback)));
        QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("stepsLabel"))->text().contains(why),
                 qPrintable(why));
        // those steps are shown, disabled, each saying who may take it
        auto *feedback = dialog->findChild<QPushButton *>(QStringLiteral("refused_feedback"));
        QVERIFY(feedback && !feedback->isEnabled());
        QCOMPARE(feedback->toolTip(), cases()->session().onlyWho(CaseStep::Feedback));
        // a leader may not report: New case is disabled before they start, saying who may
        QVERIFY(!cases()->newCaseAction()->isEnabled());
        QVERIFY(cases()->newCaseAction()->toolTip().contains(
            cases()->session().onlyWho(CaseStep::Report)));
        cases()->session().setUserId(QStringLiteral("op01"));
        QVERIFY(cases()->newCaseAction()->isEnabled());
        // op01 dispatched it: the unit's acknowledgement is a new notification
        AlertsPanel *alerts = cases()->alertsPanel();
        QCOMPARE(alerts->list()->topLevelItemCount(), 1);
        QCOMPARE(alerts->alerts().first().kind, CaseAlert::Kind::Acknowledged);
        QCOMPARE(alerts->alerts().first().caseUuid, m_uuid);
        QCOMPARE(alerts->unread(), 1);
        QVERIFY(alerts->list()->topLevelItem(0)->font(0).bold());
        QCOMPARE(cases()->alertsAction()->text(), QStringLiteral("Notifications (1)"));
        alerts->markAllRead();
        QCOMPARE(alerts->unread(), 0);
        QCOMPARE(cases()->alertsAction()->text(), QStringLiteral("Notifications"));
        // the leader, who dispatched nothing and is no shift leader, is told nothing
        cases()->session().setUserId(QStringLiteral("ld01"));
        QCOMPARE(alerts->list()->topLevelItemCount(), 0);
        cases()->session().setUserId(QStringLiteral("op01"));
        QVERIFY(cases()
                    ->openCase(m_uuid)
                    ->findChildren<QPushButton *>(QStringLiteral("refused_feedback"))
                    .size() == 1);
    }
    void handleFailRework()
    {
        // the staff of another unit see no step to take, and why
        const QString unit = cases()->openCase(m_uuid)->record().unitId;
        const QString other =
            unit == QLatin1String("U020") ? QStringLiteral("us02") : QStringLiteral("us01");
        const CaseRecord record = cases()->session().store().find(m_uuid).value();
        cases()->session().setUserId(other);
        const QString why = cases()->session().whyNoStep(record);
        QVERIFY2(why.contains(unit), qPrintable(why));
        // nor do they see it: not in their list, and it does not open
        QVERIFY(!cases()->openCase(m_uuid));
        QVERIFY(m_window->statusBar()->currentMessage().contains(unit));
        QTRY_VERIFY_WITH_TIMEOUT(!cases()->layer()->isLoading(), 20000);
        QCOMPARE(cases()->listPanel()->model()->rowOf(m_uuid), -1);
        for (int row = 0; row < cases()->listPanel()->model()->rowCount(); ++row)
            QCOMPARE(cases()->listPanel()->model()->record(row).unitId,
                     other == QLatin1String("us01") ? QStringLiteral("U020")
                                                    : QStringLiteral("U025"));
        take("staff", CaseStep::Feedback, QStringLiteral("已清理"));
        checkShown(CaseState::Handled);
        take("ins01", CaseStep::VerifyFail, QStringLiteral("仍有残留"));
        checkShown(CaseState::Dispatched);
        QCOMPARE(cases()->openCase(m_uuid)->record().status.reworkCount, 1);
        take("staff", CaseStep::Feedback, QStringLiteral("已彻底清理"));
        checkShown(CaseState::Handled);
    }
    void verifyAndClose()
    {
        take("ins01", CaseStep::VerifyPass);
        checkShown(CaseState::Verified);
        take("op01", CaseStep::Close);
        checkShown(CaseState::Closed);
        const CaseRecord r = cases()->openCase(m_uuid)->record();
        QVERIFY(r.onTime.has_value() && *r.onTime);
        // the timeline holds every step: report, file, dispatch, 2 acknowledgements (on each
        // opening by the unit after the case came to it), 2 feedbacks, fail, pass, close
        QCOMPARE(cases()->openCase(m_uuid)->timeline()->topLevelItemCount(), 10);
        QVERIFY(cases()->openCase(m_uuid)->offeredSteps().isEmpty());
    }
    void aVoidNeedsAReason()
    {
        cases()->session().setUserId(QStringLiteral("op01"));
        auto record = cases()->session().store().find(m_uuid);
        StepForm form(cases()->session(), record.value(), CaseStep::Void);
        form.accept();
        QCOMPARE(form.result(), int(QDialog::Rejected)); // still open: no reason given
        form.noteEdit()->setPlainText(QStringLiteral("重复上报"));
        form.accept();
        QCOMPARE(form.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestCaseLoop)
#include "tst_caseloop.moc"
