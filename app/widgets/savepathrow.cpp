// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "widgets/savepathrow.h"
#include "widgets/writtenfile.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace citygrid {

QLayout *savePathRow(QWidget *owner, QLineEdit *edit, const QString &title, const QString &filters)
{
    auto *browse =
        new QPushButton(QCoreApplication::translate("citygrid::SavePathRow", "Choose…"), owner);
    QObject::connect(browse, &QPushButton::clicked, owner, [owner, edit, title, filters] {
        const QString chosen = QFileDialog::getSaveFileName(owner, title, edit->text(), filters);
        if (chosen.isEmpty())
            return;
        edit->setText(chosen);
        writtenfile::agreed(edit, chosen); // the save dialog asked about replacing it
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    return row;
}

} // namespace citygrid
