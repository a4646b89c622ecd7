// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/errordialog.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace citygrid {

void showError(QWidget *parent, const Error &error)
{
    QMessageBox box(QMessageBox::Warning, QCoreApplication::translate("errordialog", "CityGrid"),
                    error.message, QMessageBox::Ok, parent);
    if (!error.detail.isEmpty())
        box.setDetailedText(error.detail);
    box.exec();
}

} // namespace citygrid
