// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QCoreApplication>
#include <QString>

namespace citygrid {

/// The rules for text a case keeps (description, reporter, the fields of an imported row): a
/// documented size, and no control characters or characters already lost in an earlier
/// conversion (U+FFFD), since every case travels in every sync package and shows on every screen.
/// Stateless; any thread.
class CaseText
{
    Q_DECLARE_TR_FUNCTIONS(CaseText)
public:
    static constexpr int maxDescription = 2000; ///< characters
    static constexpr int maxReporter = 100;
    static constexpr int maxField = 100; ///< any other field of an imported row

    /// Why `text` cannot be kept in a field of at most `maxChars` characters; empty if it can.
    /// Line breaks and tabs are allowed.
    static QString problem(const QString &text, int maxChars);
};

} // namespace citygrid
