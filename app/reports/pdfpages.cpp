// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "reports/pdfpages.h"

#include "render/mapdecorations.h"
#include "render/mapexport.h"

#include "render/mapfonts.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageSize>

namespace citygrid {

namespace {

constexpr double footerHeight = 28;
const QColor ink(0x22, 0x2b, 0x36);
const QColor rule(0xc5, 0xcc, 0xd4);

} // namespace

PdfPages::PdfPages(const QString &path, const QString &footer)
    : m_partial(path), m_pdf(m_partial.path()), m_path(path), m_footer(footer)
{
}

PdfPages::~PdfPages()
{
    if (m_painter.isActive())
        m_painter.end();
}

Result<std::unique_ptr<PdfPages>> PdfPages::open(const QString &path, const QString &title,
                                                 const QString &footer)
{
    std::unique_ptr<PdfPages> pages(new PdfPages(path, footer));
    pages->m_pdf.setPageSize(QPageSize(QPageSize::A4));
    pages->m_pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pages->m_pdf.setResolution(72); // a device unit is a point
    pages->m_pdf.setTitle(title);
    pages->m_pdf.setCreator(QStringLiteral("CityGrid"));
    if (!pages->m_painter.begin(&pages->m_pdf))
        return Error{QStringLiteral("report.write"),
                     tr("Cannot write %1: is the folder there and writable?").arg(path),
                     {}};
    pages->m_painter.setRenderHint(QPainter::Antialiasing, true);
    return pages;
}

QFont PdfPages::font(double points, QFont::Weight weight)
{
    return mapfonts::font(points, weight);
}

void PdfPages::paintFooter()
{
    m_painter.save();
    m_painter.setFont(font(8));
    m_painter.setPen(QColor(0x6b, 0x75, 0x80));
    const QRectF box(margin, pageHeight - margin + 8, textWidth(), 14);
    m_painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
    m_painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, QString::number(m_page));
    m_painter.restore();
}

void PdfPages::newPage()
{
    paintFooter();
    m_pdf.newPage();
    ++m_page;
    m_y = margin;
}

double PdfPages::spaceLeft() const
{
    return pageHeight - margin - footerHeight + 20 - m_y;
}

void PdfPages::need(double height)
{
    if (height > spaceLeft() && m_y > margin)
        newPage();
}

void PdfPages::heading(const QString &text)
{
    need(60); // never a heading alone at the foot of a page
    skip(8);
    m_painter.setFont(font(14, QFont::Bold));
    m_painter.setPen(ink);
    const QRectF box(margin, m_y, textWidth(), 22);
    m_painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
    m_painter.setPen(QPen(QColor(0x1f, 0x5f, 0x9e), 1.2));
    m_painter.drawLine(QPointF(margin, m_y + 24), QPointF(margin + textWidth(), m_y + 24));
    m_y += 32;
}

void PdfPages::paragraph(const QString &text, double size, QColor colour)
{
    m_painter.setFont(font(size));
    const QRectF bounds =
        m_painter.boundingRect(QRectF(margin, 0, textWidth(), 10000), Qt::TextWordWrap, text);
    need(bounds.height());
    m_painter.setPen(colour);
    m_painter.drawText(QRectF(margin, m_y, textWidth(), bounds.height()), Qt::TextWordWrap, text);
    m_y += bounds.height() + size * 0.6;
}

QList<double> PdfPages::fitted(const QList<double> &shares, const QStringList &header,
                               const QList<QStringList> &rows) const
{
    // Each column gets its share of the width; a column whose longest cell (or header) needs
    // more takes it from columns with room to spare, so names are not cut while numbers have
    // space. A header that still does not fit wraps.
    const QFontMetricsF metrics(font(9), m_painter.device());
    const QFontMetricsF headerMetrics(font(8.5, QFont::Bold), m_painter.device());
    QList<double> width, need;
    for (qsizetype c = 0; c < shares.size(); ++c) {
        width << shares[c] * textWidth();
        double longest = c < header.size() ? headerMetrics.horizontalAdvance(header[c]) + 8 : 0;
        for (const QStringList &row : rows)
            if (c < row.size())
                longest = std::max(longest, metrics.horizontalAdvance(row[c]) + 8);
        need << longest;
    }
    double spare = 0, short_ = 0;
    for (qsizetype c = 0; c < width.size(); ++c) {
        spare += std::max(0.0, width[c] - need[c]);
        short_ += std::max(0.0, need[c] - width[c]);
    }
    if (short_ <= 0 || spare <= 0)
        return width;
    const double give = std::min(1.0, short_ / spare), take = std::min(1.0, spare / short_);
    for (qsizetype c = 0; c < width.size(); ++c)
        width[c] += need[c] > width[c] ? (need[c] - width[c]) * take : -(width[c] - need[c]) * give;
    return width;
}

void PdfPages::table(const QStringList &header, const QList<QStringList> &rows,
                     const QList<double> &widths, int leftColumns)
{
    const double rowHeight = 17;
    const QList<double> columns = fitted(widths, header, rows);
    QList<double> x{margin};
    for (double w : columns)
        x << x.last() + w;
    // Headers are never cut: a long one wraps, and the header row grows to hold it.
    const QFont headerFont = font(8.5, QFont::Bold);
    const int wrap = Qt::TextWordWrap;
    double headerHeight = 20;
    {
        const QFontMetricsF metrics(headerFont, m_painter.device());
        for (qsizetype c = 0; c < header.size() && c + 1 < x.size(); ++c) {
            const QRectF room(0, 0, x[c + 1] - x[c] - 6, 1000);
            headerHeight =
                std::max(headerHeight, metrics.boundingRect(room, wrap, header[c]).height() + 6);
        }
    }
    // A cell too long for its column wraps and its row grows: a report never cuts text.
    const QFont bodyFont = font(9);
    const QFontMetricsF bodyMetrics(bodyFont, m_painter.device());
    const auto heightOf = [&](const QStringList &cells) {
        double height = rowHeight;
        for (qsizetype c = 0; c < cells.size() && c + 1 < x.size(); ++c) {
            const QRectF room(0, 0, x[c + 1] - x[c] - 6, 1000);
            height = std::max(height, bodyMetrics.boundingRect(room, wrap, cells[c]).height() + 4);
        }
        return height;
    };
    const auto paintRow = [&](const QStringList &cells, double height) {
        m_painter.setFont(bodyFont);
        for (qsizetype c = 0; c < cells.size() && c + 1 < x.size(); ++c) {
            const QRectF box(x[c] + 3, m_y, x[c + 1] - x[c] - 6, height);
            const int align =
                (c < leftColumns ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter | wrap;
            m_painter.drawText(box, align, cells[c]);
        }
        m_y += height;
    };
    const auto paintHeader = [&] {
        m_painter.fillRect(QRectF(margin, m_y, textWidth(), headerHeight),
                           QColor(0xe8, 0xee, 0xf4));
        m_painter.setPen(ink);
        m_painter.setFont(headerFont);
        for (qsizetype c = 0; c < header.size() && c + 1 < x.size(); ++c) {
            const QRectF box(x[c] + 3, m_y, x[c + 1] - x[c] - 6, headerHeight);
            const int align =
                (c < leftColumns ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter | wrap;
            m_painter.drawText(box, align, header[c]);
        }
        m_y += headerHeight;
    };
    need(headerHeight + rowHeight * std::min<qsizetype>(3, rows.size()));
    paintHeader();
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const double height = heightOf(rows[r]);
        if (height > spaceLeft()) {
            newPage();
            paintHeader();
        }
        if (r % 2 == 1)
            m_painter.fillRect(QRectF(margin, m_y, textWidth(), height), QColor(0xf6, 0xf8, 0xfa));
        m_painter.setPen(ink);
        paintRow(rows[r], height);
    }
    m_painter.setPen(QPen(rule, 0.6));
    m_painter.drawLine(QPointF(margin, m_y), QPointF(margin + textWidth(), m_y));
    m_y += 12;
}

void PdfPages::block(double height, const std::function<void(QPainter &, const QRectF &)> &draw)
{
    need(height);
    m_painter.save();
    draw(m_painter, QRectF(margin, m_y, textWidth(), height));
    m_painter.restore();
    m_y += height + 8;
}

Result<void> PdfPages::finish()
{
    paintFooter();
    if (!m_painter.end() || !QFileInfo(m_partial.path()).size() || !m_partial.commit())
        return Error{QStringLiteral("report.write"), tr("Cannot finish %1").arg(m_path), {}};
    return {};
}

MapView PdfPages::mapView(QSize size, const MapScene &scene, const QRectF &extent,
                          const QString &title)
{
    // the legend's marks depend on the scale: read it at the scale of the whole box, close enough
    const MapView whole = MapView::fitting(extent, size, 1, 0.03);
    const double legend =
        mapdecorations::legendSize(scene, whole, title).width() + 2 * mapdecorations::legendMargin;
    const int mapWidth = std::max(size.width() / 3, int(size.width() - legend));
    MapView view = MapView::fitting(extent, QSize(mapWidth, size.height()), 1, 0.03);
    view.size = size;
    view.center.rx() += (size.width() - mapWidth) / 2.0 * view.unitsPerPixel;
    return view;
}

void PdfPages::map(double height, const MapScene &scene, const QRectF &extent, const QString &title)
{
    block(height, [&](QPainter &p, const QRectF &box) {
        // the map in its logical pixels (96 an inch), scaled to points: all of it vector
        const double toPoints = 72.0 / 96.0;
        const QSize size(int(box.width() / toPoints), int(box.height() / toPoints));
        const MapView view = mapView(size, scene, extent, title);
        p.translate(box.topLeft());
        p.scale(toPoints, toPoints);
        MapExport::paint(p, scene, view, title);
        p.setPen(QPen(QColor(0xc5, 0xcc, 0xd4), 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(QPointF(0, 0), QSizeF(size)));
    });
}

} // namespace citygrid
