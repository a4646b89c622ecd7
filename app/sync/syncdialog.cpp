// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/syncdialog.h"

#include "calendar/districttime.h"
#include "grid/gridkind.h"
#include "services/casesession.h"
#include "services/cataloguenames.h"
#include "services/filebytes.h"
#include "store/storeschema.h"
#include "widgets/screenfit.h"
#include "widgets/tablefit.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citygrid {

namespace {

QTableWidget *table(QWidget *parent, const QStringList &header)
{
    auto *t = new QTableWidget(0, int(header.size()), parent);
    t->setHorizontalHeaderLabels(header);
    TableFit::install(t, t->horizontalHeader(), int(header.size()) - 1);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    return t;
}

} // namespace

SyncDialog::SyncDialog(CaseSession &session, QWidget *parent)
    : QDialog(parent), m_session(session), m_name(new QLineEdit(this)),
      m_prefix(new QLineEdit(this)), m_siteId(new QLabel(this)),
      m_peers(table(this, {tr("Peer"), tr("Site id"), tr("It has of ours up to"),
                           tr("We have of its up to"), tr("Last import"), tr("Last export"),
                           tr("Cases it receives")})),
      m_conflicts(table(this, {tr("Case"), tr("Step"), tr("From site"), tr("What was kept")})),
      m_summary(new QLabel(this))
{
    setWindowTitle(tr("Sync packages"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(siteBox());
    layout->addWidget(peersBox(), 1);
    auto *conflicts = new QGroupBox(tr("Conflicts on record"), this);
    auto *conflictsLayout = new QVBoxLayout(conflicts);
    conflictsLayout->addWidget(m_conflicts);
    layout->addWidget(conflicts, 1);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    refresh();
    screenfit::resize(this, QSize(960, 640));
}

QGroupBox *SyncDialog::siteBox()
{
    auto *site = new QGroupBox(tr("This site"), this);
    auto *siteForm = new QFormLayout(site);
    m_prefix->setMaxLength(4);
    m_prefix->setPlaceholderText(tr("e.g. YL; empty at the centre"));
    siteForm->addRow(tr("Name"), m_name);
    siteForm->addRow(tr("Case-number prefix"), m_prefix);
    m_siteId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    siteForm->addRow(tr("Site id"), m_siteId);
    auto *siteButtons = new QHBoxLayout;
    auto *save = new QPushButton(tr("Save"), site);
    auto *card = new QPushButton(tr("Write this site's card…"), site);
    siteButtons->addWidget(save);
    siteButtons->addWidget(card);
    siteButtons->addStretch(1);
    siteForm->addRow(siteButtons);
    connect(save, &QPushButton::clicked, this, [this] {
        auto r = saveSite();
        showResult(r ? tr("Saved.") : r.error().message, bool(r));
    });
    connect(card, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Write this site's card"),
                                                          m_name->text() + QStringLiteral(".card"),
                                                          tr("Site cards (*.card)"));
        if (path.isEmpty())
            return;
        auto r = writeCard(path);
        showResult(r ? tr("Card written to %1; give it to the peer to register.").arg(path)
                     : r.error().message,
                   bool(r));
    });

    return site;
}

QGroupBox *SyncDialog::peersBox()
{
    auto *peers = new QGroupBox(tr("Peers and exchange"), this);
    auto *peersLayout = new QVBoxLayout(peers);
    peersLayout->addWidget(m_peers);
    auto *peerButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Register a peer's card…"), peers);
    auto *area = new QPushButton(tr("Area of the selected peer…"), peers);
    area->setToolTip(tr("A field office receives its own area's cases alone; the centre every "
                        "case"));
    auto *exportButton = new QPushButton(tr("Export a package for the selected peer…"), peers);
    auto *importButton = new QPushButton(tr("Import a package…"), peers);
    exportButton->setObjectName(QStringLiteral("exportPackage"));
    importButton->setObjectName(QStringLiteral("importPackage"));
    peerButtons->addWidget(add);
    peerButtons->addWidget(area);
    peerButtons->addStretch(1);
    peerButtons->addWidget(exportButton);
    peerButtons->addWidget(importButton);
    peersLayout->addLayout(peerButtons);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Register a peer's card"), {},
                                                          tr("Site cards (*.card);;All files (*)"));
        if (path.isEmpty())
            return;
        auto r = addPeer(path);
        showResult(r ? tr("Registered.") : r.error().message, bool(r));
    });
    connect(area, &QPushButton::clicked, this, &SyncDialog::chooseAreaForSelected);
    connect(exportButton, &QPushButton::clicked, this, &SyncDialog::exportForSelected);
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import a package"), {}, tr("Sync packages (*.cgsync);;All files (*)"));
        if (!path.isEmpty())
            (void)importFrom(path); // the summary line says how it went
    });

    return peers;
}

QString SyncDialog::areaName(const QString &code) const
{
    return code.isEmpty() ? tr("Every case")
                          : cataloguenames::area(m_session.context().catalogue(), code);
}

void SyncDialog::chooseAreaForSelected()
{
    const int row = m_peers->currentRow();
    if (row < 0) {
        showResult(tr("Select the peer first."), false);
        return;
    }
    // every case, or one subdistrict's or community's, by name
    QStringList codes{QString()};
    for (const GridUnit &u : m_session.context().catalogue().units())
        if (u.level != GridLevel::Cell)
            codes.append(u.code);
    QStringList items;
    for (const QString &code : codes)
        items.append(areaName(code));
    const QString peer = m_peers->item(row, 1)->data(Qt::UserRole).toString();
    const QString current = m_peers->item(row, 6)->data(Qt::UserRole).toString();
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        this, tr("Cases %1 receives").arg(m_peers->item(row, 0)->text()), tr("Area:"), items,
        int(std::max<qsizetype>(0, codes.indexOf(current))), false, &ok);
    if (!ok)
        return;
    auto r = setArea(peer, codes.value(items.indexOf(chosen)));
    showResult(
        r ? tr("Saved: the next package to %1 follows it.").arg(m_peers->item(row, 0)->text())
          : r.error().message,
        bool(r));
}

Result<void> SyncDialog::setArea(const QString &peer, const QString &area)
{
    if (auto r = m_session.context().setPeerArea(peer, area, m_session.acting()); !r)
        return r;
    refresh();
    return {};
}

void SyncDialog::exportForSelected()
{
    const int row = m_peers->currentRow();
    if (row < 0) {
        showResult(tr("Select the peer the package is for."), false);
        return;
    }
    const QString peer = m_peers->item(row, 1)->data(Qt::UserRole).toString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export a package"),
        QStringLiteral("%1-%2.cgsync")
            .arg(m_peers->item(row, 0)->text(),
                 m_session.now().toString(QStringLiteral("yyyyMMdd-HHmm"))),
        tr("Sync packages (*.cgsync)"));
    if (path.isEmpty())
        return;
    auto r = exportFor(peer, path);
    showResult(r ? tr("%1: %2 events of %3 cases, %4 attachments and %5 reference records "
                      "for %6.")
                       .arg(path)
                       .arg(r.value().header.events)
                       .arg(r.value().header.cases)
                       .arg(r.value().header.attachments)
                       .arg(r.value().header.references)
                       .arg(m_peers->item(row, 0)->text())
                 : r.error().message,
               bool(r));
}

void SyncDialog::refresh()
{
    Store &store = m_session.context().store();
    auto id = SiteIdentity::ensure(store);
    if (id) {
        m_name->setText(id.value().name());
        m_siteId->setText(id.value().siteId());
    }
    m_prefix->setText(store.meta(storeschema::keyCasePrefix()));
    auto peers = m_session.context().peers().list();
    m_peers->setRowCount(0);
    if (peers) {
        for (const SyncPeer &p : peers.value()) {
            const int row = m_peers->rowCount();
            m_peers->insertRow(row);
            // the site id shortened (all of it in the tooltip): the columns after it fit
            const QStringList cells{p.name,
                                    p.siteId.left(8) + QStringLiteral("…"),
                                    QString::number(p.sentAck),
                                    QString::number(p.receivedUpTo),
                                    districttime::text(p.lastImportAt),
                                    districttime::text(p.lastExportAt),
                                    areaName(p.area)};
            for (int c = 0; c < cells.size(); ++c)
                m_peers->setItem(row, c, new QTableWidgetItem(cells[c]));
            m_peers->item(row, 6)->setData(Qt::UserRole, p.area);
            m_peers->item(row, 1)->setData(Qt::UserRole, p.siteId);
            m_peers->item(row, 1)->setToolTip(p.siteId);
        }
        if (m_peers->rowCount() > 0)
            m_peers->selectRow(0);
    }
    // sites by name: this one and its peers
    QHash<QString, QString> siteNames;
    if (id)
        siteNames.insert(id.value().siteId(), tr("%1 (this site)").arg(id.value().name()));
    if (peers)
        for (const SyncPeer &p : peers.value())
            siteNames.insert(p.siteId, p.name);
    auto conflicts = m_session.context().exchange().conflicts();
    m_conflicts->setRowCount(0);
    if (conflicts) {
        for (const SyncExchange::Conflict &c : conflicts.value()) {
            const int row = m_conflicts->rowCount();
            m_conflicts->insertRow(row);
            const auto step = CaseVocabulary::stepFromId(c.step);
            const QStringList cells{c.caseNo, step ? CaseVocabulary::displayName(*step) : c.step,
                                    siteNames.value(c.eventSite, c.eventSite), c.detail};
            for (int col = 0; col < cells.size(); ++col) {
                auto *item = new QTableWidgetItem(cells[col]);
                item->setToolTip(cells[col]);
                m_conflicts->setItem(row, col, item);
            }
        }
    }
}

void SyncDialog::showResult(const QString &text, bool ok)
{
    m_summary->setText(text);
    m_summary->setStyleSheet(ok ? QStringLiteral("color: #1b5e20;")
                                : QStringLiteral("color: #b03a2e;"));
}

Progress SyncDialog::progressFor(const QString &title)
{
    auto *dialog = new QProgressDialog(title, tr("Cancel"), 0, 1000, this);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(this, &QDialog::finished, dialog, &QWidget::close);
    return Progress([dialog](const QString &stage, double fraction) {
        dialog->setLabelText(stage);
        dialog->setValue(int(fraction * 1000));
        QApplication::processEvents();
        if (fraction >= 1)
            dialog->close();
        return !dialog->wasCanceled();
    });
}

Result<void> SyncDialog::saveSite()
{
    Store &store = m_session.context().store();
    if (auto r =
            SiteIdentity::configure(store, m_name->text(), m_prefix->text(), m_session.acting());
        !r)
        return r;
    refresh();
    return {};
}

Result<void> SyncDialog::writeCard(const QString &path)
{
    auto id = SiteIdentity::ensure(m_session.context().store());
    if (!id)
        return id.error();
    return filebytes::write(path, id.value().card().toJson());
}

Result<void> SyncDialog::addPeer(const QString &cardPath)
{
    auto bytes = filebytes::read(cardPath);
    if (!bytes)
        return bytes.error();
    auto card = SiteIdentity::Card::fromJson(bytes.value());
    if (!card)
        return card.error();
    Store &store = m_session.context().store();
    auto id = SiteIdentity::ensure(store);
    if (!id)
        return id.error();
    if (auto r = m_session.context().peers().add(card.value(), id.value().siteId(),
                                                 m_session.acting(), m_session.now());
        !r)
        return r;
    refresh();
    return {};
}

Result<SyncExchange::Exported> SyncDialog::exportFor(const QString &peer, const QString &path)
{
    Progress progress = progressFor(tr("Writing the package…"));
    auto exported =
        m_session.context().exportPackage(peer, m_session.userId(), m_session.now(), progress);
    progress.report({}, 1);
    if (!exported)
        return exported.error();
    if (auto r = filebytes::write(path, exported.value().file); !r)
        return r.error();
    refresh();
    return exported;
}

Result<SyncExchange::Imported> SyncDialog::importFrom(const QString &path)
{
    auto bytes = filebytes::read(path);
    if (!bytes) {
        showResult(bytes.error().message, false);
        return bytes.error();
    }
    Progress progress = progressFor(tr("Applying the package…"));
    auto imported = m_session.context().importPackage(bytes.value(), m_session.userId(),
                                                      m_session.now(), progress);
    progress.report({}, 1);
    if (!imported) {
        showResult(imported.error().message, false);
        return imported.error();
    }
    const SyncExchange::Imported &i = imported.value();
    QString text =
        i.alreadyApplied()
            ? tr("This package from %1 was applied before; nothing changed.")
                  .arg(i.header.sourceName)
            : tr("From %1: %2 new events, %3 cases updated, %4 new attachments; %5 events were "
                 "here already.")
                  .arg(i.header.sourceName)
                  .arg(i.newEvents)
                  .arg(i.casesChanged)
                  .arg(i.newAttachments)
                  .arg(i.knownEvents);
    if (i.newReferences > 0)
        text +=
            u' ' + tr("Reference data changed: %1.").arg(AppContext::refKinds().displayNames(i.changedKinds));
    if (!i.conflicts.isEmpty())
        text += u' ' + tr("%n conflict(s): kept on record, not applied (listed below).", nullptr,
                          int(i.conflicts.size()));
    bool ok = true;
    const auto taken = m_session.context().takeReceived(
        i.changedKinds, i.changedKinds.contains(gridkind::id())
                            ? progressFor(tr("Putting the new grid in place…"))
                            : Progress{});
    if (!taken) {
        ok = false;
        text += u' ' + taken.error().message;
    } else if (taken.value()) {
        m_gridReplaced = true;
        text += u' ' + tr("The grid from %1 is in place.").arg(i.header.sourceName);
    }
    showResult(text, ok);
    refresh();
    if (i.newEvents > 0 || i.newReferences > 0)
        m_session.notifyAllChanged();
    return imported;
}

} // namespace citygrid
