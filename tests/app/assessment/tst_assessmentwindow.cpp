// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "assessment/assessmentgridmodel.h"
#include "assessment/assessmentpopulation.h"
#include "assessment/assessmentrankingview.h"
#include "assessment/assessmentschemes.h"
#include "assessment/assessmentwindow.h"
#include "assessment/populationview.h"
#include "assessment/schemeeditor.h"
#include "assessment/scorecardview.h"
#include "assessment/scoreentrydialog.h"
#include "assessmentfixture.h"
#include "map/mapcanvas.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <QTreeWidget>

using namespace citygrid;

/// The "7+1" assessment as the assessment team and the leader use it: a month scored in the grid
/// (one score through the entry dialog), submitted, published by the leader only, corrected with
/// a reason; the ranking, score cards, population and history; the bulletin from the window and
/// from `citygrid assess`; the scheme edited into a new version.
class TestAssessmentWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    const QDateTime m_now{QDate(2026, 11, 20), QTime(10, 0), QTimeZone(8 * 3600)};
    const QDate m_october{2026, 10, 1};
    QString m_store;

    AssessmentWindow *assessment() { return m_window->assessment(); }
    CaseSession &session() { return m_window->cases()->session(); }
    QModelIndex cell(const QString &point, int column)
    {
        AssessmentGridModel *model = assessment()->gridModel();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->pointAt(row)->id == point)
                return model->index(row, column);
        return {};
    }
    /// Runs `fill` on the entry dialog that editCell opens, then lets it close.
    void throughDialog(const QModelIndex &index,
                       const std::function<void(ScoreEntryDialog &)> &fill)
    {
        bool seen = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ScoreEntryDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            seen = true;
            fill(*dialog);
            if (dialog->isVisible())
                dialog->reject();
        });
        assessment()->editCell(index);
        QVERIFY(seen);
    }
    using Run = testutil::CitygridRun;
    Run citygrid(const QStringList &arguments)
    {
        return testutil::runCitygrid(QStringLiteral(CITYGRID_EXECUTABLE), arguments, m_dir.path());
    }

private slots:
    void initTestCase()
    {
        m_store = m_dir.filePath(QStringLiteral("a.gpkg"));
        m_window = testutil::demoWindow(m_store, 3000, 5, m_now);
        QVERIFY(m_window);
        session().setUserId(QStringLiteral("sv01"));
        AssessmentWindow *w = m_window->showAssessment();
        QVERIFY(w);
        w->setMonth(m_october);
        QTRY_VERIFY_WITH_TIMEOUT(w->isReady(), 30000);
    }

    void gridShowsWhatIsMissing()
    {
        AssessmentGridModel *model = assessment()->gridModel();
        QAbstractItemModelTester tester(model);
        QCOMPARE(model->rowCount(), 40);
        QCOMPARE(model->columnCount(), 10);
        // only the computed points (7 of 40) have values before anyone scores
        QCOMPARE(assessment()->progress()->value(), 70);
        QCOMPARE(assessment()->progress()->maximum(), 400);
        QVERIFY(model->data(cell(QStringLiteral("1.1.1"), 0), AssessmentGridModel::MissingRole)
                    .toBool());
        QVERIFY(!model->data(cell(QStringLiteral("7.1.1"), 0), AssessmentGridModel::MissingRole)
                     .toBool());
        QVERIFY(model->data(cell(QStringLiteral("7.1.1"), 0), Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("100")));
        auto refused = assessment()->submit();
        QCOMPARE(refused.error().code, QStringLiteral("assessment.incomplete"));
    }

    void scoreThroughTheDialog()
    {
        const QModelIndex index = cell(QStringLiteral("1.1.1"), 0);
        throughDialog(index, [](ScoreEntryDialog &d) {
            QVERIFY(!d.isCorrection());
            // a score above the maximum cannot be typed; an empty evaluator is refused
            QCOMPARE(d.scoreBox()->maximum(), 10.0);
            d.evaluatorEdit()->clear();
            d.scoreBox()->setValue(7.5);
            QCOMPARE(d.save().error().code, QStringLiteral("assessment.bad-score"));
            d.evaluatorEdit()->setText(QStringLiteral("考评组 林"));
            d.noteEdit()->setText(QStringLiteral("排班表缺两天"));
            d.accept();
            QVERIFY(!d.isVisible());
        });
        QCOMPARE(assessment()->gridModel()->data(index).toString(), QStringLiteral("7.5"));
        QCOMPARE(assessment()->progress()->value(), 71);
        // a survey cell takes the three counts
        throughDialog(cell(QStringLiteral("8.1.1"), 0), [](ScoreEntryDialog &d) {
            QVERIFY(d.isSurvey());
            d.surveyBox(0)->setValue(90);
            d.surveyBox(1)->setValue(10);
            d.surveyBox(2)->setValue(0);
            d.accept();
        });
        // (90 + 10 x 0.6) / 100 of 10
        QCOMPARE(assessment()->gridModel()->data(cell(QStringLiteral("8.1.1"), 0)).toString(),
                 QStringLiteral("9.6"));
    }

    void submitAndPublishByRole()
    {
        AssessmentStore store(m_window->cases()->session().context().store(),
                              m_window->cases()->session().context().catalogues().roles);
        const QStringList codes = assessment()->gridModel()->sheet().subdistricts;
        QHash<QString, double> share;
        for (int i = 0; i < codes.size(); ++i)
            share[codes[i]] = 0.95 - 0.04 * i;
        testutil::fillAssessmentMonth(store, m_october, codes, share,
                                      session().context().assessmentDefaults().scheme, m_now);
        assessment()->refresh();
        QCOMPARE(assessment()->progress()->value(), 400);
        // an operator does not score; the supervisor submits
        session().setUserId(QStringLiteral("op01"));
        QCOMPARE(assessment()->submit().error().code, QStringLiteral("assessment.role"));
        QVERIFY(!assessment()->button(QStringLiteral("submit"))->isEnabled());
        session().setUserId(QStringLiteral("sv01"));
        QVERIFY(assessment()->button(QStringLiteral("submit"))->isEnabled());
        QVERIFY(assessment()->submit());
        assessment()->refresh();
        QCOMPARE(assessment()->state().state, AssessmentStore::State::Review);
        // only the leader publishes
        QCOMPARE(assessment()->publish().error().code, QStringLiteral("assessment.role"));
        QVERIFY(!assessment()->button(QStringLiteral("publish"))->isEnabled());
        session().setUserId(QStringLiteral("ld01"));
        QVERIFY(assessment()->button(QStringLiteral("publish"))->isEnabled());
        QVERIFY(assessment()->publish());
        assessment()->refresh();
        QCOMPARE(assessment()->state().state, AssessmentStore::State::Published);
        QCOMPARE(assessment()->state().revision, 1);

        QTableWidget *table = assessment()->rankingView()->table();
        QCOMPARE(table->rowCount(), 10);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("1"));
        QTRY_VERIFY_WITH_TIMEOUT(assessment()->isReady(), 20000);
        // the map shows the ranks: the best team's area is drawn in the darkest class
        QVERIFY(!assessment()->rankingView()->canvas()->renderedImage().isNull());
        // the score card of the first team names its weakest points
        ScoreCardView *cards = assessment()->scoreCards();
        QCOMPARE(cards->indicatorTable()->rowCount(), 8);
        QCOMPARE(cards->pointTable()->rowCount(), 40);
        QVERIFY(cards->summary()->text().contains(QStringLiteral("<b>")));
    }

    void correctionNeedsAReasonAndKeepsTheOldRanking()
    {
        session().setUserId(QStringLiteral("ld01"));
        throughDialog(cell(QStringLiteral("6.2.1"), 9), [](ScoreEntryDialog &d) {
            QVERIFY(d.isCorrection());
            d.evaluatorEdit()->setText(QStringLiteral("考评组"));
            d.scoreBox()->setValue(10);
            QCOMPARE(d.save().error().code, QStringLiteral("assessment.no-reason"));
            d.reasonEdit()->setText(QStringLiteral("案卷评查漏计"));
            d.accept();
        });
        QCOMPARE(assessment()->state().revision, 2);
        QComboBox *revisions = assessment()->rankingView()->revisionBox();
        QCOMPARE(revisions->count(), 2);
        QTableWidget *history = assessment()->historyTable();
        QCOMPARE(history->rowCount(), 3); // submitted, published, corrected
        QVERIFY(history->item(2, 3)->text().contains(QStringLiteral("案卷评查漏计")));
        QCOMPARE(history->item(2, 1)->text(), QStringLiteral("孙伟"));
    }

    void bulletinFromTheWindowAndTheCommand()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("window.pdf"));
        QVERIFY(assessment()->writeBulletin(pdf));
        QVERIFY(testutil::pdfText(pdf).contains(QStringLiteral("2026")));

        const QString en = m_dir.filePath(QStringLiteral("en.pdf"));
        Run r = citygrid({QStringLiteral("assess"), QStringLiteral("report"),
                          QStringLiteral("--store"), m_store, QStringLiteral("--lang"),
                          QStringLiteral("en"), QStringLiteral("--month"),
                          QStringLiteral("2026-10"), QStringLiteral("--out"), en});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("revision 2")));
        const QString text = testutil::pdfText(en);
        for (const char *words :
             {"assessment bulletin", "1. Ranking", "Adjusted score", "Coefficient",
              "2. Scores by first-level indicator", "3. Difficulty coefficients", "Non-registered",
              "4. Corrections after publication", "Futian Subdistrict"})
            QVERIFY2(text.contains(QLatin1String(words)), words);
        // nothing is cut: no header or name ends in an ellipsis
        QVERIFY2(!text.contains(QChar(0x2026)), qPrintable(text));

        const QString zh = m_dir.filePath(QStringLiteral("zh.pdf"));
        r = citygrid({QStringLiteral("assess"), QStringLiteral("report"), QStringLiteral("--store"),
                      m_store, QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                      QStringLiteral("--month"), QStringLiteral("2026-10"), QStringLiteral("--out"),
                      zh});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QString zhText = testutil::pdfText(zh);
        for (const QString &words : {QStringLiteral("测评通报"), QStringLiteral("难度系数"),
                                     QStringLiteral("福田街道"), QStringLiteral("调整后得分")})
            QVERIFY2(zhText.contains(words), qPrintable(words));
        QVERIFY2(testutil::firstRadical(zhText).isNull(),
                 qPrintable(QStringLiteral("U+%1 in the text")
                                .arg(testutil::firstRadical(zhText).unicode(), 4, 16)));

        const QString xlsx = m_dir.filePath(QStringLiteral("b.xlsx"));
        r = citygrid({QStringLiteral("assess"), QStringLiteral("report"), QStringLiteral("--store"),
                      m_store, QStringLiteral("--month"), QStringLiteral("2026-10"),
                      QStringLiteral("--out"), xlsx});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY(QFile(xlsx).size() > 2000);

        // a draft month gets a provisional bulletin, clearly marked
        const QString draft = m_dir.filePath(QStringLiteral("draft.pdf"));
        r = citygrid({QStringLiteral("assess"), QStringLiteral("report"), QStringLiteral("--store"),
                      m_store, QStringLiteral("--lang"), QStringLiteral("en"),
                      QStringLiteral("--month"), QStringLiteral("2026-11"), QStringLiteral("--out"),
                      draft});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY(testutil::pdfText(draft).contains(QStringLiteral("PROVISIONAL")));

        // bad input: nothing written, a message that says what to give
        const QString bad = m_dir.filePath(QStringLiteral("bad.pdf"));
        r = citygrid({QStringLiteral("assess"), QStringLiteral("report"), QStringLiteral("--store"),
                      m_store, QStringLiteral("--lang"), QStringLiteral("en"),
                      QStringLiteral("--month"), QStringLiteral("2026-13"), QStringLiteral("--out"),
                      bad});
        QVERIFY(r.status != 0);
        QVERIFY(r.err.contains(QStringLiteral("2026-10")));
        QVERIFY(!QFile::exists(bad));
        r = citygrid({QStringLiteral("assess"), QStringLiteral("report"), QStringLiteral("--store"),
                      m_store, QStringLiteral("--lang"), QStringLiteral("en"),
                      QStringLiteral("--month"), QStringLiteral("2026-10"), QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("b.docx"))});
        QVERIFY(r.status != 0);
        QVERIFY(r.err.contains(QStringLiteral(".xlsx")));
        r = citygrid({QStringLiteral("assess"), QStringLiteral("status"), QStringLiteral("--store"),
                      m_store, QStringLiteral("--lang"), QStringLiteral("en"),
                      QStringLiteral("--month"), QStringLiteral("2026-10")});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("400 of 400")));
    }

    void populationChangesTheCoefficient()
    {
        PopulationView *view = assessment()->populationView();
        QTableWidget *table = view->table();
        QCOMPARE(table->rowCount(), 10);
        // a supervisor scores but does not decide: the figures are shown, not offered for change,
        // and the core refuses them whoever asks
        session().setUserId(QStringLiteral("sv01"));
        assessment()->refresh();
        QVERIFY(!view->saveButton()->isEnabled());
        QVERIFY(view->saveButton()->toolTip().contains(QStringLiteral("Leader")) ||
                view->saveButton()->toolTip().contains(QStringLiteral("领导")));
        QCOMPARE(table->editTriggers(),
                 QAbstractItemView::EditTriggers(QAbstractItemView::NoEditTriggers));
        QCOMPARE(view->save().error().code, QStringLiteral("permission.right"));
        session().setUserId(QStringLiteral("ld01"));
        assessment()->refresh();
        QVERIFY(view->saveButton()->isEnabled());
        QVERIFY(table->editTriggers() != QAbstractItemView::NoEditTriggers);
        // the next year, where nothing is entered yet, starts from the grid's figures
        view->yearBox()->setValue(2027);
        table->item(0, 1)->setText(QStringLiteral("900"));
        table->item(0, 2)->setText(QStringLiteral("100")); // 10 %: the low coefficient
        QCOMPARE(table->item(0, 4)->text(), QStringLiteral("1.000"));
        table->item(0, 2)->setText(QStringLiteral("x"));
        QCOMPARE(view->save().error().code, QStringLiteral("assessment.bad-population"));
        table->item(0, 1)->setText(QStringLiteral("500"));
        table->item(0, 2)->setText(QStringLiteral("500")); // 50 %: the high coefficient
        QCOMPARE(table->item(0, 4)->text(), QStringLiteral("1.100"));
        QVERIFY(view->save());
        AssessmentStore store(session().context().store(), session().context().catalogues().roles);
        const QString code = assessment()->gridModel()->sheet().subdistricts.first();
        QCOMPARE(AssessmentPopulation(store.store()).of(2027).value().value(code),
                 (Population{500, 500}));
        // 2026, which October was published on, is unchanged
        QVERIFY(AssessmentPopulation(store.store()).of(2026).value().value(code) !=
                (Population{500, 500}));
        // and a published month keeps the population it was submitted with
        const Population before = assessment()->gridModel()->sheet().population.value(code);
        view->yearBox()->setValue(2026);
        table->item(0, 1)->setText(QStringLiteral("100"));
        table->item(0, 2)->setText(QStringLiteral("900"));
        QVERIFY(view->save());
        QCOMPARE(AssessmentPopulation(store.store()).of(2026).value().value(code),
                 (Population{100, 900}));
        assessment()->refresh();
        QCOMPARE(assessment()->gridModel()->sheet().population.value(code), before);
    }

    void schemeEditorSavesANewVersion()
    {
        AssessmentStore store(session().context().store(), session().context().catalogues().roles);
        SchemeEditor editor(store, assessment()->gridModel()->sheet().scheme,
                            session().context().assessmentDefaults().scheme,
                            QStringLiteral("ld01"));
        QTreeWidget *tree = editor.tree();
        QCOMPARE(tree->topLevelItemCount(), 8);
        QTreeWidgetItem *organisation = tree->topLevelItem(0);
        organisation->setText(SchemeEditor::Weight, QStringLiteral("12"));
        auto refused = editor.save();
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("12")));
        organisation->setText(SchemeEditor::Weight, QStringLiteral("10"));
        organisation->child(0)->child(0)->setText(SchemeEditor::Name, QStringLiteral("岗位责任制"));
        editor.noteEdit()->setText(QStringLiteral("renamed 1.1.1"));
        auto saved = editor.save();
        QVERIFY(saved);
        QCOMPARE(saved.value(), 2);
        const AssessmentScheme fallback = session().context().assessmentDefaults().scheme;
        QCOMPARE(store.month(QDate(2026, 11, 1), fallback).value().schemeVersion, 2);
        QCOMPARE(store.month(m_october, fallback).value().schemeVersion, 1);
        QCOMPARE(
            AssessmentSchemes(store.store()).scheme(2).value().point(QStringLiteral("1.1.1"))->name,
            QStringLiteral("岗位责任制"));
        QVERIFY(AssessmentSchemes(store.store()).scheme(1).value().isDefault());
        QVERIFY(!AssessmentSchemes(store.store()).scheme(2).value().isDefault());
    }
};

QTEST_MAIN(TestAssessmentWindow)
#include "tst_assessmentwindow.moc"
