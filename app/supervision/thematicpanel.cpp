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
    setUpHeatBox();
    setUpMonthPlayer();
    fillChoices();
    layOut();
    connectChanges();
    update();
}

void ThematicPanel::setUpHeatBox()
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
}

void ThematicPanel::setUpMonthPlayer()
{
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
}

void ThematicPanel::fillChoices()
{
    m_box->setCheckable(true);
    m_box->setChecked(false);
    m_box->setToolTip(tr("Colour cells, communities or subdistricts by their cases"));

    for (ThematicMeasure measure : ThematicLegend::measures())
        m_measure->addItem(ThematicLegend::measureName(measure), int(measure));
    m_level->addItem(tr("Cells"), int(GridLevel::Cell));
    m_level->addItem(tr("Communities"), int(GridLevel::Community));
    m_level->addItem(tr("Subdistricts"), int(GridLevel::Subdistrict));
    m_period->addItem(tr("Last 30 days"), int(ThematicPeriod::Days30));
    m_period->addItem(tr("Last 90 days"), int(ThematicPeriod::Days90));
    m_period->addItem(tr("Last 12 months"), int(ThematicPeriod::Months12));
    m_period->addItem(tr("All cases"), int(ThematicPeriod::AllTime));
    m_period->addItem(tr("One month (slider)"), int(ThematicPeriod::OneMonth));
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

}

void ThematicPanel::layOut()
{
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

}

void ThematicPanel::connectChanges()
{
    for (QComboBox *box : {m_measure, m_level, m_period, m_group, m_channel, m_unit, m_state,
                           m_method, m_scheme, m_contiguity})
        connect(box, &QComboBox::currentIndexChanged, this, &ThematicPanel::update);
    connect(m_classes, &QSpinBox::valueChanged, this, &ThematicPanel::update);
    connect(m_bounds, &QLineEdit::editingFinished, this, &ThematicPanel::update);
    connect(m_fdr, &QCheckBox::toggled, this, &ThematicPanel::update);
    connect(m_box, &QGroupBox::toggled, this, &ThematicPanel::setActive);
    // new facts: count them afresh (connected first, so before update() runs)
    connect(&m_source, &CaseFactsSource::loaded, this, [this] { m_maker.reset(); });
    connect(&m_source, &CaseFactsSource::loaded, this, &ThematicPanel::update);
    connect(&m_source, &CaseFactsSource::failed, m_status, &QLabel::setText);
    // population figures edited in the assessment: the rate per 10,000 residents follows them
    connect(&m_session, &CaseSession::populationChanged, this, [this] {
        if (m_maker)
            m_maker->populationChanged();
        update();
    });
}

bool ThematicPanel::showMeasure(const QString &name)
{
    const auto measure = ThematicLegend::measureFromId(name);
    if (!measure)
        return false;
    m_measure->setCurrentIndex(m_measure->findData(int(*measure)));
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
    if (m_period->currentData().toInt() != int(ThematicPeriod::OneMonth))
        return m_period->currentText();
    return QDate::fromJulianDay(filter().fromDay).toString(QStringLiteral("yyyy-MM"));
}

FactFilter ThematicPanel::filter() const
{
    const QDate today = districttime::local(m_session.now()).date();
    const QDate month = QDate(today.year(), today.month(), 1).addMonths(m_month->value() - 11);
    FactFilter f = ThematicMaker::periodFilter(ThematicPeriod(m_period->currentData().toInt()),
                                               today, month);
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

ThematicSettings ThematicPanel::settings() const
{
    ThematicSettings settings;
    settings.measure = measure();
    settings.level = GridLevel(m_level->currentData().toInt());
    const int method = m_method->currentData().toInt();
    if (method == manualMethod)
        settings.manualBounds =
            classbreaks::parseBounds(m_bounds->text()).value_or(QList<double>());
    else
        settings.method = classbreaks::Method(method);
    settings.classes = m_classes->value();
    settings.scheme = ColourScheme(m_scheme->currentData().toInt());
    settings.queen = m_contiguity->currentData().toBool();
    settings.fdr = m_fdr->isChecked();
    return settings;
}

const ThematicMaker *ThematicPanel::maker() const
{
    if (!m_maker && m_source.facts())
        m_maker.emplace(*m_source.facts(), [context = &m_session.context()](int year) {
            auto read = context->population(year);
            return read ? std::move(read).value() : QHash<QString, Population>();
        });
    return m_maker ? &*m_maker : nullptr;
}

QList<double> ThematicPanel::values(const MapLayerPtr &layer, const FactFilter &filter) const
{
    const ThematicMaker *made = maker();
    if (!made)
        return {};
    return made->values(layer, m_session.grid(), measure(), filter,
                        districttime::local(m_session.now()).date());
}

std::optional<ThematicMap> ThematicPanel::makeMap(const FactFilter &filter,
                                                  const FactFilter *shareWith) const
{
    const ThematicMaker *made = maker();
    if (!made)
        return std::nullopt;
    return made->make(m_canvas->gridMap(), m_session.grid(), settings(), filter,
                      districttime::local(m_session.now()).date(), shareWith);
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
    const bool oneMonth = m_period->currentData().toInt() == int(ThematicPeriod::OneMonth);
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
