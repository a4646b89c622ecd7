// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/openstoredialog.h"

#include "services/appcontext.h"
#include "services/centreaddress.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QUrl>
#include <QVBoxLayout>

namespace citygrid {

OpenStoreDialog::OpenStoreDialog(QWidget *parent, Purpose purpose)
    : QDialog(parent), m_useFile(new QRadioButton(tr("A store file (GeoPackage)"), this)),
      m_useCentre(new QRadioButton(tr("The command centre's server"), this)),
      m_file(new QLineEdit(this)), m_centre(new QLineEdit(this)), m_problem(new QLabel(this)),
      m_atStart(new QCheckBox(tr("Open it whenever CityGrid starts on this computer"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    const bool atStart = purpose == Purpose::AtStart;
    setObjectName(QStringLiteral("openStoreDialog"));
    setWindowTitle(atStart ? tr("Store at start") : tr("Open a store"));
    m_accept =
        m_buttons->addButton(atStart ? tr("Save") : tr("Open"), QDialogButtonBox::AcceptRole);
    m_useFile->setChecked(true);
    // what is kept now, to start from
    const QString saved = AppContext::savedStore();
    if (centreaddress::isCentre(saved)) {
        m_centre->setText(saved);
        m_useCentre->setChecked(true);
    } else if (atStart) {
        m_file->setText(saved.isEmpty() ? AppContext::defaultStorePath() : saved);
    }
    m_atStart->setVisible(!atStart);
    m_file->setPlaceholderText(tr("futian.gpkg"));
    m_centre->setPlaceholderText(QStringLiteral("postgresql://op01@192.168.1.10:5432/citygrid"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a store"), m_file->text(),
                                                          tr("GeoPackage (*.gpkg)"));
        if (!path.isEmpty()) {
            m_file->setText(path);
            m_useFile->setChecked(true);
        }
    });
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    auto *note = new QLabel(
        atStart ? tr("The window and every command open this store when no other is named "
                     "(--store). On the centre's server the address names your account; your "
                     "password is asked for, never written in the address.")
                : tr("The store opens in a new window, which asks who signs in. On the centre's "
                     "server the address names your account; your password is asked for, never "
                     "written in the address."),
        this);
    note->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->addWidget(m_useFile, 0, 0, 1, 2);
    grid->addWidget(m_file, 1, 0);
    grid->addWidget(browse, 1, 1);
    grid->addWidget(m_useCentre, 2, 0, 1, 2);
    grid->addWidget(m_centre, 3, 0, 1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(note);
    layout->addWidget(m_atStart);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    if (atStart) {
        auto *own =
            m_buttons->addButton(tr("This computer's own file"), QDialogButtonBox::ResetRole);
        own->setToolTip(AppContext::defaultStorePath());
        connect(own, &QPushButton::clicked, this, [this] {
            m_ownFile = true;
            m_keep = true;
            accept();
        });
    }
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this, atStart] {
        m_keep = atStart || m_atStart->isChecked();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_file, m_centre})
        connect(edit, &QLineEdit::textChanged, this, &OpenStoreDialog::check);
    connect(m_file, &QLineEdit::textEdited, this, [this] { m_useFile->setChecked(true); });
    connect(m_centre, &QLineEdit::textEdited, this, [this] { m_useCentre->setChecked(true); });
    connect(m_useFile, &QRadioButton::toggled, this, &OpenStoreDialog::check);
    resize(560, sizeHint().height());
    check();
}

QString OpenStoreDialog::target() const
{
    if (m_ownFile)
        return {};
    return m_useCentre->isChecked() ? m_centre->text().trimmed() : m_file->text().trimmed();
}

QString OpenStoreDialog::problem() const
{
    const QString t = target();
    if (t.isEmpty())
        return m_useCentre->isChecked() ? tr("Type the centre's address.")
                                        : tr("Choose a store file.");
    if (m_useCentre->isChecked()) {
        if (!centreaddress::isCentre(t))
            return tr("A centre's address starts with postgresql://");
        if (const QString why = centreaddress::problem(t); !why.isEmpty())
            return why;
        if (centreaddress::account(t).isEmpty())
            return tr("Name your account in the address: postgresql://ACCOUNT@HOST:PORT/DATABASE");
        if (!QUrl(t).password().isEmpty())
            return tr("Leave the password out of the address; it is asked for when the window "
                      "opens");
        return {};
    }
    const QFileInfo file(t);
    if (!file.exists())
        return tr("There is no file %1").arg(t);
    if (!file.isFile() || file.suffix().compare(QLatin1String("gpkg"), Qt::CaseInsensitive) != 0)
        return tr("%1 is not a GeoPackage (.gpkg) file").arg(file.fileName());
    return {};
}

void OpenStoreDialog::check()
{
    const QString why = problem();
    m_problem->setText(why);
    m_accept->setEnabled(why.isEmpty());
}

} // namespace citygrid
