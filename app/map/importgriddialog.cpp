// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/importgriddialog.h"

#include "grid/centregridimport.h"

#include "grid/gridmaploader.h"
#include "render/maprenderjob.h"
#include "widgets/tablefit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace citygrid {

ImportGridDialog::ImportGridDialog(const QString &storePath, RoleCatalogue roles, QWidget *parent)
    : QDialog(parent), m_storePath(storePath), m_roles(std::move(roles)),
      m_file(new QLineEdit(this)), m_codeField(new QLineEdit(this)), m_crs(new QComboBox(this)),
      m_summary(new QLabel(this)), m_issues(new QTableWidget(0, 4, this)),
      m_preview(new QLabel(this)), m_buttons(new QDialogButtonBox(this)),
      m_progressBar(new QProgressBar(this))
{
    setWindowTitle(tr("Import a district grid"));
    m_progressBar->setRange(0, 100);
    m_progressBar->hide();
    resize(980, 640);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    m_codeField->setPlaceholderText(tr("detected from the data"));
    m_crs->setEditable(true);
    m_crs->addItem(tr("as the file says"), QString());
    for (const char *crs : {"EPSG:4326", "EPSG:4490", "EPSG:4547", "EPSG:3857", "gcj02"})
        m_crs->addItem(QString::fromLatin1(crs), QString::fromLatin1(crs));
    auto *form = new QFormLayout;
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Cell code field:"), m_codeField);
    form->addRow(tr("Coordinate system:"), m_crs);

    m_issues->setHorizontalHeaderLabels({tr("Severity"), tr("Feature"), tr("Code"), tr("Problem")});
    TableFit::install(m_issues, m_issues->horizontalHeader(), 3);
    m_issues->verticalHeader()->hide();
    m_issues->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_issues->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_preview->setMinimumSize(360, 300);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(QStringLiteral("background:#f3f1ec; border:1px solid #c9ced6"));
    m_summary->setWordWrap(true);
    auto *results = new QHBoxLayout;
    results->addWidget(m_issues, 3);
    results->addWidget(m_preview, 2);

    auto *checkButton = m_buttons->addButton(tr("Check"), QDialogButtonBox::ActionRole);
    auto *importButton = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    importButton->setObjectName(QStringLiteral("importButton"));
    importButton->setEnabled(false);
    m_buttons->addButton(QDialogButtonBox::Cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_progressBar);
    layout->addLayout(results, 1);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Choose a grid file"), {},
                                         tr("Vector files (*.shp *.gpkg *.geojson *.json *.kml "
                                            "*.gml *.tab *.zip);;All files (*)"));
        if (!path.isEmpty())
            setFile(path);
    });
    connect(checkButton, &QPushButton::clicked, this, &ImportGridDialog::check);
    connect(importButton, &QPushButton::clicked, this, &ImportGridDialog::import);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportGridDialog::reject);
    // Anything the user changes invalidates the last check.
    const auto invalidate = [this, importButton] {
        m_checkedClean = false;
        importButton->setEnabled(false);
    };
    connect(m_file, &QLineEdit::textChanged, this, invalidate);
    connect(m_codeField, &QLineEdit::textChanged, this, invalidate);
    connect(m_crs, &QComboBox::currentTextChanged, this, invalidate);
    connect(&m_watcher, &QFutureWatcher<Result<ImportReport>>::finished, this,
            [this] { showReport(m_watcher.result()); });
    m_summary->setText(
        tr("Choose a file and press Check. Nothing is written until you press Import, "
           "and only a file without errors can be imported."));
}

void ImportGridDialog::setFile(const QString &path)
{
    m_file->setText(path);
}

GridReadOptions ImportGridDialog::options() const
{
    const QString text = m_crs->currentText().trimmed();
    const QString crs =
        text == m_crs->itemText(0) ? QString() : text; // first entry: the file's own
    return {m_codeField->text().trimmed(), {}, crs};
}

ImportGridDialog::~ImportGridDialog()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

void ImportGridDialog::reject()
{
    if (m_watcher.isRunning()) {
        m_cancel->store(true);
        m_summary->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

Progress ImportGridDialog::progress()
{
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const QPointer<ImportGridDialog> self(this);
    const auto cancel = m_cancel;
    return Progress([self, cancel](const QString &stage, double fraction) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, stage, fraction] {
                if (!self)
                    return;
                self->m_summary->setText(stage + QStringLiteral("…"));
                self->m_progressBar->setValue(int(fraction * 100));
            },
            Qt::QueuedConnection);
        return !cancel->load();
    });
}

void ImportGridDialog::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_progressBar->setVisible(busy);
    m_progressBar->setValue(0);
    for (QAbstractButton *button : m_buttons->buttons())
        if (m_buttons->buttonRole(button) != QDialogButtonBox::RejectRole)
            button->setEnabled(
                !busy &&
                (m_buttons->buttonRole(button) != QDialogButtonBox::AcceptRole || m_checkedClean));
    if (busy) {
        m_summary->setText(what);
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
    }
}

void ImportGridDialog::check()
{
    if (m_watcher.isRunning())
        return;
    m_importing = false;
    m_checkedClean = false;
    setBusy(true, tr("Reading and checking %1…").arg(m_file->text()));
    m_watcher.setFuture(
        QtConcurrent::run(&GridImport::check, m_file->text(), options(), progress()));
}

void ImportGridDialog::import()
{
    if (!m_checkedClean || m_watcher.isRunning())
        return;
    start(GridImport::Replace::IfHarmless);
}

void ImportGridDialog::start(GridImport::Replace replace)
{
    m_importing = true;
    setBusy(true, tr("Replacing the grid of %1…").arg(m_storePath));
    if (m_centre)
        m_watcher.setFuture(QtConcurrent::run(&CentreGridImport::run, m_file->text(), options(),
                                              m_storePath, std::cref(*m_centre),
                                              ActingUser{m_user, &m_roles}, progress(), replace));
    else
        m_watcher.setFuture(QtConcurrent::run(&GridImport::run, m_file->text(), options(),
                                              m_storePath, ActingUser{m_user, &m_roles}, progress(),
                                              replace));
}

bool ImportGridDialog::confirmReplacement(const Error &refusal)
{
    QMessageBox ask(QMessageBox::Warning, tr("Replace the grid?"),
                    tr("The new grid changes what the store's cases refer to."),
                    QMessageBox::Cancel, this);
    ask.setInformativeText(refusal.detail);
    QPushButton *go = ask.addButton(tr("Replace the grid"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    return ask.clickedButton() == go;
}

void ImportGridDialog::showReport(const Result<ImportReport> &result)
{
    m_issues->setRowCount(0);
    // The import itself finds what the replacement would do to the cases (on its worker, in its
    // transaction); asked and confirmed, it runs again allowed to.
    if (!result && m_importing && result.error().code == QLatin1String("import.confirm")) {
        setBusy(false, {});
        if (confirmReplacement(result.error()))
            QTimer::singleShot(0, this, [this] { start(GridImport::Replace::Confirmed); });
        else
            m_summary->setText(tr("The grid was left as it was."));
        return;
    }
    if (!result) {
        m_checkedClean = false;
        setBusy(false, {});
        m_summary->setText(QStringLiteral("<b style=\"color:#c0392b\">%1</b><br>%2")
                               .arg(result.error().message.toHtmlEscaped(),
                                    result.error().detail.toHtmlEscaped()));
        m_preview->clear();
        return;
    }
    m_report = result.value();
    const ImportIssues &issues = m_report.issues;
    int errors = 0;
    for (const ImportIssue &issue : issues) {
        const bool error = issue.severity == ImportIssue::Severity::Error;
        errors += error ? 1 : 0;
        const int r = m_issues->rowCount();
        m_issues->insertRow(r);
        auto *severity = new QTableWidgetItem(error ? tr("Error") : tr("Warning"));
        severity->setForeground(error ? QColor(0xc0, 0x39, 0x2b) : QColor(0xb9, 0x77, 0x0e));
        m_issues->setItem(r, 0, severity);
        m_issues->setItem(
            r, 1,
            new QTableWidgetItem(issue.fid >= 0
                                     ? QStringLiteral("%1 #%2").arg(issue.layer).arg(issue.fid)
                                     : issue.layer));
        m_issues->setItem(r, 2, new QTableWidgetItem(issue.code));
        m_issues->setItem(r, 3, new QTableWidgetItem(issue.message));
    }
    const QString counts = tr("%1 subdistricts, %2 communities, %3 cells")
                               .arg(m_report.grid.subdistricts.size())
                               .arg(m_report.grid.communities.size())
                               .arg(m_report.grid.cells.size());
    m_checkedClean = errors == 0;
    setBusy(false, {});
    if (m_importing && m_report.written) {
        m_imported = true;
        accept();
        return;
    }
    m_summary->setText(
        errors > 0
            ? QStringLiteral("<b style=\"color:#c0392b\">%1</b>")
                  .arg(tr("%1: %2 errors. Nothing can be imported until they are corrected in the "
                          "file.")
                           .arg(counts)
                           .arg(errors)
                           .toHtmlEscaped())
            : QStringLiteral("<b style=\"color:#1e8449\">%1</b>")
                  .arg(tr("%1, no errors (%2 warnings). Press Import to replace the current grid.")
                           .arg(counts)
                           .arg(issues.size())
                           .toHtmlEscaped()));
    // Preview of the incoming grid.
    auto map = GridMapLoader::fromSource(m_report.grid, QStringLiteral("EPSG:3857"));
    if (map && map.value().cells && !map.value().cells->features.isEmpty()) {
        const MapView view =
            MapView::fitting(map.value().extent(), m_preview->size(), devicePixelRatioF());
        QImage image = MapRenderJob(MapScene::standard(map.value()), view).run();
        // The cells with errors in red, so the user sees where the problems are.
        QSet<QString> wrong;
        for (const ImportIssue &issue : issues)
            if (issue.severity == ImportIssue::Severity::Error && !issue.code.isEmpty())
                wrong.insert(issue.code);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setTransform(view.transform());
        QPen pen(QColor(0xc0, 0x39, 0x2b), 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.setBrush(QColor(0xe7, 0x4c, 0x3c, 90));
        for (const MapFeature &cell : map.value().cells->features)
            if (wrong.contains(cell.code))
                for (const QPolygonF &ring : cell.rings)
                    painter.drawPolygon(ring);
        painter.end();
        m_preview->setPixmap(QPixmap::fromImage(image));
    } else {
        m_preview->setText(tr("No preview"));
    }
}

} // namespace citygrid
