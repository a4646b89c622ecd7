// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "calendar/deadline.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace citygrid {

/// The component (部件) and event (事件) categories a case is filed under, with their filing and
/// closing standards, deadline and default responsible unit type, as data
/// (data/catalogues/categories.json). Value type; read-only use from any thread.
class CategoryCatalogue
{
    Q_DECLARE_TR_FUNCTIONS(CategoryCatalogue)
public:
    struct Group
    {
        QString kind; ///< "component" or "event"
        QString major;
        QString name;
        QString nameEn;
        bool local = false; ///< numbered locally: the standard's code is not known
    };
    struct Category
    {
        QString id; ///< "E0102": kind letter, major, minor
        QString kind;
        QString major;
        QString minor;
        QString name;
        QString nameEn;
        QString initials; ///< pinyin initials of the name ("BLLJ" for 暴露垃圾), as operators type
        QString filingStandard;
        QString closingStandard;
        Deadline deadline;
        bool urgent = false;
        QString unitType;
        QString businessArea;
        bool local = false;
    };

    static Result<CategoryCatalogue> fromJson(const QByteArray &json);

    const Category *find(const QString &id) const;
    /// Categories matching what an operator types: a code ("E0102", "E01"), pinyin initials
    /// ("bllj"), or part of the Chinese or English name; best matches first.
    QList<const Category *> search(const QString &text, int limit = 20) const;
    const Group *group(const QString &kind, const QString &major) const;
    QList<Category> categories() const { return m_categories; }
    QList<Group> groups() const { return m_groups; }

private:
    QList<Group> m_groups;
    QList<Category> m_categories;
};

} // namespace citygrid
