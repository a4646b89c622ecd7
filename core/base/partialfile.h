// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

namespace citygrid {

/// A file written beside its target (".partial-NAME") and moved over it only when complete, so a
/// failed or cancelled export never leaves a half-written file under the real name. The partial
/// file is removed unless committed.
class PartialFile
{
public:
    explicit PartialFile(const QString &target);
    ~PartialFile();
    PartialFile(const PartialFile &) = delete;
    PartialFile &operator=(const PartialFile &) = delete;

    /// Where to write.
    QString path() const { return m_partial; }
    /// Moves the written file over the target; false if that failed.
    bool commit();

private:
    QString m_target;
    QString m_partial;
};

} // namespace citygrid
