// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapscene.h"
#include "render/thematicmaker.h"
#include "render/thematicmap.h"
#include "supervision/casefacts.h"
#include "supervision/thematicmeasure.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QFormLayout;
class QHBoxLayout;
class QSlider;
class QTimer;
class QToolButton;
class QGroupBox;
class QLabel;
class QSpinBox;
class QTreeWidget;

namespace citygrid {

class CaseFactsSource;
class CaseSession;
class HeatLayer;
class MapCanvas;

/// The supervisors' thematic map: cells, communities or subdistricts coloured by cases, density,
/// cases per 10,000 residents, open or overdue cases, on-time closure or rework rate, for a period
/// and a category group and channel, classed by quantiles, natural breaks or equal intervals in a
/// print- and colour-blind-safe ramp; or the Getis-Ord Gi* hot and cold spots of the case counts.
/// The legend lists each class with its bounds and how many areas fall in it. Cases are counted
/// from the shared CaseFacts (CaseFactsSource). GUI thread.
class ThematicPanel : public QWidget
{
    Q_OBJECT
public:
    ThematicPanel(CaseSession &session, CaseFactsSource &facts, MapCanvas *canvas, HeatLayer *heat,
                  QWidget *parent = nullptr);
    /// The heat layer switch and its bandwidth in metres (0: by rule).
    QGroupBox *heatBox() const { return m_heatBox; }
    QSpinBox *bandwidthBox() const { return m_bandwidth; }

    /// Colours the map (and reads the cases the first time).
    void setActive(bool active);
    /// Shows the measure called `name` (ThematicLegend::measureId) and colours the map; false if
    /// there is none.
    bool showMeasure(const QString &name);
    bool isActive() const;
    /// Recolours the new map (another CRS).
    void mapChanged() { update(); }
    bool isLoading() const;
    /// The map now drawn, if any (tests).
    const std::optional<ThematicMap> &current() const { return m_current; }
    QTreeWidget *legend() const { return m_legend; }
    QComboBox *measureBox() const { return m_measure; }
    QComboBox *methodBox() const { return m_method; }
    QLineEdit *boundsEdit() const { return m_bounds; }
    QLabel *statusLabel() const { return m_status; }
    QComboBox *levelBox() const { return m_level; }
    QComboBox *periodBox() const { return m_period; }
    /// The month shown when the period is "one month": 0 = eleven months ago ... 11 = this one.
    QSlider *monthSlider() const { return m_month; }
    /// Steps the month slider forward once a second, month by month.
    QToolButton *playButton() const { return m_play; }
    /// The cases the map counts now.
    FactFilter filter() const;
    ThematicMeasure measure() const;
    /// The shared facts, once read.
    const CaseFacts *facts() const;
    /// The map the panel's settings (measure, level, method, classes, scheme, contiguity, FDR)
    /// make of the cases `filter` selects; with `shareWith`, a classed measure takes its bounds
    /// from both periods' values, so two maps read with one legend. Null without facts or layer.
    std::optional<ThematicMap> makeMap(const FactFilter &filter,
                                       const FactFilter *shareWith = nullptr) const;
    /// The measure of each feature of `layer` (feature order) for the cases `filter` selects.
    QList<double> values(const MapLayerPtr &layer, const FactFilter &filter) const;
    /// How the panel's settings (measure, level, method, classes, scheme, contiguity, FDR) make
    /// the map.
    ThematicSettings settings() const;

signals:
    /// The map was recoloured.
    void updated();
    /// The thematic map was switched on or off.
    void activeChanged(bool active);
    /// The user asked for two months side by side (the "Compare…" button).
    void comparisonWanted();

private:
    // the constructor's parts
    void setUpHeatBox();
    void setUpMonthPlayer();
    void fillChoices();
    void layOut();
    void connectChanges();

    void update();
    QString periodText() const;
    void fillLegend(const QList<LegendEntry> &entries);

    CaseSession &m_session;
    MapCanvas *m_canvas;
    QGroupBox *m_box;
    QFormLayout *m_form = nullptr;
    QComboBox *m_measure, *m_level, *m_period, *m_group, *m_channel, *m_unit, *m_state, *m_method,
        *m_scheme, *m_contiguity;
    QSpinBox *m_classes;
    QLineEdit *m_bounds;
    QCheckBox *m_fdr;
    QLabel *m_status;
    QTreeWidget *m_legend;
    CaseFactsSource &m_source;
    QSlider *m_month;
    QToolButton *m_play;
    QLabel *m_monthLabel;
    QTimer *m_playTimer;
    QHBoxLayout *m_monthRow = nullptr;
    QHBoxLayout *m_classesRow = nullptr;
    HeatLayer *m_heat;
    QGroupBox *m_heatBox;
    QSpinBox *m_bandwidth;
    QLabel *m_heatStatus;
    std::optional<ThematicMap> m_current;
    /// The maker of the facts read last; null before they are in.
    const ThematicMaker *maker() const;
    mutable std::optional<ThematicMaker> m_maker;
};

} // namespace citygrid
