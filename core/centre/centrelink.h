// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "centre/centrelistener.h"
#include "centre/pgconnection.h"
#include "store/storeupstream.h"

#include <optional>

namespace citygrid {

/// A workstation's link to the centre's server, signed in as its account: the upstream its
/// replica's case steps are settled by (citygrid.append_step, citygrid.next_case_no). With the
/// server out of reach (at start, or the network dropped) each step tries to connect again
/// before it is refused, saying so. The server's refusals become what the user reads: who
/// stepped the case first, what their role or reach does not allow. One thread (the store's).
class CentreLink : public StoreUpstream
{
    Q_DECLARE_TR_FUNCTIONS(CentreLink)
public:
    /// `uri`: the account's login role at the centre; `password` its password.
    CentreLink(QString uri, QString password)
        : m_uri(std::move(uri)), m_password(std::move(password))
    {
    }
    /// Connects (again); the error says why not.
    Result<void> connect();
    bool connected() const;

    Result<void> publishStep(const CaseEvent &event, const CaseRecord &after, int version,
                             const QList<CaseAttachment> &attachments) override;
    Result<QString> nextCaseNumber(QDate day) override;
    Result<void> publishRecords(const QList<QJsonObject> &records, const QString &shown) override;
    Result<int> publishDocument(const QString &kind, const QString &key, int seenVersion,
                                const QJsonObject &document, const QString &shown) override;
    Result<void> publishPackage(const QList<CaseEvent> &events, const QList<CaseRecord> &cases,
                                const QList<CaseAttachment> &attachments,
                                const QList<QJsonObject> &records) override;
    /// Enables or disables account `name` (`enabled`), or gives it a new password, at the
    /// server, which checks this link's account may; `siteId` names this workstation in the
    /// account's history.
    Result<void> changeAccount(const QString &name, std::optional<bool> enabled,
                               const std::optional<QString> &password, const QString &siteId,
                               const QDateTime &at);

    /// The connection, when there is one.
    PgConnection *connection() { return m_conn ? &*m_conn : nullptr; }
    /// A connection of its own to the server, signed in as this link is (for a worker thread).
    Result<PgConnection> openConnection() const { return PgConnection::open(m_uri, m_password); }
    /// host:port of the server, for messages.
    QString endpoint() const;
    /// A listener for the server's news, signed in as this link is.
    std::unique_ptr<CentreListener> listener(QObject *parent = nullptr) const
    {
        return std::make_unique<CentreListener>(m_uri, m_password, parent);
    }
    /// A server refusal of a step on case `caseNo`, as the user reads it.
    static Error explain(const Error &refusal, const QString &caseNo);

    /// A server refusal of an edit of `shown` (a record, a document, the grid), as the user
    /// reads it.
    static Error explainEdit(const Error &refusal, const QString &shown);

private:
    /// Runs `sql` on the server, connecting first if the link is down and once more if the
    /// network dropped since the last call.
    Result<PgResult> call(const QString &sql, const QVariantList &params);

    QString m_uri, m_password;
    std::optional<PgConnection> m_conn;
};

} // namespace citygrid
