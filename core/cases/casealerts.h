// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "calendar/workingcalendar.h"
#include "cases/caserecord.h"
#include "catalogues/alertrules.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>
#include <QDateTime>

namespace citygrid {

/// One thing an account is told about a case.
struct CaseAlert
{
    enum class Kind {
        Warning,      ///< 预警: the case's warning time began (or it is overdue): to its unit and
                      ///< to the dispatcher who sent it
        Escalation,   ///< 升级: overdue, to the roles alerts.json names (the shift leaders)
        Acknowledged, ///< 签收: the unit opened the case, to the dispatcher who sent it
    };
    Kind kind = Kind::Warning;
    QString caseUuid;
    QString caseNo;
    QString unitId;
    QDateTime at;         ///< since when: the warning time, the deadline, the acknowledgement
    qint64 minutesLeft;   ///< working minutes left at the time asked (negative: overdue)
    QString by;           ///< who acknowledged
    bool overdue = false; ///< past its deadline (also when no working minute has passed since)
};

/// What the deadlines and the units' acknowledgements tell each account, worked out from the
/// store's cases and events at a moment, by the rules of alerts.json: nothing to store and
/// nothing to lose, the same on every workstation that holds the cases. The window lists them
/// and counts what is new; the wall display counts warnings and escalations. One thread (the
/// store's).
class CaseAlerts
{
    Q_DECLARE_TR_FUNCTIONS(CaseAlerts)
public:
    CaseAlerts(const SqliteDb &db, const WorkingCalendar &calendar, const AlertRules &rules)
        : m_db(db), m_calendar(calendar), m_rules(rules)
    {
    }

    /// What `account` is told at `now`, newest first.
    Result<QList<CaseAlert>> forAccount(const Account &account, const QDateTime &now) const;

    struct Counts
    {
        int warnings = 0;       ///< dispatched cases in their warning time, not yet overdue
        int escalations = 0;    ///< dispatched cases overdue
        int unacknowledged = 0; ///< dispatched cases their unit has not opened yet
        bool operator==(const Counts &) const = default;
    };
    /// The district's (or, with `reader`, what it may see) at `now`: the wall display's figures.
    Result<Counts> counts(const QDateTime &now, const Account *reader = nullptr) const;

    /// Whether an event of `step` brings a case to its unit (a dispatch, a failed verification, a
    /// resume), after which it is to be acknowledged again.
    static bool bringsToUnit(const QString &step);
    /// Whether `history` has an acknowledgement since the case last came to its unit.
    static bool acknowledged(const QList<CaseEvent> &history);

    /// One line for the list: "预警 · 202612050001 · 剩余 1工作时20分".
    static QString text(const CaseAlert &alert, int minutesPerDay);
    /// The time left, or how late ("overdue" when the deadline passed outside office hours).
    static QString timeText(const CaseAlert &alert, int minutesPerDay);

private:
    struct Open;
    Result<QList<Open>> dispatched(const Account *reader, const QDateTime &now) const;

    const SqliteDb &m_db;
    const WorkingCalendar &m_calendar;
    const AlertRules &m_rules;
};

} // namespace citygrid
