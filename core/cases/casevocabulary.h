// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace citygrid {

/// Where a case is in the closed loop (GB/T 30428, CJ/T 315).
enum class CaseState { Reported, Filed, Dispatched, Handled, Verified, Closed, Voided, Deferred };

/// What someone does to a case. The ids ("verify_fail", ...) are those of the role catalogue.
enum class CaseStep {
    Report,
    File,
    Void,
    Dispatch,
    Feedback,
    VerifyPass,
    VerifyFail,
    Close,
    RequestReturn,
    ApproveReturn,
    RequestExtension,
    ApproveExtension,
    RequestDeferral,
    ApproveDeferral,
    Resume,
    SetUrgent,
    SetSupervised,
    LinkDuplicate,
    Acknowledge, ///< the unit has opened the case dispatched to it (签收); the state stays
};

/// A step that needs a second person's approval, while it waits.
enum class PendingRequest { None, Return, Extension, Deferral };

/// Names of states and steps: stable ids for data and storage, and the words of the standards for
/// people (受理, 立案, 派遣, 处置, 核查, 结案, 作废, 缓办 …), translated.
class CaseVocabulary
{
    Q_DECLARE_TR_FUNCTIONS(CaseVocabulary)
public:
    static QList<CaseState> states();
    static QList<CaseStep> steps();
    /// How a case came in: "inspector", "video", "hotline" (the public hotline), "assigned" (by a
    /// higher level).
    static QStringList channels();
    static QString id(CaseState state);
    static QString id(CaseStep step);
    static std::optional<CaseState> stateFromId(const QString &id);
    static std::optional<CaseStep> stepFromId(const QString &id);
    static QString displayName(CaseState state);
    static QString displayName(CaseStep step);
    /// The step's name as a label (a button, a heading, a timeline entry): displayName() begins
    /// with a capital where the language has them ("Dispatch"); sentences use displayName().
    static QString label(CaseStep step);
    /// The label of any event of a case's history by its stored id: a step, the report, or a
    /// move to another cell when a new grid was imported ("relocate").
    static QString eventLabel(const QString &id);
};

} // namespace citygrid
