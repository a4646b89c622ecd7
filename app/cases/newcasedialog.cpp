// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/newcasedialog.h"

#include "cases/attachmentstrip.h"
#include "cases/categorypicker.h"
#include "services/casesession.h"
#include "shell/errordialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace citygrid {

NewCaseDialog::NewCaseDialog(CaseSession &session, CellAt cellAt, PointIn pointIn, QWidget *parent)
    : QDialog(parent), m_session(session), m_cellAt(std::move(cellAt)),
      m_pointIn(std::move(pointIn)), m_lon(new QDoubleSpinBox(this)),
      m_lat(new QDoubleSpinBox(this)), m_cell(new QLineEdit(this)), m_place(new QLabel(this)),
      m_category(new CategoryPicker(session.catalogues().categories, this)),
      m_channel(new QComboBox(this)), m_reporter(new QLineEdit(this)),
      m_description(new QPlainTextEdit(this)), m_photos(new AttachmentStrip(this)),
      m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("newCaseDialog"));
    setWindowTitle(tr("New case"));
    for (QDoubleSpinBox *box : {m_lon, m_lat}) {
        box->setDecimals(6);
        box->setSingleStep(0.0001);
        box->setKeyboardTracking(false);
    }
    m_lon->setRange(-180, 180);
    m_lat->setRange(-90, 90);
    m_lon->setPrefix(tr("lon "));
    m_lat->setPrefix(tr("lat "));
    m_cell->setPlaceholderText(tr("or a cell code"));
    m_cell->setMaxLength(15);
    auto *where = new QHBoxLayout;
    where->addWidget(m_lon);
    where->addWidget(m_lat);
    where->addWidget(m_cell);
    m_place->setWordWrap(true);
    for (const QString &c : CaseSession::channels())
        m_channel->addItem(session.channelName(c), c);
    m_reporter->setPlaceholderText(tr("Name or phone of who reported it (optional)"));
    m_description->setPlaceholderText(tr("What is wrong, and where exactly"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(fontMetrics().height() * 4 + 12);
    m_problem->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Where:"), where);
    form->addRow(QString(), m_place);
    form->addRow(tr("Category:"), m_category);
    form->addRow(tr("Channel:"), m_channel);
    form->addRow(tr("Reporter:"), m_reporter);
    form->addRow(tr("Description:"), m_description);
    form->addRow(tr("Photos:"), m_photos);
    form->addRow(tr("Reported by:"), new QLabel(session.userLabel(session.userId()), this));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Report case"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewCaseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewCaseDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    connect(m_lon, &QDoubleSpinBox::valueChanged, this, &NewCaseDialog::locate);
    connect(m_lat, &QDoubleSpinBox::valueChanged, this, &NewCaseDialog::locate);
    connect(m_cell, &QLineEdit::editingFinished, this, &NewCaseDialog::pickCell);
    m_category->searchEdit()->setFocus();
}

void NewCaseDialog::setPosition(QPointF lonLat)
{
    QSignalBlocker blockLon(m_lon), blockLat(m_lat);
    m_lon->setValue(lonLat.x());
    m_lat->setValue(lonLat.y());
    locate();
}

void NewCaseDialog::locate()
{
    m_cellCode = m_cellAt(QPointF(m_lon->value(), m_lat->value()));
    if (m_cellCode.isEmpty()) {
        m_place->setText(tr("This point lies outside the district's grid."));
        m_place->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        return;
    }
    m_place->setStyleSheet({});
    m_place->setText(m_session.placeName(m_cellCode));
    QSignalBlocker block(m_cell);
    m_cell->setText(m_cellCode);
}

void NewCaseDialog::pickCell()
{
    const QString code = m_cell->text().trimmed();
    if (code.isEmpty() || code == m_cellCode)
        return;
    const auto point = m_pointIn(code);
    if (!point) {
        m_place->setText(tr("There is no cell %1 in the grid.").arg(code));
        m_place->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        return;
    }
    setPosition(*point);
}

NewCase NewCaseDialog::input() const
{
    return {m_category->categoryId(),
            QPointF(m_lon->value(), m_lat->value()),
            m_cellCode,
            m_channel->currentData().toString(),
            m_description->toPlainText().trimmed(),
            m_reporter->text().trimmed(),
            m_photos->attachments()};
}

void NewCaseDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->show();
}

void NewCaseDialog::accept()
{
    const NewCase in = input();
    if (in.cellCode.isEmpty())
        return showProblem(tr("Place the case inside the district: click the map, type its "
                              "coordinates or a cell code."));
    if (in.categoryId.isEmpty())
        return showProblem(tr("Choose the category: type its code, pinyin initials or name."));

    // A report of the same problem as an open case is linked to it rather than filed twice.
    QString duplicateOf;
    auto nearby = m_session.store().possibleDuplicates(in);
    if (nearby && !nearby.value().isEmpty()) {
        const auto &first = nearby.value().first();
        bool link = false;
        if (m_duplicateAnswer) {
            link = *m_duplicateAnswer;
        } else {
            const auto answer = QMessageBox::question(
                this, tr("Possible duplicate"),
                tr("Open case %1 of the same category is %2 m away. Is this the same problem?\n\n"
                   "Yes: record this report and link it to case %1.\nNo: file it as a new case.")
                    .arg(first.caseNo)
                    .arg(first.metres, 0, 'f', 0),
                QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel);
            if (answer == QMessageBox::Cancel)
                return;
            link = answer == QMessageBox::Yes;
        }
        if (link)
            duplicateOf = first.uuid;
    }
    auto record = m_session.report(in);
    if (!record) {
        showError(this, record.error());
        return;
    }
    m_created = record.value().uuid;
    if (!duplicateOf.isEmpty()) {
        StepInput link;
        link.duplicateOf = duplicateOf;
        link.note = tr("Same problem as an open case");
        if (auto linked = m_session.take(m_created, CaseStep::LinkDuplicate, link); !linked)
            showError(this, linked.error());
    }
    QDialog::accept();
}

} // namespace citygrid
