// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapscene.h"

#include <QWidget>

class QCheckBox;
class QSlider;

namespace citygrid {

/// Layer visibility and opacity, one row per layer, top layer first. GUI thread.
class LayerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LayerPanel(QWidget *parent = nullptr);
    void setDisplay(const QHash<QString, LayerDisplay> &display);
    QHash<QString, LayerDisplay> display() const;

signals:
    void displayChanged(const QHash<QString, citygrid::LayerDisplay> &display);

private:
    struct Row
    {
        QString id;
        QCheckBox *visible;
        QSlider *opacity;
    };
    QList<Row> m_rows;
};

} // namespace citygrid
