// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "services/language.h"
#include "widgets/writtenfile.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace citygrid;

/// A written file as the user meets it: asked before one is replaced, opened with the desktop's
/// program, and when no program opens it, told where it is.
class TestWrittenFile : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QByteArray m_path;

    /// An xdg-open that notes what it was asked to open and ends with `code` (3: no program).
    void fakeOpener(int code)
    {
        const QString bin = m_dir.filePath(QStringLiteral("bin"));
        QDir().mkpath(bin);
        QFile script(bin + QStringLiteral("/xdg-open"));
        QVERIFY(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
        script.write(QStringLiteral("#!/bin/sh\necho \"$1\" >> %1/opened\nexit %2\n")
                         .arg(m_dir.path())
                         .arg(code)
                         .toUtf8());
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("PATH", bin.toUtf8() + ':' + m_path);
    }
    QString opened() const
    {
        QFile f(m_dir.filePath(QStringLiteral("opened")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    /// Answers the next modal question with the button of `role`, and returns its text.
    static void answer(QMessageBox::StandardButton button, QString *asked)
    {
        auto *timer = new QTimer;
        QObject::connect(timer, &QTimer::timeout, timer, [timer, button, asked] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            *asked = box->text();
            box->button(button)->click();
            timer->deleteLater();
        });
        timer->start(20);
    }

private slots:
    void initTestCase() { m_path = qgetenv("PATH"); }
    void cleanupTestCase() { qputenv("PATH", m_path); }
    void replacingAsksFirst()
    {
        QWidget owner;
        const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY(writtenfile::mayWrite(&owner, path)); // nothing there: no question
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("the English report");
        file.close();
        QString asked;
        answer(QMessageBox::Cancel, &asked);
        QVERIFY(!writtenfile::mayWrite(&owner, path));
        QVERIFY2(asked.contains(QDir::toNativeSeparators(path)), qPrintable(asked));
        answer(QMessageBox::Yes, &asked);
        QVERIFY(writtenfile::mayWrite(&owner, path));
        // a path the save dialog asked about already is not asked again
        QLineEdit edit(path);
        writtenfile::agreed(&edit, path);
        QVERIFY(writtenfile::mayWrite(&owner, &edit));
        edit.setText(path + QStringLiteral(".copy.pdf"));
        QVERIFY(writtenfile::mayWrite(&owner, &edit)); // does not exist
    }
    void noViewerSaysWhereTheFileIs()
    {
        QWidget owner;
        owner.show();
        const QString path = m_dir.filePath(QStringLiteral("报告 2026-11.pdf"));
        QFile(path).open(QIODevice::WriteOnly);
        fakeOpener(3);
        writtenfile::open(&owner, path);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = owner.findChild<QMessageBox *>(QStringLiteral("notOpenedBox"))));
        QCOMPARE(opened(), path + u'\n'); // one line the stand-in wrote
        QVERIFY2(box->informativeText().contains(QDir::toNativeSeparators(path)),
                 qPrintable(box->informativeText()));
        QVERIFY(box->findChild<QPushButton *>(QStringLiteral("showInFolder")));
        box->findChild<QPushButton *>(QStringLiteral("copyPath"))->click();
        QCOMPARE(QApplication::clipboard()->text(), QDir::toNativeSeparators(path));
    }
    void aViewerOpensItQuietly()
    {
        QWidget owner;
        owner.show();
        QFile::remove(m_dir.filePath(QStringLiteral("opened")));
        const QString path = m_dir.filePath(QStringLiteral("map.png"));
        QFile(path).open(QIODevice::WriteOnly);
        fakeOpener(0);
        writtenfile::open(&owner, path);
        QTRY_COMPARE(opened(), path + u'\n');
        QTest::qWait(200);
        QVERIFY(!owner.findChild<QMessageBox *>(QStringLiteral("notOpenedBox")));
    }
    void defaultNamesCarryPeriodAndLanguage()
    {
        const QString lang = language::isEnglish() ? QStringLiteral("en") : QStringLiteral("zh");
        QCOMPARE(writtenfile::defaultName(QStringLiteral("citygrid-report"),
                                          QStringLiteral("2026-11"), QStringLiteral("pdf")),
                 QStringLiteral("citygrid-report-2026-11-%1.pdf").arg(lang));
    }
};

QTEST_MAIN(TestWrittenFile)
#include "tst_writtenfile.moc"
