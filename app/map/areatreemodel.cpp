// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/areatreemodel.h"

namespace citygrid {

AreaTreeModel::AreaTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void AreaTreeModel::setCatalogue(const GridCatalogue &catalogue, bool english)
{
    beginResetModel();
    m_nodes.clear();
    m_nodeOf.clear();
    m_nodes.append({catalogue.districtCode(), catalogue.districtName(english), -1, 0, {}});
    m_nodeOf.insert(catalogue.districtCode(), 0);
    addChildren(catalogue, 0, english);
    endResetModel();
}

void AreaTreeModel::addChildren(const GridCatalogue &catalogue, int node, bool english)
{
    for (const GridUnit *unit : catalogue.children(m_nodes[node].code)) {
        const int id = int(m_nodes.size());
        m_nodes.append({unit->code,
                        catalogue.displayName(unit->code, english),
                        node,
                        int(m_nodes[node].children.size()),
                        {}});
        m_nodes[node].children.append(id);
        m_nodeOf.insert(unit->code, id);
        if (unit->level != GridLevel::Cell)
            addChildren(catalogue, id, english);
    }
}

QModelIndex AreaTreeModel::indexOf(const QString &code) const
{
    const int i = m_nodeOf.value(code, -1);
    return i < 0 ? QModelIndex() : createIndex(m_nodes[i].row, 0, quintptr(i));
}

QModelIndex AreaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (m_nodes.isEmpty() || column < 0 || column >= 2 || row < 0)
        return {};
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, quintptr(0)) : QModelIndex();
    const Node &p = m_nodes[qsizetype(parent.internalId())];
    if (row >= p.children.size())
        return {};
    return createIndex(row, column, quintptr(p.children[row]));
}

QModelIndex AreaTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[qsizetype(child.internalId())].parent;
    return p < 0 ? QModelIndex() : createIndex(m_nodes[p].row, 0, quintptr(p));
}

int AreaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_nodes.isEmpty() ? 0 : 1;
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[qsizetype(parent.internalId())].children.size());
}

int AreaTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

QVariant AreaTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = m_nodes[qsizetype(index.internalId())];
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? node.name : node.code;
    case Qt::ToolTipRole:
        return QStringLiteral("%1 %2").arg(node.name, node.code);
    case CodeRole:
        return node.code;
    default:
        return {};
    }
}

QVariant AreaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Area") : tr("Code");
}

} // namespace citygrid
