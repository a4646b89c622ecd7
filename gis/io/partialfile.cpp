// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/partialfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace citygrid {

PartialFile::PartialFile(const QString &target) : m_target(target)
{
    const QFileInfo info(target);
    m_partial = info.dir().filePath(QStringLiteral(".partial-") + info.fileName());
    QFile::remove(m_partial);
}

PartialFile::~PartialFile()
{
    QFile::remove(m_partial);
}

bool PartialFile::commit()
{
    QFile::remove(m_target);
    return QFile::rename(m_partial, m_target);
}

} // namespace citygrid
