// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casedialog.h"

#include "cases/attachmentstrip.h"
#include "cases/stepform.h"
#include "services/casesession.h"
#include "shell/errordialog.h"
#include "widgets/screenfit.h"
#include "widgets/tablefit.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace citygrid {

namespace {

QString levelColour(CaseTiming::Level level)
{
    switch (level) {
    case CaseTiming::Level::Overdue:
        return QStringLiteral("#b71c1c");
    case CaseTiming::Level::Warning:
        return QStringLiteral("#a05a00");
    case CaseTiming::Level::OnTrack:
        return QStringLiteral("#2e7d32");
    default:
        return QStringLiteral("#555555");
    }
}

} // namespace

CaseDialog::CaseDialog(CaseSession &session, const QString &caseUuid, QWidget *parent)
    : QDialog(parent), m_session(session), m_uuid(caseUuid), m_title(new QLabel(this)),
      m_timing(new QLabel(this)), m_details(new QLabel(this)), m_timeline(new QTreeWidget(this)),
      m_photos(new AttachmentStrip(this, false)), m_stepsLabel(new QLabel(this)),
      m_steps(new QHBoxLayout)
{
    setObjectName(QStringLiteral("caseDialog"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timeline->setColumnCount(4);
    m_timeline->setHeaderLabels({tr("Time"), tr("Step"), tr("By"), tr("Note")});
    m_timeline->setRootIsDecorated(false);
    m_timeline->setAlternatingRowColors(true);
    // whole times, steps and names; a note too long for the dialog scrolls, its tooltip whole
    TableFit::install(m_timeline, m_timeline->header(), 3);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_timing);
    auto *locate = new QPushButton(tr("Show on map"), this);
    connect(locate, &QPushButton::clicked, this, [this] { emit locateRequested(m_uuid); });
    top->addWidget(locate);

    // who may do what: a sentence above the buttons, wrapped, so a reason is read whole
    m_stepsLabel->setWordWrap(true);
    m_stepsLabel->setObjectName(QStringLiteral("stepsLabel"));
    m_steps->addStretch(1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_details);
    layout->addWidget(m_timeline, 1);
    layout->addWidget(m_photos);
    layout->addWidget(m_stepsLabel);
    layout->addLayout(m_steps);
    layout->addWidget(close);
    screenfit::resize(this, QSize(760, 620));

    connect(m_photos, &AttachmentStrip::attachmentActivated, this, [this](const CaseAttachment &a) {
        auto full = m_session.context().attachment(a.uuid);
        if (!full) {
            showError(this, full.error());
            return;
        }
        auto *viewer = new QDialog(this);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->setWindowTitle(a.name);
        auto *image = new QLabel(viewer);
        QPixmap pixmap;
        pixmap.loadFromData(full.value().data);
        image->setPixmap(pixmap.scaled(900, 700, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        (new QVBoxLayout(viewer))->addWidget(image);
        viewer->show();
    });
    connect(&m_session, &CaseSession::caseChanged, this, [this](const QString &uuid) {
        if (uuid.isEmpty() || uuid == m_uuid)
            reload();
    });
    // another user at this workstation: their steps, and their acknowledgement if they owe one
    connect(&m_session, &CaseSession::userChanged, this, &CaseDialog::reload);
    reload();
}

void CaseDialog::reload()
{
    auto events = m_session.store().history(m_uuid);
    if (!events) {
        showError(this, events.error());
        return;
    }
    m_record = CaseRecord::project(events.value());
    m_acknowledgeFailed.clear();
    if (m_session.owesAcknowledgement(m_record, events.value())) {
        // opened by its unit: acknowledged, which reloads the dialog with the step in it
        auto acknowledged = m_session.take(m_uuid, CaseStep::Acknowledge);
        if (acknowledged)
            return;
        m_acknowledgeFailed = acknowledged.error().message;
    }
    fillHeader();
    fillTimeline(events.value());
    auto photos = m_session.store().attachments(m_uuid);
    m_photos->setAttachments(photos ? photos.value() : QList<CaseAttachment>());
    m_photos->setVisible(photos && !photos.value().isEmpty());
    fillSteps();
}

void CaseDialog::fillHeader()
{
    const CaseRecord &r = m_record;
    setWindowTitle(tr("Case %1").arg(r.caseNo));
    QString flags;
    if (r.status.urgent)
        flags += QStringLiteral(" <span style='color:#b71c1c'>%1</span>").arg(tr("[urgent]"));
    if (r.status.supervised)
        flags += QStringLiteral(" <span style='color:#6a1b9a'>%1</span>").arg(tr("[supervised]"));
    if (r.status.reworkCount > 0)
        flags += QStringLiteral(" <span style='color:#a05a00'>%1</span>")
                     .arg(tr("[rework %1]").arg(r.status.reworkCount));
    m_title->setText(
        QStringLiteral("%1 · %2%3")
            .arg(r.caseNo.toHtmlEscaped(), CaseVocabulary::displayName(r.status.state), flags));
    const auto level = m_session.timing(r);
    QString timing = m_session.timingText(r);
    if (r.status.state == CaseState::Closed)
        timing = r.onTime.value_or(true) ? tr("Closed on time") : tr("Closed late");
    m_timing->setText(QStringLiteral("<b style='color:%1'>%2</b>")
                          .arg(levelColour(level), timing.toHtmlEscaped()));

    const auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style='color:#666; padding-right:10px'>%1</td><td>%2</td>"
                              "</tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Category"),
                QStringLiteral("%1 %2").arg(r.categoryId, m_session.categoryName(r.categoryId)));
    html += row(tr("Place"), m_session.placeName(r.cellCode));
    html += row(tr("Position"),
                QStringLiteral("%1, %2").arg(r.lonLat.x(), 0, 'f', 6).arg(r.lonLat.y(), 0, 'f', 6));
    html += row(tr("Channel"),
                m_session.channelName(r.channel) +
                    (r.reporter.isEmpty() ? QString() : QStringLiteral(" · ") + r.reporter));
    html += row(tr("Reported"), r.reportedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (!r.description.isEmpty())
        html += row(tr("Description"), r.description);
    if (!r.unitId.isEmpty())
        html += row(tr("Unit"), m_session.unitName(r.unitId));
    if (r.dueAt.isValid())
        html += row(tr("Deadline"), r.dueAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (r.status.pending != PendingRequest::None)
        html += row(tr("Waiting for"), tr("approval of a request"));
    html += QStringLiteral("</table>");
    m_details->setText(html);
}

void CaseDialog::fillTimeline(const QList<CaseEvent> &events)
{
    m_timeline->clear();
    for (const CaseEvent &e : events) {
        const QString name = CaseVocabulary::eventLabel(e.step);
        QStringList notes;
        if (!e.note.isEmpty())
            notes << e.note;
        if (e.step == QLatin1String("relocate"))
            notes << tr("cell %1 → %2")
                         .arg(e.payload[QLatin1String("from_cell_code")].toString(),
                              e.payload[QLatin1String("cell_code")].toString());
        if (e.payload.contains(QLatin1String("unit_id")))
            notes << tr("to %1").arg(
                m_session.unitName(e.payload[QLatin1String("unit_id")].toString()));
        if (e.payload.contains(QLatin1String("due_at")))
            notes << tr("deadline %1")
                         .arg(QDateTime::fromString(e.payload[QLatin1String("due_at")].toString(),
                                                    Qt::ISODateWithMs)
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        if (e.payload.contains(QLatin1String("attachments")))
            notes << tr("%n photo(s)", nullptr,
                        int(e.payload[QLatin1String("attachments")].toArray().size()));
        auto *item = new QTreeWidgetItem(
            m_timeline, {e.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")), name,
                         m_session.userLabel(e.actor), notes.join(QStringLiteral("; "))});
        if (e.step == QLatin1String("verify_fail"))
            item->setForeground(1, QColor(0xb7, 0x1c, 0x1c));
    }
}

void CaseDialog::fillSteps()
{
    qDeleteAll(m_stepButtons);
    m_stepButtons.clear();
    qDeleteAll(m_refusedButtons);
    m_refusedButtons.clear();
    const QList<CaseStep> steps = m_session.allowedSteps(m_record);
    const QString user = m_session.userLabel(m_session.userId());
    m_stepsLabel->setText(steps.isEmpty() ? tr("%1 has no step to take on this case now. %2")
                                                .arg(user, m_session.whyNoStep(m_record))
                                          : tr("As %1:").arg(user));
    int at = 0;
    if (!m_acknowledgeFailed.isEmpty()) {
        // the acknowledgement on opening did not go through (the centre out of reach): by hand
        m_stepsLabel->setText(tr("Receipt not acknowledged yet: %1").arg(m_acknowledgeFailed));
        auto *button = new QPushButton(CaseVocabulary::label(CaseStep::Acknowledge), this);
        button->setObjectName(QStringLiteral("step_acknowledge"));
        connect(button, &QPushButton::clicked, this, &CaseDialog::reload);
        m_steps->insertWidget(at++, button);
        m_stepButtons.append(button);
    }
    for (CaseStep step : steps) {
        auto *button = new QPushButton(CaseVocabulary::label(step), this);
        button->setObjectName(QStringLiteral("step_") + CaseVocabulary::id(step));
        if (step == CaseStep::Dispatch || step == CaseStep::Close || step == CaseStep::VerifyPass ||
            step == CaseStep::Feedback || step == CaseStep::File)
            button->setDefault(m_stepButtons.isEmpty());
        connect(button, &QPushButton::clicked, this, [this, step] { startStep(step); });
        m_steps->insertWidget(at++, button);
        m_stepButtons.append(button);
    }
    // what the case waits for from other roles: shown, disabled, saying who may
    for (const CaseWorkflow::Refusal &refused : m_session.refusedSteps(m_record)) {
        auto *button = new QPushButton(CaseVocabulary::label(refused.step), this);
        button->setObjectName(QStringLiteral("refused_") + CaseVocabulary::id(refused.step));
        button->setEnabled(false);
        button->setToolTip(refused.reason);
        m_steps->insertWidget(at++, button);
        m_refusedButtons.append(button);
    }
}

QStringList CaseDialog::offeredSteps() const
{
    QStringList ids;
    for (QWidget *w : m_stepButtons)
        ids << w->objectName().mid(5);
    return ids;
}

void CaseDialog::startStep(CaseStep step)
{
    StepForm form(m_session, m_record, step, this);
    if (form.exec() != QDialog::Accepted)
        return;
    auto taken = m_session.take(m_uuid, step, form.input());
    if (!taken)
        showError(this, taken.error());
}

} // namespace citygrid
