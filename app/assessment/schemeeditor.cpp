// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/schemeeditor.h"

#include "assessment/assessmentfigures.h"
#include "assessment/assessmentschemes.h"
#include "shell/errordialog.h"
#include "widgets/screenfit.h"
#include "widgets/tablefit.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace citygrid {

namespace {

constexpr int PathRole = Qt::UserRole + 1; ///< QList<int>{first, second, point}, shorter above

QDoubleSpinBox *spin(QWidget *parent, double lo, double hi, double step, int decimals)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(lo, hi);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    return box;
}

double numberOf(const QTreeWidgetItem *item, int column)
{
    bool ok = false;
    const double v = item->text(column).trimmed().toDouble(&ok);
    return ok ? v : qQNaN();
}

} // namespace

SchemeEditor::SchemeEditor(AssessmentStore &store, const AssessmentScheme &current,
                           const AssessmentScheme &bundled, const QString &userId, QWidget *parent)
    : QDialog(parent), m_store(store), m_base(current), m_bundled(bundled), m_userId(userId),
      m_tree(new QTreeWidget(this)), m_internal(spin(this, 0, 1, 0.05, 2)),
      m_note(new QLineEdit(this))
{
    setWindowTitle(tr("\"7+1\" assessment scheme"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("ID"), tr("Name"), tr("Name (English)"), tr("Weight"), tr("Max"),
                             tr("Full marks at"), tr("No marks at"), tr("How it is scored")});
    m_tree->setAlternatingRowColors(true);
    TableFit::install(m_tree, m_tree->header(), Name);

    auto *rules = new QGroupBox(tr("Rules"), this);
    auto *form = new QFormLayout(rules);
    form->addRow(tr("Internal share (external = 1 − internal)"), m_internal);
    const QString answers[3] = {tr("Satisfied counts"), tr("Basically satisfied counts"),
                                tr("Dissatisfied counts")};
    for (int i = 0; i < 3; ++i) {
        m_satisfaction[i] = spin(this, 0, 1, 0.05, 2);
        form->addRow(answers[i], m_satisfaction[i]);
    }
    const QString difficulty[4] = {tr("Non-registered share for the low coefficient"),
                                   tr("Non-registered share for the high coefficient"),
                                   tr("Low coefficient"), tr("High coefficient")};
    for (int i = 0; i < 4; ++i) {
        m_difficulty[i] = spin(this, 0, i < 2 ? 1 : 3, i < 2 ? 0.01 : 0.01, 3);
        form->addRow(difficulty[i], m_difficulty[i]);
    }
    m_note->setPlaceholderText(tr("What changed and why (kept with the version)"));
    form->addRow(tr("Note"), m_note);

    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("Double-click a name, weight, maximum or mark to change it. The "
                               "weights of each level must add up to the weight above them and "
                               "the first level to 100. Saving makes a new version; published "
                               "months keep the version they were scored on."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addWidget(m_tree, 1);
    layout->addWidget(rules);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *reset = buttons->addButton(tr("Default scheme"), QDialogButtonBox::ResetRole);
    connect(reset, &QPushButton::clicked, this, [this] { load(m_bundled); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    load(current);
    if (current.isDefault())
        setWindowTitle(tr("\"7+1\" assessment scheme (the default)"));
    screenfit::resize(this, QSize(1100, 760));
}

void SchemeEditor::load(const AssessmentScheme &scheme)
{
    m_base = scheme;
    m_tree->clear();
    const auto editable = [](QTreeWidgetItem *item) {
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    };
    const auto &first = scheme.indicators();
    for (int f = 0; f < first.size(); ++f) {
        auto *fi = new QTreeWidgetItem(m_tree, {first[f].id, first[f].name, first[f].nameEn,
                                                QString::number(first[f].weight)});
        fi->setData(Id, PathRole, QVariant::fromValue(QList<int>{f}));
        QFont bold = fi->font(Name);
        bold.setBold(true);
        fi->setFont(Name, bold);
        editable(fi);
        for (int s = 0; s < first[f].children.size(); ++s) {
            const auto &sec = first[f].children[s];
            auto *si = new QTreeWidgetItem(
                fi, {sec.id, sec.name, sec.nameEn, QString::number(sec.weight)});
            si->setData(Id, PathRole, QVariant::fromValue(QList<int>{f, s}));
            editable(si);
            for (int p = 0; p < sec.points.size(); ++p) {
                const auto &pt = sec.points[p];
                QString how;
                switch (pt.method) {
                case AssessmentScheme::Method::Checklist:
                    how = pt.internal && pt.external ? tr("checklist: internal and external")
                          : pt.internal              ? tr("checklist: internal")
                                                     : tr("checklist: external");
                    break;
                case AssessmentScheme::Method::Computed:
                    how = tr("computed: %1").arg(AssessmentFigures::name(pt.figure));
                    break;
                case AssessmentScheme::Method::Survey:
                    how = tr("survey: %1").arg(pt.survey);
                    break;
                }
                const bool computed = pt.method == AssessmentScheme::Method::Computed;
                auto *pi = new QTreeWidgetItem(
                    si, {pt.id, pt.name, pt.nameEn, QString::number(pt.weight),
                         QString::number(pt.max), computed ? QString::number(pt.fullAt) : QString(),
                         computed ? QString::number(pt.zeroAt) : QString(), how});
                pi->setData(Id, PathRole, QVariant::fromValue(QList<int>{f, s, p}));
                pi->setToolTip(Name, pt.evidence);
                editable(pi);
            }
        }
    }
    m_tree->expandAll();
    for (int c = 0; c < ColumnCount; ++c)
        if (c != Name)
            m_tree->resizeColumnToContents(c);
    m_internal->setValue(scheme.internalWeight());
    const auto &sat = scheme.satisfaction();
    m_satisfaction[0]->setValue(sat.satisfied);
    m_satisfaction[1]->setValue(sat.basicallySatisfied);
    m_satisfaction[2]->setValue(sat.dissatisfied);
    const auto &d = scheme.difficulty();
    m_difficulty[0]->setValue(d.shareLow);
    m_difficulty[1]->setValue(d.shareHigh);
    m_difficulty[2]->setValue(d.coefficientLow);
    m_difficulty[3]->setValue(d.coefficientHigh);
}

AssessmentScheme SchemeEditor::edited() const
{
    AssessmentScheme s = m_base;
    auto &first = s.indicators();
    QTreeWidgetItemIterator it(m_tree);
    for (; *it; ++it) {
        const QTreeWidgetItem *item = *it;
        const QList<int> path = item->data(Id, PathRole).value<QList<int>>();
        const QString name = item->text(Name).trimmed(), nameEn = item->text(NameEn).trimmed();
        const double weight = numberOf(item, Weight);
        if (path.size() == 1) {
            auto &f = first[path[0]];
            f.name = name;
            f.nameEn = nameEn;
            f.weight = weight;
        } else if (path.size() == 2) {
            auto &sec = first[path[0]].children[path[1]];
            sec.name = name;
            sec.nameEn = nameEn;
            sec.weight = weight;
        } else if (path.size() == 3) {
            auto &p = first[path[0]].children[path[1]].points[path[2]];
            p.name = name;
            p.nameEn = nameEn;
            p.weight = weight;
            p.max = numberOf(item, Max);
            if (p.method == AssessmentScheme::Method::Computed) {
                p.fullAt = numberOf(item, FullAt);
                p.zeroAt = numberOf(item, ZeroAt);
            }
        }
    }
    s.setCombination(m_internal->value(), 1 - m_internal->value());
    s.setSatisfaction(
        {m_satisfaction[0]->value(), m_satisfaction[1]->value(), m_satisfaction[2]->value()});
    s.setDifficulty({m_difficulty[0]->value(), m_difficulty[1]->value(), m_difficulty[2]->value(),
                     m_difficulty[3]->value()});
    // still "the default" only while nothing differs from the bundled scheme
    s.setDefault(true);
    s.setDefault(s.toJson() == m_bundled.toJson());
    return s;
}

Result<int> SchemeEditor::save()
{
    return AssessmentSchemes(m_store.store())
        .save(edited(), ActingUser{m_userId, &m_store.roles()}, m_note->text().trimmed(),
              QDateTime::currentDateTime());
}

void SchemeEditor::accept()
{
    if (auto r = save(); !r) {
        showError(this, r.error());
        return;
    }
    QDialog::accept();
}

} // namespace citygrid
