// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QProcess>
#include <QRegularExpression>

/// `citygrid serve` started as an operator starts it, and curl as a city platform calls it.
namespace citygrid::testutil {

/// Starts `citygrid serve` on a free loopback port with `arguments` (--store, --user, --keys …)
/// and the password `password`; returns the service's base URL from the line it prints, or why
/// not (prefixed "!").
inline QString startServe(QProcess &serve, const QStringList &arguments, const QString &password)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CITYGRID_PASSWORD"), password);
    serve.setProcessEnvironment(env);
    serve.start(QStringLiteral(CITYGRID_EXECUTABLE),
                QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                            QStringLiteral("127.0.0.1:0"), QStringLiteral("--lang"),
                            QStringLiteral("en")} +
                    arguments);
    QString banner;
    while (!banner.contains(u'\n') && serve.waitForReadyRead(60000))
        banner += QString::fromUtf8(serve.readAllStandardOutput());
    const auto found =
        QRegularExpression(QStringLiteral("(http://127\\.0\\.0\\.1:\\d+/open311/v2/)"))
            .match(banner);
    return found.hasMatch() ? found.captured(1)
                            : u'!' + banner + QString::fromUtf8(serve.readAllStandardError());
}

/// What curl got: the HTTP status and the body exactly as sent.
struct Http
{
    int status = 0;
    QByteArray body;
};

inline Http curl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("curl"), QStringList{QStringLiteral("-s"), QStringLiteral("-w"),
                                                      QStringLiteral("\n%{http_code}")} +
                                              arguments);
    if (!process.waitForFinished(60000))
        return {};
    const QByteArray out = process.readAllStandardOutput();
    const qsizetype cut = out.lastIndexOf('\n');
    return {out.mid(cut + 1).toInt(), out.left(cut)};
}

} // namespace citygrid::testutil
