// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "base/partialfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

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
    // rename(2) puts the new file in the old one's place in one step: a reader or a kill sees the
    // old file or the new one, never none
    return std::rename(QFile::encodeName(m_partial).constData(),
                       QFile::encodeName(m_target).constData()) == 0;
}

} // namespace citygrid
