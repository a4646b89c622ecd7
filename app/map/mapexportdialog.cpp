// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/mapexportdialog.h"

#include "widgets/savepathrow.h"
#include "widgets/writtenfile.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace citygrid {

namespace {

constexpr double mmPerInch = 25.4;
enum Preset { Screen, A4Landscape, A4Portrait, A3Landscape, A3Portrait, Custom };

} // namespace

MapExportDialog::MapExportDialog(QSize screen, const QString &path, QWidget *parent)
    : QDialog(parent), m_screen(screen), m_path(new QLineEdit(path, this)),
      m_preset(new QComboBox(this)), m_width(new QDoubleSpinBox(this)),
      m_height(new QDoubleSpinBox(this)), m_dpi(new QSpinBox(this)), m_summary(new QLabel(this))
{
    setWindowTitle(tr("Export map"));
    m_preset->addItem(tr("As on screen"), Screen);
    m_preset->addItem(tr("A4 landscape"), A4Landscape);
    m_preset->addItem(tr("A4 portrait"), A4Portrait);
    m_preset->addItem(tr("A3 landscape"), A3Landscape);
    m_preset->addItem(tr("A3 portrait"), A3Portrait);
    m_preset->addItem(tr("Custom"), Custom);
    for (QDoubleSpinBox *box : {m_width, m_height}) {
        box->setRange(20, 2000);
        box->setDecimals(0);
        box->setSuffix(tr(" mm"));
    }
    m_dpi->setRange(72, 600);
    m_dpi->setValue(150);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(
        tr("Dots per inch of a PNG: 96 for the screen, 150 for a slide, 300 for print. "
           "A PDF is vector and sharp at any zoom."));

    QLayout *file =
        savePathRow(this, m_path, tr("Export map"), tr("PNG image (*.png);;PDF document (*.pdf)"));
    auto *form = new QFormLayout;
    form->addRow(tr("File:"), file);
    form->addRow(tr("Size:"), m_preset);
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Height:"), m_height);
    form->addRow(tr("Resolution:"), m_dpi);
    m_summary->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (writtenfile::mayWrite(this, m_path))
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &MapExportDialog::presetChosen);
    for (QDoubleSpinBox *box : {m_width, m_height})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            if (m_preset->currentData().toInt() != Custom && !m_preset->signalsBlocked()) {
                const QSignalBlocker block(m_preset);
                m_preset->setCurrentIndex(m_preset->findData(Custom));
            }
            updateSummary();
        });
    connect(m_dpi, &QSpinBox::valueChanged, this, &MapExportDialog::updateSummary);
    connect(m_path, &QLineEdit::textChanged, this, &MapExportDialog::updateSummary);
    presetChosen();
}

void MapExportDialog::presetChosen()
{
    QSizeF mm;
    switch (m_preset->currentData().toInt()) {
    case Screen:
        mm = QSizeF(m_screen) * mmPerInch / 96;
        break;
    case A4Landscape:
        mm = {297, 210};
        break;
    case A4Portrait:
        mm = {210, 297};
        break;
    case A3Landscape:
        mm = {420, 297};
        break;
    case A3Portrait:
        mm = {297, 420};
        break;
    default:
        return;
    }
    const QSignalBlocker block(m_preset);
    m_width->setValue(mm.width());
    m_height->setValue(mm.height());
    updateSummary();
}

void MapExportDialog::updateSummary()
{
    const bool pdf =
        QFileInfo(path()).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
    m_dpi->setEnabled(!pdf);
    const QSize px(int(std::lround(m_width->value() / mmPerInch * dpi())),
                   int(std::lround(m_height->value() / mmPerInch * dpi())));
    m_summary->setText(
        pdf ? tr("A vector PDF page of %1 × %2 mm.").arg(m_width->value()).arg(m_height->value())
            : tr("A PNG image of %1 × %2 pixels.").arg(px.width()).arg(px.height()));
}

QString MapExportDialog::path() const
{
    return m_path->text().trimmed();
}

QSize MapExportDialog::logicalSize() const
{
    return {int(std::lround(m_width->value() / mmPerInch * 96)),
            int(std::lround(m_height->value() / mmPerInch * 96))};
}

int MapExportDialog::dpi() const
{
    return m_dpi->value();
}

void MapExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void MapExportDialog::setSizeMm(double width, double height)
{
    m_width->setValue(width);
    m_height->setValue(height);
}

void MapExportDialog::setDpi(int dpi)
{
    m_dpi->setValue(dpi);
}

} // namespace citygrid
