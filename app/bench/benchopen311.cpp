// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "bench/benchutil.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrlQuery>

namespace citygrid::cli {

namespace {

constexpr int inFlight = 6; // what one client keeps open to one host

/// What a run of many requests gave: their latencies and the wall time of all of them.
struct Load
{
    QList<double> ms;
    double wallSeconds = 0;
    int failed = 0;
    QStringList ids;  ///< service_request_ids of what a POST made
    QList<int> taken; ///< which of the requests were answered as expected
};

/// Sends `count` requests that `make(i)` builds, `inFlight` at a time, and waits for all.
Load drive(QNetworkAccessManager &http, int count,
           const std::function<QNetworkReply *(QNetworkAccessManager &, int)> &make,
           int expectedStatus)
{
    Load load;
    QEventLoop loop;
    int sent = 0, done = 0;
    QElapsedTimer wall;
    wall.start();
    std::function<void()> next = [&]() {
        if (sent >= count)
            return;
        const int i = sent++;
        QElapsedTimer *timer = new QElapsedTimer;
        timer->start();
        QNetworkReply *reply = make(http, i);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, timer, i]() {
            load.ms.append(double(timer->nsecsElapsed()) / 1e6);
            delete timer;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != expectedStatus)
                ++load.failed;
            else
                load.taken.append(i);
            if (status == expectedStatus && expectedStatus == 201)
                load.ids.append(QJsonDocument::fromJson(reply->readAll())
                                    .array()
                                    .first()
                                    .toObject()
                                    .value(QStringLiteral("service_request_id"))
                                    .toString());
            reply->deleteLater();
            if (++done == count)
                loop.quit();
            else
                next();
        });
    };
    for (int i = 0; i < inFlight; ++i)
        next();
    if (count > 0)
        loop.exec();
    load.wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    return load;
}

void report(const QString &what, const Load &load)
{
    row(tr("Open311 %1: requests per second").arg(what), double(load.ms.size()) / load.wallSeconds,
        QStringLiteral("/s"));
    row(tr("Open311 %1: latency, median").arg(what), percentile(load.ms, 0.5),
        QStringLiteral("ms"));
    row(tr("Open311 %1: latency, 99th percentile").arg(what), percentile(load.ms, 0.99),
        QStringLiteral("ms"));
    if (load.failed)
        row(tr("Open311 %1: answered with another status").arg(what), load.failed,
            QStringLiteral("req"));
}

} // namespace

Result<void> benchOpen311(const QString &tempDir, bool quick)
{
    const QString store = tempDir + QStringLiteral("/open311.gpkg");
    const QString keys = tempDir + QStringLiteral("/open311-keys");
    const auto run = [](const QStringList &arguments) {
        // a process of its own, as a city platform meets the service
        QProcess process;
        process.start(QCoreApplication::applicationFilePath(), arguments);
        process.waitForFinished(600000);
        return process.exitCode() == 0 ? QString::fromUtf8(process.readAllStandardOutput())
                                       : QString();
    };
    const int cases = quick ? 2000 : 20000;
    if (run({QStringLiteral("demo"), QStringLiteral("--cases"), QString::number(cases),
             QStringLiteral("--store"), store})
            .isEmpty())
        return Error{QStringLiteral("bench.open311"), tr("Could not make the demo store"), {}};
    const QString key = run({QStringLiteral("serve"), QStringLiteral("keys"), QStringLiteral("add"),
                             QStringLiteral("bench"), QStringLiteral("--keys"), keys})
                            .trimmed();

    QProcess serve;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CITYGRID_PASSWORD"), QStringLiteral("Futian-demo-2026"));
    serve.setProcessEnvironment(env);
    serve.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--store"), store, QStringLiteral("--user"), QStringLiteral("op01"),
                 QStringLiteral("--keys"), keys, QStringLiteral("--lang"), QStringLiteral("en")});
    QString banner;
    while (!banner.contains(u'\n') && serve.waitForReadyRead(60000))
        banner += QString::fromUtf8(serve.readAllStandardOutput());
    const auto found =
        QRegularExpression(QStringLiteral("(http://[^ ]+/open311/v2/)")).match(banner);
    if (!found.hasMatch() || key.isEmpty())
        return Error{QStringLiteral("bench.open311"), tr("citygrid serve did not start"),
                     QString::fromUtf8(serve.readAllStandardError())};
    // one line a request on its standard output: read and dropped
    QObject::connect(&serve, &QProcess::readyReadStandardOutput, &serve,
                     [&serve]() { serve.readAllStandardOutput(); });
    const QString base = found.captured(1);
    QNetworkAccessManager http;
    const int posts = quick ? 200 : 2000;

    const Load posted = drive(
        http, posts,
        [&](QNetworkAccessManager &client, int i) {
            QRandomGenerator random{quint32(i)};
            QUrlQuery form;
            form.addQueryItem(QStringLiteral("api_key"), key);
            form.addQueryItem(QStringLiteral("service_code"), QStringLiteral("E0102"));
            form.addQueryItem(QStringLiteral("lat"),
                              QString::number(22.525 + random.bounded(0.03), 'f', 6));
            form.addQueryItem(QStringLiteral("long"),
                              QString::number(114.03 + random.bounded(0.05), 'f', 6));
            form.addQueryItem(QStringLiteral("description"), QStringLiteral("bench %1").arg(i));
            form.addQueryItem(QStringLiteral("attribute[city_case_no]"),
                              QStringLiteral("B-%1").arg(i));
            QNetworkRequest request(QUrl(base + QStringLiteral("requests.json")));
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QStringLiteral("application/x-www-form-urlencoded"));
            return client.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
        },
        201);
    // points at random over the district's box: some fall outside its grid and are refused
    row(tr("Open311 POST requests: taken, of %1 sent").arg(posts), posted.ids.size(),
        QStringLiteral("req"));
    report(QStringLiteral("POST requests"), posted);

    const Load one = drive(
        http, posts,
        [&](QNetworkAccessManager &client, int i) {
            const QString id =
                posted.ids.isEmpty() ? QStringLiteral("B-0") : posted.ids[i % posted.ids.size()];
            return client.get(QNetworkRequest(
                QUrl(base + QStringLiteral("requests/") + id + QStringLiteral(".json"))));
        },
        200);
    report(QStringLiteral("GET requests/{id}"), one);
    const Load byCity = drive(
        http, posts,
        [&](QNetworkAccessManager &client, int i) {
            const int made = posted.taken.isEmpty() ? 0 : posted.taken[i % posted.taken.size()];
            return client.get(
                QNetworkRequest(QUrl(base + QStringLiteral("requests/B-%1.json").arg(made))));
        },
        200);
    report(QStringLiteral("GET requests/{city id}"), byCity);
    const Load lists = drive(
        http, quick ? 20 : 100,
        [&](QNetworkAccessManager &client, int) {
            return client.get(QNetworkRequest(QUrl(base + QStringLiteral("requests.json"))));
        },
        200);
    report(QStringLiteral("GET requests (90 days)"), lists);
    serve.kill();
    serve.waitForFinished();
    return {};
}

} // namespace citygrid::cli
