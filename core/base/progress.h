// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

#include <functional>

namespace citygrid {

/// How far long work has got, and whether the user still wants it: the work calls report() now
/// and then and stops when it returns false. The callback runs on the working thread; front ends
/// pass it on to their own (a progress bar, a line on the terminal). Empty: nobody listens.
class Progress
{
public:
    using Callback = std::function<bool(const QString &stage, double fraction)>;
    Progress() = default;
    explicit Progress(Callback callback) : m_callback(std::move(callback)) {}

    /// `fraction` from 0 to 1 within `stage`; false once the user has cancelled.
    bool report(const QString &stage, double fraction) const
    {
        if (m_callback && !m_cancelled)
            m_cancelled = !m_callback(stage, fraction);
        return !m_cancelled;
    }
    bool cancelled() const { return m_cancelled; }

private:
    Callback m_callback;
    mutable bool m_cancelled = false;
};

} // namespace citygrid
