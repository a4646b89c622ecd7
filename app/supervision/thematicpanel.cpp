// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/thematicpanel.h"

#include "reports/thematiclegend.h"
#include "widgets/tablefit.h"

#include "calendar/districttime.h"
#include "map/heatlayer.h"
#include "map/mapcanvas.h"
#include "services/appcontext.h"
#include "services/casefactssource.h"
#include "services/casesession.h"
#include "widgets/filtercombos.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

#include <algorithm>

namespace citygrid {

namespace {

constexpr int manualMethod = -1; ///< the method box's entry for typed bounds

enum Period { Days30, Days90, Months12, AllTime, OneMonth };

} // namespace

ThematicPanel::ThematicPanel(CaseSession &session, CaseFactsSource &facts, MapCanvas *canvas,
                             HeatLayer *heat, QWidget *parent)
    : QWidget(parent), m_session(session), m_canvas(canvas),
      m_box(new QGroupBox(tr("Colour the map"), this)), m_measure(new QComboBox(this)),
      m_level(new QComboBox(this)), m_period(new QComboBox(this)), m_group(new QComboBox(this)),
      m_channel(new QComboBox(this)), m_unit(new QComboBox(this)), m_state(new QComboBox(this)),
      m_method(new QComboBox(this)), m_scheme(new QComboBox(this)),
      m_contiguity(new QComboBox(this)), m_classes(new QSpinBox(this)),
      m_bounds(new QLineEdit(this)), m_fdr(new QCheckBox(tr("Correct for many tests (FDR)"), this)),
      m_status(new QLabel(this)), m_legend(new QTreeWidget(this)), m_source(facts),
      m_month(new QSlider(Qt::Horizontal, this)), m_play(new QToolButton(this)),
      m_monthLabel(new QLabel(this)), m_playTimer(new QTimer(this)), m_heat(heat),
      m_heatBox(new QGroupBox(tr("Heat map of the listed cases"), this)),
      m_bandwidth(new QSpinBox(this)), m_heatStatus(new QLabel(this))
{
    m_heatBox->setCheckable(true);
    m_heatBox->setChecked(false);
    m_heatBox->setToolTip(tr("Kernel density (quartic kernel) of the cases the case list shows"));
    m_bandwidth->setRange(0, 3000);
    m_bandwidth->setSingleStep(50);
    m_bandwidth->setSuffix(tr(" m"));
    m_bandwidth->setSpecialValueText(tr("By rule"));
    m_bandwidth->setToolTip(tr("Search radius of the kernel. \"By rule\": 0.9 × min(standard "
                               "distance, 1.2 × median distance) × n^-0.2"));
    m_heatStatus->setWordWrap(true);
    auto *heatForm = new QFormLayout(m_heatBox);
    heatForm->addRow(tr("Bandwidth:"), m_bandwidth);
    heatForm->addRow(m_heatStatus);
    // folded while off, so the legend above keeps the room
    const auto fold = [heatForm](bool on) {
        heatForm->setRowVisible(0, on);
        heatForm->setRowVisible(1, on);
    };
    fold(false);
    connect(m_heatBox, &QGroupBox::toggled, this, fold);
    if (m_heat) {
        connect(m_heatBox, &QGroupBox::toggled, m_heat, &HeatLayer::setEnabled);
        connect(m_bandwidth, &QSpinBox::valueChanged, m_heat,
                [this](int metres) { m_heat->setBandwidth(metres); });
        connect(m_heat, &HeatLayer::computed, this, [this] {
            m_heatStatus->setText(tr("Bandwidth %1 m; the darkest red is %2 cases per km².")
                                      .arg(qRound(m_heat->bandwidthUsed()))
                                      .arg(QLocale().toString(m_heat->surface().max, 'f', 0)));
        });
    } else {
        m_heatBox->setEnabled(false);
    }
    m_month->setRange(0, 11);
    m_month->setValue(11);
    m_month->setPageStep(1);
    m_month->setToolTip(
        tr("The month the map shows; drag, or press play to step through the year"));
    m_play->setCheckable(true);
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play the months one after another"));
    m_playTimer->setInterval(1000);
    connect(m_play, &QToolButton::toggled, this, [this](bool on) {
        if (on && m_month->value() == m_month->maximum())
            m_month->setValue(0);
        on ? m_playTimer->start() : m_playTimer->stop();
    });
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (m_month->value() < m_month->maximum())
            m_month->setValue(m_month->value() + 1);
        else
            m_play->setChecked(false);
    });
    connect(m_month, &QSlider::valueChanged, this, &ThematicPanel::update);
    m_box->setCheckable(true);
    m_box->setChecked(false);
    m_box->setToolTip(tr("Colour cells, communities or subdistricts by their cases"));

    m_measure->addItem(tr("Cases"), int(ThematicMeasure::Cases));
    m_measure->addItem(tr("Cases per km²"), int(ThematicMeasure::PerKm2));
    m_measure->addItem(tr("Cases per 10,000 residents"), int(ThematicMeasure::Per10k));
    m_measure->addItem(tr("Open now"), int(ThematicMeasure::Open));
    m_measure->addItem(tr("Overdue now"), int(ThematicMeasure::Overdue));
    m_measure->addItem(tr("On-time closure rate (%)"), int(ThematicMeasure::OnTimeRate));
    m_measure->addItem(tr("Rework rate (%)"), int(ThematicMeasure::ReworkRate));
    m_measure->addItem(tr("Closure rate (%)"), int(ThematicMeasure::ClosureRate));
    m_measure->addItem(tr("Hot and cold spots (Gi*)"), int(ThematicMeasure::HotSpots));
    m_measure->addItem(tr("Clusters and outliers (local Moran's I)"),
                       int(ThematicMeasure::Clusters));
    m_level->addItem(tr("Cells"), int(GridLevel::Cell));
    m_level->addItem(tr("Communities"), int(GridLevel::Community));
    m_level->addItem(tr("Subdistricts"), int(GridLevel::Subdistrict));
    m_period->addItem(tr("Last 30 days"), Days30);
    m_period->addItem(tr("Last 90 days"), Days90);
    m_period->addItem(tr("Last 12 months"), Months12);
    m_period->addItem(tr("All cases"), AllTime);
    m_period->addItem(tr("One month (slider)"), OneMonth);
    m_period->setCurrentIndex(2);
    filtercombos::addCategoryGroups(m_group, m_session);
    filtercombos::addUnits(m_unit, m_session);
    m_unit->setObjectName(QStringLiteral("thematicUnit"));
    m_state->setObjectName(QStringLiteral("thematicState"));
    filtercombos::addStates(m_state);
    m_channel->addItem(tr("All channels"), QString());
    for (const QString &c : CaseVocabulary::channels())
        m_channel->addItem(m_session.channelName(c), c);
    m_method->addItem(tr("Natural breaks (Jenks)"), int(classbreaks::Method::NaturalBreaks));
    m_method->addItem(tr("Quantiles"), int(classbreaks::Method::Quantile));
    m_method->addItem(tr("Equal intervals"), int(classbreaks::Method::EqualInterval));
    m_method->addItem(tr("Manual bounds"), manualMethod);
    m_bounds->setPlaceholderText(tr("e.g. 5, 10, 20, 50"));
    m_bounds->setToolTip(tr("The upper bounds of the classes but the last, increasing; the "
                            "lowest and highest values close the first and last class"));
    m_classes->setRange(3, 7);
    m_classes->setValue(5);
    m_scheme->addItem(tr("Yellow–orange–red"), int(ColourScheme::YellowOrangeRed));
    m_scheme->addItem(tr("Blues"), int(ColourScheme::Blues));
    m_scheme->addItem(tr("Viridis (colour-blind safe)"), int(ColourScheme::Viridis));
    m_contiguity->addItem(tr("Shared edge (rook)"), false);
    m_contiguity->addItem(tr("Edge or corner (queen)"), true);
    m_fdr->setChecked(true);
    m_fdr->setToolTip(tr("Benjamini–Hochberg: fewer spots pass when many areas are tested"));

    m_form = new QFormLayout(m_box);
    m_form->addRow(tr("Show:"), m_measure);
    m_form->addRow(tr("Areas:"), m_level);
    m_form->addRow(tr("Period:"), m_period);
    m_monthRow = new QHBoxLayout;
    m_monthRow->addWidget(m_play);
    m_monthRow->addWidget(m_month, 1);
    m_monthRow->addWidget(m_monthLabel);
    m_form->addRow(QString(), m_monthRow);
    m_form->addRow(tr("Category:"), m_group);
    m_form->addRow(tr("Channel:"), m_channel);
    m_form->addRow(tr("Unit:"), m_unit);
    m_form->addRow(tr("State:"), m_state);
    m_classesRow = new QHBoxLayout;
    m_classesRow->addWidget(m_method, 1);
    m_classesRow->addWidget(m_classes);
    m_form->addRow(tr("Classes:"), m_classesRow);
    m_form->addRow(tr("Bounds:"), m_bounds);
    m_form->addRow(tr("Colours:"), m_scheme);
    m_form->addRow(tr("Neighbours:"), m_contiguity);
    m_form->addRow(QString(), m_fdr);

    m_legend->setColumnCount(2);
    m_legend->setHeaderLabels({tr("Class"), tr("Areas")});
    m_legend->setRootIsDecorated(false);
    TableFit::install(m_legend, m_legend->header(), 0);
    m_status->setWordWrap(true);

    auto *compare = new QPushButton(tr("Compare two months…"), this);
    compare->setToolTip(tr("The map of two months side by side, classed on the same bounds"));
    connect(compare, &QPushButton::clicked, this, &ThematicPanel::comparisonWanted);
    connect(m_box, &QGroupBox::toggled, compare, &QWidget::setEnabled);
    compare->setEnabled(m_box->isChecked());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_box);
    layout->addWidget(compare);
    layout->addWidget(m_status);
    layout->addWidget(m_legend, 1);
    layout->addWidget(m_heatBox);

    for (QComboBox *box : {m_measure, m_level, m_period, m_group, m_channel, m_unit, m_state,
                           m_method, m_scheme, m_contiguity})
        connect(box, &QComboBox::currentIndexChanged, this, &ThematicPanel::update);
    connect(m_classes, &QSpinBox::valueChanged, this, &ThematicPanel::update);
    connect(m_bounds, &QLineEdit::editingFinished, this, &ThematicPanel::update);
    connect(m_fdr, &QCheckBox::toggled, this, &ThematicPanel::update);
    connect(m_box, &QGroupBox::toggled, this, &ThematicPanel::setActive);
    // new facts: count them afresh (connected first, so before update() runs)
    connect(&m_source, &CaseFactsSource::loaded, this, [this] { m_counter.reset(); });
    connect(&m_source, &CaseFactsSource::loaded, this, &ThematicPanel::update);
    connect(&m_source, &CaseFactsSource::failed, m_status, &QLabel::setText);
    // population figures edited in the assessment: the rate per 10,000 residents follows them
    connect(&m_session, &CaseSession::populationChanged, this, [this] {
        m_sizes.clear();
        update();
    });
    update();
}

QStringList ThematicPanel::measureNames()
{
    // in the order of ThematicMeasure
    return {QStringLiteral("cases"),   QStringLiteral("per-km2"), QStringLiteral("per-10k"),
            QStringLiteral("open"),    QStringLiteral("overdue"), QStringLiteral("on-time"),
            QStringLiteral("rework"),  QStringLiteral("closure"), QStringLiteral("hotspots"),
            QStringLiteral("clusters")};
}

bool ThematicPanel::showMeasure(const QString &name)
{
    const qsizetype measure = measureNames().indexOf(name);
    if (measure < 0)
        return false;
    m_measure->setCurrentIndex(m_measure->findData(int(measure)));
    setActive(true);
    return true;
}

bool ThematicPanel::isActive() const
{
    return m_box->isChecked();
}

void ThematicPanel::setActive(bool active)
{
    if (m_box->isChecked() != active) {
        m_box->setChecked(active); // comes back here through toggled()
        return;
    }
    if (active)
        m_source.request();
    update();
    emit activeChanged(active);
}

bool ThematicPanel::isLoading() const
{
    return m_source.isLoading();
}

QString ThematicPanel::periodText() const
{
    if (m_period->currentData().toInt() != OneMonth)
        return m_period->currentText();
    return QDate::fromJulianDay(filter().fromDay).toString(QStringLiteral("yyyy-MM"));
}

FactFilter ThematicPanel::filter() const
{
    FactFilter f;
    const qint64 today = m_session.now().toOffsetFromUtc(8 * 3600).date().toJulianDay();
    switch (m_period->currentData().toInt()) {
    case Days30:
        f.fromDay = today - 29;
        break;
    case Days90:
        f.fromDay = today - 89;
        break;
    case Months12:
        f.fromDay = today - 364;
        break;
    case OneMonth: {
        const QDate now = m_session.now().toOffsetFromUtc(8 * 3600).date();
        const QDate month = QDate(now.year(), now.month(), 1).addMonths(m_month->value() - 11);
        f.fromDay = month.toJulianDay();
        f.toDay = month.addMonths(1).toJulianDay();
        break;
    }
    default:
        break;
    }
    f.categoryPrefix = m_group->currentData().toString();
    f.channel = m_channel->currentData().toString();
    f.unitId = m_unit->currentData().toString();
    const QString state = m_state->currentData().toString();
    if (state == filtercombos::openStates()) {
        for (CaseState s : CaseVocabulary::states())
            if (s != CaseState::Closed && s != CaseState::Voided)
                f.states << s;
    } else if (const auto s = CaseVocabulary::stateFromId(state)) {
        f.states = {*s};
    }
    return f;
}

const CaseFacts *ThematicPanel::facts() const
{
    return m_source.facts();
}

ThematicMeasure ThematicPanel::measure() const
{
    return ThematicMeasure(m_measure->currentData().toInt());
}

QList<double> ThematicPanel::values(const MapLayerPtr &layer, const FactFilter &filter) const
{
    // residents of the year the period ends in (this year for an open period), as the
    // assessment has them: its edited figures where entered, else the grid's
    const QDate today = districttime::local(m_session.now()).date();
    const int year = QDate::fromJulianDay(std::min(filter.toDay - 1, today.toJulianDay())).year();
    if (!m_counter || m_counter->layer() != layer) {
        m_counter.emplace(*m_source.facts(), layer, QList<AreaSize>{});
        m_sizes.clear();
    }
    // two months across New Year (the comparison) switch years: the counting table stays
    auto sizes = m_sizes.constFind(year);
    if (sizes == m_sizes.cend())
        sizes = m_sizes.insert(year, areaSizes(layer, year));
    m_counter->setSizes(*sizes);
    return m_counter->values(measure(), filter);
}

QList<AreaSize> ThematicPanel::areaSizes(const MapLayerPtr &layer, int year) const
{
    QHash<QString, Population> population;
    if (auto read = m_session.context().population(year))
        population = std::move(read).value();
    // each feature's area and residents (communities and cells get their subdistrict's
    // density times their area: the district publishes no finer figures)
    const GridCatalogue &grid = m_session.grid();
    QList<AreaSize> sizes;
    sizes.reserve(layer->features.size());
    for (const MapFeature &f : layer->features) {
        const GridUnit *unit = grid.find(f.code);
        AreaSize size{unit ? unit->areaKm2 : 0, 0};
        const QString subdistrict = f.code.left(9);
        if (const GridUnit *s = grid.find(subdistrict); unit && s && s->areaKm2 > 0)
            if (const auto p = population.constFind(subdistrict); p != population.cend())
                size.residents =
                    double(p->registered + p->nonRegistered) * unit->areaKm2 / s->areaKm2;
        sizes << size;
    }
    return sizes;
}

std::optional<ThematicMap> ThematicPanel::makeMap(const FactFilter &filter,
                                                  const FactFilter *shareWith) const
{
    const auto level = GridLevel(m_level->currentData().toInt());
    const GridMap &map = m_canvas->gridMap();
    const MapLayerPtr layer = level == GridLevel::Cell        ? map.cells
                              : level == GridLevel::Community ? map.communities
                                                              : map.subdistricts;
    if (!layer || !m_source.facts())
        return std::nullopt;
    const QList<double> v = values(layer, filter);
    const bool queen = m_contiguity->currentData().toBool();
    const ThematicMeasure m = measure();
    if (m == ThematicMeasure::HotSpots)
        return thematicmap::hotSpots(layer, v, queen, m_fdr->isChecked());
    if (m == ThematicMeasure::Clusters) // FDR needs pseudo p below 0.05 / n: 9,999 permutations
        return thematicmap::clusters(layer, v, queen, m_fdr->isChecked(),
                                     layer->features.size() <= 5000 ? 9999 : 999);
    QList<double> present;
    const auto addPresent = [&](const QList<double> &some) {
        for (double value : some)
            if (!std::isnan(value))
                present << value;
    };
    addPresent(v);
    if (shareWith)
        addPresent(values(layer, *shareWith));
    const int method = m_method->currentData().toInt();
    const QList<double> bounds =
        method == manualMethod
            ? classbreaks::manualBounds(
                  present, classbreaks::parseBounds(m_bounds->text()).value_or(QList<double>()))
            : classbreaks::breaks(present, m_classes->value(), classbreaks::Method(method));
    return thematicmap::classifyWith(
        layer, v, bounds, ColourScheme(m_scheme->currentData().toInt()),
        m == ThematicMeasure::OnTimeRate || m == ThematicMeasure::ClosureRate);
}

void ThematicPanel::update()
{
    const auto measure = ThematicMeasure(m_measure->currentData().toInt());
    const bool hotSpots =
        measure == ThematicMeasure::HotSpots || measure == ThematicMeasure::Clusters;
    // only the settings of the kind of map shown
    m_form->setRowVisible(m_scheme, !hotSpots);
    m_form->setRowVisible(m_classesRow, !hotSpots);
    const bool manual = m_method->currentData().toInt() == manualMethod;
    m_form->setRowVisible(m_bounds, !hotSpots && manual);
    m_classes->setEnabled(!manual);
    const bool oneMonth = m_period->currentData().toInt() == OneMonth;
    m_form->setRowVisible(m_monthRow, oneMonth);
    if (!oneMonth)
        m_play->setChecked(false);
    m_monthLabel->setText(periodText());
    m_form->setRowVisible(m_contiguity, hotSpots);
    m_form->setRowVisible(m_fdr, hotSpots);
    if (!isActive() || !m_source.facts()) {
        if (m_current) { // only a change of what the map shows asks for a new frame
            m_current.reset();
            m_canvas->setThematic(std::nullopt);
        }
        m_legend->clear();
        m_status->setText(isActive()
                              ? tr("Reading the cases…")
                              : tr("Tick \"Colour the map\" to colour the areas by their cases."));
        return;
    }
    if (manual && !hotSpots && !classbreaks::parseBounds(m_bounds->text())) {
        // keep the map as it is and say what to type
        m_status->setText(m_bounds->text().trimmed().isEmpty()
                              ? tr("Type the class bounds, e.g. 5, 10, 20, 50.")
                              : tr("\"%1\" are not increasing numbers: type the class bounds "
                                   "like 5, 10, 20, 50.")
                                    .arg(m_bounds->text()));
        return;
    }
    m_current = makeMap(filter());
    if (!m_current)
        return;
    const QList<LegendEntry> legend = ThematicLegend::entries(measure, *m_current);
    m_canvas->setThematic(
        LayerPass{m_current->layer, m_current->style, m_measure->currentText(), legend});
    const AreaTally total = m_source.facts()->total(filter());
    m_status->setText(
        tr("%1, %2: %n case(s)", nullptr, total.cases).arg(periodText(), m_group->currentText()));
    fillLegend(legend);
    emit updated();
}

void ThematicPanel::fillLegend(const QList<LegendEntry> &entries)
{
    m_legend->clear();
    for (const LegendEntry &e : entries) {
        QPixmap pixmap(16, 16);
        pixmap.fill(e.colour);
        auto *item = new QTreeWidgetItem(m_legend, {e.label, QString::number(e.count)});
        item->setIcon(0, QIcon(pixmap));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
}

} // namespace citygrid
