// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "widgets/writtenfile.h"

#include "services/language.h"

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>

#include <functional>

namespace citygrid::writtenfile {

namespace {

const char agreedProperty[] = "citygridAgreedPath";

QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::WrittenFile", text);
}

/// Hands `path` to the desktop; `failed` runs when nothing opened it. xdg-open is run and
/// watched where there is one (QDesktopServices starts it detached and so reports success even
/// when it finds no program for the type); elsewhere QDesktopServices's own answer counts.
void launch(QWidget *parent, const QString &path, const std::function<void()> &failed)
{
    const QString xdgOpen = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
    if (xdgOpen.isEmpty()) {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            failed();
        return;
    }
    auto *process = new QProcess(parent);
    process->setObjectName(QStringLiteral("openProcess"));
    QObject::connect(process, &QProcess::finished, parent,
                     [process, failed](int code, QProcess::ExitStatus status) {
                         process->deleteLater();
                         if (status != QProcess::NormalExit || code != 0)
                             failed();
                     });
    QObject::connect(process, &QProcess::errorOccurred, parent,
                     [process, failed](QProcess::ProcessError error) {
                         if (error != QProcess::FailedToStart)
                             return;
                         process->deleteLater();
                         failed();
                     });
    process->start(xdgOpen, {path});
}

void sayNotOpened(QWidget *parent, const QString &path)
{
    const QString shown = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    auto *box = new QMessageBox(QMessageBox::Information, tr("File written"),
                                tr("The file is written, but no program on this computer opened "
                                   "it."),
                                QMessageBox::Close, parent);
    box->setObjectName(QStringLiteral("notOpenedBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("It is at:\n%1\n\nOpen it from there, or install a viewer for "
                               "this type of file.")
                                .arg(shown));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPushButton *folder = box->addButton(tr("Show in folder"), QMessageBox::ActionRole);
    folder->setObjectName(QStringLiteral("showInFolder"));
    QPushButton *copy = box->addButton(tr("Copy path"), QMessageBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyPath"));
    QPointer<QWidget> owner(parent);
    QObject::connect(box, &QMessageBox::buttonClicked, parent,
                     [owner, folder, copy, path, shown](QAbstractButton *clicked) {
                         if (clicked == copy)
                             QApplication::clipboard()->setText(shown);
                         if (clicked != folder || !owner)
                             return;
                         launch(owner, QFileInfo(path).absolutePath(), [owner, shown] {
                             QApplication::clipboard()->setText(shown);
                             if (owner)
                                 QMessageBox::information(
                                     owner, tr("File written"),
                                     tr("No file manager opened the folder either. The file's "
                                        "path is copied:\n%1")
                                         .arg(shown));
                         });
                     });
    box->open();
}

} // namespace

bool mayWrite(QWidget *parent, const QString &path)
{
    if (!QFileInfo::exists(path))
        return true;
    const auto answer = QMessageBox::question(
        parent, tr("Replace the file?"),
        tr("%1 exists already. Write over it?").arg(QDir::toNativeSeparators(path)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Yes;
}

bool mayWrite(QWidget *parent, const QLineEdit *pathEdit)
{
    const QString path = pathEdit->text().trimmed();
    if (pathEdit->property(agreedProperty).toString() == path)
        return true;
    return mayWrite(parent, path);
}

void agreed(QLineEdit *pathEdit, const QString &path)
{
    pathEdit->setProperty(agreedProperty, path);
}

void open(QWidget *parent, const QString &path)
{
    QPointer<QWidget> owner(parent);
    launch(parent, path, [owner, path] {
        if (owner)
            sayNotOpened(owner, path);
    });
}

QString defaultName(const QString &stem, const QString &period, const QString &suffix)
{
    const QString lang = language::isEnglish() ? QStringLiteral("en") : QStringLiteral("zh");
    QStringList parts{stem};
    if (!period.isEmpty())
        parts << period;
    parts << lang;
    return parts.join(QLatin1Char('-')) + QLatin1Char('.') + suffix;
}

} // namespace citygrid::writtenfile
