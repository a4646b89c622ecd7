// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

/// Small helpers the tests share.
namespace citygrid::testutil {

/// SHA-256 of a file's bytes: "the store was not changed" is checked byte for byte.
inline QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly)
               ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
               : QByteArray();
}

/// What a run of the citygrid executable gave: exit status (-1: crashed or timed out), stdout,
/// stderr.
struct CitygridRun
{
    int status;
    QString out;
    QString err;
};

/// The password of every demo account (data/catalogues/demo.json).
inline QString demoPassword()
{
    return QStringLiteral("Futian-demo-2026");
}

struct RunOptions
{
    QByteArray input;         ///< what the command reads on standard input
    bool demoPassword = true; ///< CITYGRID_PASSWORD set to the demo password
};

/// Runs the citygrid executable with `arguments`, its settings and data under `home` (so the
/// user's own are never touched), as someone who knows the demo password unless told otherwise.
inline CitygridRun runCitygrid(const QString &executable, const QStringList &arguments,
                               const QString &home, const RunOptions &options = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.remove(QStringLiteral("CITYGRID_PASSWORD"));
    if (options.demoPassword)
        env.insert(QStringLiteral("CITYGRID_PASSWORD"), demoPassword());
    process.setProcessEnvironment(env);
    process.start(executable, arguments);
    process.write(options.input);
    process.closeWriteChannel();
    if (!process.waitForFinished(240000))
        return {-1, {}, QStringLiteral("timed out")};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

/// The text of a PDF exactly as pdftotext (poppler-utils) reads it, layout kept: what a user who
/// searches or copies it gets. Nothing is folded, so a wrong character fails the test that reads
/// it. Empty if it cannot be read.
inline QString pdfText(const QString &path)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"),
                  {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

/// The first character of `text` in the CJK radical blocks (U+2E80–U+2FDF), which real text of a
/// report never holds: a PDF whose glyphs map back to radicals reads "福⽥区". Null if none.
inline QChar firstRadical(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x2e80 && c.unicode() <= 0x2fdf)
            return c;
    return {};
}

} // namespace citygrid::testutil
