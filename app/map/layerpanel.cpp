// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/layerpanel.h"

#include "store/storeschema.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QSlider>

namespace citygrid {

LayerPanel::LayerPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QGridLayout(this);
    layout->setColumnStretch(1, 1);
    int r = 0;
    for (const QString &id : {storeschema::cellsTable(), storeschema::communitiesTable(),
                              storeschema::subdistrictsTable()}) {
        Row row{id, new QCheckBox(MapScene::layerTitle(id), this),
                new QSlider(Qt::Horizontal, this)};
        row.visible->setChecked(true);
        row.visible->setObjectName(QStringLiteral("visible_") + id);
        row.opacity->setRange(0, 100);
        row.opacity->setValue(100);
        row.opacity->setObjectName(QStringLiteral("opacity_") + id);
        row.opacity->setToolTip(tr("Opacity of %1").arg(MapScene::layerTitle(id)));
        layout->addWidget(row.visible, r, 0);
        layout->addWidget(row.opacity, r, 1);
        ++r;
        connect(row.visible, &QCheckBox::toggled, this, [this] { emit displayChanged(display()); });
        connect(row.opacity, &QSlider::valueChanged, this,
                [this] { emit displayChanged(display()); });
        m_rows.append(row);
    }
    layout->setRowStretch(r, 1);
}

void LayerPanel::setDisplay(const QHash<QString, LayerDisplay> &display)
{
    for (const Row &row : std::as_const(m_rows)) {
        const LayerDisplay d = display.value(row.id);
        QSignalBlocker b1(row.visible), b2(row.opacity);
        row.visible->setChecked(d.visible);
        row.opacity->setValue(int(d.opacity * 100));
    }
}

QHash<QString, LayerDisplay> LayerPanel::display() const
{
    QHash<QString, LayerDisplay> result;
    for (const Row &row : m_rows)
        result.insert(row.id, {row.visible->isChecked(), row.opacity->value() / 100.0});
    return result;
}

} // namespace citygrid
