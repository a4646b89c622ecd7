// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "grid/gridcatalogue.h"

#include <QAbstractItemModel>
#include <QHash>

namespace citygrid {

/// The district → subdistricts → communities → cells tree, two columns (name, code).
/// Qt::UserRole gives an item's code. Rebuilt with setCatalogue when the grid changes. GUI thread.
class AreaTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    static constexpr int CodeRole = Qt::UserRole;
    explicit AreaTreeModel(QObject *parent = nullptr);

    void setCatalogue(const GridCatalogue &catalogue, bool english);
    QModelIndex indexOf(const QString &code) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        QString code;
        QString name;
        int parent = -1;
        int row = 0;
        QList<int> children;
    };
    void addChildren(const GridCatalogue &catalogue, int node, bool english);
    QList<Node> m_nodes;          // m_nodes[0] is the district
    QHash<QString, int> m_nodeOf; // node by code, for selecting an area from the map
};

} // namespace citygrid
